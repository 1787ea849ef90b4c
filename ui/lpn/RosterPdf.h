#pragma once

#include "lpn/RosterExport.h"

namespace cb::ui {

// A network's roster for its meeting papers as HTML: title, network, date, members by group and
// role with their terms, members in no group; declarations of interest only when
// options.includeDeclarations is set, and then the first line says the roster is confidential.
QString rosterHtml(Database& db, const QString& networkId, const RosterExportOptions& options = {});

// The same roster as an A4 PDF, written atomically (QSaveFile). A confidential roster's file name
// gets -CONFIDENTIAL (see confidentialFileName). Throws Error saying why it failed, leaving no file.
RosterExportResult exportRosterPdf(Database& db, const QString& networkId, const QString& path,
                                   const RosterExportOptions& options = {});

} // namespace cb::ui
