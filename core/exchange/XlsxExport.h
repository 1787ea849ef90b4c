#pragma once

#include "exchange/ExchangeTables.h"
#include "exchange/RecordExchange.h"

#include <QVariantList>

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

// Excel workbook for people, then the tables behind it:
//  - (CONFIDENTIAL notice first when confidential records are included; the file name says so too)
//  - "Contractors and contracts": one row per contract with its contractor (a contractor without a
//    contract has one row), names, routes and statuses in words, dates as Excel dates, values in £,
//    autofilter, frozen header, widths that fit; the technical ids in the last two columns;
//  - "About this workbook": what it holds, for which contractors, when, and how to re-import;
//  - one sheet per record type with the stored columns (ids included), as before, so a sheet saved as
//    CSV imports back. With a scope, only the records of those contractors (tables not about
//    contractors are left out).
// Written atomically.
ExportResult exportXlsx(Database& db, const QString& path, const ExportOptions& options = {},
                        const QList<ExchangeTable>& tables = standardTables(), const ContractorScope& scope = {});

// Counts for the plan shown before exporting, with a scope.
ExportResult planXlsx(Database& db, const QString& path, bool includeConfidential, const ContractorScope& scope,
                      const QList<ExchangeTable>& tables = standardTables());

} // namespace cb::exchange
