// Schema version 11: national data imported faithfully (issue 13).
// - data_quality_note: an oddity an importer met in a national file, kept with the record until a
//   person confirms it (the worklist lists the open ones).
// - contract_year: what a payments file said of a contract in one financial year (list size,
//   route, dispensing): the history an older file fills in without overwriting newer figures.
// - contract.start_date may be unknown: a national file rarely says when a contract began, and a
//   date invented from the practice's open date (GMS contracts "starting" in 1948) is worse than
//   none. SQLite cannot drop NOT NULL in place, so the table is rebuilt under the same name (a
//   rename would rewrite the references of contract_service, contract_event, dental_activity and
//   concern). Foreign keys are checked at commit: the rows that come back satisfy them again.
namespace cb {
extern const char* const kMigrationDataQuality = R"SQL(
CREATE TABLE data_quality_note (
    id            TEXT PRIMARY KEY,
    record_table  TEXT NOT NULL,
    record_id     TEXT NOT NULL,
    contractor_id TEXT,
    field         TEXT NOT NULL,
    value         TEXT,
    file          TEXT,
    line          INTEGER,
    problem       TEXT NOT NULL,
    status        TEXT NOT NULL DEFAULT 'open', -- open | confirmed
    created_at    TEXT NOT NULL,
    updated_at    TEXT NOT NULL,
    row_version   INTEGER NOT NULL DEFAULT 1
) STRICT;
CREATE INDEX data_quality_note_record ON data_quality_note(record_table, record_id);
CREATE INDEX data_quality_note_open ON data_quality_note(status) WHERE status = 'open';

CREATE TABLE contract_year (
    id          TEXT PRIMARY KEY,
    contract_id TEXT NOT NULL REFERENCES contract(id),
    year_start  INTEGER NOT NULL,          -- 2022 means 2022/23
    list_size   INTEGER,
    route       TEXT,
    dispensing  INTEGER,
    file        TEXT,
    row_version INTEGER NOT NULL DEFAULT 1,
    UNIQUE (contract_id, year_start)
) STRICT;

PRAGMA defer_foreign_keys = ON;
CREATE TEMP TABLE contract_before_v11 AS SELECT * FROM contract;
DROP TABLE contract;
CREATE TABLE contract (
    id                  TEXT PRIMARY KEY,
    contractor_id       TEXT NOT NULL REFERENCES contractor(id),
    route               TEXT NOT NULL,
    reference           TEXT,
    start_date          TEXT,               -- null: not known (to confirm)
    end_date            TEXT,
    status              TEXT NOT NULL DEFAULT 'active',
    annual_value_pence  INTEGER,
    list_size           INTEGER,
    uda_target          INTEGER,
    uoa_target          INTEGER,
    core_hours          REAL,
    total_hours         REAL,
    notes               TEXT,
    hundred_hour        INTEGER NOT NULL DEFAULT 0,
    dispensing          INTEGER NOT NULL DEFAULT 0,
    row_version         INTEGER NOT NULL DEFAULT 1
) STRICT;
INSERT INTO contract (id, contractor_id, route, reference, start_date, end_date, status, annual_value_pence, list_size,
                      uda_target, uoa_target, core_hours, total_hours, notes, hundred_hour, dispensing, row_version)
SELECT id, contractor_id, route, reference, start_date, end_date, status, annual_value_pence, list_size,
       uda_target, uoa_target, core_hours, total_hours, notes, hundred_hour, dispensing, row_version
FROM temp.contract_before_v11;
DROP TABLE temp.contract_before_v11;
CREATE INDEX contract_contractor ON contract(contractor_id);
CREATE INDEX contract_end ON contract(end_date);
)SQL";
} // namespace cb
