// Schema version 1: audit trail and the contractor register (contractors, sites, contracts,
// services, contract events, dental activity, performers and where they work).
namespace cb {
extern const char* const kMigrationRegister = R"SQL(
CREATE TABLE audit (
    seq           INTEGER PRIMARY KEY AUTOINCREMENT,
    at            TEXT NOT NULL,            -- UTC ISO-8601
    who           TEXT NOT NULL,            -- OS user
    entity        TEXT NOT NULL,            -- table name
    record_id     TEXT NOT NULL,
    contractor_id TEXT,                     -- the practice file the change belongs to, if any
    label         TEXT,                     -- human name of the record at the time
    action        TEXT NOT NULL,            -- insert | update | delete
    old_values    TEXT,                     -- JSON object of the changed columns before
    new_values    TEXT,                     -- JSON object of the changed columns after
    source        TEXT                      -- e.g. "import epraccur.csv"; empty for typing
) STRICT;
CREATE INDEX audit_contractor ON audit(contractor_id, seq);
CREATE INDEX audit_record ON audit(record_id, seq);

CREATE TABLE contractor (
    id                TEXT PRIMARY KEY,
    ods_code          TEXT NOT NULL UNIQUE,
    contractor_group  TEXT NOT NULL,        -- general_practice | dental | eye_health | pharmacy | appliance
    name              TEXT NOT NULL,
    address1          TEXT, address2 TEXT, address3 TEXT, address4 TEXT, address5 TEXT,
    postcode          TEXT,
    telephone         TEXT,
    email             TEXT,
    status            TEXT NOT NULL DEFAULT 'active',
    open_date         TEXT,
    close_date        TEXT,
    commissioner_code TEXT,
    parent_code       TEXT,
    cqc_location_id   TEXT,
    cqc_rating        TEXT,
    cqc_rating_date   TEXT,
    assurance_tier    TEXT,
    notes             TEXT,
    created_at        TEXT NOT NULL,
    updated_at        TEXT NOT NULL
) STRICT;
CREATE INDEX contractor_group_name ON contractor(contractor_group, name);
CREATE INDEX contractor_name ON contractor(name COLLATE NOCASE);
CREATE INDEX contractor_postcode ON contractor(postcode);
CREATE INDEX contractor_commissioner ON contractor(commissioner_code);
CREATE INDEX contractor_status ON contractor(status);

CREATE TABLE site (
    id            TEXT PRIMARY KEY,
    contractor_id TEXT NOT NULL REFERENCES contractor(id),
    code          TEXT,
    name          TEXT NOT NULL,
    address1      TEXT, address2 TEXT, address3 TEXT, address4 TEXT,
    postcode      TEXT,
    status        TEXT NOT NULL DEFAULT 'active',
    open_date     TEXT,
    close_date    TEXT
) STRICT;
CREATE INDEX site_contractor ON site(contractor_id);
CREATE UNIQUE INDEX site_code ON site(code) WHERE code IS NOT NULL AND code <> '';

CREATE TABLE contract (
    id                  TEXT PRIMARY KEY,
    contractor_id       TEXT NOT NULL REFERENCES contractor(id),
    route               TEXT NOT NULL,      -- gms | pms | apms | gds | pds | pharmacy_list | ...
    reference           TEXT,
    start_date          TEXT NOT NULL,
    end_date            TEXT,
    status              TEXT NOT NULL DEFAULT 'active',
    annual_value_pence  INTEGER,
    list_size           INTEGER,
    uda_target          INTEGER,
    uoa_target          INTEGER,
    core_hours          REAL,
    total_hours         REAL,
    notes               TEXT
) STRICT;
CREATE INDEX contract_contractor ON contract(contractor_id);
CREATE INDEX contract_end ON contract(end_date);

CREATE TABLE contract_service (
    id          TEXT PRIMARY KEY,
    contract_id TEXT NOT NULL REFERENCES contract(id),
    category    TEXT NOT NULL,              -- essential | additional | enhanced | advanced | out_of_hours
    name        TEXT NOT NULL,
    opted_out   INTEGER NOT NULL DEFAULT 0,
    start_date  TEXT,
    end_date    TEXT
) STRICT;
CREATE INDEX contract_service_contract ON contract_service(contract_id);

CREATE TABLE contract_event (
    id             TEXT PRIMARY KEY,
    contract_id    TEXT NOT NULL REFERENCES contract(id),
    kind           TEXT NOT NULL,           -- variation | remedial_notice | breach_notice | ...
    event_date     TEXT NOT NULL,           -- issued / received
    effective_date TEXT,
    deadline       TEXT,                    -- notice period end; list closure: reopening date
    description    TEXT NOT NULL,
    status         TEXT NOT NULL DEFAULT 'in_progress', -- in_progress | completed | withdrawn
    unilateral     INTEGER NOT NULL DEFAULT 0,
    urgent         INTEGER NOT NULL DEFAULT 0,
    urgent_reason  TEXT
) STRICT;
CREATE INDEX contract_event_contract ON contract_event(contract_id);
CREATE INDEX contract_event_deadline ON contract_event(deadline);

CREATE TABLE dental_activity (
    id                 TEXT PRIMARY KEY,
    contract_id        TEXT NOT NULL REFERENCES contract(id),
    year_start         INTEGER NOT NULL,    -- financial year starting 1 April of this year
    uda_target         INTEGER NOT NULL DEFAULT 0,
    uda_delivered      INTEGER,
    uda_delivered_h1   INTEGER,             -- delivered by 30 September
    uoa_target         INTEGER NOT NULL DEFAULT 0,
    uoa_delivered      INTEGER,
    uoa_delivered_h1   INTEGER,
    UNIQUE (contract_id, year_start)
) STRICT;

CREATE TABLE performer (
    id                  TEXT PRIMARY KEY,
    given_name          TEXT NOT NULL,
    family_name         TEXT NOT NULL,
    profession          TEXT NOT NULL,
    registration_body   TEXT,
    registration_number TEXT,
    list_status         TEXT NOT NULL DEFAULT 'not_applicable',
    email               TEXT,
    telephone           TEXT,
    notes               TEXT
) STRICT;
CREATE INDEX performer_name ON performer(family_name COLLATE NOCASE, given_name COLLATE NOCASE);
CREATE UNIQUE INDEX performer_registration ON performer(registration_body, registration_number)
    WHERE registration_number IS NOT NULL AND registration_number <> '';

CREATE TABLE performer_link (
    id            TEXT PRIMARY KEY,
    performer_id  TEXT NOT NULL REFERENCES performer(id),
    contractor_id TEXT NOT NULL REFERENCES contractor(id),
    role          TEXT NOT NULL,
    from_date     TEXT,
    to_date       TEXT
) STRICT;
CREATE INDEX performer_link_performer ON performer_link(performer_id);
CREATE INDEX performer_link_contractor ON performer_link(contractor_id);
)SQL";
} // namespace cb
