#pragma once

#include <QString>

namespace SQLite {
class Database;
}

namespace cb {

// Copies the database open on source into a new file, a few pages at a time with SQLite's online
// backup, so that memory stays at a page cache's worth whatever the database's size. The copy is
// left a single self-contained file in rollback-journal mode (no -wal beside it once closed).
// Waits a while for a writer in another program; throws SQLite::Exception when it cannot copy.
// Used by Database::backupTo and by team snapshots.
void copyDatabaseFile(SQLite::Database& source, const QString& file);

} // namespace cb
