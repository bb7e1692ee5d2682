-- +goose Up
-- The whole Seimbang domain. Times are UTC text of fixed width (see the store DSN); dates are YYYY-MM-DD text.

CREATE TABLE units (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  code VARCHAR(50) NOT NULL COLLATE NOCASE,
  name VARCHAR(200) NOT NULL,
  parent_id BIGINT NULL,
  kind VARCHAR(20) NOT NULL,
  address VARCHAR(500) NOT NULL DEFAULT '',
  lat DOUBLE NULL,
  lng DOUBLE NULL,
  time_zone VARCHAR(4) NOT NULL DEFAULT 'WIB',
  excluded_from_planning BOOLEAN NOT NULL DEFAULT FALSE,
  created_at DATETIME NOT NULL,
  updated_at DATETIME NOT NULL,
  CONSTRAINT uq_units_code UNIQUE (code),
  CONSTRAINT fk_units_parent FOREIGN KEY (parent_id) REFERENCES units (id)
);
CREATE INDEX ix_units_parent ON units (parent_id);

CREATE TABLE positions (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  code VARCHAR(50) NOT NULL COLLATE NOCASE,
  unit_id BIGINT NOT NULL,
  name VARCHAR(200) NOT NULL,
  kind VARCHAR(20) NOT NULL,
  job_family VARCHAR(100) NOT NULL DEFAULT '',
  min_education VARCHAR(4) NOT NULL DEFAULT '',
  accepted_fields TEXT NOT NULL,
  competencies TEXT NOT NULL,
  created_at DATETIME NOT NULL,
  updated_at DATETIME NOT NULL,
  CONSTRAINT uq_positions_code UNIQUE (code),
  CONSTRAINT fk_positions_unit FOREIGN KEY (unit_id) REFERENCES units (id)
);
CREATE INDEX ix_positions_unit ON positions (unit_id);
CREATE INDEX ix_positions_family ON positions (job_family);

CREATE TABLE workload_tasks (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  position_id BIGINT NOT NULL,
  period VARCHAR(20) NOT NULL DEFAULT '',
  task VARCHAR(500) NOT NULL,
  yearly_volume DOUBLE NOT NULL,
  standard_minutes DOUBLE NOT NULL,
  CONSTRAINT fk_workload_position FOREIGN KEY (position_id) REFERENCES positions (id) ON DELETE CASCADE
);
CREATE INDEX ix_workload_position ON workload_tasks (position_id, period);

CREATE TABLE employees (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  nip CHAR(18) NOT NULL,
  name VARCHAR(200) NOT NULL,
  golongan VARCHAR(6) NOT NULL DEFAULT '',
  position_id BIGINT NULL,
  unit_id BIGINT NULL,
  tmt_jabatan TEXT NULL,
  birth_date TEXT NULL,
  gender CHAR(1) NOT NULL DEFAULT '',
  education_level VARCHAR(4) NOT NULL DEFAULT '',
  education_field VARCHAR(100) NOT NULL DEFAULT '',
  competencies TEXT NOT NULL,
  performance VARCHAR(20) NOT NULL DEFAULT '',
  phone VARCHAR(20) NOT NULL DEFAULT '',
  home_lat DOUBLE NULL,
  home_lng DOUBLE NULL,
  telegram_user_id BIGINT NULL,
  telegram_linked_at DATETIME NULL,
  unreachable_at DATETIME NULL,
  language VARCHAR(5) NOT NULL DEFAULT 'id',
  active BOOLEAN NOT NULL DEFAULT TRUE,
  created_at DATETIME NOT NULL,
  updated_at DATETIME NOT NULL,
  CONSTRAINT uq_employees_nip UNIQUE (nip),
  CONSTRAINT uq_employees_telegram UNIQUE (telegram_user_id),
  CONSTRAINT fk_employees_position FOREIGN KEY (position_id) REFERENCES positions (id),
  CONSTRAINT fk_employees_unit FOREIGN KEY (unit_id) REFERENCES units (id)
);
CREATE INDEX ix_employees_unit_name ON employees (unit_id, name);
CREATE INDEX ix_employees_position ON employees (position_id);
CREATE INDEX ix_employees_name ON employees (name);
CREATE INDEX ix_employees_phone ON employees (phone);

