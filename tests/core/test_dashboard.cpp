// Dashboard charts built from known records: categories, series and reference lines.
#include "ConcernFixtures.h"
#include "TestSupport.h"
#include "tiers/AssuranceTier.h"
#include "concerns/RiskMatrix.h"
#include "reports/DashboardData.h"
#include "store/Settings.h"

#include <SQLiteCpp/SQLiteCpp.h>

using namespace cb;
using namespace cbtest;

namespace {

Contractor contractor(Database& db, const QString& code, const QString& group, const QString& tier,
                      const QString& commissioner = QStringLiteral("15E"), const QString& status = QStringLiteral("active")) {
    Contractor c;
    c.odsCode = code;
    c.group = group;
    c.name = QStringLiteral("Contractor ") + code;
    c.commissionerCode = commissioner;
    c.status = status;
    c.openDate = QDate(2000, 1, 1);
    if (status == QLatin1String("closed")) c.closeDate = QDate(2020, 1, 1);
    c = ContractorService(db).create(c);
    if (!tier.isEmpty()) { // a tier is a decision with its rationale
        TierService(db).decide(c.id, tier, QStringLiteral("Annual review of the practice file"), QDate(2026, 1, 5));
        c.assuranceTier = tier;
    }
    return c;
}

const ChartSeries& series(const ChartSpec& spec, const QString& name) {
    for (const ChartSeries& s : spec.series)
        if (s.name == name) return s;
    FAIL("no series " << name.toStdString());
    return spec.series.first();
}

} // namespace

TEST_CASE("dashboard: contractors by group and assurance tier", "[dashboard]") {
    TempDb t;
    contractor(t.db(), "A81001", "general_practice", "assurance_based");
    contractor(t.db(), "A81002", "general_practice", "");
    contractor(t.db(), "A81003", "general_practice", "cause_for_concern", "16C", "closed"); // closed: left out
    contractor(t.db(), "V00001", "dental", "cause_for_concern", "16C");

    const ChartSpec all = contractorsByTier(t.db(), {});
    REQUIRE(all.kind == ChartSpec::Kind::StackedBars);
    REQUIRE(all.categories == QStringList{"GP", "Dental", "Eye health", "Pharmacy", "Appliance"});
    REQUIRE(all.series.size() == 4);
    REQUIRE(series(all, "Assurance based").values == QList<double>{1, 0, 0, 0, 0});
    REQUIRE(series(all, "Not assessed").values == QList<double>{1, 0, 0, 0, 0});
    REQUIRE(series(all, "Cause for concern").values == QList<double>{0, 1, 0, 0, 0});
    REQUIRE(all.total() == 3);
    REQUIRE(all.maxStack() == 2);

    const ChartSpec dental = contractorsByTier(t.db(), {"dental", {}});
    REQUIRE(dental.categories == QStringList{"Dental"});
    REQUIRE(dental.total() == 1);
    const ChartSpec commissioner = contractorsByTier(t.db(), {{}, "15E"});
    REQUIRE(commissioner.total() == 2);
    REQUIRE(series(commissioner, "Cause for concern").values == QList<double>{0, 0, 0, 0, 0});
}

TEST_CASE("dashboard: concerns received and closed per month over 12 months", "[dashboard]") {
    TempDb t;
    const Contractor p = makePractice(t.db());
    ConcernService s(t.db());
    s.create(newConcern(t.db(), p.id)); // received 01/09/2026
    Concern old = newConcern(t.db(), p.id);
    old.receivedDate = QDate(2025, 11, 30); // the month before the window
    s.create(old);
    const Concern closed = s.create(newConcern(t.db(), p.id));
    StageChange close = to("closed", "Resolved", QDate(2026, 11, 10));
    close.outcome = "Access improved and sustained";
    s.changeStage(closed.id, close);

    const ChartSpec spec = concernsPerMonth(t.db(), QDate(2026, 11, 22), {});
    REQUIRE(spec.categories.size() == 12);
    REQUIRE(spec.categories.first() == "Dec");
    REQUIRE(spec.categories.last() == "Nov");
    REQUIRE(spec.categoryAxis == "Month, December 2025 to November 2026");
    REQUIRE(series(spec, "Received").values == QList<double>{0, 0, 0, 0, 0, 0, 0, 0, 0, 2, 0, 0});
    REQUIRE(series(spec, "Closed").values == QList<double>{0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1});
    REQUIRE(concernsPerMonth(t.db(), QDate(2026, 11, 22), {"dental", {}}).total() == 0);
}

