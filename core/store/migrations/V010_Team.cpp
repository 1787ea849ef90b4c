// Schema version 10: team exchange (docs/exchange.md). A database that joins a team gets one
// exchange_replica row; every save and removal on it is then logged in exchange_change, in the
// same transaction, until a sync writes it to the team folder as a package. The other tables hold
// what the merge needs: per-peer progress, the last writer of each field, deletions, conflicts,
// and changes that arrived before the record they change.
namespace cb {
extern const char* const kMigrationTeam = R"SQL(
CREATE TABLE exchange_replica (
    id            INTEGER PRIMARY KEY CHECK (id = 1),
    replica_id    TEXT NOT NULL,
    name          TEXT NOT NULL,
    team_id       TEXT NOT NULL,
    folder        TEXT NOT NULL,
    hlc_ms        INTEGER NOT NULL DEFAULT 0,
    hlc_counter   INTEGER NOT NULL DEFAULT 0,
    packaged_seq  INTEGER NOT NULL DEFAULT 0,
    last_hash     TEXT NOT NULL DEFAULT '',
    last_sync     TEXT,
    last_summary  TEXT
) STRICT;
CREATE TABLE exchange_change (
    n        INTEGER PRIMARY KEY AUTOINCREMENT,
    seq      INTEGER,              -- the package it went out in; null until then
    hlc      TEXT NOT NULL,
    actor    TEXT NOT NULL,
    at       TEXT NOT NULL,
    tbl      TEXT NOT NULL,
    record   TEXT NOT NULL,
    op       TEXT NOT NULL CHECK (op IN ('insert', 'update', 'delete')),
    fields   TEXT NOT NULL,        -- JSON {column: {old, new, base}}
    resolves TEXT                  -- the conflict this change decides, if any
) STRICT;
CREATE INDEX exchange_change_unsent ON exchange_change(seq) WHERE seq IS NULL;
CREATE TABLE exchange_peer (
    replica_id  TEXT PRIMARY KEY,
    applied_seq INTEGER NOT NULL DEFAULT 0,
    last_hash   TEXT NOT NULL DEFAULT ''
) STRICT;
CREATE TABLE exchange_field_clock (
    tbl     TEXT NOT NULL,
    record  TEXT NOT NULL,
    field   TEXT NOT NULL,
    clock   TEXT NOT NULL,         -- hlc@replica of the field's last writer
    actor   TEXT NOT NULL,
    at      TEXT NOT NULL,
    PRIMARY KEY (tbl, record, field)
) STRICT;
CREATE TABLE exchange_tombstone (
    tbl     TEXT NOT NULL,
    record  TEXT NOT NULL,
    clock   TEXT NOT NULL,
    actor   TEXT NOT NULL,
    at      TEXT NOT NULL,
    row     TEXT NOT NULL,         -- JSON of the record as deleted, with its field clocks
    PRIMARY KEY (tbl, record)
) STRICT;
CREATE TABLE exchange_conflict (
    id            TEXT PRIMARY KEY,  -- from the two change clocks, the same on every replica
    kind          TEXT NOT NULL CHECK (kind IN ('field', 'delete', 'rule')),
    tbl           TEXT NOT NULL,
    record        TEXT NOT NULL,
    field         TEXT NOT NULL DEFAULT '',
    detail        TEXT NOT NULL DEFAULT '',
    mine_value    TEXT,            -- JSON value (a whole row for kind 'delete'/'rule')
    mine_who      TEXT NOT NULL DEFAULT '',
    mine_at       TEXT NOT NULL DEFAULT '',
    mine_clock    TEXT NOT NULL DEFAULT '',
    theirs_value  TEXT,
    theirs_who    TEXT NOT NULL DEFAULT '',
    theirs_at     TEXT NOT NULL DEFAULT '',
    theirs_clock  TEXT NOT NULL DEFAULT '',
    resolved_at   TEXT,
    resolved_by   TEXT
) STRICT;
CREATE TABLE exchange_pending (
    clock   TEXT PRIMARY KEY,
    change  TEXT NOT NULL           -- JSON of a change whose record has not arrived yet
) STRICT;
)SQL";
} // namespace cb