CREATE TABLE performance_ratings (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  employee_id BIGINT NOT NULL,
  period VARCHAR(20) NOT NULL,
  predikat VARCHAR(20) NOT NULL,
  created_at DATETIME NOT NULL,
  CONSTRAINT uq_ratings_employee_period UNIQUE (employee_id, period),
  CONSTRAINT fk_ratings_employee FOREIGN KEY (employee_id) REFERENCES employees (id) ON DELETE CASCADE
);

CREATE TABLE preferences (
  employee_id BIGINT NOT NULL PRIMARY KEY,
  unit1_id BIGINT NULL,
  unit2_id BIGINT NULL,
  unit3_id BIGINT NULL,
  willingness VARCHAR(12) NOT NULL,
  constraint_health BOOLEAN NOT NULL DEFAULT FALSE,
  constraint_family BOOLEAN NOT NULL DEFAULT FALSE,
  constraint_domicile BOOLEAN NOT NULL DEFAULT FALSE,
  reason TEXT NOT NULL,
  updated_at DATETIME NOT NULL,
  CONSTRAINT fk_preferences_employee FOREIGN KEY (employee_id) REFERENCES employees (id) ON DELETE CASCADE,
  CONSTRAINT fk_preferences_unit1 FOREIGN KEY (unit1_id) REFERENCES units (id),
  CONSTRAINT fk_preferences_unit2 FOREIGN KEY (unit2_id) REFERENCES units (id),
  CONSTRAINT fk_preferences_unit3 FOREIGN KEY (unit3_id) REFERENCES units (id)
);

CREATE TABLE admin_users (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  email VARCHAR(190) NOT NULL COLLATE NOCASE,
  name VARCHAR(200) NOT NULL DEFAULT '',
  password_hash VARCHAR(255) NOT NULL,
  role VARCHAR(20) NOT NULL,
  unit_id BIGINT NULL,
  failed_logins INT NOT NULL DEFAULT 0,
  locked_until DATETIME NULL,
  last_login_at DATETIME NULL,
  must_change_password BOOLEAN NOT NULL DEFAULT FALSE,
  disabled BOOLEAN NOT NULL DEFAULT FALSE,
  created_at DATETIME NOT NULL,
  updated_at DATETIME NOT NULL,
  CONSTRAINT uq_admin_users_email UNIQUE (email),
  CONSTRAINT fk_admin_users_unit FOREIGN KEY (unit_id) REFERENCES units (id)
);

CREATE TABLE admin_sessions (
  id CHAR(64) NOT NULL PRIMARY KEY,
  user_id BIGINT NOT NULL,
  csrf_token VARCHAR(100) NOT NULL,
  created_at DATETIME NOT NULL,
  expires_at DATETIME NOT NULL,
  ip VARCHAR(64) NOT NULL DEFAULT '',
  user_agent VARCHAR(300) NOT NULL DEFAULT '',
  CONSTRAINT fk_sessions_user FOREIGN KEY (user_id) REFERENCES admin_users (id) ON DELETE CASCADE
);
CREATE INDEX ix_sessions_user ON admin_sessions (user_id);
CREATE INDEX ix_sessions_expires ON admin_sessions (expires_at);

CREATE TABLE api_tokens (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  name VARCHAR(200) NOT NULL,
  token_hash CHAR(64) NOT NULL,
  prefix VARCHAR(12) NOT NULL,
  role VARCHAR(20) NOT NULL,
  unit_id BIGINT NULL,
  created_by VARCHAR(64) NOT NULL,
  created_at DATETIME NOT NULL,
  last_used_at DATETIME NULL,
  revoked_at DATETIME NULL,
  CONSTRAINT uq_api_tokens_hash UNIQUE (token_hash),
  CONSTRAINT fk_api_tokens_unit FOREIGN KEY (unit_id) REFERENCES units (id)
);

CREATE TABLE link_codes (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  employee_id BIGINT NOT NULL,
  code_hash CHAR(64) NOT NULL,
  expires_at DATETIME NOT NULL,
  used_at DATETIME NULL,
  created_by VARCHAR(64) NOT NULL,
  created_at DATETIME NOT NULL,
  CONSTRAINT uq_link_codes_hash UNIQUE (code_hash),
  CONSTRAINT fk_link_codes_employee FOREIGN KEY (employee_id) REFERENCES employees (id) ON DELETE CASCADE
);
CREATE INDEX ix_link_codes_employee ON link_codes (employee_id);

