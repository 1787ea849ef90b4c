#include "worklist/TeamItems.h"

#include "store/Database.h"

namespace cb {

void teamConflictItems(Database& db, const QDate&, QList<WorklistItem>& out) {
    if (db.scalar(QStringLiteral("SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name = 'exchange_conflict'"))
            .toInt() == 0)
        return; // an older file
    const auto row = db.queryOne(QStringLiteral(
        "SELECT count(*) AS n, min(id) AS first_id, min(theirs_at) AS since FROM exchange_conflict WHERE resolved_at IS NULL"));
    const int n = row ? row->value("n").toInt() : 0;
    if (n == 0) return;
    WorklistItem i;
    i.category = QStringLiteral("team_conflicts");
    i.title = n == 1 ? QStringLiteral("1 conflict to decide") : QStringLiteral("%1 conflicts to decide").arg(n);
    i.detail = QStringLiteral("You and a colleague changed the same %1 differently. Until you decide, the most recent "
                              "change is shown everywhere; open the Conflicts view to keep yours, theirs or another value.")
                   .arg(n == 1 ? QStringLiteral("field") : QStringLiteral("fields"));
    i.table = QStringLiteral("exchange_conflict");
    i.recordId = row->value("first_id").toString();
    out << i;
}

} // namespace cb
