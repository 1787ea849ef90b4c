#include "exchange/ExchangeTables.h"

#include "exchange/Csv.h"
#include "store/RecordType.h"

#include <QDir>
#include <algorithm>
#include <QFileInfo>

namespace cb::exchange {

const QList<ExchangeTable>& standardTables() {
    static const QList<ExchangeTable> tables = [] {
        QList<ExchangeTable> out;
        for (const RecordType* t : recordTypes())
            out.append({t->table, t->recordType, t->title, t->confidentialWhere, t->naturalKey, t->orderBy});
        return out;
    }();
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
        if (r.value("name").toString() != kRowVersion)
            out.append({r.value("name").toString(), r.value("type").toString().toUpper(), r.value("notnull").toInt() != 0,
                        !r.value("dflt_value").isNull()});
    // In the order the record type describes its fields, not the order the table happens to have:
    // a migration that rebuilds a table puts its changed columns last (V015 moved a contract's UDA
    // and UOA targets after its notes), and a caseworker's spreadsheet must not see its CSV and
    // Excel columns move with an upgrade. Columns no description names keep the table's order, after.
    if (const RecordType* type = findRecordType(table)) {
        const auto rank = [type](const ColumnInfo& c) {
            for (qsizetype i = 0; i < type->fields.size(); ++i)
                if (type->fields.at(i).column == c.name) return i;
            return type->fields.size();
        };
        std::stable_sort(out.begin(), out.end(), [&](const ColumnInfo& a, const ColumnInfo& b) { return rank(a) < rank(b); });
    }
    return out;
}

void eachExportRow(Database& db, const ExchangeTable& t, bool includeConfidential,
                   const std::function<void(const Row&)>& fn) {
    QString sql = QStringLiteral("SELECT * FROM %1").arg(t.table);
    if (!includeConfidential && !t.confidentialWhere.isEmpty())
        // coalesce: a predicate that is NULL for a row (e.g. no concern_id) means "not confidential";
        // NOT (NULL) would silently drop the row from the export.
        sql += QStringLiteral(" WHERE NOT coalesce((%1), 0)").arg(t.confidentialWhere);
    sql += QStringLiteral(" ORDER BY ") + t.orderBy;
    db.each(sql, {}, fn);
}

void writeRecordCsv(const QList<ColumnInfo>& cols, bool confidential, const RowSource& eachRow,
                    const std::function<void(const QByteArray&)>& write) {
    csv::Writer out(write);
    if (confidential) out.row({QStringLiteral("CONFIDENTIAL: includes confidential records. Do not share.")});
    QVariantList line;
    for (const ColumnInfo& c : cols) line << c.name;
    out.row(line);
    eachRow([&](const Row& r) {
        line.clear();
        for (const ColumnInfo& c : cols) line << r.value(c.name);
        out.row(line);
    });
    out.finish();
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
