-- +goose Up
-- HR may send one reminder by hand per survey invitation: when and by whom,
-- so that a second one is refused and the list of non-responders shows it.
ALTER TABLE survey_invitations ADD COLUMN manual_reminder_at DATETIME NULL;
ALTER TABLE survey_invitations ADD COLUMN manual_reminder_by VARCHAR(64) NOT NULL DEFAULT '';

-- +goose Down
ALTER TABLE survey_invitations DROP COLUMN manual_reminder_by;
ALTER TABLE survey_invitations DROP COLUMN manual_reminder_at;
