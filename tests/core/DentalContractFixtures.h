#pragma once
// A dental practice's GDS contract with the given targets, for the tests of exact contract targets
// (core, CLI and editor).
#include "ConcernFixtures.h"

namespace cbtest {

inline cb::Contract makeDentalContract(cb::Database& db, const cb::Contractor& practice, std::optional<cb::Units> uda,
                                       std::optional<cb::Units> uoa = std::nullopt) {
    cb::Contract k;
    k.contractorId = practice.id;
    k.route = QStringLiteral("gds");
    k.reference = QStringLiteral("111111/0001");
    k.startDate = QDate(2020, 4, 1);
    k.udaTarget = uda;
    k.uoaTarget = uoa;
    return cb::ContractBook(db).create(k);
}

} // namespace cbtest
