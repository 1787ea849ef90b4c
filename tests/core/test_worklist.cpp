// The worklist: each rule inside and outside its window, with an injected "today".
#include "ConcernFixtures.h"
#include "TestSupport.h"
#include "contractors/Contractor.h"
#include "contracts/Contract.h"
#include "worklist/Worklist.h"

using namespace cb;

namespace {

struct Area {
    cbtest::TempDb t;
    ContractorService contractors{t.db()};
    ContractBook book{t.db()};

    Contractor contractor(const QString& code, const QString& group) {
        Contractor c;
        c.odsCode = code;
        c.group = group;
        c.name = "Practice " + code;
        c.openDate = QDate(2000, 1, 1);
        return contractors.create(c);
    }
    Contract contract(const Contractor& c, const QString& route, QDate end = {}) {
        Contract k;
        k.contractorId = c.id;
        k.route = route;
        k.reference = route.toUpper() + "-1";
        k.startDate = QDate(2020, 4, 1);
        k.endDate = end;
        if (route == "gds" || route == "pds") k.udaTarget = 10000;
        return book.create(k);
    }
    QList<WorklistItem> items(const QDate& today, const QString& category) {
        QList<WorklistItem> out;
        for (const WorklistItem& i : buildWorklist(t.db(), today))
            if (i.category == category) out << i;
        return out;
    }
};

} // namespace

TEST_CASE("worklist: remedial notice deadlines within 14 days or passed", "[worklist]") {
    Area a;
    const Contract k = a.contract(a.contractor("A81001", "general_practice"), "gms");
    ContractEvent e;
    e.contractId = k.id;
    e.kind = "remedial_notice";
    e.eventDate = QDate(2026, 10, 29);
    e.deadline = QDate(2026, 11, 26);
    e.description = "Breach of opening hours";
    e = cbtest::makeNotice(a.t.db(), e); // from its concern, as the rules require

    SECTION("inside the window") {
        const auto items = a.items(QDate(2026, 11, 22), "notices");
        REQUIRE(items.size() == 1);
        REQUIRE(items.first().title == "Remedial notice period ends: A81001 Practice A81001");
        REQUIRE(items.first().detail.contains("deadline 26/11/2026 (in 4 days)"));
        REQUIRE_FALSE(items.first().overdue);
        REQUIRE(items.first().recordId == e.id);
    }
    SECTION("passed: shown as overdue") {
        const auto items = a.items(QDate(2026, 12, 1), "notices");
        REQUIRE(items.size() == 1);
        REQUIRE(items.first().overdue);
    }
    SECTION("outside the window") { REQUIRE(a.items(QDate(2026, 11, 11), "notices").isEmpty()); }
    SECTION("completed notices drop off") {
        e.status = "completed";
        a.book.updateEvent(e);
        REQUIRE(a.items(QDate(2026, 11, 22), "notices").isEmpty());
    }
}

TEST_CASE("worklist: termination dates within 14 days", "[worklist]") {
    Area a;
    const Contract k = a.contract(a.contractor("FA002", "pharmacy"), "pharmacy_list");
    ContractEvent e;
    e.contractId = k.id;
    e.kind = "termination_notice";
    e.eventDate = QDate(2026, 9, 1);
    e.effectiveDate = QDate(2026, 12, 1);
    e.description = "Contractor gave notice";
    cbtest::makeNotice(a.t.db(), e);
    REQUIRE(a.items(QDate(2026, 11, 20), "notices").size() == 1);
    REQUIRE(a.items(QDate(2026, 11, 16), "notices").isEmpty());
}

TEST_CASE("worklist: time-limited contracts ending within 18 months, with the procurement start date", "[worklist]") {
    Area a;
    const Contractor c = a.contractor("A81002", "general_practice");
    a.contract(c, "apms", QDate(2028, 3, 31)); // 16 months after 22/11/2026
    a.contract(c, "nhs_standard", QDate(2029, 3, 31)); // 28 months: outside
    a.contract(c, "gms"); // open-ended: never
    const auto items = a.items(QDate(2026, 11, 22), "procurement");
    REQUIRE(items.size() == 1);
    REQUIRE(items.first().title == "APMS contract APMS-1 ends 31/03/2028: A81002 Practice A81002");
    REQUIRE(items.first().detail.startsWith("Procurement should have started on 30/09/2026"));
    REQUIRE(a.items(QDate(2026, 9, 29), "procurement").isEmpty()); // 18 months and a day before
    REQUIRE(a.items(QDate(2026, 9, 30), "procurement").size() == 1);
}

