#pragma once
// The proportionate process (PRIMER section 4): support to improve before sanctions, the LRC told
// before formal action, notices that arise from a concern, closing that leaves nothing behind.
// Each rule is a validator over the records as they will be saved, so the concern service, the
// contract book and an import (or team exchange) refuse the same things with the same words.

#include "common/Errors.h"
#include "concerns/Concern.h"
#include "contracts/Contract.h"
#include "store/Database.h"

namespace cb {

bool isNoticeKind(const QString& contractEventKind); // remedial, breach or termination notice

// Support to improve ran for policy::kSupportToImproveMinDays before `date`, or the concern is
// serious with a reason of substance. `what` names the step: "formal action", "the remedial notice".
void checkSupportBefore(const Concern& c, const QDate& date, const QString& field, const QString& what, Issues& issues);
// The LRC was informed on or before `date`, or the concern carries a reason of substance why not.
void checkLrcBefore(const Concern& c, const QDate& date, const QString& what, Issues& issues);
// A notice against the concern it arises from (both as they will be saved).
void checkNoticeAgainstConcern(const Concern& c, const ContractEvent& notice, const QString& noticeContractorId,
                               Issues& issues);

// The process rules of a concern record that look at other records: its linked notice and any
// notice naming it, and (closed) no open actions.
void checkConcernProcess(Database& db, const Concern& c, Issues& issues);
// The process rules of a contract event record: a notice names its concern, which allows it.
// `concernMayFollow`: in an import the concern may come later in the same file; its own check
// then covers the notice.
void checkNoticeProcess(Database& db, const ContractEvent& e, Issues& issues, bool concernMayFollow = false);

// The file rules (RecordType::fileRules) of records that arrive whole from an import or a team
// package, beyond each record's own validate(): an action left open on a closed concern; a notice
// outside the process, or linked to events that do not fit.
void checkActionOfClosedConcern(Database& db, const Row& row, Issues& issues);
void checkContractEventProcess(Database& db, const Row& row, Issues& issues);
// After a whole import or package is applied: notices naming a concern that never arrived (their
// check was left to the concern, which may come later in the same file), in words. Empty: none.
QStringList noticesWithoutConcern(Database& db);

} // namespace cb
