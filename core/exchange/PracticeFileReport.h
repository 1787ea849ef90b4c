#pragma once

#include "common/Errors.h"

#include <QString>

namespace cb {
class Database;
}

namespace cb::exchange {

// The practice file for one contractor, as self-contained HTML laid out for A4 printing: details,
// sites, contracts with their events, a summary of open concerns and recent visits (when those
// features' tables exist). Pure text, so core stays GUI-free; ui/exchange/PdfReport renders it.
struct PracticeFile {
    QString title; // "Practice file: A81001 THE LAWSON STREET SURGERY"
    QString html;
};

// Throws ValidationError when no contractor has the code.
PracticeFile practiceFile(Database& db, const QString& odsCode);

} // namespace cb::exchange
