-- +goose Up
-- The panel's daily figures now live in imbalance_snapshots beside each
-- round's, under the label "day:YYYY-MM-DD"; move any recorded days there.
INSERT INTO imbalance_snapshots (taken_at, round_id, label, figures)
  SELECT recorded_at, NULL, 'day:' || day, figures FROM imbalance_history;
DROP TABLE imbalance_history;

-- +goose Down
CREATE TABLE imbalance_history (
  day CHAR(10) NOT NULL PRIMARY KEY,
  figures TEXT NOT NULL,
  recorded_at DATETIME NOT NULL
);
DELETE FROM imbalance_snapshots WHERE round_id IS NULL AND label LIKE 'day:%';
