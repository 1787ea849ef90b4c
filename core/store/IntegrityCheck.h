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

// SQLite's quick_check only: every page and index of the file is readable and consistent. It reads
// the whole file (about a second at 50,000 contractors), so the GUI runs it on a reader connection
// in a worker thread after the window is up; `casebook-cli check` runs checkIntegrity instead.
// Damage found is returned as findings in words; anything else that stops the check (busy,
// interrupted, the drive gone) throws DatabaseError, which is not damage.
IntegrityReport quickCheck(Database& db, int maxFindings = 10);

// What a caseworker is told when quickCheck finds damage.
QString damageNotice(const IntegrityReport& report);

// Each feature validates its own stored rows; add new ones to the list in IntegrityCheck.cpp.
void checkRegisterRows(Database& db, IntegrityReport& report);
void checkConcernRows(Database& db, IntegrityReport& report); // concerns, tiers, QOF, visits, settings
void checkLpnRows(Database& db, IntegrityReport& report);
void checkOrganisationRows(Database& db, IntegrityReport& report); // exchange: parent organisations
// Every record is checked against its description (store/RecordType.h); these add the checks that
// span records.
void checkRegisterRows(Database& db, IntegrityReport& report); // ODS codes stored normalised
void checkConcernRows(Database& db, IntegrityReport& report);  // formal action notices, risk bands
void checkLpnRows(Database& db, IntegrityReport& report);      // seats in the member's own network

} // namespace cb
