// Issue 14 item 7: a merger ends the contract it absorbs; a practice holds one active GMS
// contract; dispensing is an attribute of the GP contract; branch closure, retirement and boundary
// change events; a sole practitioner becoming a partnership gives 28 days' notice. Through the
// contract book and through an import.
#include "ConcernFixtures.h"
#include "ProcessFixtures.h"
#include "TestSupport.h"
#include "common/Policy.h"


using namespace cb;
using namespace cbtest;


TEST_CASE("a practice holds one active GMS contract", "[contracts][process]") {
    TempDb t;
    const Contractor practice = makePractice(t.db());
    const Contract first = makeContract(t.db(), practice);
    Contract second;
    second.contractorId = practice.id;
    second.route = "gms";
    second.reference = "GMS-2";
    second.startDate = QDate(2020, 4, 1);
    ContractBook book(t.db());
    refused([&] { book.create(second); }, "route", "The practice already holds an active GMS contract (GMS-A81001)");
    REQUIRE(book.forContractor(practice.id).size() == 1);
    second.route = "pms";
    book.create(second); // a PMS beside it is another matter
}

TEST_CASE("a merger ends the contract it absorbs in the same step", "[contracts][process]") {
    TempDb t;
    const Contractor practice = makePractice(t.db());
    const Contract gms = makeContract(t.db(), practice);
    const Contract apms = makeContract(t.db(), practice, "apms");
    ContractBook book(t.db());
    ContractEvent merger = eventDraft(gms, "merger", QDate(2026, 10, 1));
    merger.effectiveDate = QDate(2026, 11, 1);
    refused([&] { book.addEvent(merger); }, "relatedContractId", "Choose the contract the merger absorbs");
    merger.relatedContractId = gms.id;
    refused([&] { book.addEvent(merger); }, "relatedContractId", "A contract cannot absorb itself");
    REQUIRE(count(t.db(), "contract_event") == 0);
    merger.relatedContractId = apms.id;
    book.addEvent(merger);
    const Contract absorbed = *book.get(apms.id);
    REQUIRE(absorbed.status == "merged");
    REQUIRE(absorbed.endDate == QDate(2026, 10, 31));
    REQUIRE(book.get(gms.id)->status == "active");
}

TEST_CASE("an import refuses a merger whose absorbed contract stays active, and a second GMS", "[contracts][process][import]") {
    TempDb t;
    const Contractor practice = makePractice(t.db());
    const Contract gms = makeContract(t.db(), practice);
    const Contract apms = makeContract(t.db(), practice, "apms");
    ContractEvent merger = eventDraft(gms, "merger", QDate(2026, 10, 1));
    merger.effectiveDate = QDate(2026, 11, 1);
    merger.relatedContractId = apms.id;
    ContractBook(t.db()).addEvent(merger);
    const QString path = exportAll(t.db(), t.file("merger.json"));
    {
        TempDb into;
        REQUIRE(importReasons(into.db(), path).isEmpty());
    }
    editJson(path, [&](QJsonObject& tables) {
        QJsonArray rows = tables.value("contract").toArray();
        for (int i = 0; i < rows.size(); ++i) {
            QJsonObject r = rows.at(i).toObject();
            if (r.value("id").toString() == apms.id) {
                r.insert("status", "active");
                r.insert("route", "gms");
                r.insert("end_date", QJsonValue::Null);
            }
            rows.replace(i, r);
        }
        tables.insert("contract", rows);
    });
    TempDb into;
    const QString reasons = importReasons(into.db(), path);
    INFO(reasons.toStdString());
    REQUIRE(reasons.contains("The practice already holds an active GMS contract"));
    REQUIRE(count(into.db(), "contract") == 1);
}

TEST_CASE("dispensing is an attribute of the GP contract, not a route", "[contracts][process]") {
    Issues issues;
    Contract k;
    k.route = "dispensing_doctor";
    k.startDate = QDate(2010, 4, 1);
    validate(k, "general_practice", issues);
    bool routeRefused = false;
    for (const FieldIssue& i : issues.list())
        routeRefused = routeRefused || i.message.contains("tick Dispensing");
    CHECK(routeRefused);
    CHECK_FALSE(hasCode(routesForGroup("general_practice"), "dispensing_doctor"));
    Issues ok;
    k.route = "gms";
    k.dispensing = true;
    validate(k, "general_practice", ok);
    CHECK(ok.isEmpty());
    Issues dental;
    k.route = "gds";
    validate(k, "dental", dental);
    CHECK(dental.list().first().message == "Only a GP contract (GMS, PMS or APMS) has dispensing doctor arrangements.");
}

TEST_CASE("branch closures, retirements, boundary changes and partnership notice", "[contracts][process]") {
    TempDb t;
    const Contractor practice = makePractice(t.db());
    const Contract gms = makeContract(t.db(), practice);
    ContractBook book(t.db());
    for (const char* kind : {"branch_closure", "retirement", "boundary_change"}) {
        ContractEvent e = eventDraft(gms, kind, QDate(2026, 10, 1));
        refused([&] { book.addEvent(e); }, "effectiveDate", "takes effect");
        e.effectiveDate = QDate(2026, 12, 1);
        book.addEvent(e);
    }
    ContractEvent change = eventDraft(gms, "partnership_change", QDate(2026, 11, 1));
    change.effectiveDate = QDate(2026, 11, 1).addDays(policy::kPartnershipChangeMinDays - 1);
    refused([&] { book.addEvent(change); }, "effectiveDate",
            QStringLiteral("A sole practitioner becoming a partnership gives at least %1 days' notice: it can take "
                           "effect on 29/11/2026 at the earliest.").arg(policy::kPartnershipChangeMinDays));
    change.effectiveDate = QDate(2026, 11, 29);
    book.addEvent(change);
    const Contractor dentist = makePractice(t.db(), "V00001", "dental");
    ContractEvent boundary = eventDraft(makeContract(t.db(), dentist, "gds"), "boundary_change", QDate(2026, 10, 1));
    boundary.effectiveDate = QDate(2026, 12, 1);
    refused([&] { book.addEvent(boundary); }, "kind", "is a GP practice event");
}
