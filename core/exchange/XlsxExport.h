#pragma once

#include "exchange/ExchangeTables.h"
#include "exchange/RecordExchange.h"

namespace cb::exchange {

// Excel workbook: one sheet per record type, header row frozen, dates as real Excel dates
// (dd/mm/yyyy), money (columns stored in pence) as pounds in £#,##0.00. When confidential records are
// included the first sheet is a CONFIDENTIAL notice and the file name says so. Written atomically.
ExportResult exportXlsx(Database& db, const QString& path, const ExportOptions& options = {},
                        const QList<ExchangeTable>& tables = standardTables());

} // namespace cb::exchange
