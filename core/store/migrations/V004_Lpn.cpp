// Schema version 4: Local Professional Networks -- networks, their groups, members, memberships
// (roles with terms), meetings with attendance, and declarations of interest.
namespace cb {
extern const char* const kMigrationLpn = R"SQL(
CREATE TABLE lpn_network (
    id          TEXT PRIMARY KEY,
    kind        TEXT NOT NULL,              -- dental | pharmacy | eye_health
    name        TEXT NOT NULL,
    area        TEXT,
    established TEXT,
    notes       TEXT
) STRICT;
CREATE UNIQUE INDEX lpn_network_name ON lpn_network(name COLLATE NOCASE);

CREATE TABLE lpn_group (
    id         TEXT PRIMARY KEY,
    network_id TEXT NOT NULL REFERENCES lpn_network(id),
    kind       TEXT NOT NULL,               -- core_team | clinical | task_and_finish | hub | spoke
    name       TEXT NOT NULL,
    hub_id     TEXT REFERENCES lpn_group(id), -- a spoke's hub
    start_date TEXT,
    end_date   TEXT,                         -- task-and-finish projects end
    notes      TEXT
) STRICT;
CREATE INDEX lpn_group_network ON lpn_group(network_id);

CREATE TABLE lpn_member (
    id           TEXT PRIMARY KEY,
    network_id   TEXT NOT NULL REFERENCES lpn_network(id),
    performer_id TEXT REFERENCES performer(id), -- shares registration and workplace
    given_name   TEXT NOT NULL,
    family_name  TEXT NOT NULL,
    profession   TEXT NOT NULL,
    organisation TEXT,
    email        TEXT,
    telephone    TEXT,
    status       TEXT NOT NULL DEFAULT 'active', -- active | left
    notes        TEXT
) STRICT;
CREATE INDEX lpn_member_network ON lpn_member(network_id, family_name COLLATE NOCASE);
CREATE INDEX lpn_member_performer ON lpn_member(performer_id);

CREATE TABLE lpn_membership (
    id         TEXT PRIMARY KEY,
    member_id  TEXT NOT NULL REFERENCES lpn_member(id),
    group_id   TEXT NOT NULL REFERENCES lpn_group(id),
    role       TEXT NOT NULL,
    term_start TEXT NOT NULL,
    term_end   TEXT
) STRICT;
CREATE INDEX lpn_membership_member ON lpn_membership(member_id);
CREATE INDEX lpn_membership_group ON lpn_membership(group_id);

CREATE TABLE lpn_meeting (
    id           TEXT PRIMARY KEY,
    group_id     TEXT NOT NULL REFERENCES lpn_group(id),
    meeting_date TEXT NOT NULL,
    title        TEXT,
    notes        TEXT
) STRICT;
CREATE INDEX lpn_meeting_group ON lpn_meeting(group_id, meeting_date);

CREATE TABLE lpn_attendance (
    id         TEXT PRIMARY KEY,
    meeting_id TEXT NOT NULL REFERENCES lpn_meeting(id),
    member_id  TEXT NOT NULL REFERENCES lpn_member(id),
    status     TEXT NOT NULL,               -- attended | apologies
    UNIQUE (meeting_id, member_id)
) STRICT;
CREATE INDEX lpn_attendance_member ON lpn_attendance(member_id);

CREATE TABLE lpn_declaration (
    id            TEXT PRIMARY KEY,
    member_id     TEXT NOT NULL REFERENCES lpn_member(id),
    declared_on   TEXT NOT NULL,
    kind          TEXT NOT NULL,            -- financial | non_financial_professional | non_financial_personal | indirect | none
    description   TEXT,
    contractor_id TEXT REFERENCES contractor(id),
    managed_how   TEXT,
    reviewed_on   TEXT
) STRICT;
CREATE INDEX lpn_declaration_member ON lpn_declaration(member_id);
CREATE INDEX lpn_declaration_contractor ON lpn_declaration(contractor_id);
)SQL";
} // namespace cb
