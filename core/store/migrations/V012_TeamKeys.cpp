// Schema version 12: the team key (docs/exchange.md, "Encryption"). A replica of a team with a
// passphrase keeps the key derived from it (never the passphrase) so that sync needs no prompt;
// null for a team without one. The database already holds the team's records in clear, so the
// key adds nothing an attacker with this file lacks.
namespace cb {
extern const char* const kMigrationTeamKeys = R"SQL(
ALTER TABLE exchange_replica ADD COLUMN team_key BLOB;
)SQL";
} // namespace cb