TEST_CASE("worklist: list closures ending within 30 days", "[worklist]") {
    Area a;
    const Contract k = a.contract(a.contractor("A81003", "general_practice"), "gms");
    ContractEvent e;
    e.contractId = k.id;
    e.kind = "list_closure";
    e.eventDate = QDate(2026, 8, 1);
    e.effectiveDate = QDate(2026, 9, 1);
    e.deadline = QDate(2026, 12, 10);
    e.description = "Closed after losing two GPs";
    e.acknowledgedDate = QDate(2026, 8, 3); // acknowledged: only the ending is on the worklist
    a.book.addEvent(e);
    REQUIRE(a.items(QDate(2026, 11, 22), "list_closures").size() == 1);
    REQUIRE(a.items(QDate(2026, 11, 9), "list_closures").isEmpty());
}

TEST_CASE("worklist: dental year end below 96% and between 96% and 100%, mid-year reviews", "[worklist]") {
    Area a;
    const Contract low = a.contract(a.contractor("V00001", "dental"), "gds");
    const Contract carry = a.contract(a.contractor("V00002", "dental"), "gds");
    const Contract fine = a.contract(a.contractor("V00003", "dental"), "gds");
    auto year = [&](const Contract& k, int start, std::optional<qint64> delivered, std::optional<qint64> h1) {
        DentalActivity d;
        d.contractId = k.id;
        d.yearStart = start;
        d.udaTarget = 10000;
        d.udaDelivered = delivered;
        d.udaDeliveredH1 = h1;
        a.book.saveActivity(d);
    };
    year(low, 2025, 9500, 4000);
    year(carry, 2025, 9800, 4000);
    year(fine, 2025, 10100, 4000);
    year(low, 2026, std::nullopt, 2500); // 25% by 30 September 2026
    year(fine, 2026, std::nullopt, 4500);

    const auto items = a.items(QDate(2026, 10, 5), "dental");
    QStringList titles;
    for (const auto& i : items) titles << i.title;
    INFO(titles.join("\n").toStdString());
    REQUIRE(items.size() == 3);
    REQUIRE(titles.join("\n").contains("delivered 95.0% of UDAs in 2025/26: V00001"));
    REQUIRE(titles.join("\n").contains("delivered 98.0% of UDAs in 2025/26: V00002"));
    REQUIRE(titles.join("\n").contains("Mid-year review due by 31/10/2026: V00001"));
    // Before 30 September the mid-year position is not known yet.
    REQUIRE(a.items(QDate(2026, 9, 20), "dental").size() == 2);
}

TEST_CASE("worklist: dental clawbacks come before carried shortfalls, and neither is 'overdue'", "[worklist]") {
    Area a;
    const Contract carry = a.contract(a.contractor("V00008", "dental"), "gds"); // sorts first by name
    const Contract low = a.contract(a.contractor("V00009", "dental"), "gds");
    for (const auto& [k, delivered] : {std::pair{carry, qint64(9800)}, std::pair{low, qint64(9000)}}) {
        DentalActivity d;
        d.contractId = k.id;
        d.yearStart = 2025;
        d.udaTarget = 10000;
        d.udaDelivered = delivered;
        a.book.saveActivity(d);
    }
    const auto items = a.items(QDate(2026, 6, 1), "dental");
    REQUIRE(items.size() == 2);
    REQUIRE(items.at(0).due == items.at(1).due);
    REQUIRE(items.at(0).title.endsWith("V00009 Practice V00009"));
    REQUIRE(items.at(0).detail.startsWith("Below 96%: claw back 1,000 UDAs"));
    REQUIRE_FALSE(items.at(0).overdue); // the year end is information for the reconciliation, not a deadline
    REQUIRE_FALSE(items.at(1).overdue);
}

