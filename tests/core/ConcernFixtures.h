#pragma once
// Register records the concern, tier and visit tests build on.
#include "TestSupport.h"
#include "concerns/Concern.h"
#include "contractors/Contractor.h"
#include "contracts/Contract.h"
#include "performers/Performer.h"

namespace cbtest {

inline cb::Contractor makePractice(cb::Database& db, const QString& ods = QStringLiteral("A81001"),
                                   const QString& group = QStringLiteral("general_practice")) {
    cb::Contractor c;
    c.odsCode = ods;
    c.group = group;
    c.name = QStringLiteral("Oakfield Surgery ") + ods;
    c.openDate = QDate(2001, 4, 1);
    return cb::ContractorService(db).create(c);
}

inline cb::Contract makeContract(cb::Database& db, const cb::Contractor& c, const QString& route = QStringLiteral("gms")) {
    cb::Contract k;
    k.contractorId = c.id;
    k.route = route;
    k.reference = route.toUpper() + QStringLiteral("-") + c.odsCode;
    k.startDate = QDate(2004, 4, 1);
    if (cb::isTimeLimitedRoute(route)) k.endDate = QDate(2029, 3, 31);
    return cb::ContractBook(db).create(k);
}

// A contract event as an editor would fill it in, not yet saved.
inline cb::ContractEvent eventDraft(const cb::Contract& k, const QString& kind, const QDate& date) {
    cb::ContractEvent e;
    e.id = cb::Database::newId();
    e.contractId = k.id;
    e.kind = kind;
    e.eventDate = date;
    e.description = QStringLiteral("Breach: opening hours not kept. Steps: restore them.");
    if (kind == QLatin1String("remedial_notice")) e.deadline = date.addDays(28);
    if (kind == QLatin1String("termination_notice")) e.effectiveDate = date.addDays(28);
    if (kind == QLatin1String("list_closure")) { // an approved application, copied to the LMC
        e.acknowledgedDate = date;
        e.decision = QStringLiteral("approved");
        e.decisionDate = date;
        e.lrcCopiedDate = date;
        e.effectiveDate = date.addDays(7);
        e.deadline = e.effectiveDate.addMonths(6);
    }
    return e;
}

// Records a remedial, breach or termination notice the way the rules allow: from a serious concern
// (received that day, LMC told) moved to formal action with it; for a pharmacy breach or
// termination, after a local dispute resolution step.
inline cb::ContractEvent makeNotice(cb::Database& db, const cb::ContractEvent& e) {
    cb::ContractBook book(db);
    const QString contractorId = book.get(e.contractId)->contractorId;
    const QString group =
        db.scalar(QStringLiteral("SELECT contractor_group FROM contractor WHERE id = ?"), {contractorId}).toString();
    if ((group == QLatin1String("pharmacy") || group == QLatin1String("appliance")) && e.kind != QLatin1String("remedial_notice")) {
        cb::ContractEvent ldr;
        ldr.contractId = e.contractId;
        ldr.kind = QStringLiteral("local_dispute_resolution");
        ldr.eventDate = e.eventDate;
        ldr.description = QStringLiteral("Dispute discussed with the contractor and the LPC");
        ldr.status = QStringLiteral("completed");
        book.addEvent(ldr);
    }
    cb::ConcernService concerns(db);
    cb::Concern c = concerns.draft(contractorId);
    c.source = QStringLiteral("complaint");
    c.category = QStringLiteral("contract_compliance");
    c.receivedDate = e.eventDate;
    c.summary = QStringLiteral("Contract breach behind the notice");
    c.owner = QStringLiteral("Sam Caseworker");
    c.serious = true;
    c.seriousReason = QStringLiteral("Patients were put at immediate risk");
    c = concerns.create(c);
    concerns.recordLrcInformed(c.id, e.eventDate);
    cb::StageChange formal;
    formal.stage = QStringLiteral("formal_action");
    formal.reason = QStringLiteral("Notice issued");
    formal.date = e.eventDate;
    formal.newNotice = e;
    if (formal.newNotice->id.isEmpty()) formal.newNotice->id = cb::Database::newId();
    concerns.changeStage(c.id, formal);
    return *book.event(formal.newNotice->id);
}

// Saves a contract event; a notice goes through makeNotice.
inline cb::ContractEvent makeEvent(cb::Database& db, const cb::Contract& k, const QString& kind, const QDate& date) {
    const cb::ContractEvent e = eventDraft(k, kind, date);
    if (kind == QLatin1String("remedial_notice") || kind == QLatin1String("breach_notice") ||
        kind == QLatin1String("termination_notice"))
        return makeNotice(db, e);
    return cb::ContractBook(db).addEvent(e);
}

inline cb::Performer makePerformer(cb::Database& db, const QString& profession = QStringLiteral("gp"),
                                   const QString& number = QStringLiteral("3000001")) {
    cb::Performer p;
    p.givenName = QStringLiteral("Amelia");
    p.familyName = QStringLiteral("Jones");
    p.profession = profession;
    p.registrationBody = cb::registrationBodyFor(profession);
    p.registrationNumber = number;
    if (cb::isOnPerformersList(profession)) p.listStatus = QStringLiteral("included");
    return cb::PerformerService(db).create(p);
}

inline cb::Concern newConcern(cb::Database& db, const QString& contractorId, const QString& performerId = {}) {
    cb::ConcernService s(db);
    cb::Concern c = s.draft(contractorId, performerId);
    c.source = QStringLiteral("complaint");
    c.category = QStringLiteral("access");
    c.receivedDate = QDate(2026, 9, 1);
    c.summary = QStringLiteral("Patients cannot get through on the telephone");
    c.owner = QStringLiteral("Sam Caseworker");
    return c;
}

inline cb::StageChange to(const QString& stage, const QString& reason = QStringLiteral("Next step agreed"),
                          const QDate& date = QDate(2026, 10, 1)) {
    cb::StageChange s;
    s.stage = stage;
    s.reason = reason;
    s.date = date;
    return s;
}

} // namespace cbtest
