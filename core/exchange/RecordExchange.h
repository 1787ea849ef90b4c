#pragma once

#include "exchange/ExchangeTables.h"
#include "exchange/Import.h"

#include <QByteArray>

// Casebook's own exchange files: a full JSON document (lossless; see docs/formats.md) and one CSV
// per record type. Both are generic over standardTables().
namespace cb::exchange {

constexpr int kJsonFormatVersion = 1;
inline const char* kJsonFormatName = "casebook-exchange";

struct ExportOptions {
    bool includeConfidential = false;
};

// The JSON document as bytes (deterministic: same database, same bytes).
QByteArray jsonDocument(Database& db, const ExportOptions& options = {},
                        const QList<ExchangeTable>& tables = standardTables());

// What an exchange document holds: some rows of some tables (an empty `where` is every row; its
// `?` take `params`), whether the first line says it is confidential, and, for a document of part
// of the register, which part ("covers"; left out when null). The one writer of the document's
// header and records, for a whole export and a scoped one alike (exchange/ExportScope.h).
struct JsonSlice {
    ExchangeTable table;
    QString where;
    QVariantList params;
};
struct JsonContents {
    QList<JsonSlice> tables;
    bool confidential = false;
    QString covers;
};
QByteArray jsonDocument(Database& db, const ExportOptions& options, const JsonContents& contents);
// Written a megabyte at a time, atomically, to path as it is (no CONFIDENTIAL- name added here).
void writeJsonFile(Database& db, const QString& path, const ExportOptions& options, const JsonContents& contents);
ExportResult exportJson(Database& db, const QString& path, const ExportOptions& options = {},
                        const QList<ExchangeTable>& tables = standardTables());

// One record type ("contractors", "sites", "contracts", "events", "performers"...) as CSV: a header
// of column names, ISO dates, money in pence as stored, UTF-8 with BOM, formula guard on.
QByteArray csvDocument(Database& db, const ExchangeTable& table, const ExportOptions& options = {});
ExportResult exportCsv(Database& db, const QString& recordType, const QString& path, const ExportOptions& options = {},
                       const QList<ExchangeTable>& tables = standardTables());
QStringList recordTypes(const QList<ExchangeTable>& tables = standardTables());

// Inserts or updates one record of a table from imported values (column -> value, typed). Matches
// by id, else by the table's natural key; a new record gets a new id. Only the columns given are
// changed. Runs the table's domain rules; throws ValidationError. Audited as usual.
// mode New: the caller knows the record is not there (its table was empty when the file began and
// the file repeats no id), so it is not sought first.
RowOutcome upsertRecord(Database& db, const ExchangeTable& table, const QList<ColumnInfo>& columns, Row values,
                        Database::SaveMode mode = Database::SaveMode::NewOrExisting);

std::unique_ptr<FileImporter> openJsonFile(const QString& path, const QList<ExchangeTable>& tables = standardTables());
std::unique_ptr<FileImporter> openCsvFile(const QString& recordType, const QString& path,
                                          const QList<ExchangeTable>& tables = standardTables());

} // namespace cb::exchange
