-- +goose Up
-- The regency's imbalance figures, one row a day (the last computation of
-- the day wins), so the dashboard can show how balance moves over time.
CREATE TABLE imbalance_history (
  day CHAR(10) NOT NULL PRIMARY KEY,
  figures TEXT NOT NULL,
  recorded_at DATETIME NOT NULL
);

-- +goose Down
DROP TABLE imbalance_history;
