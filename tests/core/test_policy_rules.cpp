// Issue 14 items 3, 8 and 9: the tier changes only with a rationale (so the badge agrees with the
// history), dental percentages never read as a threshold they are not, clawback in units and pounds,
// the mid-year review stays on the worklist until recorded, and every policy figure has one home
// with its source.
#include "ConcernFixtures.h"
#include "ProcessFixtures.h"
#include "TestSupport.h"
#include "common/Policy.h"
#include "contractors/Contractor.h"
#include "contracts/Contract.h"
#include "tiers/AssuranceTier.h"
#include "worklist/Worklist.h"


using namespace cb;
using namespace cbtest;


TEST_CASE("the assurance tier changes only through a decision with a rationale of substance", "[tiers][process]") {
    TempDb t;
    const Contractor practice = makePractice(t.db());
    ContractorService contractors(t.db());
    TierService tiers(t.db());
    Contractor edited = *contractors.get(practice.id);
    edited.assuranceTier = "cause_for_concern";
    const qint64 audit = count(t.db(), "audit");
    refused([&] { contractors.update(edited); }, "assuranceTier",
            "The assurance tier changes only with a decision and its rationale: give the rationale for Cause for "
            "concern (the tier stays not assessed until then).");
    for (const char* weak : {"", "n/a", "x", "bad"})
        refused([&] { tiers.decide(practice.id, "cause_for_concern", QString::fromUtf8(weak), QDate(2026, 11, 1)); },
                "rationale", "rationale");
    REQUIRE(count(t.db(), "audit") == audit);
    REQUIRE(contractors.get(practice.id)->assuranceTier.isEmpty());

    tiers.decide(practice.id, "cause_for_concern", "CQC rated the practice Inadequate", QDate(2026, 11, 1));
    REQUIRE(contractors.get(practice.id)->assuranceTier == "cause_for_concern");
    REQUIRE(tiers.history(practice.id).first().tier == "cause_for_concern");
    // The editor saving other fields keeps the tier; clearing it or changing it alone is refused.
    edited = *contractors.get(practice.id);
    edited.telephone = "01642 123456";
    contractors.update(edited);
    edited.assuranceTier.clear();
    refused([&] { contractors.update(edited); }, "assuranceTier", "cannot be cleared");
    edited.assuranceTier = "assurance_based";
    refused([&] { contractors.update(edited); }, "assuranceTier", "the tier stays Cause for concern until then");
    REQUIRE(contractors.get(practice.id)->assuranceTier == tiers.history(practice.id).first().tier);
}

TEST_CASE("a new contractor takes its tier from a decision, not from the record", "[tiers][process]") {
    TempDb t;
    Contractor c;
    c.odsCode = "A81009";
    c.group = "general_practice";
    c.name = "Elm Surgery";
    c.openDate = QDate(2001, 4, 1);
    c.assuranceTier = "room_for_improvement";
    refused([&] { ContractorService(t.db()).create(c); }, "assuranceTier", "changes only with a decision");
    REQUIRE(count(t.db(), "contractor") == 0);
}

TEST_CASE("an import refuses a tier that disagrees with the decisions held", "[tiers][process][import]") {
    TempDb t;
    const Contractor practice = makePractice(t.db());
    TierService(t.db()).decide(practice.id, "room_for_improvement", "Indicators below target this year", QDate(2026, 10, 1));
    const QString path = exportAll(t.db(), t.file("tiers.json"));
    tamper(path, "contractor", practice.id, "assurance_tier", "assurance_based");
    // Into the same register: the history is there.
    REQUIRE(importReasons(t.db(), path).contains("The assurance tier changes only with a decision and its rationale"));
    REQUIRE(ContractorService(t.db()).get(practice.id)->assuranceTier == "room_for_improvement");
}

TEST_CASE("dental percentages are cut, never rounded up to a threshold", "[dental][process]") {
    const auto text = [](qint64 target, qint64 delivered) { return yearEndOutcome(target, delivered).percentText; };
    CHECK(text(10000, 9599) == "95.9%");   // 95.99%: below 96, so never "96.0%"
    CHECK(yearEndOutcome(10000, 9599).outcome == YearEndOutcome::Clawback);
    CHECK(text(10000, 9600) == "96.0%");   // exactly 96: carried forward
    CHECK(yearEndOutcome(10000, 9600).outcome == YearEndOutcome::ShortfallCarriedForward);
    CHECK(text(10000, 9999) == "99.9%");
    CHECK(text(10000, 10200) == "102.0%");
    CHECK(yearEndOutcome(10000, 10200).outcome == YearEndOutcome::OverDeliveryCarriedForward);
    CHECK(text(10000, 10201) == "102.01%"); // above 102: one decimal would read as 102
    CHECK(yearEndOutcome(10000, 10201).outcome == YearEndOutcome::ExcessNotCarried);
    CHECK(text(100000, 102001) == "102.001%");
    CHECK(text(3, 2) == "66.6%");
    CHECK(describe(YearEndOutcome::Clawback) ==
          QStringLiteral("Below %1%: shortfall clawed back").arg(policy::kDentalClawbackBelowPercent));
}

