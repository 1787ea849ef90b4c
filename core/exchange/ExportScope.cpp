#include "exchange/ExportScope.h"

#include "exchange/AtomicFile.h"
#include "store/RecordType.h"

#include <QHash>

namespace cb::exchange {

namespace {

// How a table's rows belong to contractors (%1: the SELECT of the contractor ids).
const QHash<QString, QString>& byContractor() {
    static const QHash<QString, QString> byTable = {
        {"contractor", "id IN (%1)"},
        {"site", "contractor_id IN (%1)"},
        {"contract", "contractor_id IN (%1)"},
        {"contract_service", "contract_id IN (SELECT id FROM contract WHERE contractor_id IN (%1))"},
        {"contract_event", "contract_id IN (SELECT id FROM contract WHERE contractor_id IN (%1))"},
        {"dental_activity", "contract_id IN (SELECT id FROM contract WHERE contractor_id IN (%1))"},
        {"performer_link", "contractor_id IN (%1)"},
        {"quality_indicator", "contractor_id IN (%1)"},
        {"tier_history", "contractor_id IN (%1)"},
        {"concern", "contractor_id IN (%1)"},
        {"concern_event", "concern_id IN (SELECT id FROM concern WHERE contractor_id IN (%1))"},
        {"concern_action", "concern_id IN (SELECT id FROM concern WHERE contractor_id IN (%1))"},
        {"visit", "contractor_id IN (%1)"},
        {"visit_finding", "visit_id IN (SELECT id FROM visit WHERE contractor_id IN (%1))"},
        {"visit_action", "visit_id IN (SELECT id FROM visit WHERE contractor_id IN (%1))"},
    };
    return byTable;
}

QString confidentialFilter(const ExchangeTable& t, bool includeConfidential) {
    // coalesce: a predicate that is NULL for a row means "not confidential" (as eachExportRow does).
    return includeConfidential || t.confidentialWhere.isEmpty()
               ? QString()
               : QStringLiteral("NOT coalesce((%1), 0)").arg(t.confidentialWhere);
}

int countOf(Database& db, const ScopedTable& s, const QString& extra) {
    return db.scalar(QStringLiteral("SELECT count(*) FROM %1%2").arg(s.table.table, joinWhere({s.where, extra})), s.params).toInt();
}

// A predicate with its parameters, built up as an OR of pieces.
struct Predicate {
    QStringList pieces;
    QVariantList params;
    void add(const QString& piece, const QVariantList& p) {
        pieces << QStringLiteral("(%1)").arg(piece);
        params += p;
    }
    QString text() const { return pieces.join(QStringLiteral(" OR ")); }
};

} // namespace

ContractorScope ContractorScope::ofIds(const QStringList& ids, const QString& description) {
    ContractorScope s;
    QStringList marks;
    for (const QString& id : ids) {
        marks << QStringLiteral("?");
        s.params << id;
    }
    s.idsSql = QStringLiteral("SELECT id FROM contractor WHERE id IN (%1)").arg(marks.isEmpty() ? QStringLiteral("NULL") : marks.join(','));
    s.description = description;
    return s;
}

int contractorCount(Database& db, const ContractorScope& scope) {
    if (scope.isEverything()) return db.scalar(QStringLiteral("SELECT count(*) FROM contractor")).toInt();
    return db.scalar(QStringLiteral("SELECT count(*) FROM (%1)").arg(scope.idsSql), scope.params).toInt();
}

QString joinWhere(const QStringList& parts) {
    QStringList kept;
    for (const QString& p : parts)
        if (!p.isEmpty()) kept << QStringLiteral("(%1)").arg(p);
    return kept.isEmpty() ? QString() : QStringLiteral(" WHERE ") + kept.join(QStringLiteral(" AND "));
}

bool aboutContractors(const QString& table) { return byContractor().contains(table); }

QList<ScopedTable> scopedTables(Database& db, const QList<ExchangeTable>& tables, const ContractorScope& scope,
                                bool withReferences) {
    QList<ScopedTable> out;
    QList<ExchangeTable> present;
    for (const ExchangeTable& t : tables)
        if (tableExists(db, t.table)) present << t;
    if (scope.isEverything()) {
        for (const ExchangeTable& t : present) out << ScopedTable{t, {}, {}};
        return out;
    }
    QHash<QString, Predicate> chosen;
    for (const ExchangeTable& t : present)
        if (aboutContractors(t.table)) chosen[t.table].add(byContractor().value(t.table).arg(scope.idsSql), scope.params);
    if (withReferences) {
        // Children come after their parents in the tables' order: walking it backwards, every record
        // chosen has added the records it points to before their table is reached.
        for (auto t = present.crbegin(); t != present.crend(); ++t) {
            if (!chosen.contains(t->table)) continue;
            const Predicate mine = chosen.value(t->table);
            for (const Row& fk : db.query(QStringLiteral("SELECT \"table\" AS parent, \"from\" AS col, \"to\" AS target "
                                                         "FROM pragma_foreign_key_list(?)"),
                                          {t->table})) {
                const QString parent = fk.value("parent").toString();
                if (parent == t->table || aboutContractors(parent) || !findTable(present, parent)) continue;
                QString target = fk.value("target").toString();
                if (target.isEmpty()) target = QStringLiteral("id");
                chosen[parent].add(QStringLiteral("%1 IN (SELECT %2 FROM %3 WHERE %4)")
                                       .arg(target, fk.value("col").toString(), t->table, mine.text()),
                                   mine.params);
            }
        }
    }
    for (const ExchangeTable& t : present)
        if (chosen.contains(t.table)) out << ScopedTable{t, chosen.value(t.table).text(), chosen.value(t.table).params};
    return out;
}

void eachScopedRow(Database& db, const ScopedTable& s, bool includeConfidential,
                   const std::function<void(const Row&)>& fn) {
    db.each(QStringLiteral("SELECT * FROM %1%2 ORDER BY %3")
                .arg(s.table.table, joinWhere({s.where, confidentialFilter(s.table, includeConfidential)}),
                     s.table.orderBy),
            s.params, fn);
}

ExportResult planScoped(Database& db, const QList<ScopedTable>& tables, const QString& path, bool includeConfidential) {
    ExportResult r;
    for (const ScopedTable& s : tables) {
        const int secret = s.table.confidentialWhere.isEmpty() ? 0 : countOf(db, s, s.table.confidentialWhere);
        if (includeConfidential) r.confidential = r.confidential || secret > 0;
        else r.confidentialLeftOut += secret;
        r.records += countOf(db, s, confidentialFilter(s.table, includeConfidential));
    }
    r.path = confidentialPath(path, r.confidential);
    return r;
}

namespace {
// The scope's records and what they refer to, for the one exchange document writer.
JsonContents scopedContents(Database& db, const ExportOptions& options, const ContractorScope& scope,
                            const QList<ExchangeTable>& tables) {
    const QList<ScopedTable> scoped = scopedTables(db, tables, scope, true);
    JsonContents contents;
    contents.confidential = planScoped(db, scoped, QString(), options.includeConfidential).confidential;
    contents.covers = scope.description.isNull() ? QStringLiteral("") : scope.description;
    for (const ScopedTable& s : scoped) contents.tables.append({s.table, s.where, s.params});
    return contents;
}
} // namespace

QByteArray scopedJsonDocument(Database& db, const ExportOptions& options, const ContractorScope& scope,
                              const QList<ExchangeTable>& tables) {
    if (scope.isEverything()) return jsonDocument(db, options, tables);
    return jsonDocument(db, options, scopedContents(db, options, scope, tables));
}

ExportResult exportScopedJson(Database& db, const QString& path, const ExportOptions& options,
                              const ContractorScope& scope, const QList<ExchangeTable>& tables) {
    if (scope.isEverything()) return exportJson(db, path, options, tables);
    const ExportResult r = planScoped(db, scopedTables(db, tables, scope, true), path, options.includeConfidential);
    writeJsonFile(db, r.path, options, scopedContents(db, options, scope, tables));
    return r;
}

namespace {
ScopedTable csvTable(Database& db, const QString& recordType, const ContractorScope& scope, const QList<ExchangeTable>& tables) {
    const ExchangeTable* t = findTable(tables, recordType);
    if (!t || !tableExists(db, t->table))
        throw ExportError(QStringLiteral("There is no record type \"%1\". Choose one of: %2.")
                              .arg(recordType, recordTypes(tables).join(QStringLiteral(", "))));
    for (const ScopedTable& s : scopedTables(db, {*t}, scope, false))
        if (s.table.table == t->table) return s;
    // Records not about contractors (performers, networks...): those the scope's records refer to.
    for (const ScopedTable& s : scopedTables(db, tables, scope, true))
        if (s.table.table == t->table) return s;
    throw ExportError(QStringLiteral("%1 do not belong to contractors, so they cannot be cut to %2. Export everything "
                                     "instead.").arg(t->title, scope.description));
}
} // namespace

ExportResult planScopedCsv(Database& db, const QString& recordType, const QString& path, bool includeConfidential,
                           const ContractorScope& scope, const QList<ExchangeTable>& tables) {
    return planScoped(db, {csvTable(db, recordType, scope, tables)}, path, includeConfidential);
}

ExportResult exportScopedCsv(Database& db, const QString& recordType, const QString& path, const ExportOptions& options,
                             const ContractorScope& scope, const QList<ExchangeTable>& tables) {
    if (scope.isEverything()) return exportCsv(db, recordType, path, options, tables);
    const ScopedTable s = csvTable(db, recordType, scope, tables);
    const ExportResult r = planScoped(db, {s}, path, options.includeConfidential);
    // The columns and layout of csvDocument(), with the scope's rows, written as they are read.
    writeFileAtomically(r.path, [&](const std::function<void(const QByteArray&)>& write) {
        writeRecordCsv(
            columnsOf(db, s.table.table), r.confidential,
            [&](const std::function<void(const Row&)>& fn) { eachScopedRow(db, s, options.includeConfidential, fn); },
            write);
    });
    return r;
}

} // namespace cb::exchange
