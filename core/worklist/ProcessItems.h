#pragma once
// Worklist rules for the proportionate process (issue 14): each adds its items; buildWorklist calls
// them beside the others.
#include "worklist/Worklist.h"

namespace cb {

class Database;

// Suspensions whose review date falls within policy::kSuspensionReviewDueWithinDays (or has passed),
// and suspensions not yet notified to NHS Resolution (NHS (Performers Lists) Regulations 2013, reg 12).
void suspensionReviewsDue(Database& db, const QDate& today, QList<WorklistItem>& out);

// List closure applications not yet acknowledged (due policy::kListClosureAcknowledgeDays after).
void listClosureAcknowledgementsDue(Database& db, const QDate& today, QList<WorklistItem>& out);

// Pharmacy market entry and change of ownership applications awaiting a decision.
void pharmacyApplicationsAwaitingDecision(Database& db, const QDate& today, QList<WorklistItem>& out);

// Eye health contractors whose contract compliance check (a compliance visit) is due: every
// policy::kEyeHealthComplianceYears years, from the contract's start when there has been none.
void eyeHealthComplianceChecksDue(Database& db, const QDate& today, QList<WorklistItem>& out);

// Every item above.
void processItems(Database& db, const QDate& today, QList<WorklistItem>& out);

} // namespace cb
