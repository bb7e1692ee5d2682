-- +goose Up
-- The replacement proposals the planner made for the slots upheld
-- objections left open, and HR's review of each (proposed, accepted into
-- the round's proposals, or discarded).
CREATE TABLE objection_replacements (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  objection_id BIGINT NOT NULL,
  transfer_id BIGINT NOT NULL,
  status VARCHAR(12) NOT NULL,
  created_by VARCHAR(64) NOT NULL,
  created_at DATETIME NOT NULL,
  reviewed_by VARCHAR(64) NOT NULL DEFAULT '',
  reviewed_at DATETIME NULL,
  CONSTRAINT uq_objection_replacements_transfer UNIQUE (transfer_id),
  CONSTRAINT fk_objection_replacements_objection FOREIGN KEY (objection_id) REFERENCES objections (id)
);
CREATE INDEX ix_objection_replacements_objection ON objection_replacements (objection_id, status);

-- +goose Down
DROP TABLE objection_replacements;