TEST_CASE("worklist items in the same band are ordered by due date", "[worklist]") {
    Area a;
    const Contractor c = a.contractor("A81004", "general_practice");
    a.contract(c, "apms", QDate(2027, 6, 30));
    a.contract(c, "nhs_standard", QDate(2027, 1, 31));
    const auto items = buildWorklist(a.t.db(), QDate(2026, 11, 22));
    REQUIRE(items.size() == 2);
    REQUIRE(items.at(0).due == QDate(2027, 1, 31));
    REQUIRE(items.at(1).due == QDate(2027, 6, 30));
    REQUIRE(relativeDays(QDate(2026, 11, 22), QDate(2026, 11, 20)) == "2 days ago");
    // Long spans read in months, then years: "7183 days ago" told a caseworker nothing.
    REQUIRE(relativeDays(QDate(2026, 11, 30), QDate(2026, 10, 1)) == "60 days ago");
    REQUIRE(relativeDays(QDate(2026, 11, 30), QDate(2026, 3, 31)) == "7 months ago");
    REQUIRE(relativeDays(QDate(2026, 11, 30), QDate(2027, 7, 22)) == "in 7 months");
    REQUIRE(relativeDays(QDate(2026, 11, 30), QDate(2025, 6, 8)) == "17 months ago");
    REQUIRE(relativeDays(QDate(2026, 11, 30), QDate(2007, 4, 1)) == "19 years ago");
    REQUIRE(relativeDays(QDate(2026, 11, 30), QDate(2028, 12, 1)) == "in 2 years");
}

// ---- concern actions, LPN rosters, visits, thresholds -------------------------------------------

#include "LpnFixture.h"
#include "store/Settings.h"
#include "visits/Visit.h"

namespace {

QList<WorklistItem> inCategory(Database& db, const QDate& today, const QString& category, const WorklistThresholds& t = {}) {
    QList<WorklistItem> out;
    for (const WorklistItem& i : buildWorklist(db, today, t))
        if (i.category == category) out << i;
    return out;
}

// A practice concern with one open action due on the given date.
struct ActionArea {
    cbtest::TempDb t;
    Contractor practice = cbtest::makePractice(t.db());
    ConcernService concerns{t.db()};
    Concern concern = concerns.create(cbtest::newConcern(t.db(), practice.id));
    ConcernAction action;
    explicit ActionArea(const QDate& due) {
        action = concerns.addAction({QString(), concern.id, "Send call data", "Sam Caseworker", due, {}, {}});
    }
};

} // namespace

TEST_CASE("worklist: concern actions due within 7 days", "[worklist]") {
    ActionArea a(QDate(2026, 11, 26));
    SECTION("inside the window") {
        const auto items = inCategory(a.t.db(), QDate(2026, 11, 22), "concern_actions");
        REQUIRE(items.size() == 1);
        REQUIRE(items.first().title == "Send call data: A81001 Oakfield Surgery A81001");
        REQUIRE(items.first().detail ==
                "Concern \"Patients cannot get through on the telephone\" · owner Sam Caseworker · due 26/11/2026 (in 4 days)");
        REQUIRE_FALSE(items.first().overdue);
        REQUIRE(items.first().table == "concern");
        REQUIRE(items.first().recordId == a.concern.id);
        REQUIRE(items.first().contractorId == a.practice.id);
    }
    SECTION("on the last day of the window") {
        REQUIRE(inCategory(a.t.db(), QDate(2026, 11, 19), "concern_actions").size() == 1);
    }
    SECTION("outside the window") { REQUIRE(inCategory(a.t.db(), QDate(2026, 11, 18), "concern_actions").isEmpty()); }
    SECTION("overdue") {
        const auto items = inCategory(a.t.db(), QDate(2026, 12, 1), "concern_actions");
        REQUIRE(items.size() == 1);
        REQUIRE(items.first().overdue);
        REQUIRE(items.first().detail.endsWith("was due 26/11/2026 (5 days ago)"));
    }
    SECTION("a completed action drops off") {
        a.concerns.completeAction(a.action.id, QDate(2026, 11, 20), "Figures received");
        REQUIRE(inCategory(a.t.db(), QDate(2026, 11, 22), "concern_actions").isEmpty());
    }
    SECTION("a wider window from the settings") {
        WorklistThresholds t;
        t.actionsDueDays = 10;
        REQUIRE(inCategory(a.t.db(), QDate(2026, 11, 16), "concern_actions", t).size() == 1);
        REQUIRE(inCategory(a.t.db(), QDate(2026, 11, 15), "concern_actions", t).isEmpty());
    }
}

TEST_CASE("worklist: actions on closed concerns are not shown", "[worklist]") {
    ActionArea a(QDate(2026, 11, 20));
    StageChange close = cbtest::to("closed", "Resolved", QDate(2026, 11, 10));
    close.outcome = "Access improved and sustained";
    close.cancelOpenActions = "Call data no longer needed once access improved"; // closing never drops actions silently
    a.concerns.changeStage(a.concern.id, close);
    REQUIRE(inCategory(a.t.db(), QDate(2026, 11, 22), "concern_actions").isEmpty());
}

