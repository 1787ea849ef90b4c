// The practice file's history (audit trail read back for people), global search and the contract list.
#include "TestSupport.h"
#include "contractors/Contractor.h"
#include "contracts/Contract.h"
#include "performers/Performer.h"
#include "search/GlobalSearch.h"
#include "store/AuditTrail.h"

using namespace cb;

namespace {
Contractor surgery(const QString& code = QStringLiteral("A81001"), const QString& postcode = QStringLiteral("TS18 1HU")) {
    Contractor c;
    c.odsCode = code;
    c.group = QStringLiteral("general_practice");
    c.name = QStringLiteral("The Surgery");
    c.postcode = postcode;
    c.address4 = QStringLiteral("Stockton-on-Tees");
    return c;
}
} // namespace

TEST_CASE("the history of a contractor reads as who changed what, when, from what to what", "[audit]") {
    cbtest::TempDb t;
    t.clock.set(QDateTime(QDate(2026, 11, 22), QTime(14, 3), QTimeZone::utc()));
    ContractorService service(t.db());
    Contractor c = service.create(surgery());
    c.postcode = QStringLiteral("TS18 2AA");
    c.openDate = QDate(2001, 4, 1);
    service.update(c);

    const QList<AuditEntry> entries = AuditTrail(t.db()).forContractor(c.id);
    REQUIRE(entries.size() == 2);
    const AuditEntry& change = entries.first(); // newest first
    CHECK(change.action == "update");
    CHECK(change.who == "tester");
    REQUIRE(change.changes.size() == 2);
    const QString when = QDateTime(QDate(2026, 11, 22), QTime(14, 3), QTimeZone::utc()).toLocalTime().toString("dd/MM/yyyy HH:mm");
    CHECK(change.text() == when + " — tester changed Contractor A81001 The Surgery: open date set to 01/04/2001; "
                                  "postcode from TS18 1HU to TS18 2AA");
    CHECK(entries.last().text() == when + " — tester added Contractor A81001 The Surgery");
}

TEST_CASE("history formats codes, money and cleared values in a caseworker's words", "[audit]") {
    CHECK(AuditTrail::formatValue("contractor", "contractor_group", "dental") == "Dental");
    CHECK(AuditTrail::formatValue("contract", "status", "notice_served") == "Notice served");
    CHECK(AuditTrail::formatValue("contract", "annual_value_pence", qint64(123456)) == "£1,234.56");
    CHECK(AuditTrail::formatValue("contract_event", "deadline", "2026-12-20") == "20/12/2026");
    CHECK(AuditTrail::formatValue("dental_activity", "year_start", 2025) == "2025/26");
    CHECK(AuditTrail::formatValue("contractor", "notes", QVariant()) == "");
    CHECK(AuditTrail::fieldLabel("ods_code") == "ODS code");
    CHECK(AuditTrail::fieldLabel("some_new_column") == "some new column");
    CHECK(AuditTrail::entityName("contract_event") == "Contract event");

    cbtest::TempDb t;
    ContractorService service(t.db());
    Contractor c = service.create(surgery());
    c.postcode.clear();
    service.update(c);
    const AuditEntry e = AuditTrail(t.db()).forContractor(c.id).first();
    CHECK(e.text().endsWith("postcode cleared (was TS18 1HU)"));
}

TEST_CASE("changes to a contract appear in its contractor's history, and nothing else's", "[audit]") {
    cbtest::TempDb t;
    ContractorService service(t.db());
    const Contractor a = service.create(surgery());
    const Contractor b = service.create(surgery("A81002", "TS18 3AB"));
    Contract k;
    k.contractorId = a.id;
    k.route = "gms";
    k.reference = "GMS-1";
    k.startDate = QDate(2010, 4, 1);
    k = ContractBook(t.db()).create(k);
    k.status = "notice_served";
    ContractBook(t.db()).update(k);
    const auto history = AuditTrail(t.db()).forContractor(a.id);
    REQUIRE(history.size() == 3);
    CHECK(history.first().text().contains("changed GMS contract GMS-1: status from Active to Notice served"));
    CHECK(AuditTrail(t.db()).forContractor(b.id).size() == 1);
    CHECK(AuditTrail(t.db()).forRecord(k.id).size() == 2);
}

TEST_CASE("global search finds contractors by code, name and postcode with or without its space", "[search]") {
    cbtest::TempDb t;
    ContractorService service(t.db());
    service.create(surgery());
    service.create(surgery("A81002", "TS17 5AB"));
    Performer p;
    p.givenName = "Jane";
    p.familyName = "Okafor";
    p.profession = "gp";
    p.registrationBody = "GMC";
    p.registrationNumber = "7012345";
    p.listStatus = "included";
    PerformerService(t.db()).create(p);

    for (const QString& text : {QStringLiteral("TS181HU"), QStringLiteral("ts18 1hu"), QStringLiteral("TS18 1HU")}) {
        const auto hits = globalSearch(t.db(), text);
        REQUIRE(hits.size() == 1);
        CHECK(hits.first().title == "A81001 The Surgery");
    }
    CHECK(globalSearch(t.db(), "A81002").first().detail == "General practice · TS17 5AB · Active");
    CHECK(globalSearch(t.db(), "surg").size() == 2);
    const auto people = globalSearch(t.db(), "okaf");
    REQUIRE(people.size() == 1);
    CHECK(people.first().kind == SearchHit::Kind::Performer);
    CHECK(people.first().detail == "GP · GMC 7012345");
    CHECK(globalSearch(t.db(), "7012345").size() == 1);
    CHECK(globalSearch(t.db(), "   ").isEmpty());
    CHECK(globalSearch(t.db(), "nobody-here").isEmpty());
}

TEST_CASE("the contract list filters by route, status and contractor, and sorts open-ended contracts last", "[search]") {
    cbtest::TempDb t;
    const Contractor a = ContractorService(t.db()).create(surgery());
    ContractBook book(t.db());
    Contract gms;
    gms.contractorId = a.id;
    gms.route = "gms";
    gms.startDate = QDate(2010, 4, 1);
    book.create(gms);
    Contract apms;
    apms.contractorId = a.id;
    apms.route = "apms";
    apms.reference = "APMS-7";
    apms.startDate = QDate(2020, 4, 1);
    apms.endDate = QDate(2027, 3, 31);
    book.create(apms);

    ContractList list(t.db());
    ContractListFilter all;
    const auto rows = list.list(all, 0, 10);
    REQUIRE(rows.size() == 2);
    CHECK(rows.first().value("route") == "apms"); // dated first, open-ended last
    CHECK(rows.first().value("contractor_name") == "The Surgery");
    CHECK(list.count(all) == 2);
    ContractListFilter f;
    f.route = "gms";
    CHECK(list.count(f) == 1);
    f = {};
    f.search = "APMS-7";
    CHECK(list.count(f) == 1);
    f.search = "TS18 1HU";
    CHECK(list.count(f) == 2);
    f = {};
    f.status = "terminated";
    CHECK(list.count(f) == 0);
    f = {};
    f.sortColumn = "status; DROP TABLE contract"; // not a column: falls back to the default order
    CHECK(list.list(f, 0, 10).size() == 2);
}
