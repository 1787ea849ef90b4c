// Schema version 3: settings, performance concerns (with their timeline and actions), assurance
// tier history, quality indicators (QOF) and field visits (PRIMER section 4).
namespace cb {
extern const char* const kMigrationConcerns = R"SQL(
CREATE TABLE setting (
    id    TEXT PRIMARY KEY,
    key   TEXT NOT NULL UNIQUE,             -- e.g. "risk.band.low_max"
    value TEXT NOT NULL
) STRICT;

CREATE TABLE concern (
    id                      TEXT PRIMARY KEY,
    contractor_id           TEXT REFERENCES contractor(id),
    performer_id            TEXT REFERENCES performer(id),
    contract_id             TEXT REFERENCES contract(id),
    level                   TEXT NOT NULL,  -- practice | provider | individual
    source                  TEXT NOT NULL,  -- complaint | whistleblowing | regulator | data | visit | ...
    category                TEXT NOT NULL,
    received_date           TEXT NOT NULL,
    summary                 TEXT NOT NULL,
    details                 TEXT,
    owner                   TEXT NOT NULL,
    stage                   TEXT NOT NULL DEFAULT 'received',
    consequence             INTEGER,        -- 1..5, null until graded
    likelihood              INTEGER,        -- 1..5, null until graded
    confidential            INTEGER NOT NULL DEFAULT 0,
    serious                 INTEGER NOT NULL DEFAULT 0,
    serious_reason          TEXT,
    notice_event_id         TEXT REFERENCES contract_event(id), -- remedial / breach notice of formal action
    lrc_committee           TEXT,           -- LMC | LDC | LOC | LPC, from the contractor group
    lrc_informed_date       TEXT,
    regulator               TEXT,           -- CQC | GMC | GDC | GOC | GPhC
    regulator_referral_date TEXT,
    pag_referral_date       TEXT,
    panel_outcome           TEXT,           -- no_action | conditions | suspension | removal
    panel_date              TEXT,
    suspension_start        TEXT,
    suspension_review       TEXT,
    outcome                 TEXT,           -- required when closed
    closed_date             TEXT,
    created_at              TEXT NOT NULL,
    updated_at              TEXT NOT NULL
) STRICT;
CREATE INDEX concern_contractor ON concern(contractor_id);
CREATE INDEX concern_performer ON concern(performer_id);
CREATE INDEX concern_stage ON concern(stage);
CREATE INDEX concern_received ON concern(received_date);

-- The timeline: every stage change, grading, action, note and referral, dated, with who.
CREATE TABLE concern_event (
    id          TEXT PRIMARY KEY,
    concern_id  TEXT NOT NULL REFERENCES concern(id),
    kind        TEXT NOT NULL,              -- received | stage | grading | note | action_added | ...
    event_date  TEXT NOT NULL,
    from_stage  TEXT,
    to_stage    TEXT,
    consequence INTEGER,
    likelihood  INTEGER,
    text        TEXT,                       -- reason, note, outcome...
    detail      TEXT,                       -- regulator, panel outcome, linked record id...
    who         TEXT NOT NULL,
    recorded_at TEXT NOT NULL
) STRICT;
CREATE INDEX concern_event_concern ON concern_event(concern_id, event_date);

CREATE TABLE concern_action (
    id             TEXT PRIMARY KEY,
    concern_id     TEXT NOT NULL REFERENCES concern(id),
    description    TEXT NOT NULL,
    owner          TEXT NOT NULL,
    due_date       TEXT NOT NULL,
    completed_date TEXT,
    result         TEXT
) STRICT;
CREATE INDEX concern_action_concern ON concern_action(concern_id);
CREATE INDEX concern_action_due ON concern_action(due_date) WHERE completed_date IS NULL;

CREATE TABLE tier_history (
    id            TEXT PRIMARY KEY,
    contractor_id TEXT NOT NULL REFERENCES contractor(id),
    tier          TEXT NOT NULL,
    rationale     TEXT NOT NULL,
    decided_on    TEXT NOT NULL,
    decided_by    TEXT NOT NULL,
    recorded_at   TEXT NOT NULL
) STRICT;
CREATE INDEX tier_history_contractor ON tier_history(contractor_id, decided_on);

CREATE TABLE quality_indicator (
    id            TEXT PRIMARY KEY,
    contractor_id TEXT NOT NULL REFERENCES contractor(id),
    indicator     TEXT NOT NULL,            -- qof
    year_start    INTEGER NOT NULL,         -- financial year starting 1 April
    percent       REAL NOT NULL,
    UNIQUE (contractor_id, indicator, year_start)
) STRICT;

CREATE TABLE visit (
    id               TEXT PRIMARY KEY,
    contractor_id    TEXT NOT NULL REFERENCES contractor(id),
    visit_date       TEXT NOT NULL,
    visit_type       TEXT NOT NULL,         -- routine_monitoring | contract_compliance | support
    announced        INTEGER NOT NULL DEFAULT 1,
    attendees        TEXT,                  -- one per line
    status           TEXT NOT NULL DEFAULT 'planned', -- planned | done | report_sent
    report_sent_date TEXT,
    notes            TEXT
) STRICT;
CREATE INDEX visit_contractor ON visit(contractor_id, visit_date);
CREATE INDEX visit_date ON visit(visit_date);

CREATE TABLE visit_finding (
    id         TEXT PRIMARY KEY,
    visit_id   TEXT NOT NULL REFERENCES visit(id),
    area       TEXT NOT NULL,
    rating     TEXT NOT NULL,               -- met | partly_met | not_met
    note       TEXT,
    concern_id TEXT REFERENCES concern(id)  -- the concern raised from this finding
) STRICT;
CREATE INDEX visit_finding_visit ON visit_finding(visit_id);

CREATE TABLE visit_action (
    id             TEXT PRIMARY KEY,
    visit_id       TEXT NOT NULL REFERENCES visit(id),
    description    TEXT NOT NULL,
    owner          TEXT NOT NULL,
    due_date       TEXT NOT NULL,
    completed_date TEXT,
    result         TEXT
) STRICT;
CREATE INDEX visit_action_visit ON visit_action(visit_id);
)SQL";
} // namespace cb
