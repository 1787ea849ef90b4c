#include "exchange/ExchangeTables.h"

#include "concerns/Proportionality.h"
#include "contractors/Contractor.h"
#include "contractors/Site.h"
#include "contracts/Contract.h"
#include "performers/Performer.h"
#include "tiers/AssuranceTier.h"

#include <QDir>
#include <QFileInfo>

namespace cb::exchange {

namespace {
QString groupOfContractor(Database& db, const QVariant& contractorId) {
    return db.scalar(QStringLiteral("SELECT contractor_group FROM contractor WHERE id = ?"), {contractorId}).toString();
}
} // namespace

const char* const kOfConfidentialConcern = "concern_id IN (SELECT id FROM concern WHERE confidential = 1)";

const QList<ExchangeTable>& standardTables() {
    static const QList<ExchangeTable> tables = {
        {"organisation", "organisations", "Parent organisations", {}, "ods_code", {}},
        {"contractor", "contractors", "Contractors", {}, "ods_code",
         [](Database& db, const Row& r, Issues& i) {
             validate(Contractor::fromRow(r), i, db.clock().today());
             checkTierChange(db, r.value("id").toString(), r.value("assurance_tier").toString(), i, true);
         }},
        {"site", "sites", "Sites", {}, "code",
         [](Database& db, const Row& r, Issues& i) {
             validate(Site::fromRow(r), groupOfContractor(db, r.value("contractor_id")), i);
         }},
        {"contract", "contracts", "Contracts", {}, {},
         [](Database& db, const Row& r, Issues& i) {
             validate(Contract::fromRow(r), groupOfContractor(db, r.value("contractor_id")), i);
             checkContractPlacement(db, Contract::fromRow(r), i);
         }},
        {"contract_service", "services", "Contracted services", {}, {}, {}},
        {"contract_event", "events", "Contract events", {}, {},
         validateContractEventRecord},
        {"dental_activity", "dental-activity", "Dental activity", {}, {}, {}},
        {"performer", "performers", "Performers", {}, {},
         [](Database&, const Row& r, Issues& i) { validate(Performer::fromRow(r), i); }},
        {"performer_link", "performer-links", "Where performers work", {}, {}, {}},
        // Monitoring (concerns about named individuals are confidential, and so is everything
        // hanging off them).
        {"setting", "settings", "Settings", {}, "key", {}},
        {"quality_indicator", "quality-indicators", "Quality indicators", {}, {}, {}},
        {"tier_history", "tier-history", "Assurance tier decisions", {}, {}, {}},
        {"concern", "concerns", "Concerns", "confidential = 1", {}, validateConcernRecord},
        {"concern_event", "concern-timeline", "Concern timelines", kOfConfidentialConcern, {}, {}},
        {"concern_action", "concern-actions", "Concern actions", kOfConfidentialConcern, {}, validateConcernActionRecord},
        {"visit", "visits", "Field visits", {}, {}, {}},
        {"visit_finding", "visit-findings", "Visit findings", kOfConfidentialConcern, {}, {}},
        {"visit_action", "visit-actions", "Visit actions", {}, {}, {}},
        // Local Professional Networks: declarations of interest are confidential.
        {"lpn_network", "networks", "Networks", {}, "name", {}},
        {"lpn_group", "network-groups", "Network groups", {}, {}, {}, QStringLiteral("hub_id IS NOT NULL, id")},
        {"lpn_member", "network-members", "Network members", {}, {}, {}},
        {"lpn_membership", "network-memberships", "Network roles and terms", {}, {}, {}},
        {"lpn_meeting", "network-meetings", "Network meetings", {}, {}, {}},
        {"lpn_attendance", "network-attendance", "Meeting attendance", {}, {}, {}},
        {"lpn_declaration", "declarations", "Declarations of interest", "1 = 1", {}, {}},
    };
    return tables;
}

const ExchangeTable* findTable(const QList<ExchangeTable>& tables, const QString& name) {
    for (const ExchangeTable& t : tables)
        if (t.table == name || t.recordType == name) return &t;
    return nullptr;
}

bool tableExists(Database& db, const QString& table) {
    return db.scalar(QStringLiteral("SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name = ?"), {table})
               .toInt() > 0;
}

QList<ColumnInfo> columnsOf(Database& db, const QString& table) {
    QList<ColumnInfo> out;
    for (const Row& r : db.query(QStringLiteral("SELECT name, type, \"notnull\", dflt_value FROM pragma_table_info(?) "
                                                "ORDER BY cid"), {table}))
        out.append({r.value("name").toString(), r.value("type").toString().toUpper(), r.value("notnull").toInt() != 0,
                    !r.value("dflt_value").isNull()});
    return out;
}

QList<Row> exportRows(Database& db, const ExchangeTable& t, bool includeConfidential) {
    QString sql = QStringLiteral("SELECT * FROM %1").arg(t.table);
    if (!includeConfidential && !t.confidentialWhere.isEmpty())
        // coalesce: a predicate that is NULL for a row (e.g. no concern_id) means "not confidential";
        // NOT (NULL) would silently drop the row from the export.
        sql += QStringLiteral(" WHERE NOT coalesce((%1), 0)").arg(t.confidentialWhere);
    sql += QStringLiteral(" ORDER BY ") + t.orderBy;
    return db.query(sql);
}

int confidentialCount(Database& db, const ExchangeTable& t) {
    if (t.confidentialWhere.isEmpty()) return 0;
    return db.scalar(QStringLiteral("SELECT count(*) FROM %1 WHERE %2").arg(t.table, t.confidentialWhere)).toInt();
}

QString confidentialPath(const QString& path, bool includesConfidential) {
    const QFileInfo info(path);
    if (!includesConfidential || info.fileName().contains(QLatin1String("confidential"), Qt::CaseInsensitive))
        return path;
    const QString name = QStringLiteral("CONFIDENTIAL-") + info.fileName();
    return info.path() == QLatin1String(".") && !path.startsWith(QLatin1String("./")) ? name
                                                                                      : QDir(info.path()).filePath(name);
}

ExportResult planExport(Database& db, const QList<ExchangeTable>& tables, const QString& path,
                        bool includeConfidential) {
    ExportResult r;
    for (const auto& t : tables) {
        if (!tableExists(db, t.table)) continue;
        const int secret = confidentialCount(db, t);
        if (includeConfidential) r.confidential = r.confidential || secret > 0;
        else r.confidentialLeftOut += secret;
        r.records += db.scalar(QStringLiteral("SELECT count(*) FROM %1").arg(t.table)).toInt() -
                     (includeConfidential ? 0 : secret);
    }
    r.path = confidentialPath(path, r.confidential);
    return r;
}

} // namespace cb::exchange