TEST_CASE("a dental clawback is given in units and in pounds at the contract's rate", "[dental][process]") {
    const DeliveryResult r = yearEndOutcome(1000, 900, qint64(2800000)); // £28,000 for 1,000 UDAs
    REQUIRE(r.units == 100);
    REQUIRE(r.pence == 280000);
    CHECK(yearEndAdvice(r, "UDA") == "Below 96%: claw back 100 UDAs (£2,800.00); consider a breach notice.");
    CHECK(yearEndAdvice(yearEndOutcome(1000, 980), "UDA") == "96–100%: carry the shortfall of 20 UDAs into next year.");
    CHECK(yearEndAdvice(yearEndOutcome(1000, 1000), "UDA").isEmpty());
}

TEST_CASE("the mid-year review stays on the worklist until a review is recorded", "[dental][process][worklist]") {
    TempDb t;
    const Contractor dentist = makePractice(t.db(), "V00001", "dental");
    Contract k;
    k.contractorId = dentist.id;
    k.route = "gds";
    k.startDate = QDate(2010, 4, 1);
    k.udaTarget = 10000;
    k.annualValuePence = 28000000;
    ContractBook book(t.db());
    k = book.create(k);
    DentalActivity a;
    a.contractId = k.id;
    a.yearStart = 2026;
    a.udaTarget = 10000;
    a.udaDeliveredH1 = 2500;
    a = book.saveActivity(a);
    const auto midYear = [&](const QDate& day) {
        int n = 0;
        for (const WorklistItem& i : buildWorklist(t.db(), day))
            if (i.title.startsWith("Mid-year review due")) ++n;
        return n;
    };
    CHECK(midYear(QDate(2026, 10, 5)) == 1);
    CHECK(midYear(QDate(2026, 12, 1)) == 1); // still there after 30 days: nothing was recorded
    CHECK(midYear(QDate(2027, 2, 1)) == 1);
    refused([&] { book.recordMidYearReview(a.id, QDate(2026, 12, 1)); }, "midYearReviewDate", "cannot be in the future");
    refused([&] { book.recordMidYearReview(a.id, QDate(2026, 3, 1)); }, "midYearReviewDate", "held within that year");
    book.recordMidYearReview(a.id, QDate(2026, 11, 3));
    CHECK(midYear(QDate(2026, 12, 1)) == 0);
}

TEST_CASE("every policy figure is listed once with its source", "[policy]") {
    const QList<policy::Figure> figures = policy::figures();
    REQUIRE(figures.size() >= 20);
    QStringList names;
    for (const policy::Figure& f : figures) {
        INFO(f.name.toStdString());
        CHECK_FALSE(f.area.isEmpty());
        CHECK_FALSE(f.value.isEmpty());
        CHECK_FALSE(f.source.isEmpty());
        CHECK_FALSE(names.contains(f.name));
        names << f.name;
    }
    const auto valueOf = [&](const QString& start) {
        for (const policy::Figure& f : figures)
            if (f.name.startsWith(start)) return f.value;
        return QString();
    };
    CHECK(valueOf("Remedial notice period, GP") == QStringLiteral("%1 days").arg(policy::kRemedialNoticeMinDaysGp));
    CHECK(valueOf("Support to improve") == QStringLiteral("%1 days").arg(policy::kSupportToImproveMinDays));
    CHECK(valueOf("Clawback below") == QStringLiteral("%1%").arg(policy::kDentalClawbackBelowPercent));
}

TEST_CASE("messages take their figures from the policy constants", "[policy]") {
    Issues issues;
    ContractEvent closure;
    closure.kind = "list_closure";
    closure.eventDate = QDate(2026, 11, 1);
    closure.description = "Closed after losing two GPs";
    closure.effectiveDate = QDate(2026, 11, 8);
    closure.deadline = QDate(2026, 12, 8);
    validate(closure, "general_practice", issues);
    REQUIRE_FALSE(issues.isEmpty());
    CHECK(issues.list().first().message.startsWith(QStringLiteral("A list closure lasts %1 to %2 months")
                                                       .arg(policy::kListClosureMinMonths)
                                                       .arg(policy::kListClosureMaxMonths)));
    Issues hours;
    Contract k;
    k.route = "pharmacy_list";
    k.startDate = QDate(2010, 1, 1);
    k.coreHours = 200;
    validate(k, "pharmacy", hours);
    CHECK(hours.list().first().message ==
          QStringLiteral("Core hours must be between 0 and %1 a week.").arg(policy::kPharmacyMaxWeeklyHours));
}
