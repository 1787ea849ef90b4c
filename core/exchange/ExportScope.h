#pragma once

#include "exchange/ExchangeTables.h"
#include "exchange/RecordExchange.h"

#include <QVariantList>

// "Export what you are looking at" (issue 15): which records an export of some contractors holds,
// for every format -- the Excel workbook, the exchange file (JSON) and the CSV of one record type.
namespace cb::exchange {

// Which contractors an export covers: everything, or those a list shows (its filter or selection).
struct ContractorScope {
    QString idsSql;      // SELECT returning contractor ids; empty: everything
    QVariantList params; // for idsSql
    QString description; // "Contractors shown in the list: Community pharmacy (1,234)"
    bool isEverything() const { return idsSql.isEmpty(); }
    static ContractorScope ofIds(const QStringList& ids, const QString& description);
};

// The contractor ids in a scope (every contractor when the scope is everything).
int contractorCount(Database& db, const ContractorScope& scope);

// One table of a scoped export, with the rows it holds.
struct ScopedTable {
    ExchangeTable table;
    QString where; // SQL predicate without "WHERE"; empty: every row
    QVariantList params;
};

// " WHERE (a) AND (b)" of the non-empty parts; empty when there are none.
QString joinWhere(const QStringList& parts);

// True when a table's records belong to contractors (a contractor, its contracts, concerns,
// visits...), so a scope of contractors selects some of them.
bool aboutContractors(const QString& table);

// The tables of an export of scope: with everything, every table; with a scope, the records of
// those contractors. withReferences adds what those records point to that is not itself about a
// contractor (the performers a link or a concern names), so the file imports on its own into
// another Casebook; without it, tables not about contractors are left out.
QList<ScopedTable> scopedTables(Database& db, const QList<ExchangeTable>& tables, const ContractorScope& scope,
                                bool withReferences);

// Rows of a scoped table, ordered as every export orders them, confidential ones left out unless
// included (the rule of exchange/Confidentiality.h), handed to fn one at a time; read them by
// columnsOf(), as eachExportRow's.
void eachScopedRow(Database& db, const ScopedTable& s, bool includeConfidential,
                   const std::function<void(const Row&)>& fn);
// Counts for the plan shown before exporting, and the file name (CONFIDENTIAL- when included).
ExportResult planScoped(Database& db, const QList<ScopedTable>& tables, const QString& path, bool includeConfidential);

// The exchange file (JSON) of a scope: the same format as jsonDocument(), holding the scope's
// records and what they refer to. With everything it is jsonDocument() itself.
QByteArray scopedJsonDocument(Database& db, const ExportOptions& options, const ContractorScope& scope,
                              const QList<ExchangeTable>& tables = standardTables());
ExportResult exportScopedJson(Database& db, const QString& path, const ExportOptions& options,
                              const ContractorScope& scope, const QList<ExchangeTable>& tables = standardTables());

// The CSV of one record type, cut to a scope (the same columns as csvDocument()).
ExportResult exportScopedCsv(Database& db, const QString& recordType, const QString& path, const ExportOptions& options,
                             const ContractorScope& scope, const QList<ExchangeTable>& tables = standardTables());
ExportResult planScopedCsv(Database& db, const QString& recordType, const QString& path, bool includeConfidential,
                           const ContractorScope& scope, const QList<ExchangeTable>& tables = standardTables());

} // namespace cb::exchange
