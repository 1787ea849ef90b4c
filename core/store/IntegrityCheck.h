#pragma once

#include "store/Database.h"

namespace cb {

struct IntegrityFinding {
    QString table;    // empty for file-level problems
    QString recordId; // empty for file-level problems
    QString message;
};

struct IntegrityReport {
    QList<IntegrityFinding> findings;
    qint64 rowsChecked = 0;
    bool ok() const { return findings.isEmpty(); }
};

// SQLite's own checks (integrity_check, foreign_key_check) plus Casebook's validation of every
// stored record, so a file edited by other tools is caught before it misleads anyone.
IntegrityReport checkIntegrity(Database& db);

// Each feature validates its own stored rows; add new ones to the list in IntegrityCheck.cpp.
void checkRegisterRows(Database& db, IntegrityReport& report);
void checkConcernRows(Database& db, IntegrityReport& report); // concerns, tiers, QOF, visits, settings
void checkLpnRows(Database& db, IntegrityReport& report);
void checkOrganisationRows(Database& db, IntegrityReport& report); // exchange: parent organisations

} // namespace cb