TEST_CASE("dashboard: open concerns by band follow the band settings", "[dashboard]") {
    TempDb t;
    const Contractor p = makePractice(t.db());
    ConcernService s(t.db());
    Concern c = newConcern(t.db(), p.id);
    c.consequence = 4;
    c.likelihood = 4; // 16: extreme
    s.create(c);
    c.consequence = 2;
    c.likelihood = 2; // 4: moderate
    s.create(c);
    s.create(newConcern(t.db(), p.id)); // not graded
    c.consequence = 5;
    c.likelihood = 5;
    const Concern closed = s.create(c);
    StageChange close = to("closed", "Resolved", QDate(2026, 11, 10));
    close.outcome = "Access improved and sustained";
    s.changeStage(closed.id, close);

    ChartSpec spec = openConcernsByBand(t.db(), {});
    REQUIRE(spec.categories == QStringList{"Low", "Moderate", "High", "Extreme", "Not graded"});
    REQUIRE(spec.series.first().values == QList<double>{0, 1, 0, 1, 1});

    Settings settings(t.db());
    risk::Bands bands;
    bands.highMax = 16;
    risk::saveBands(settings, bands);
    spec = openConcernsByBand(t.db(), {});
    REQUIRE(spec.series.first().values == QList<double>{0, 1, 1, 0, 1});
    REQUIRE(spec.note.contains("high up to 16"));
}

TEST_CASE("dashboard: dental delivery histogram with the 96% line", "[dashboard]") {
    TempDb t;
    ContractBook book(t.db());
    int n = 0;
    auto contractWith = [&](QList<std::pair<int, qint64>> years) {
        const Contractor c = makePractice(t.db(), QStringLiteral("V0000%1").arg(++n), "dental");
        Contract k = makeContract(t.db(), c, "gds");
        for (const auto& [start, delivered] : years) {
            DentalActivity a;
            a.contractId = k.id;
            a.yearStart = start;
            a.udaTarget = 10000;
            a.udaDelivered = delivered;
            book.saveActivity(a);
        }
    };
    contractWith({{2025, 9500}});               // 95%: 94–96
    contractWith({{2025, 9600}});               // 96%: 96–98
    contractWith({{2025, 10000}});              // 100%: 100–102
    contractWith({{2025, 8000}});               // 80%: below 86
    contractWith({{2025, 11000}});              // 110%: 104 and over
    contractWith({{2024, 8000}, {2025, 9900}}); // only the latest year: 99%, 98–100

    const ChartSpec spec = dentalDelivery(t.db(), {});
    REQUIRE(spec.categories.size() == 11);
    REQUIRE(spec.categories.at(0) == "Below 86");
    REQUIRE(spec.categories.at(5) == "94–96");
    REQUIRE(spec.categories.at(6) == "96–98");
    REQUIRE(spec.categories.at(10) == "104+");
    REQUIRE(spec.series.first().values == QList<double>{1, 0, 0, 0, 0, 1, 1, 1, 1, 0, 1});
    REQUIRE(spec.reference);
    REQUIRE(spec.reference->position == 5.5); // between 94–96% and 96–98%
    REQUIRE(spec.reference->label == "96%: clawback below");
    REQUIRE(spec.note == "2 of 6 contracts below 96%.");
    REQUIRE(dentalDelivery(t.db(), {"general_practice", {}}).total() == 0);
}

