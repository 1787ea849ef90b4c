#include "worklist/TeamItems.h"

#include "store/Database.h"

#include <QStringList>

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
    // In words for each kind of conflict there is (docs/exchange.md, "Merge rules").
    QStringList what;
    for (const Row& k : db.query(QStringLiteral("SELECT kind, count(*) AS n FROM exchange_conflict WHERE resolved_at IS "
                                                "NULL GROUP BY kind ORDER BY kind DESC"))) {
        const int m = k.value("n").toInt();
        const QString kind = k.value("kind").toString();
        if (kind == QLatin1String("field"))
            what << (m == 1 ? QStringLiteral("you and a colleague changed the same field differently")
                            : QStringLiteral("%1 fields were changed differently by you and a colleague").arg(m));
        else if (kind == QLatin1String("delete"))
            what << (m == 1 ? QStringLiteral("a record was deleted on one machine and changed or added to on another")
                            : QStringLiteral("%1 records were deleted on one machine and changed or added to on another")
                                  .arg(m));
        else
            what << (m == 1 ? QStringLiteral("a colleague's change broke a rule or added a record that is already here "
                                             "(the same key)")
                            : QStringLiteral("%1 colleagues' changes broke a rule or added records that are already here "
                                             "(the same key)").arg(m));
    }
    QString first = what.join(QStringLiteral("; "));
    if (!first.isEmpty()) first[0] = first[0].toUpper();
    i.detail = QStringLiteral("%1. Until you decide, every database shows the same provisional state; open the Conflicts "
                              "view to keep yours, theirs, another value, or merge two records into one.").arg(first);
    i.table = QStringLiteral("exchange_conflict");
    i.recordId = row->value("first_id").toString();
    out << i;
}

} // namespace cb
