-- +goose Up
-- Who an announcement reached when it was sent: the employees it was
-- enqueued for, and those of its units without Telegram or who had
-- blocked the bot.
ALTER TABLE announcements ADD COLUMN recipients INTEGER NOT NULL DEFAULT 0;
ALTER TABLE announcements ADD COLUMN not_linked INTEGER NOT NULL DEFAULT 0;
ALTER TABLE announcements ADD COLUMN blocked INTEGER NOT NULL DEFAULT 0;
-- A survey template that invitations were sent with is never changed:
-- an edit makes a new version (previous_id) and archives the old one.
ALTER TABLE survey_templates ADD COLUMN archived_at DATETIME NULL;
ALTER TABLE survey_templates ADD COLUMN previous_id BIGINT NULL;
-- The template a round's survey waves use; NULL for the default one.
ALTER TABLE rounds ADD COLUMN survey_template_id BIGINT NULL REFERENCES survey_templates (id);

-- +goose Down
ALTER TABLE rounds DROP COLUMN survey_template_id;
ALTER TABLE survey_templates DROP COLUMN previous_id;
ALTER TABLE survey_templates DROP COLUMN archived_at;
ALTER TABLE announcements DROP COLUMN blocked;
ALTER TABLE announcements DROP COLUMN not_linked;
ALTER TABLE announcements DROP COLUMN recipients;