CREATE TABLE rounds (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  name VARCHAR(200) NOT NULL,
  status VARCHAR(20) NOT NULL,
  params TEXT NOT NULL,
  objection_deadline DATETIME NULL,
  effective_date TEXT NULL,
  sk_number VARCHAR(100) NOT NULL DEFAULT '',
  created_by VARCHAR(64) NOT NULL,
  created_at DATETIME NOT NULL,
  announced_at DATETIME NULL,
  approved_at DATETIME NULL
);
CREATE INDEX ix_rounds_status ON rounds (status);

CREATE TABLE round_units (
  round_id BIGINT NOT NULL,
  unit_id BIGINT NOT NULL,
  PRIMARY KEY (round_id, unit_id),
  CONSTRAINT fk_round_units_round FOREIGN KEY (round_id) REFERENCES rounds (id) ON DELETE CASCADE,
  CONSTRAINT fk_round_units_unit FOREIGN KEY (unit_id) REFERENCES units (id)
);

CREATE TABLE transfers (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  round_id BIGINT NOT NULL,
  employee_id BIGINT NOT NULL,
  from_unit_id BIGINT NOT NULL,
  from_position_id BIGINT NOT NULL,
  to_unit_id BIGINT NOT NULL,
  to_position_id BIGINT NOT NULL,
  kind VARCHAR(12) NOT NULL,
  end_date TEXT NULL,
  reason TEXT NOT NULL,
  explanation TEXT NOT NULL,
  manual BOOLEAN NOT NULL DEFAULT FALSE,
  status VARCHAR(12) NOT NULL,
  acknowledged_at DATETIME NULL,
  created_at DATETIME NOT NULL,
  updated_at DATETIME NOT NULL,
  CONSTRAINT uq_transfers_round_employee UNIQUE (round_id, employee_id),
  CONSTRAINT fk_transfers_round FOREIGN KEY (round_id) REFERENCES rounds (id),
  CONSTRAINT fk_transfers_employee FOREIGN KEY (employee_id) REFERENCES employees (id),
  CONSTRAINT fk_transfers_from_unit FOREIGN KEY (from_unit_id) REFERENCES units (id),
  CONSTRAINT fk_transfers_from_position FOREIGN KEY (from_position_id) REFERENCES positions (id),
  CONSTRAINT fk_transfers_to_unit FOREIGN KEY (to_unit_id) REFERENCES units (id),
  CONSTRAINT fk_transfers_to_position FOREIGN KEY (to_position_id) REFERENCES positions (id)
);
CREATE INDEX ix_transfers_round_status ON transfers (round_id, status);
CREATE INDEX ix_transfers_employee_status ON transfers (employee_id, status);
CREATE INDEX ix_transfers_to_unit ON transfers (to_unit_id);
CREATE INDEX ix_transfers_from_unit ON transfers (from_unit_id);
CREATE INDEX ix_transfers_status_end ON transfers (status, end_date);

CREATE TABLE transfer_events (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  transfer_id BIGINT NOT NULL,
  from_status VARCHAR(12) NOT NULL,
  to_status VARCHAR(12) NOT NULL,
  actor VARCHAR(64) NOT NULL,
  reason TEXT NOT NULL,
  at DATETIME NOT NULL,
  CONSTRAINT fk_transfer_events_transfer FOREIGN KEY (transfer_id) REFERENCES transfers (id) ON DELETE CASCADE
);
CREATE INDEX ix_transfer_events_transfer ON transfer_events (transfer_id, id);

CREATE TABLE transfer_comments (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  transfer_id BIGINT NOT NULL,
  admin_user_id BIGINT NOT NULL,
  text TEXT NOT NULL,
  created_at DATETIME NOT NULL,
  CONSTRAINT fk_transfer_comments_transfer FOREIGN KEY (transfer_id) REFERENCES transfers (id) ON DELETE CASCADE,
  CONSTRAINT fk_transfer_comments_user FOREIGN KEY (admin_user_id) REFERENCES admin_users (id)
);
CREATE INDEX ix_transfer_comments_transfer ON transfer_comments (transfer_id);

