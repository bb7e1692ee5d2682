-- +goose Up
-- The employee list filtered by status, or sorted by TMT or NIP within a
-- unit, reads an index in order instead of every matching row and a sort
-- (BENCHMARKS.md, admin panel).
CREATE INDEX ix_employees_active_name ON employees (active, name);
CREATE INDEX ix_employees_tmt ON employees (tmt_jabatan);
CREATE INDEX ix_employees_unit_tmt ON employees (unit_id, tmt_jabatan);
CREATE INDEX ix_employees_unit_nip ON employees (unit_id, nip);

-- +goose Down
DROP INDEX ix_employees_unit_nip;
DROP INDEX ix_employees_unit_tmt;
DROP INDEX ix_employees_tmt;
DROP INDEX ix_employees_active_name;
