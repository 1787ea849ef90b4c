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

// Every record is checked against its description (store/RecordType.h); these add the checks that
// span records.
void checkRegisterRows(Database& db, IntegrityReport& report); // ODS codes stored normalised
void checkConcernRows(Database& db, IntegrityReport& report);  // formal action notices, risk bands
void checkLpnRows(Database& db, IntegrityReport& report);      // seats in the member's own network

} // namespace cb