TEST_CASE("dashboard: a dental year without a target, however its zero is written, does not hide the year before",
          "[dashboard]") {
    TempDb t;
    ContractBook book(t.db());
    const Contractor c = makePractice(t.db(), QStringLiteral("V00001"), "dental");
    const Contract k = makeContract(t.db(), c, "gds");
    for (const auto& [start, target, delivered] : {std::tuple{2024, 10000, 8000}, std::tuple{2025, 1, 500}}) {
        DentalActivity a;
        a.contractId = k.id;
        a.yearStart = start;
        a.udaTarget = target;
        a.udaDelivered = delivered;
        book.saveActivity(a);
    }
    // A zero target written as "0.00" by another tool: SQLite would call that text more than 0.
    SQLite::Database(t.path().toStdString(), SQLite::OPEN_READWRITE)
        .exec("UPDATE dental_activity SET uda_target = '0.00' WHERE year_start = 2025");
    REQUIRE(t.db().scalar("SELECT uda_target FROM dental_activity WHERE year_start = 2025").toString() == "0.00");
    const ChartSpec spec = dentalDelivery(t.db(), {});
    CHECK(spec.total() == 1);
    CHECK(spec.series.first().values.first() == 1); // 2024/25 at 80%: below 86
    CHECK(spec.note == "1 of 1 contracts below 96%.");
}

TEST_CASE("dashboard: time-limited contracts ending per financial quarter", "[dashboard]") {
    REQUIRE(dashboard::financialQuarter(QDate(2026, 4, 1)) == "Q1 26/27");
    REQUIRE(dashboard::financialQuarter(QDate(2026, 12, 31)) == "Q3 26/27");
    REQUIRE(dashboard::financialQuarter(QDate(2027, 3, 31)) == "Q4 26/27");

    TempDb t;
    ContractBook book(t.db());
    const Contractor gp = makePractice(t.db());
    const Contractor dentist = makePractice(t.db(), "V00001", "dental");
    auto contract = [&](const Contractor& c, const QString& route, const QDate& end) {
        Contract k;
        k.contractorId = c.id;
        k.route = route;
        k.reference = route.toUpper() + "-" + end.toString(Qt::ISODate);
        k.startDate = QDate(2020, 4, 1);
        k.endDate = end;
        if (route == "pds") k.udaTarget = 5000;
        book.create(k);
    };
    contract(gp, "apms", QDate(2027, 3, 31));     // Q4 2026/27
    contract(gp, "apms", QDate(2026, 10, 1));     // Q3 2026/27: already started this quarter
    contract(dentist, "pds", QDate(2027, 4, 1));  // Q1 2027/28
    contract(gp, "apms", QDate(2029, 1, 1));      // beyond 8 quarters
    contract(gp, "gms", QDate());                 // open-ended

    const ChartSpec spec = contractsEndingPerQuarter(t.db(), QDate(2026, 11, 22), {});
    REQUIRE(spec.categories.size() == 8);
    REQUIRE(spec.categories.first() == "Q3 26/27");
    REQUIRE(spec.categories.last() == "Q2 28/29");
    REQUIRE(spec.series.size() == 2);
    REQUIRE(series(spec, "APMS").values == QList<double>{1, 1, 0, 0, 0, 0, 0, 0});
    REQUIRE(series(spec, "PDS agreement").values == QList<double>{0, 0, 1, 0, 0, 0, 0, 0});
    REQUIRE(contractsEndingPerQuarter(t.db(), QDate(2026, 11, 22), {"dental", {}}).total() == 1);
}

TEST_CASE("dashboard: every chart, in order, for an empty database", "[dashboard]") {
    TempDb t;
    const auto charts = buildDashboard(t.db(), QDate(2026, 11, 22), {});
    QStringList ids;
    for (const auto& c : charts) {
        ids << c.id;
        REQUIRE(c.total() == 0);
        for (const auto& s : c.series) REQUIRE(s.values.size() == c.categories.size());
    }
    REQUIRE(ids == QStringList{"tiers", "concern_months", "concern_bands", "dental_delivery", "contracts_ending"});
}
