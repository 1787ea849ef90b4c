// Schema version 9: a row version on every user record, bumped by each save (Database::save). A
// form remembers the version it loaded; a save from a form that is no longer current is refused
// instead of silently overwriting a colleague's change. Existing records start at version 1.
namespace cb {
extern const char* const kMigrationRowVersions = R"SQL(
ALTER TABLE contractor ADD COLUMN row_version INTEGER NOT NULL DEFAULT 1;
ALTER TABLE site ADD COLUMN row_version INTEGER NOT NULL DEFAULT 1;
ALTER TABLE contract ADD COLUMN row_version INTEGER NOT NULL DEFAULT 1;
ALTER TABLE contract_service ADD COLUMN row_version INTEGER NOT NULL DEFAULT 1;
ALTER TABLE contract_event ADD COLUMN row_version INTEGER NOT NULL DEFAULT 1;
ALTER TABLE dental_activity ADD COLUMN row_version INTEGER NOT NULL DEFAULT 1;
ALTER TABLE performer ADD COLUMN row_version INTEGER NOT NULL DEFAULT 1;
ALTER TABLE performer_link ADD COLUMN row_version INTEGER NOT NULL DEFAULT 1;
ALTER TABLE setting ADD COLUMN row_version INTEGER NOT NULL DEFAULT 1;
ALTER TABLE concern ADD COLUMN row_version INTEGER NOT NULL DEFAULT 1;
ALTER TABLE concern_event ADD COLUMN row_version INTEGER NOT NULL DEFAULT 1;
ALTER TABLE concern_action ADD COLUMN row_version INTEGER NOT NULL DEFAULT 1;
ALTER TABLE tier_history ADD COLUMN row_version INTEGER NOT NULL DEFAULT 1;
ALTER TABLE quality_indicator ADD COLUMN row_version INTEGER NOT NULL DEFAULT 1;
ALTER TABLE visit ADD COLUMN row_version INTEGER NOT NULL DEFAULT 1;
ALTER TABLE visit_finding ADD COLUMN row_version INTEGER NOT NULL DEFAULT 1;
ALTER TABLE visit_action ADD COLUMN row_version INTEGER NOT NULL DEFAULT 1;
ALTER TABLE lpn_network ADD COLUMN row_version INTEGER NOT NULL DEFAULT 1;
ALTER TABLE lpn_group ADD COLUMN row_version INTEGER NOT NULL DEFAULT 1;
ALTER TABLE lpn_member ADD COLUMN row_version INTEGER NOT NULL DEFAULT 1;
ALTER TABLE lpn_membership ADD COLUMN row_version INTEGER NOT NULL DEFAULT 1;
ALTER TABLE lpn_meeting ADD COLUMN row_version INTEGER NOT NULL DEFAULT 1;
ALTER TABLE lpn_attendance ADD COLUMN row_version INTEGER NOT NULL DEFAULT 1;
ALTER TABLE lpn_declaration ADD COLUMN row_version INTEGER NOT NULL DEFAULT 1;
ALTER TABLE organisation ADD COLUMN row_version INTEGER NOT NULL DEFAULT 1;
)SQL";
} // namespace cb
