#pragma once

#include "store/Database.h"

namespace cb {

// Sharing a network's roster for its own meeting papers: CSV or Excel (.xlsx), chosen by the file's
// extension. Declaration details are confidential and left out unless includeDeclarations is set;
// then the file name carries "CONFIDENTIAL" and the file says so on its first line (CSV) or first
// sheet (Excel).
struct RosterExportOptions {
    bool includeDeclarations = false;
    QDate today; // null: the database clock's today (which seats are current; days left)
};

struct RosterExportResult {
    QString path;  // the file actually written (may differ from the request: CONFIDENTIAL added)
    int seats = 0; // rows written to the roster
    int declarations = 0;
};

enum class RosterFormat { Csv, Xlsx };

// The format for a file name, or nullopt when the extension is neither .csv nor .xlsx.
std::optional<RosterFormat> rosterFormatFor(const QString& path);
// The file name a confidential export gets: "roster.csv" -> "roster-CONFIDENTIAL.csv" (unchanged if
// the name already says CONFIDENTIAL).
QString confidentialFileName(const QString& path);

// Writes the roster atomically (QSaveFile): on failure throws Error saying why, and leaves no file
// (an existing file of that name is left as it was).
RosterExportResult exportRoster(Database& db, const QString& networkId, const QString& path,
                                const RosterExportOptions& options = {});

// The first line of a confidential roster (any format): what it contains and who may see it.
QString rosterConfidentialNotice();

// One CSV cell: RFC 4180 quoting, and a leading ' for text Excel would take as a formula.
QString rosterCsvCell(const QString& value);

} // namespace cb
