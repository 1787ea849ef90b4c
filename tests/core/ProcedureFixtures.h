#pragma once
// Records the procedure tests (mid-year review, applications) start from, core and widget alike.
#include "ConcernFixtures.h"

namespace cbtest {

// An application as received, not yet saved.
inline cb::ContractEvent application(const cb::Contract& k, const QString& kind, const QDate& received,
                                     const QString& description = {}) {
    cb::ContractEvent e;
    e.contractId = k.id;
    e.kind = kind;
    e.eventDate = received;
    e.description = description;
    return e;
}

// A dental contract (1,000 UDAs, and `uoaTarget` UOAs) with its 2026/27 year, `udaH1` UDAs delivered
// by 30 September: with the clock at 22/11/2026 its mid-year review is due while under 30%.
struct DentalYear {
    explicit DentalYear(cb::Database& db, qint64 uoaTarget = 0, std::optional<qint64> udaH1 = 200) {
        const cb::Contractor c = makePractice(db, QStringLiteral("V00001"), QStringLiteral("dental"));
        cb::Contract k;
        k.contractorId = c.id;
        k.route = QStringLiteral("gds");
        k.reference = QStringLiteral("GDS-1");
        k.startDate = QDate(2020, 4, 1);
        k.udaTarget = 1000;
        if (uoaTarget > 0) k.uoaTarget = uoaTarget;
        contract = cb::ContractBook(db).create(k);
        cb::DentalActivity a;
        a.contractId = contract.id;
        a.yearStart = 2026;
        a.udaTarget = 1000;
        a.uoaTarget = uoaTarget;
        a.udaDeliveredH1 = udaH1;
        year = cb::ContractBook(db).saveActivity(a);
    }
    cb::Contract contract;
    cb::DentalActivity year;
};

} // namespace cbtest
