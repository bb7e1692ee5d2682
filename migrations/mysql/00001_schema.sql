-- +goose Up
-- The whole Seimbang domain. Times are UTC (DATETIME(6)); dates are DATE.

CREATE TABLE units (
  id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
  code VARCHAR(50) NOT NULL,
  name VARCHAR(200) NOT NULL,
  parent_id BIGINT NULL,
  kind VARCHAR(20) NOT NULL,
  address VARCHAR(500) NOT NULL DEFAULT '',
  lat DOUBLE NULL,
  lng DOUBLE NULL,
  time_zone VARCHAR(4) NOT NULL DEFAULT 'WIB',
  excluded_from_planning BOOLEAN NOT NULL DEFAULT FALSE,
  created_at DATETIME(6) NOT NULL,
  updated_at DATETIME(6) NOT NULL,
  CONSTRAINT uq_units_code UNIQUE (code),
  CONSTRAINT fk_units_parent FOREIGN KEY (parent_id) REFERENCES units (id),
  INDEX ix_units_parent (parent_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE positions (
  id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
  code VARCHAR(50) NOT NULL,
  unit_id BIGINT NOT NULL,
  name VARCHAR(200) NOT NULL,
  kind VARCHAR(20) NOT NULL,
  job_family VARCHAR(100) NOT NULL DEFAULT '',
  min_education VARCHAR(4) NOT NULL DEFAULT '',
  accepted_fields TEXT NOT NULL,
  competencies TEXT NOT NULL,
  created_at DATETIME(6) NOT NULL,
  updated_at DATETIME(6) NOT NULL,
  CONSTRAINT uq_positions_code UNIQUE (code),
  CONSTRAINT fk_positions_unit FOREIGN KEY (unit_id) REFERENCES units (id),
  INDEX ix_positions_unit (unit_id),
  INDEX ix_positions_family (job_family)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE workload_tasks (
  id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
  position_id BIGINT NOT NULL,
  period VARCHAR(20) NOT NULL DEFAULT '',
  task VARCHAR(500) NOT NULL,
  yearly_volume DOUBLE NOT NULL,
  standard_minutes DOUBLE NOT NULL,
  CONSTRAINT fk_workload_position FOREIGN KEY (position_id) REFERENCES positions (id) ON DELETE CASCADE,
  INDEX ix_workload_position (position_id, period)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE employees (
  id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
  nip CHAR(18) NOT NULL,
  name VARCHAR(200) NOT NULL,
  golongan VARCHAR(6) NOT NULL DEFAULT '',
  position_id BIGINT NULL,
  unit_id BIGINT NULL,
  tmt_jabatan DATE NULL,
  birth_date DATE NULL,
  gender CHAR(1) NOT NULL DEFAULT '',
  education_level VARCHAR(4) NOT NULL DEFAULT '',
  education_field VARCHAR(100) NOT NULL DEFAULT '',
  competencies TEXT NOT NULL,
  performance VARCHAR(20) NOT NULL DEFAULT '',
  phone VARCHAR(20) NOT NULL DEFAULT '',
  home_lat DOUBLE NULL,
  home_lng DOUBLE NULL,
  telegram_user_id BIGINT NULL,
  telegram_linked_at DATETIME(6) NULL,
  unreachable_at DATETIME(6) NULL,
  language VARCHAR(5) NOT NULL DEFAULT 'id',
  active BOOLEAN NOT NULL DEFAULT TRUE,
  created_at DATETIME(6) NOT NULL,
  updated_at DATETIME(6) NOT NULL,
  CONSTRAINT uq_employees_nip UNIQUE (nip),
  CONSTRAINT uq_employees_telegram UNIQUE (telegram_user_id),
  CONSTRAINT fk_employees_position FOREIGN KEY (position_id) REFERENCES positions (id),
  CONSTRAINT fk_employees_unit FOREIGN KEY (unit_id) REFERENCES units (id),
  INDEX ix_employees_unit_name (unit_id, name),
  INDEX ix_employees_position (position_id),
  INDEX ix_employees_name (name),
  INDEX ix_employees_phone (phone)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE performance_ratings (
  id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
  employee_id BIGINT NOT NULL,
  period VARCHAR(20) NOT NULL,
  predikat VARCHAR(20) NOT NULL,
  created_at DATETIME(6) NOT NULL,
  CONSTRAINT uq_ratings_employee_period UNIQUE (employee_id, period),
  CONSTRAINT fk_ratings_employee FOREIGN KEY (employee_id) REFERENCES employees (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

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
  updated_at DATETIME(6) NOT NULL,
  CONSTRAINT fk_preferences_employee FOREIGN KEY (employee_id) REFERENCES employees (id) ON DELETE CASCADE,
  CONSTRAINT fk_preferences_unit1 FOREIGN KEY (unit1_id) REFERENCES units (id),
  CONSTRAINT fk_preferences_unit2 FOREIGN KEY (unit2_id) REFERENCES units (id),
  CONSTRAINT fk_preferences_unit3 FOREIGN KEY (unit3_id) REFERENCES units (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE admin_users (
  id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
  email VARCHAR(190) NOT NULL,
  name VARCHAR(200) NOT NULL DEFAULT '',
  password_hash VARCHAR(255) NOT NULL,
  role VARCHAR(20) NOT NULL,
  unit_id BIGINT NULL,
  failed_logins INT NOT NULL DEFAULT 0,
  locked_until DATETIME(6) NULL,
  last_login_at DATETIME(6) NULL,
  must_change_password BOOLEAN NOT NULL DEFAULT FALSE,
  disabled BOOLEAN NOT NULL DEFAULT FALSE,
  created_at DATETIME(6) NOT NULL,
  updated_at DATETIME(6) NOT NULL,
  CONSTRAINT uq_admin_users_email UNIQUE (email),
  CONSTRAINT fk_admin_users_unit FOREIGN KEY (unit_id) REFERENCES units (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE admin_sessions (
  id CHAR(64) NOT NULL PRIMARY KEY,
  user_id BIGINT NOT NULL,
  csrf_token VARCHAR(100) NOT NULL,
  created_at DATETIME(6) NOT NULL,
  expires_at DATETIME(6) NOT NULL,
  ip VARCHAR(64) NOT NULL DEFAULT '',
  user_agent VARCHAR(300) NOT NULL DEFAULT '',
  CONSTRAINT fk_sessions_user FOREIGN KEY (user_id) REFERENCES admin_users (id) ON DELETE CASCADE,
  INDEX ix_sessions_user (user_id),
  INDEX ix_sessions_expires (expires_at)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE api_tokens (
  id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
  name VARCHAR(200) NOT NULL,
  token_hash CHAR(64) NOT NULL,
  prefix VARCHAR(12) NOT NULL,
  role VARCHAR(20) NOT NULL,
  unit_id BIGINT NULL,
  created_by VARCHAR(64) NOT NULL,
  created_at DATETIME(6) NOT NULL,
  last_used_at DATETIME(6) NULL,
  revoked_at DATETIME(6) NULL,
  CONSTRAINT uq_api_tokens_hash UNIQUE (token_hash),
  CONSTRAINT fk_api_tokens_unit FOREIGN KEY (unit_id) REFERENCES units (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE link_codes (
  id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
  employee_id BIGINT NOT NULL,
  code_hash CHAR(64) NOT NULL,
  expires_at DATETIME(6) NOT NULL,
  used_at DATETIME(6) NULL,
  created_by VARCHAR(64) NOT NULL,
  created_at DATETIME(6) NOT NULL,
  CONSTRAINT uq_link_codes_hash UNIQUE (code_hash),
  CONSTRAINT fk_link_codes_employee FOREIGN KEY (employee_id) REFERENCES employees (id) ON DELETE CASCADE,
  INDEX ix_link_codes_employee (employee_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE rounds (
  id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
  name VARCHAR(200) NOT NULL,
  status VARCHAR(20) NOT NULL,
  params TEXT NOT NULL,
  objection_deadline DATETIME(6) NULL,
  effective_date DATE NULL,
  sk_number VARCHAR(100) NOT NULL DEFAULT '',
  created_by VARCHAR(64) NOT NULL,
  created_at DATETIME(6) NOT NULL,
  announced_at DATETIME(6) NULL,
  approved_at DATETIME(6) NULL,
  INDEX ix_rounds_status (status)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE round_units (
  round_id BIGINT NOT NULL,
  unit_id BIGINT NOT NULL,
  PRIMARY KEY (round_id, unit_id),
  CONSTRAINT fk_round_units_round FOREIGN KEY (round_id) REFERENCES rounds (id) ON DELETE CASCADE,
  CONSTRAINT fk_round_units_unit FOREIGN KEY (unit_id) REFERENCES units (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE transfers (
  id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
  round_id BIGINT NOT NULL,
  employee_id BIGINT NOT NULL,
  from_unit_id BIGINT NOT NULL,
  from_position_id BIGINT NOT NULL,
  to_unit_id BIGINT NOT NULL,
  to_position_id BIGINT NOT NULL,
  kind VARCHAR(12) NOT NULL,
  end_date DATE NULL,
  reason TEXT NOT NULL,
  explanation TEXT NOT NULL,
  manual BOOLEAN NOT NULL DEFAULT FALSE,
  status VARCHAR(12) NOT NULL,
  acknowledged_at DATETIME(6) NULL,
  created_at DATETIME(6) NOT NULL,
  updated_at DATETIME(6) NOT NULL,
  CONSTRAINT uq_transfers_round_employee UNIQUE (round_id, employee_id),
  CONSTRAINT fk_transfers_round FOREIGN KEY (round_id) REFERENCES rounds (id),
  CONSTRAINT fk_transfers_employee FOREIGN KEY (employee_id) REFERENCES employees (id),
  CONSTRAINT fk_transfers_from_unit FOREIGN KEY (from_unit_id) REFERENCES units (id),
  CONSTRAINT fk_transfers_from_position FOREIGN KEY (from_position_id) REFERENCES positions (id),
  CONSTRAINT fk_transfers_to_unit FOREIGN KEY (to_unit_id) REFERENCES units (id),
  CONSTRAINT fk_transfers_to_position FOREIGN KEY (to_position_id) REFERENCES positions (id),
  INDEX ix_transfers_round_status (round_id, status),
  INDEX ix_transfers_employee_status (employee_id, status),
  INDEX ix_transfers_to_unit (to_unit_id),
  INDEX ix_transfers_from_unit (from_unit_id),
  INDEX ix_transfers_status_end (status, end_date)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE transfer_events (
  id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
  transfer_id BIGINT NOT NULL,
  from_status VARCHAR(12) NOT NULL,
  to_status VARCHAR(12) NOT NULL,
  actor VARCHAR(64) NOT NULL,
  reason TEXT NOT NULL,
  at DATETIME(6) NOT NULL,
  CONSTRAINT fk_transfer_events_transfer FOREIGN KEY (transfer_id) REFERENCES transfers (id) ON DELETE CASCADE,
  INDEX ix_transfer_events_transfer (transfer_id, id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE transfer_comments (
  id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
  transfer_id BIGINT NOT NULL,
  admin_user_id BIGINT NOT NULL,
  text TEXT NOT NULL,
  created_at DATETIME(6) NOT NULL,
  CONSTRAINT fk_transfer_comments_transfer FOREIGN KEY (transfer_id) REFERENCES transfers (id) ON DELETE CASCADE,
  CONSTRAINT fk_transfer_comments_user FOREIGN KEY (admin_user_id) REFERENCES admin_users (id),
  INDEX ix_transfer_comments_transfer (transfer_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE objections (
  id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
  transfer_id BIGINT NOT NULL,
  employee_id BIGINT NOT NULL,
  receipt VARCHAR(32) NOT NULL,
  category VARCHAR(20) NOT NULL,
  text TEXT NOT NULL,
  attachments TEXT NOT NULL,
  status VARCHAR(12) NOT NULL,
  answer TEXT NOT NULL,
  decided_by VARCHAR(64) NOT NULL DEFAULT '',
  decided_at DATETIME(6) NULL,
  created_at DATETIME(6) NOT NULL,
  CONSTRAINT uq_objections_receipt UNIQUE (receipt),
  CONSTRAINT fk_objections_transfer FOREIGN KEY (transfer_id) REFERENCES transfers (id),
  CONSTRAINT fk_objections_employee FOREIGN KEY (employee_id) REFERENCES employees (id),
  INDEX ix_objections_status (status, created_at),
  INDEX ix_objections_transfer (transfer_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE survey_templates (
  id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
  name VARCHAR(200) NOT NULL,
  anonymous BOOLEAN NOT NULL DEFAULT FALSE,
  is_default BOOLEAN NOT NULL DEFAULT FALSE,
  created_at DATETIME(6) NOT NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE survey_questions (
  id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
  template_id BIGINT NOT NULL,
  position INT NOT NULL,
  kind VARCHAR(10) NOT NULL,
  text TEXT NOT NULL,
  text_en TEXT NOT NULL,
  options TEXT NOT NULL,
  required BOOLEAN NOT NULL DEFAULT TRUE,
  CONSTRAINT uq_survey_questions_position UNIQUE (template_id, position),
  CONSTRAINT fk_survey_questions_template FOREIGN KEY (template_id) REFERENCES survey_templates (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE survey_waves (
  id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
  round_id BIGINT NOT NULL,
  template_id BIGINT NOT NULL,
  seq INT NOT NULL,
  after_seconds BIGINT NOT NULL,
  CONSTRAINT uq_survey_waves_round_seq UNIQUE (round_id, seq),
  CONSTRAINT fk_survey_waves_round FOREIGN KEY (round_id) REFERENCES rounds (id) ON DELETE CASCADE,
  CONSTRAINT fk_survey_waves_template FOREIGN KEY (template_id) REFERENCES survey_templates (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE survey_invitations (
  id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
  wave_id BIGINT NOT NULL,
  transfer_id BIGINT NOT NULL,
  employee_id BIGINT NOT NULL,
  status VARCHAR(12) NOT NULL,
  due_at DATETIME(6) NOT NULL,
  next_action_at DATETIME(6) NULL,
  invited_at DATETIME(6) NULL,
  reminders_sent INT NOT NULL DEFAULT 0,
  expires_at DATETIME(6) NULL,
  progress INT NOT NULL DEFAULT 0,
  answered_at DATETIME(6) NULL,
  lease_owner VARCHAR(64) NOT NULL DEFAULT '',
  lease_until DATETIME(6) NULL,
  CONSTRAINT uq_survey_invitations_wave_transfer UNIQUE (wave_id, transfer_id),
  CONSTRAINT fk_survey_invitations_wave FOREIGN KEY (wave_id) REFERENCES survey_waves (id) ON DELETE CASCADE,
  CONSTRAINT fk_survey_invitations_transfer FOREIGN KEY (transfer_id) REFERENCES transfers (id),
  CONSTRAINT fk_survey_invitations_employee FOREIGN KEY (employee_id) REFERENCES employees (id),
  INDEX ix_survey_invitations_due (status, next_action_at),
  INDEX ix_survey_invitations_employee (employee_id, status)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE survey_responses (
  id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
  invitation_id BIGINT NULL,
  wave_id BIGINT NOT NULL,
  question_id BIGINT NOT NULL,
  unit_id BIGINT NULL,
  transfer_kind VARCHAR(12) NOT NULL DEFAULT '',
  value INT NULL,
  text TEXT NOT NULL,
  created_at DATETIME(6) NOT NULL,
  CONSTRAINT uq_survey_responses_answer UNIQUE (invitation_id, question_id),
  CONSTRAINT fk_survey_responses_invitation FOREIGN KEY (invitation_id) REFERENCES survey_invitations (id) ON DELETE CASCADE,
  CONSTRAINT fk_survey_responses_wave FOREIGN KEY (wave_id) REFERENCES survey_waves (id) ON DELETE CASCADE,
  CONSTRAINT fk_survey_responses_question FOREIGN KEY (question_id) REFERENCES survey_questions (id),
  CONSTRAINT fk_survey_responses_unit FOREIGN KEY (unit_id) REFERENCES units (id),
  INDEX ix_survey_responses_wave_question (wave_id, question_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE outbox_messages (
  id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
  dedup_key VARCHAR(191) NOT NULL,
  kind VARCHAR(30) NOT NULL,
  employee_id BIGINT NULL,
  chat_id BIGINT NOT NULL,
  payload MEDIUMTEXT NOT NULL,
  status VARCHAR(10) NOT NULL,
  attempts INT NOT NULL DEFAULT 0,
  next_attempt_at DATETIME(6) NOT NULL,
  lease_owner VARCHAR(64) NOT NULL DEFAULT '',
  lease_until DATETIME(6) NULL,
  telegram_message_id BIGINT NULL,
  error TEXT NOT NULL,
  created_at DATETIME(6) NOT NULL,
  sent_at DATETIME(6) NULL,
  CONSTRAINT uq_outbox_dedup UNIQUE (dedup_key),
  CONSTRAINT fk_outbox_employee FOREIGN KEY (employee_id) REFERENCES employees (id),
  INDEX ix_outbox_due (status, next_attempt_at),
  INDEX ix_outbox_employee (employee_id, kind),
  INDEX ix_outbox_kind_status (kind, status)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE telegram_updates (
  update_id BIGINT NOT NULL PRIMARY KEY,
  payload MEDIUMTEXT NOT NULL,
  status VARCHAR(10) NOT NULL,
  attempts INT NOT NULL DEFAULT 0,
  error TEXT NOT NULL,
  received_at DATETIME(6) NOT NULL,
  processed_at DATETIME(6) NULL,
  INDEX ix_telegram_updates_status (status, update_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE announcements (
  id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
  text TEXT NOT NULL,
  unit_codes TEXT NOT NULL,
  created_by VARCHAR(64) NOT NULL,
  created_at DATETIME(6) NOT NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE holidays (
  day DATE NOT NULL PRIMARY KEY,
  name VARCHAR(200) NOT NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE imbalance_snapshots (
  id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
  taken_at DATETIME(6) NOT NULL,
  round_id BIGINT NULL,
  label VARCHAR(30) NOT NULL,
  figures TEXT NOT NULL,
  CONSTRAINT fk_snapshots_round FOREIGN KEY (round_id) REFERENCES rounds (id) ON DELETE CASCADE,
  INDEX ix_snapshots_taken (taken_at),
  INDEX ix_snapshots_round (round_id, label)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE settings (
  name VARCHAR(100) NOT NULL PRIMARY KEY,
  value TEXT NOT NULL,
  updated_at DATETIME(6) NOT NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE audit_log (
  id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
  at DATETIME(6) NOT NULL,
  actor VARCHAR(64) NOT NULL,
  action VARCHAR(64) NOT NULL,
  object_type VARCHAR(32) NOT NULL,
  object_id VARCHAR(64) NOT NULL,
  before_json MEDIUMTEXT NOT NULL,
  after_json MEDIUMTEXT NOT NULL,
  reason TEXT NOT NULL,
  INDEX ix_audit_at (at),
  INDEX ix_audit_object (object_type, object_id),
  INDEX ix_audit_actor (actor, at)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

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
