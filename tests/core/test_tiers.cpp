#include "ConcernFixtures.h"
#include "TestSupport.h"
#include "store/Settings.h"
#include "tiers/AssuranceTier.h"

using namespace cb;
using namespace cbtest;

namespace {
QStringList codes(const TierSuggestion& s) {
    QStringList out;
    for (const TierSignal& sig : s.evidence) out << sig.code;
    return out;
}
} // namespace

TEST_CASE("a tier decision is kept as history and sets the current tier in one transaction", "[tiers]") {
    TempDb t;
    const Contractor c = makePractice(t.db());
    TierService tiers(t.db());
    tiers.decide(c.id, "room_for_improvement", "QOF below target", QDate(2026, 3, 1));
    tiers.decide(c.id, "cause_for_concern", "Inadequate CQC rating", QDate(2026, 10, 1));
    REQUIRE(ContractorService(t.db()).get(c.id)->assuranceTier == "cause_for_concern");
    // A decision entered late, dated earlier, joins the history without overturning the latest.
    tiers.decide(c.id, "assurance_based", "Annual review of the practice file", QDate(2025, 6, 1));
    REQUIRE(ContractorService(t.db()).get(c.id)->assuranceTier == "cause_for_concern");
    const auto history = tiers.history(c.id);
    REQUIRE(history.size() == 3);
    REQUIRE(history[0].tier == "cause_for_concern");
    REQUIRE(history[0].decidedBy == "tester");
    REQUIRE(history[0].rationale == "Inadequate CQC rating");
    REQUIRE(history[2].decidedOn == QDate(2025, 6, 1));
    REQUIRE(t.db().scalar("SELECT count(*) FROM audit WHERE entity = 'tier_history' AND contractor_id = ?", {c.id}).toInt() == 3);
}

TEST_CASE("a tier decision needs a tier, a rationale and a past date, bad input changes nothing", "[tiers]") {
    TempDb t;
    const Contractor c = makePractice(t.db());
    TierService tiers(t.db());
    const qint64 audit = count(t.db(), "audit");
    try {
        tiers.decide(c.id, "excellent", " ", QDate(2026, 12, 1));
        FAIL("accepted");
    } catch (const ValidationError& e) {
        REQUIRE(e.messageFor("tier") == "Choose an assurance tier: Assurance based, Room for improvement, Cause for concern.");
        REQUIRE(e.messageFor("rationale") == "Write the rationale for the tier: what the decision rests on.");
        REQUIRE(e.messageFor("decidedOn") == "The date of the decision cannot be in the future.");
    }
    REQUIRE(count(t.db(), "audit") == audit);
    REQUIRE(count(t.db(), "tier_history") == 0);
    REQUIRE(ContractorService(t.db()).get(c.id)->assuranceTier.isEmpty());
}

TEST_CASE("QOF achievement is stored per practice per year", "[tiers]") {
    TempDb t;
    const Contractor gp = makePractice(t.db());
    TierService tiers(t.db());
    tiers.recordQof(gp.id, 2024, 91.0);
    tiers.recordQof(gp.id, 2025, 80.0);
    tiers.recordQof(gp.id, 2025, 82.5); // the same year again replaces it
    REQUIRE(tiers.qof(gp.id).size() == 2);
    REQUIRE(tiers.qof(gp.id)[0].percent == 82.5);
    REQUIRE_THROWS_WITH(tiers.recordQof(gp.id, 2025, 101), "QOF achievement is a percentage from 0 to 100.");
    const Contractor dental = makePractice(t.db(), "V100001", "dental");
    REQUIRE_THROWS_WITH(tiers.recordQof(dental.id, 2025, 90), "QOF applies to GP practices only.");
}

TEST_CASE("no signals suggest assurance based, and the suggestion never writes", "[tiers][suggest]") {
    TempDb t;
    const Contractor c = makePractice(t.db());
    TierService tiers(t.db());
    const qint64 audit = count(t.db(), "audit");
    const TierSuggestion s = tiers.suggest(c.id);
    REQUIRE(s.tier == "assurance_based");
    REQUIRE(s.evidence.isEmpty());
    REQUIRE(s.reasons().value(0).startsWith("No warning signals"));
    REQUIRE(s.differsFromCurrent()); // not yet assessed
    REQUIRE(count(t.db(), "audit") == audit);
    REQUIRE(ContractorService(t.db()).get(c.id)->assuranceTier.isEmpty());
}

