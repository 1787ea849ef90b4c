#include "worklist/DataQualityItems.h"

#include "common/Identifiers.h"
#include "contracts/Contract.h"
#include "store/Database.h"

namespace cb {

void dataQualityItems(Database& db, const QDate&, QList<WorklistItem>& out) {
    if (db.scalar(QStringLiteral("SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name = 'data_quality_note'"))
            .toInt() == 0)
        return; // an older file
    const auto ends = db.query(QStringLiteral(
        "SELECT n.file, n.line, k.id, k.route, k.reference, c.id AS contractor_id, c.ods_code, c.name "
        "FROM data_quality_note n JOIN contract k ON k.id = n.record_id JOIN contractor c ON c.id = k.contractor_id "
        "WHERE n.status = 'open' AND n.record_table = 'contract' AND n.field = 'endDate' AND k.end_date IS NULL "
        "  AND k.status IN ('active', 'notice_served') GROUP BY k.id ORDER BY c.name, c.ods_code"));
    for (const Row& r : ends) {
        Contract k;
        k.route = r.value("route").toString();
        k.reference = r.value("reference").toString();
        WorklistItem i;
        i.category = QStringLiteral("data_quality");
        i.practice = QStringLiteral("%1 %2").arg(r.value("ods_code").toString(), r.value("name").toString());
        i.title = QStringLiteral("%1 end date unknown: %2").arg(k.label(), i.practice);
        i.detail = QStringLiteral("%1 (line %2) does not say when this time-limited contract ends. Enter its end date "
                                  "from the contract, so the procurement warning can work.")
                       .arg(r.value("file").toString()).arg(r.value("line").toInt());
        i.contractorId = r.value("contractor_id").toString();
        i.table = QStringLiteral("contract");
        i.recordId = r.value("id").toString();
        out << i;
    }
    const auto kinds = db.query(QStringLiteral(
        "SELECT problem, count(*) AS n, min(id) AS first_id FROM data_quality_note "
        "WHERE status = 'open' AND NOT (record_table = 'contract' AND field = 'endDate') "
        "GROUP BY problem ORDER BY n DESC, problem"));
    for (const Row& r : kinds) {
        const int n = r.value("n").toInt();
        WorklistItem i;
        i.category = QStringLiteral("data_quality");
        i.title = QStringLiteral("Data quality, %1 record%2: %3").arg(n).arg(n == 1 ? "" : "s", r.value("problem").toString());
        i.detail = QStringLiteral("From national files: confirm or correct each record, then mark its note confirmed.");
        i.informational = true;
        i.table = QStringLiteral("data_quality_note");
        i.recordId = r.value("first_id").toString();
        out << i;
    }
}

} // namespace cb