CREATE TABLE objections (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  transfer_id BIGINT NOT NULL,
  employee_id BIGINT NOT NULL,
  receipt VARCHAR(32) NOT NULL,
  category VARCHAR(20) NOT NULL,
  text TEXT NOT NULL,
  attachments TEXT NOT NULL,
  status VARCHAR(12) NOT NULL,
  answer TEXT NOT NULL,
  decided_by VARCHAR(64) NOT NULL DEFAULT '',
  decided_at DATETIME NULL,
  created_at DATETIME NOT NULL,
  CONSTRAINT uq_objections_receipt UNIQUE (receipt),
  CONSTRAINT fk_objections_transfer FOREIGN KEY (transfer_id) REFERENCES transfers (id),
  CONSTRAINT fk_objections_employee FOREIGN KEY (employee_id) REFERENCES employees (id)
);
CREATE INDEX ix_objections_status ON objections (status, created_at);
CREATE INDEX ix_objections_transfer ON objections (transfer_id);

CREATE TABLE survey_templates (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  name VARCHAR(200) NOT NULL,
  anonymous BOOLEAN NOT NULL DEFAULT FALSE,
  is_default BOOLEAN NOT NULL DEFAULT FALSE,
  created_at DATETIME NOT NULL
);

CREATE TABLE survey_questions (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  template_id BIGINT NOT NULL,
  position INT NOT NULL,
  kind VARCHAR(10) NOT NULL,
  text TEXT NOT NULL,
  text_en TEXT NOT NULL,
  options TEXT NOT NULL,
  required BOOLEAN NOT NULL DEFAULT TRUE,
  CONSTRAINT uq_survey_questions_position UNIQUE (template_id, position),
  CONSTRAINT fk_survey_questions_template FOREIGN KEY (template_id) REFERENCES survey_templates (id) ON DELETE CASCADE
);

CREATE TABLE survey_waves (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  round_id BIGINT NOT NULL,
  template_id BIGINT NOT NULL,
  seq INT NOT NULL,
  after_seconds BIGINT NOT NULL,
  CONSTRAINT uq_survey_waves_round_seq UNIQUE (round_id, seq),
  CONSTRAINT fk_survey_waves_round FOREIGN KEY (round_id) REFERENCES rounds (id) ON DELETE CASCADE,
  CONSTRAINT fk_survey_waves_template FOREIGN KEY (template_id) REFERENCES survey_templates (id)
);

CREATE TABLE survey_invitations (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  wave_id BIGINT NOT NULL,
  transfer_id BIGINT NOT NULL,
  employee_id BIGINT NOT NULL,
  status VARCHAR(12) NOT NULL,
  due_at DATETIME NOT NULL,
  next_action_at DATETIME NULL,
  invited_at DATETIME NULL,
  reminders_sent INT NOT NULL DEFAULT 0,
  expires_at DATETIME NULL,
  progress INT NOT NULL DEFAULT 0,
  answered_at DATETIME NULL,
  lease_owner VARCHAR(64) NOT NULL DEFAULT '',
  lease_until DATETIME NULL,
  CONSTRAINT uq_survey_invitations_wave_transfer UNIQUE (wave_id, transfer_id),
  CONSTRAINT fk_survey_invitations_wave FOREIGN KEY (wave_id) REFERENCES survey_waves (id) ON DELETE CASCADE,
  CONSTRAINT fk_survey_invitations_transfer FOREIGN KEY (transfer_id) REFERENCES transfers (id),
  CONSTRAINT fk_survey_invitations_employee FOREIGN KEY (employee_id) REFERENCES employees (id)
);
CREATE INDEX ix_survey_invitations_due ON survey_invitations (status, next_action_at);
CREATE INDEX ix_survey_invitations_employee ON survey_invitations (employee_id, status);

CREATE TABLE survey_responses (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  invitation_id BIGINT NULL,
  wave_id BIGINT NOT NULL,
  question_id BIGINT NOT NULL,
  unit_id BIGINT NULL,
  transfer_kind VARCHAR(12) NOT NULL DEFAULT '',
  value INT NULL,
  text TEXT NOT NULL,
  created_at DATETIME NOT NULL,
  CONSTRAINT uq_survey_responses_answer UNIQUE (invitation_id, question_id),
  CONSTRAINT fk_survey_responses_invitation FOREIGN KEY (invitation_id) REFERENCES survey_invitations (id) ON DELETE CASCADE,
  CONSTRAINT fk_survey_responses_wave FOREIGN KEY (wave_id) REFERENCES survey_waves (id) ON DELETE CASCADE,
  CONSTRAINT fk_survey_responses_question FOREIGN KEY (question_id) REFERENCES survey_questions (id),
  CONSTRAINT fk_survey_responses_unit FOREIGN KEY (unit_id) REFERENCES units (id)
);
CREATE INDEX ix_survey_responses_wave_question ON survey_responses (wave_id, question_id);

