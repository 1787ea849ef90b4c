#pragma once

#include "common/Errors.h"
#include "store/Database.h"

#include <QList>
#include <QString>
#include <functional>

namespace cb::exchange {

// One record type that travels in exchange files (JSON, CSV per type, Excel), taken from its record
// description (store/RecordType.h): every record type travels. Columns are read from the database
// (PRAGMA table_info).
struct ExchangeTable {
    QString table;      // "contractor"
    QString recordType; // CSV type and sheet name: "contractors"
    QString title;      // "Contractors"
    // SQL predicate selecting this table's confidential rows (left out of shared exports unless the
    // user includes them), e.g. "confidential = 1" or "concern_id IN (SELECT id FROM concern WHERE
    // confidential = 1)". Empty: nothing confidential.
    QString confidentialWhere;
    // Column matched when an imported CSV row has no id (e.g. "ods_code").
    QString naturalKey;
    // Row order in exports; parents within the same table must come first (LPN hubs before spokes).
    QString orderBy = QStringLiteral("id");
};

// Parents before children, so an import can insert in this order.
const QList<ExchangeTable>& standardTables();
const ExchangeTable* findTable(const QList<ExchangeTable>& tables, const QString& tableOrType);

struct ColumnInfo {
    QString name;
    QString type; // INTEGER, REAL, TEXT (STRICT tables)
    bool notNull = false;
    bool hasDefault = false;
};
bool tableExists(Database& db, const QString& table);
QList<ColumnInfo> columnsOf(Database& db, const QString& table);

// Rows of a table, ordered by id, optionally leaving confidential rows out, handed to fn one at a
// time (an export of any size). Read them by columnsOf(), which leaves out row_version: versions
// count this database's own saves and do not travel.
void eachExportRow(Database& db, const ExchangeTable& t, bool includeConfidential,
                   const std::function<void(const Row&)>& fn);

// The layout every CSV of a record type shares, written in parts through `write`: a CONFIDENTIAL
// line when it includes confidential records, the column names, then each row `eachRow` hands over.
using RowSource = std::function<void(const std::function<void(const Row&)>& fn)>;
void writeRecordCsv(const QList<ColumnInfo>& cols, bool confidential, const RowSource& eachRow,
                    const std::function<void(const QByteArray&)>& write);
int confidentialCount(Database& db, const ExchangeTable& t);

// "exports/register.json" -> "exports/CONFIDENTIAL-register.json" when confidential records are
// included and the name does not already say so.
QString confidentialPath(const QString& path, bool includesConfidential);

// What an export wrote.
struct ExportResult {
    QString path;                // the file written (may carry CONFIDENTIAL in its name)
    int records = 0;
    int confidentialLeftOut = 0; // rows not written because they are confidential
    bool confidential = false;   // confidential rows were included
};

// Counts for an export of these tables before it is written: records, confidential ones included
// or left out, and the file name (CONFIDENTIAL- prefixed when they are included).
ExportResult planExport(Database& db, const QList<ExchangeTable>& tables, const QString& path,
                        bool includeConfidential);

} // namespace cb::exchange
