-- +goose Up
-- When the last invitation or reminder went out, so the next reminder is
-- counted from a real send and not from a time the process was down.
ALTER TABLE survey_invitations ADD COLUMN last_sent_at DATETIME(6) NULL;

-- +goose Down
ALTER TABLE survey_invitations DROP COLUMN last_sent_at;
