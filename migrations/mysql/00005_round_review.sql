-- +goose Up
-- HR's review of a proposal: accepted, by whom and when. (Unit heads'
-- comments live in transfer_comments, created with the schema.)
ALTER TABLE transfers ADD COLUMN accepted_at DATETIME(6) NULL, ADD COLUMN accepted_by VARCHAR(64) NOT NULL DEFAULT '';

-- +goose Down
ALTER TABLE transfers DROP COLUMN accepted_by, DROP COLUMN accepted_at;
