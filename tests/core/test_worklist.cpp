// The worklist: each rule inside and outside its window, with an injected "today".
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
    e = a.book.addEvent(e);

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
    a.book.addEvent(e);
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
    a.book.addEvent(e);
    REQUIRE(a.items(QDate(2026, 11, 22), "list_closures").size() == 1);
    REQUIRE(a.items(QDate(2026, 11, 9), "list_closures").isEmpty());
}

TEST_CASE("worklist: dental year end below 96% and between 96% and 100%; mid-year reviews", "[worklist]") {
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

TEST_CASE("worklist items are grouped by category and ordered by due date", "[worklist]") {
    Area a;
    const Contractor c = a.contractor("A81004", "general_practice");
    a.contract(c, "apms", QDate(2027, 6, 30));
    a.contract(c, "nhs_standard", QDate(2027, 1, 31));
    const auto items = buildWorklist(a.t.db(), QDate(2026, 11, 22));
    REQUIRE(items.size() == 2);
    REQUIRE(items.at(0).due == QDate(2027, 1, 31));
    REQUIRE(items.at(1).due == QDate(2027, 6, 30));
    REQUIRE(relativeDays(QDate(2026, 11, 22), QDate(2026, 11, 20)) == "2 days ago");
}