TEST_CASE("worklist: an action on a confidential concern names its practice but not the individual", "[worklist]") {
    cbtest::TempDb t;
    const Contractor practice = cbtest::makePractice(t.db());
    const Performer p = cbtest::makePerformer(t.db());
    ConcernService concerns(t.db());
    const Concern c = concerns.create(cbtest::newConcern(t.db(), practice.id, p.id)); // confidential by default
    REQUIRE(c.confidential.value_or(false));
    concerns.addAction({QString(), c.id, "Ask Dr Jones for her logbook", "Sam Caseworker", QDate(2026, 11, 21), {}, {}});
    const auto items = inCategory(t.db(), QDate(2026, 11, 22), "concern_actions");
    REQUIRE(items.size() == 1);
    const WorklistItem& i = items.first();
    REQUIRE(i.confidential);
    REQUIRE(i.overdue);
    // Only the individual is confidential: the caseworker still sees which practice to open.
    REQUIRE(i.title == "Action due on a confidential concern: A81001 Oakfield Surgery A81001");
    REQUIRE(i.practice == "A81001 Oakfield Surgery A81001");
    REQUIRE(i.detail == "Owner Sam Caseworker · was due 21/11/2026 (yesterday). Open the concern for the details.");
    const QString all = i.title + i.detail;
    for (const QString& secret : {QStringLiteral("Jones"), QStringLiteral("Amelia"), QStringLiteral("logbook"),
                                  QStringLiteral("telephone")})
        REQUIRE_FALSE(all.contains(secret));
    REQUIRE(i.recordId == c.id); // still opens from the user's own worklist
    REQUIRE(i.contractorId == practice.id);
    REQUIRE_FALSE(i.toJson().contains("contractorId")); // but a copy of it does not say which practice
    REQUIRE(i.toJson().value("title").toString() == "Action due on a confidential concern: A81001 Oakfield Surgery A81001");
}

TEST_CASE("worklist: LPN terms ending within 90 days, from the roster review", "[worklist][lpn]") {
    cbtest::LpnFixture f;
    const auto chair = f.member("Daniel", "Khan");
    f.seat(chair, f.core, "chair", QDate(2024, 2, 1), QDate(2027, 1, 31)); // 70 days after 22/11/2026
    SECTION("inside the window") {
        const auto items = inCategory(f.t.db(), f.today, "lpn");
        REQUIRE(items.size() == 1);
        REQUIRE(items.first().title == "Term ending: Daniel Khan (Test Dental Network)");
        REQUIRE(items.first().detail.startsWith("Daniel Khan's term as Chair of Core team ends on 31/01/2027 (in 70 days)"));
        REQUIRE(items.first().due == QDate(2027, 1, 31));
        REQUIRE_FALSE(items.first().overdue);
        REQUIRE(items.first().table == "lpn_member");
        REQUIRE(items.first().recordId == chair.id);
    }
    SECTION("outside the window") { REQUIRE(inCategory(f.t.db(), QDate(2026, 11, 1), "lpn").isEmpty()); }
    SECTION("a shorter window from the settings") {
        WorklistThresholds t;
        t.lpnTermDays = 60;
        REQUIRE(inCategory(f.t.db(), f.today, "lpn", t).isEmpty());
    }
    SECTION("ended but still listed: overdue") {
        const auto items = inCategory(f.t.db(), QDate(2027, 2, 3), "lpn");
        bool ended = false;
        for (const auto& i : items)
            if (i.title.startsWith("Term ended: Daniel Khan")) ended = i.overdue;
        REQUIRE(ended);
    }
    SECTION("other roster findings (vacancies) are for the roster review, not the worklist") {
        for (const auto& i : inCategory(f.t.db(), f.today, "lpn")) REQUIRE_FALSE(i.title.startsWith("Vacancy"));
    }
}

