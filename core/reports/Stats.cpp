#include "reports/Stats.h"

#include "contractors/Contractor.h"

#include <QFileInfo>
#include <QJsonArray>
#include <QTextStream>

namespace cb {

DatabaseStats collectStats(Database& db) {
    DatabaseStats s;
    s.path = db.path();
    s.schemaVersion = db.fileSchemaVersion();
    s.fileBytes = QFileInfo(db.path()).size();
    const QStringList tables = {"contractor", "site", "contract", "contract_service", "contract_event",
                                "dental_activity", "performer", "performer_link", "audit"};
    for (const QString& t : tables)
        s.tables.append({t, db.scalar(QStringLiteral("SELECT count(*) FROM %1").arg(t)).toLongLong()});
    for (const Choice& g : contractorGroups())
        s.contractorsByGroup.append(
            {g.label, db.scalar(QStringLiteral("SELECT count(*) FROM contractor WHERE contractor_group = ?"), {g.code}).toLongLong()});
    for (const Choice& st : contractorStatuses())
        s.contractorsByStatus.append(
            {st.label, db.scalar(QStringLiteral("SELECT count(*) FROM contractor WHERE status = ?"), {st.code}).toLongLong()});
    return s;
}

QString DatabaseStats::toText() const {
    QString out;
    QTextStream ts(&out);
    ts << "Database: " << path << "\nSchema version: " << schemaVersion << "\nFile size: " << fileBytes << " bytes\n";
    ts << "\nRecords:\n";
    for (const auto& [t, n] : tables) ts << "  " << t.leftJustified(18) << ' ' << n << '\n';
    ts << "\nContractors by group:\n";
    for (const auto& [g, n] : contractorsByGroup) ts << "  " << g.leftJustified(22) << ' ' << n << '\n';
    ts << "\nContractors by status:\n";
    for (const auto& [g, n] : contractorsByStatus) ts << "  " << g.leftJustified(22) << ' ' << n << '\n';
    return out;
}

QJsonObject DatabaseStats::toJson() const {
    QJsonObject tablesJson, groups, statuses;
    for (const auto& [t, n] : tables) tablesJson.insert(t, n);
    for (const auto& [g, n] : contractorsByGroup) groups.insert(g, n);
    for (const auto& [g, n] : contractorsByStatus) statuses.insert(g, n);
    return QJsonObject{{"path", path},           {"schemaVersion", schemaVersion}, {"fileBytes", fileBytes},
                       {"records", tablesJson},  {"contractorsByGroup", groups},   {"contractorsByStatus", statuses}};
}

} // namespace cb
