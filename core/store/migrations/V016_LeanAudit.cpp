// Schema version 16: a leaner audit trail (issue 17: the 50,000-contractor register took 198 MiB,
// 81 MiB of it the audit trail, and nine audit rows in ten record an insert).
//
// - audit_log's two indexes hold the first 4 bytes of an id instead of all 16. A record id's bytes
//   are random, so 4 of them already tell apart any register's records (two ids share a prefix once
//   in four billion). A lookup asks for the prefix, which the index finds, and then for the whole id
//   (AuditTrail). The indexes shrink from 26.4 to 13.7 MiB at 50,000 contractors.
// - From this version an insert's row keeps no label (the record's name): the name is worked out
//   when the row is read, from the values the record was created with (AuditTrail::createdWith),
//   so it is the same information, not stored twice. That was 18 MiB at 50,000 contractors. Rows
//   written before keep the label they have: nothing already recorded is rewritten.
namespace cb {
extern const char* const kMigrationLeanAudit = R"SQL(
DROP INDEX audit_log_record;
DROP INDEX audit_log_contractor;
CREATE INDEX audit_log_record ON audit_log(substr(record_id, 1, 4));
CREATE INDEX audit_log_contractor ON audit_log(substr(contractor_id, 1, 4)) WHERE contractor_id IS NOT NULL;
)SQL";
} // namespace cb