CREATE TABLE outbox_messages (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  dedup_key VARCHAR(191) NOT NULL,
  kind VARCHAR(30) NOT NULL,
  employee_id BIGINT NULL,
  chat_id BIGINT NOT NULL,
  payload TEXT NOT NULL,
  status VARCHAR(10) NOT NULL,
  attempts INT NOT NULL DEFAULT 0,
  next_attempt_at DATETIME NOT NULL,
  lease_owner VARCHAR(64) NOT NULL DEFAULT '',
  lease_until DATETIME NULL,
  telegram_message_id BIGINT NULL,
  error TEXT NOT NULL,
  created_at DATETIME NOT NULL,
  sent_at DATETIME NULL,
  CONSTRAINT uq_outbox_dedup UNIQUE (dedup_key),
  CONSTRAINT fk_outbox_employee FOREIGN KEY (employee_id) REFERENCES employees (id)
);
CREATE INDEX ix_outbox_due ON outbox_messages (status, next_attempt_at);
CREATE INDEX ix_outbox_employee ON outbox_messages (employee_id, kind);
CREATE INDEX ix_outbox_kind_status ON outbox_messages (kind, status);

CREATE TABLE telegram_updates (
  update_id BIGINT NOT NULL PRIMARY KEY,
  payload TEXT NOT NULL,
  status VARCHAR(10) NOT NULL,
  attempts INT NOT NULL DEFAULT 0,
  error TEXT NOT NULL,
  received_at DATETIME NOT NULL,
  processed_at DATETIME NULL
);
CREATE INDEX ix_telegram_updates_status ON telegram_updates (status, update_id);

CREATE TABLE announcements (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  text TEXT NOT NULL,
  unit_codes TEXT NOT NULL,
  created_by VARCHAR(64) NOT NULL,
  created_at DATETIME NOT NULL
);

CREATE TABLE holidays (
  day TEXT NOT NULL PRIMARY KEY,
  name VARCHAR(200) NOT NULL
);

CREATE TABLE imbalance_snapshots (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  taken_at DATETIME NOT NULL,
  round_id BIGINT NULL,
  label VARCHAR(30) NOT NULL,
  figures TEXT NOT NULL,
  CONSTRAINT fk_snapshots_round FOREIGN KEY (round_id) REFERENCES rounds (id) ON DELETE CASCADE
);
CREATE INDEX ix_snapshots_taken ON imbalance_snapshots (taken_at);
CREATE INDEX ix_snapshots_round ON imbalance_snapshots (round_id, label);

CREATE TABLE settings (
  name VARCHAR(100) NOT NULL PRIMARY KEY,
  value TEXT NOT NULL,
  updated_at DATETIME NOT NULL
);

CREATE TABLE audit_log (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  at DATETIME NOT NULL,
  actor VARCHAR(64) NOT NULL,
  action VARCHAR(64) NOT NULL,
  object_type VARCHAR(32) NOT NULL,
  object_id VARCHAR(64) NOT NULL,
  before_json TEXT NOT NULL,
  after_json TEXT NOT NULL,
  reason TEXT NOT NULL
);
CREATE INDEX ix_audit_at ON audit_log (at);
CREATE INDEX ix_audit_object ON audit_log (object_type, object_id);
CREATE INDEX ix_audit_actor ON audit_log (actor, at);

-- +goose Down
DROP TABLE audit_log;
DROP TABLE settings;
DROP TABLE imbalance_snapshots;
DROP TABLE holidays;
DROP TABLE announcements;
DROP TABLE telegram_updates;
DROP TABLE outbox_messages;
DROP TABLE survey_responses;
DROP TABLE survey_invitations;
DROP TABLE survey_waves;
DROP TABLE survey_questions;
DROP TABLE survey_templates;
DROP TABLE objections;
DROP TABLE transfer_comments;
DROP TABLE transfer_events;
DROP TABLE transfers;
DROP TABLE round_units;
DROP TABLE rounds;
DROP TABLE link_codes;
DROP TABLE api_tokens;
DROP TABLE admin_sessions;
DROP TABLE admin_users;
DROP TABLE preferences;
DROP TABLE performance_ratings;
DROP TABLE employees;
DROP TABLE workload_tasks;
DROP TABLE positions;
DROP TABLE units;
