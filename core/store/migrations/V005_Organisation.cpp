// Schema version 5: parent organisations that are not contractors themselves (pharmacy head
// offices from epharmacyhq; optical head offices later). Contractors point at them by ODS code in
// contractor.parent_code, so either file can be imported first.
namespace cb {
extern const char* const kMigrationOrganisation = R"SQL(
CREATE TABLE organisation (
    id          TEXT PRIMARY KEY,
    ods_code    TEXT NOT NULL UNIQUE,
    kind        TEXT NOT NULL,              -- pharmacy_head_office
    name        TEXT NOT NULL,
    address1    TEXT, address2 TEXT, address3 TEXT, address4 TEXT, address5 TEXT,
    postcode    TEXT,
    telephone   TEXT,
    status      TEXT NOT NULL DEFAULT 'active', -- active | closed
    open_date   TEXT,
    close_date  TEXT,
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL
) STRICT;
CREATE INDEX contractor_parent ON contractor(parent_code);
)SQL";
} // namespace cb