TEST_CASE("worklist: LPN declarations due for review after 12 months", "[worklist][lpn]") {
    cbtest::LpnFixture f;
    const auto m = f.member("Ngozi", "Robinson", "dentist", false);
    f.seat(m, f.core, "core_clinician", QDate(2025, 1, 1), QDate(2028, 1, 1));
    f.declareNone(m, QDate(2025, 11, 1));
    SECTION("more than 12 months ago: due") {
        const auto items = inCategory(f.t.db(), f.today, "lpn");
        REQUIRE(items.size() == 1);
        REQUIRE(items.first().title == "Declaration not reviewed: Ngozi Robinson (Test Dental Network)");
        REQUIRE(items.first().due == QDate(2026, 11, 1));
        REQUIRE(items.first().overdue);
        REQUIRE(items.first().detail.contains("more than 12 months ago"));
    }
    SECTION("within 12 months: not yet") { REQUIRE(inCategory(f.t.db(), QDate(2026, 10, 30), "lpn").isEmpty()); }
    SECTION("a longer review period from the settings") {
        WorklistThresholds t;
        t.declarationReviewMonths = 24;
        REQUIRE(inCategory(f.t.db(), f.today, "lpn", t).isEmpty());
    }
}

TEST_CASE("worklist: visits planned in the next 7 days and reports not yet sent", "[worklist][visits]") {
    cbtest::TempDb t;
    const Contractor c = cbtest::makePractice(t.db());
    VisitService visits(t.db());
    Visit v;
    v.contractorId = c.id;
    v.visitDate = QDate(2026, 11, 25);
    v = visits.create(v);
    SECTION("inside the window") {
        const auto items = inCategory(t.db(), QDate(2026, 11, 22), "visits");
        REQUIRE(items.size() == 1);
        REQUIRE(items.first().title == "Visit Wednesday 25/11/2026: A81001 Oakfield Surgery A81001");
        REQUIRE(items.first().detail == "Routine monitoring (announced), in 3 days.");
        REQUIRE(items.first().recordId == v.id);
        REQUIRE_FALSE(items.first().overdue);
    }
    SECTION("outside the window") { REQUIRE(inCategory(t.db(), QDate(2026, 11, 17), "visits").isEmpty()); }
    SECTION("the date passed and it is still planned: overdue") {
        const auto items = inCategory(t.db(), QDate(2026, 11, 27), "visits");
        REQUIRE(items.size() == 1);
        REQUIRE(items.first().overdue);
        REQUIRE(items.first().detail.contains("record how it went"));
    }
    SECTION("done without a report: listed until the report is sent") {
        v.visitDate = QDate(2026, 11, 18);
        v.status = "done";
        v.attendees = {"Sam Caseworker"};
        visits.update(v);
        const auto items = inCategory(t.db(), QDate(2026, 12, 20), "visits");
        REQUIRE(items.size() == 1);
        REQUIRE(items.first().title == "Visit report not sent: A81001 Oakfield Surgery A81001");
        REQUIRE(items.first().detail == "Routine monitoring on 18/11/2026 (32 days ago): send the report to the contractor "
                                        "and record the date.");
        REQUIRE_FALSE(items.first().overdue);
        v.status = "report_sent";
        v.reportSentDate = QDate(2026, 11, 21);
        visits.update(v);
        REQUIRE(inCategory(t.db(), QDate(2026, 12, 22), "visits").isEmpty());
    }
}

TEST_CASE("worklist thresholds: defaults, settings, and out-of-range values refused", "[worklist]") {
    cbtest::TempDb t;
    Settings settings(t.db());
    const WorklistThresholds defaults = loadWorklistThresholds(settings);
    REQUIRE(defaults == WorklistThresholds{});
    REQUIRE(defaults.actionsDueDays == 7);
    REQUIRE(defaults.noticeDays == 14);
    REQUIRE(defaults.procurementMonths == 18);
    REQUIRE(defaults.listClosureDays == 30);
    REQUIRE(defaults.lpnTermDays == 90);
    REQUIRE(defaults.declarationReviewMonths == 12);
    REQUIRE(defaults.visitDays == 7);

    SECTION("a saved value is read back") {
        WorklistThresholds w;
        w.actionsDueDays = 10;
        w.procurementMonths = 24;
        saveWorklistThresholds(settings, w);
        REQUIRE(settings.integer("worklist.actions_due_days", 0) == 10);
        REQUIRE(loadWorklistThresholds(settings) == w);
    }
    SECTION("out of range: refused with the field named, nothing saved") {
        WorklistThresholds w;
        w.visitDays = -1;
        w.procurementMonths = 0;
        const qint64 before = cbtest::count(t.db(), "setting");
        try {
            saveWorklistThresholds(settings, w);
            FAIL("expected a ValidationError");
        } catch (const ValidationError& e) {
            REQUIRE(e.messageFor("worklist.visit_days") == "Visits planned within: choose between 0 and 365 days (not -1).");
            REQUIRE(e.messageFor("worklist.procurement_months") ==
                    "Time-limited contracts ending within: choose between 1 and 60 months (not 0).");
        }
        REQUIRE(cbtest::count(t.db(), "setting") == before);
    }
    SECTION("a stored value that is not a number or out of range falls back to the default") {
        settings.set("worklist.notice_days", QStringLiteral("soon"));
        settings.set("worklist.visit_days", 9999);
        const WorklistThresholds w = loadWorklistThresholds(settings);
        REQUIRE(w.noticeDays == 14);
        REQUIRE(w.visitDays == 7);
    }
}

