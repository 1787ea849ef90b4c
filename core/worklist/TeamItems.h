#pragma once
// The worklist's "Team conflicts" line (issue 12): colleagues' edits that clashed with this database's.
#include "worklist/Worklist.h"

namespace cb {

class Database;

// One item "N conflicts to decide" while this database has open team conflicts (none otherwise, and
// none in a file older than the team exchange). It opens the Conflicts view (table exchange_conflict).
void teamConflictItems(Database& db, const QDate& today, QList<WorklistItem>& out);

} // namespace cb
