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

inline cb::ContractEvent makeEvent(cb::Database& db, const cb::Contract& k, const QString& kind, const QDate& date) {
    cb::ContractEvent e;
    e.contractId = k.id;
    e.kind = kind;
    e.eventDate = date;
    e.description = QStringLiteral("Breach: opening hours not kept. Steps: restore them.");
    if (kind == QLatin1String("remedial_notice")) e.deadline = date.addDays(28);
    if (kind == QLatin1String("list_closure")) {
        e.effectiveDate = date.addDays(7);
        e.deadline = e.effectiveDate.addMonths(6);
    }
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
