#pragma once

#include "exchange/ExportScope.h"

namespace cb::exchange {

// Excel workbook for people, then the tables behind it:
//  - (CONFIDENTIAL notice first when confidential records are included; the file name says so too)
//  - "Contractors and contracts": one row per contract with its contractor (a contractor without a
//    contract has one row), names, routes and statuses in words, dates as Excel dates, values in £,
//    autofilter, frozen header, widths that fit; the technical ids in the last two columns;
//  - "Performers and practices" (one row per performer and practice), "Open concerns" (confidential
//    ones only when included) and, unless the export is cut to some contractors, "LPN members":
//    words not codes, real dates, autofilter, widths that fit, ids last;
//  - one sheet per record type with the stored columns (ids included), as before, so a sheet saved as
//    CSV imports back. With a scope, only the records of those contractors (tables not about
//    contractors are left out);
//  - last, "About this workbook": what it holds, for which contractors, when, and how to re-import.
// Written atomically.
ExportResult exportXlsx(Database& db, const QString& path, const ExportOptions& options = {},
                        const QList<ExchangeTable>& tables = standardTables(), const ContractorScope& scope = {});

// Counts for the plan shown before exporting, with a scope.
ExportResult planXlsx(Database& db, const QString& path, bool includeConfidential, const ContractorScope& scope,
                      const QList<ExchangeTable>& tables = standardTables());

} // namespace cb::exchange
