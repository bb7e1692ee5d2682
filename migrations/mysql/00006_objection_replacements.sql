-- +goose Up
-- The replacement proposals the planner made for the slots upheld
-- objections left open, and HR's review of each (proposed, accepted into
-- the round's proposals, or discarded).
CREATE TABLE objection_replacements (
  id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
  objection_id BIGINT NOT NULL,
  transfer_id BIGINT NOT NULL,
  status VARCHAR(12) NOT NULL,
  created_by VARCHAR(64) NOT NULL,
  created_at DATETIME(6) NOT NULL,
  reviewed_by VARCHAR(64) NOT NULL DEFAULT '',
  reviewed_at DATETIME(6) NULL,
  CONSTRAINT uq_objection_replacements_transfer UNIQUE (transfer_id),
  CONSTRAINT fk_objection_replacements_objection FOREIGN KEY (objection_id) REFERENCES objections (id),
  INDEX ix_objection_replacements_objection (objection_id, status)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- +goose Down
DROP TABLE objection_replacements;
