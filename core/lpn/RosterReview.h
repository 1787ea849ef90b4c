#pragma once

#include "lpn/Network.h"

namespace cb {

// What an LPN lead looks for when reviewing a roster (PRIMER section 5).
enum class RosterFindingKind {
    Vacancy,             // no chair; core team without a patient representative; no clinical majority
    TermEnding,          // a term ends within the warning window
    TermEnded,           // a term has ended but the member is still listed as active
    DeclarationMissing,  // an active member has never declared (not even "no interests")
    DeclarationStale,    // a declaration not confirmed within 12 months
    Conflict,            // declared contractor has an open concern or a contract event in progress
    NoGroup,             // an active member sits in no current group
    PoorAttendance,      // missed the last 3 meetings they were expected at
};

enum class Severity { Low, Medium, High };

struct RosterFinding {
    RosterFindingKind kind;
    Severity severity;
    QString message;       // plain words, naming the member (or the group)
    QString memberId;      // the member's record to open; empty for group-level findings
    QString groupId;       // the group concerned, if any
    QString declarationId; // the declaration concerned, if any
    QString contractorId;  // conflicts: the contractor declared
    QDate date;            // the date that matters (term end, last review...), if any
};

QString kindCode(RosterFindingKind kind);  // "vacancy", "term_ending", ... (stable, for CSV/JSON)
QString kindLabel(RosterFindingKind kind); // "Vacancy", "Term ending", ...
QString severityCode(Severity severity);   // "low", "medium", "high"

struct RosterReviewOptions {
    QDate today;                                          // null: the database clock's today
    int termEndingWithinDays = lpn::kTermEndingWarningDays; // callers pass termEndingWarningDays(db)
    int declarationReviewMonths = lpn::kDeclarationReviewMonths; // stale when not confirmed within this
};

// The setting holding the "terms ending within" window, in days (Settings, table `setting`).
inline constexpr const char* kTermEndingDaysSetting = "lpn.term_ending_days";
namespace lpn {
constexpr int kTermEndingMaxDays = 3650; // the widest window the setting, screen and CLI accept
}
// The window set for this database: the setting when it holds a whole number from 0 to 3650,
// otherwise lpn::kTermEndingWarningDays. Reads only (works read-only).
int termEndingWarningDays(Database& db);

// Reviews one network's roster. Findings come ordered by severity (high first), then kind, then
// member name. Reads only; works on a database opened read-only. Throws ValidationError if the
// network does not exist.
QList<RosterFinding> reviewRoster(Database& db, const QString& networkId, const RosterReviewOptions& options = {});

} // namespace cb