TEST_CASE("worklist counts per category", "[worklist]") {
    ActionArea a(QDate(2026, 11, 20));
    a.concerns.addAction({QString(), a.concern.id, "Second action", "Sam Caseworker", QDate(2026, 11, 23), {}, {}});
    const auto items = buildWorklist(a.t.db(), QDate(2026, 11, 22));
    const auto counts = countByCategory(items);
    REQUIRE(counts.value("concern_actions") == 2);
    REQUIRE(items.first().due == QDate(2026, 11, 20)); // overdue first within the category
}

// ---- order: overdue, due this week, the rest, information -------------------------------------------

TEST_CASE("worklist order: overdue, then due this week, then the rest, information last", "[worklist]") {
    ActionArea a(QDate(2026, 11, 20)); // overdue on 22/11
    a.concerns.addAction({QString(), a.concern.id, "This week", "Sam Caseworker", QDate(2026, 11, 25), {}, {}});
    ContractBook book(a.t.db());
    ContractorService contractors(a.t.db());
    Contractor d;
    d.odsCode = "V00001";
    d.group = "dental";
    d.name = "Smile Dental";
    d.openDate = QDate(2000, 1, 1);
    d = contractors.create(d);
    Contract k;
    k.contractorId = d.id;
    k.route = "gds";
    k.reference = "GDS-1";
    k.startDate = QDate(2020, 4, 1);
    k.udaTarget = 10000;
    k = book.create(k);
    Contract apms;
    apms.contractorId = a.practice.id;
    apms.route = "apms";
    apms.reference = "APMS-9";
    apms.startDate = QDate(2020, 4, 1);
    apms.endDate = QDate(2028, 3, 31); // procurement should have started: no deadline this week
    book.create(apms);
    DentalActivity act;
    act.contractId = k.id;
    act.yearStart = 2025;
    act.udaTarget = 10000;
    act.udaDelivered = 9800; // 98%: carried forward, for information
    book.saveActivity(act);

    const QDate today(2026, 11, 22);
    const auto items = buildWorklist(a.t.db(), today);
    REQUIRE(items.size() == 4);
    CHECK(worklistBand(items.at(0), today) == WorklistBand::Overdue);
    CHECK(items.at(0).due == QDate(2026, 11, 20));
    CHECK(worklistBand(items.at(1), today) == WorklistBand::ThisWeek);
    CHECK(items.at(1).due == QDate(2026, 11, 25));
    CHECK(worklistBand(items.at(2), today) == WorklistBand::Later);
    CHECK(items.at(2).table == "contract");
    CHECK(worklistBand(items.at(3), today) == WorklistBand::Information);
    CHECK(items.at(3).informational);
    CHECK(bandInfo(WorklistBand::Information).collapsed);
    CHECK_FALSE(bandInfo(WorklistBand::ThisWeek).collapsed);
    // Every item about a practice names it.
    for (const WorklistItem& i : items) CHECK_FALSE(i.practice.isEmpty());
    CHECK(items.at(3).practice == "V00001 Smile Dental");
}

TEST_CASE("worklist bands: the week is today and the next 7 days, a past date that is not overdue is no deadline", "[worklist]") {
    const QDate today(2026, 11, 22);
    WorklistItem i;
    i.due = today;
    CHECK(worklistBand(i, today) == WorklistBand::ThisWeek);
    i.due = today.addDays(7);
    CHECK(worklistBand(i, today) == WorklistBand::ThisWeek);
    i.due = today.addDays(8);
    CHECK(worklistBand(i, today) == WorklistBand::Later);
    i.due = today.addDays(-3); // e.g. a visit whose report is awaited
    CHECK(worklistBand(i, today) == WorklistBand::Later);
    i.overdue = true;
    CHECK(worklistBand(i, today) == WorklistBand::Overdue);
    i.overdue = false;
    i.informational = true;
    i.due = today.addDays(1);
    CHECK(worklistBand(i, today) == WorklistBand::Information);
}