TEST_CASE("each PRIMER signal gives its reason", "[tiers][suggest]") {
    TempDb t;
    Contractor c = makePractice(t.db());
    TierService tiers(t.db());
    ConcernService concerns(t.db());

    SECTION("CQC Inadequate suggests cause for concern") {
        c.cqcRating = "inadequate";
        c.cqcRatingDate = QDate(2026, 2, 3);
        ContractorService(t.db()).update(c);
        const TierSuggestion s = tiers.suggest(c.id);
        REQUIRE(s.tier == "cause_for_concern");
        REQUIRE(s.reasons() == QStringList{"CQC rated it Inadequate on 03/02/2026."});
    }
    SECTION("CQC Requires improvement suggests room for improvement") {
        c.cqcRating = "requires_improvement";
        c.cqcRatingDate = QDate(2026, 2, 3);
        ContractorService(t.db()).update(c);
        const TierSuggestion s = tiers.suggest(c.id);
        REQUIRE(s.tier == "room_for_improvement");
        REQUIRE(s.reasons() == QStringList{"CQC rated it Requires improvement on 03/02/2026."});
    }
    SECTION("open high and extreme concerns count; closed and low ones do not") {
        Concern high = newConcern(t.db(), c.id);
        high.consequence = 3;
        high.likelihood = 3;
        concerns.create(high);
        Concern low = newConcern(t.db(), c.id);
        low.consequence = 1;
        low.likelihood = 2;
        concerns.create(low);
        TierSuggestion s = tiers.suggest(c.id);
        REQUIRE(s.tier == "room_for_improvement");
        REQUIRE(s.reasons() == QStringList{"1 open high-risk concern."});
        Concern extreme = newConcern(t.db(), c.id);
        extreme.consequence = 5;
        extreme.likelihood = 4;
        const Concern saved = concerns.create(extreme);
        s = tiers.suggest(c.id);
        REQUIRE(s.tier == "cause_for_concern");
        REQUIRE(codes(s) == QStringList{"open_extreme_concern", "open_high_concern"});
        StageChange close;
        close.stage = "closed";
        close.reason = "Resolved";
        close.outcome = "Fixed and confirmed at a visit";
        concerns.changeStage(saved.id, close);
        REQUIRE(tiers.suggest(c.id).tier == "room_for_improvement");
    }
    SECTION("QOF below 85% in the latest year") {
        tiers.recordQof(c.id, 2024, 80.0);
        tiers.recordQof(c.id, 2025, 86.0);
        REQUIRE(tiers.suggest(c.id).tier == "assurance_based"); // the latest year is fine
        tiers.recordQof(c.id, 2025, 84.9);
        const TierSuggestion s = tiers.suggest(c.id);
        REQUIRE(s.tier == "room_for_improvement");
        REQUIRE(s.reasons() == QStringList{"QOF achievement 84.9% in 2025/26, below 85.0%."});
        Settings(t.db()).set(tiers::kQofMinPercentKey, 80.0);
        REQUIRE(tiers.suggest(c.id).tier == "assurance_based");
    }
    SECTION("a list closure within the last 12 months") {
        const Contract k = makeContract(t.db(), c);
        makeEvent(t.db(), k, "list_closure", QDate(2025, 10, 1)); // 13 months ago: not recent
        REQUIRE(tiers.suggest(c.id).tier == "assurance_based");
        makeEvent(t.db(), k, "list_closure", QDate(2026, 1, 15));
        const TierSuggestion s = tiers.suggest(c.id);
        REQUIRE(s.tier == "room_for_improvement");
        REQUIRE(s.reasons() == QStringList{"List closure applied for on 15/01/2026, within the last 12 months."});
    }
    SECTION("dental delivery below 96% at the latest year end") {
        const Contractor dental = makePractice(t.db(), "V100001", "dental");
        Contract k;
        k.contractorId = dental.id;
        k.route = "gds";
        k.reference = "GDS-1";
        k.startDate = QDate(2010, 4, 1);
        k.udaTarget = 10000;
        k = ContractBook(t.db()).create(k);
        DentalActivity a;
        a.contractId = k.id;
        a.yearStart = 2024;
        a.udaTarget = 10000;
        a.udaDelivered = 9000;
        ContractBook(t.db()).saveActivity(a);
        a.id.clear();
        a.yearStart = 2025;
        a.udaDelivered = 9700;
        ContractBook(t.db()).saveActivity(a);
        REQUIRE(tiers.suggest(dental.id).tier == "assurance_based"); // latest year 97%
        a = ContractBook(t.db()).activity(k.id).last();
        for (const DentalActivity& x : ContractBook(t.db()).activity(k.id))
            if (x.yearStart == 2025) a = x;
        a.udaDelivered = 9500;
        ContractBook(t.db()).saveActivity(a);
        const TierSuggestion s = tiers.suggest(dental.id);
        REQUIRE(s.tier == "room_for_improvement");
        REQUIRE(s.reasons() == QStringList{"UDA delivery 95.0% in 2025/26 on GDS-1, below 96.0%."});
    }
    SECTION("three lesser signals together suggest cause for concern") {
        c.cqcRating = "requires_improvement";
        c.cqcRatingDate = QDate(2026, 2, 3);
        ContractorService(t.db()).update(c);
        tiers.recordQof(c.id, 2025, 70.0);
        makeEvent(t.db(), makeContract(t.db(), c), "list_closure", QDate(2026, 6, 1));
        const TierSuggestion s = tiers.suggest(c.id);
        REQUIRE(s.tier == "cause_for_concern");
        REQUIRE(s.reasons().last() == "3 warning signals together suggest cause for concern.");
        REQUIRE(tiers.suggestAll().value(c.id).tier == "cause_for_concern");
    }
}
