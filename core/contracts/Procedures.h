#pragma once
// The procedures a caseworker walks through on a contract (issue 14), on top of ContractBook's
// rules: a dental mid-year review, and an application (list closure, pharmacy market entry or
// change of ownership) from receipt through acknowledgement to decision and appeal. Every step is
// saved through ContractBook, so the contract rules, the audit and the one write path apply.
#include "common/Errors.h"
#include "common/Vocabulary.h"
#include "contracts/Contract.h"

namespace cb {

class Database;

// Records a dental year's mid-year review in one step: the activity delivered by 30 September and
// the day the review was held (which clears the worklist's "mid-year review due"). Nothing is saved
// when either is refused.
DentalActivity recordMidYearReview(Database& db, DentalActivity activity, const QDate& held);
// "UDAs: 310 of 1,000 by 30 September (31.0%) — at least 30% expected: on track." for one unit.
QString midYearDelivery(const QString& unit, Units target, std::optional<Units> deliveredH1);

// The outcome of the pharmaceutical needs assessment test on a market entry application.
const QList<Choice>& needsAssessmentOutcomes();

// What an application records beyond the contract event's own columns, kept in its description
// under labelled lines ("Needs assessment test: ...", "Rejected because: ...") so an export or a
// team exchange carries them with the event.
struct ApplicationDetails {
    QString summary;         // what was applied for
    QString needsAssessment; // needsAssessmentOutcomes() code, market entry only
    QString rejectionReason; // why it was rejected
    QString describe() const;
    static ApplicationDetails parse(const QString& description);
};

// The order of the procedure, beyond the event rules: a list closure is acknowledged before it is
// decided; a market entry decision follows the needs assessment test; a rejection says why.
void checkApplicationStep(const ContractEvent& e, const ApplicationDetails& d, Issues& issues);
// When the acknowledgement of a list closure application is due (kListClosureAcknowledgeDays after).
QDate acknowledgementDue(const ContractEvent& e);

// Saves an application (new or changed) after checkApplicationStep and ContractBook's rules; the
// event's description is rebuilt from `d`.
ContractEvent saveApplication(Database& db, ContractEvent e, const ApplicationDetails& d);

} // namespace cb
