// The register's rules: each with a passing and a failing case, and the message a caseworker reads.
#include "TestSupport.h"
#include "common/Identifiers.h"
#include "contractors/Contractor.h"
#include "contractors/Site.h"
#include "contracts/Contract.h"
#include "performers/Performer.h"

using namespace cb;

namespace {

const QDate kToday(2026, 11, 22);

Contractor gp(const QString& code = "A81001") {
    Contractor c;
    c.odsCode = code;
    c.group = "general_practice";
    c.name = "Lawson Street Health Centre";
    c.openDate = QDate(1974, 4, 1);
    return c;
}

QString messageFor(const Contractor& c, const QString& field) {
    Contractor n = c;
    normalise(n);
    Issues issues;
    validate(n, issues, kToday);
    return ValidationError(issues.list().isEmpty() ? QList<FieldIssue>{} : issues.list()).messageFor(field);
}

template <class T> QString messageOf(const T& record, const QString& group, const QString& field) {
    Issues issues;
    validate(record, group, issues);
    return ValidationError(issues.list()).messageFor(field);
}

ContractEvent event(const QString& kind, QDate date) {
    ContractEvent e;
    e.contractId = "k";
    e.kind = kind;
    e.eventDate = date;
    e.description = "Breach of opening hours; restore hours.";
    return e;
}

} // namespace

TEST_CASE("ODS codes are checked against the contractor group's format", "[register][rules]") {
    struct Case {
        const char* group;
        const char* good;
        const char* bad;
        const char* says;
    };
    const Case cases[] = {
        {"general_practice", "a81001", "A8100", "letter followed by 5 digits"},
        {"general_practice", "GUE010", "81001A", "letter followed by 5 digits"},
        {"dental", "V00003", "D00003", "V followed by 5 or 6 digits"},
        {"dental", "V012345", "V1234567", "V followed by 5 or 6 digits"},
        {"pharmacy", "FA002", "PA002", "F followed by 4 letters or digits"},
        {"appliance", "FAA96", "FAA9", "F followed by 4 letters or digits"},
        {"eye_health", "TP12345", "T!", "3 to 10 letters or digits"},
    };
    for (const Case& c : cases) {
        Contractor x = gp(c.good);
        x.group = c.group;
        CHECK(messageFor(x, "odsCode").isEmpty());
        x.odsCode = c.bad;
        CHECK(messageFor(x, "odsCode").contains(c.says));
    }
    // A dental practice code is not a GP code.
    Contractor dental = gp("A81001");
    dental.group = "dental";
    REQUIRE(messageFor(dental, "odsCode").contains("dental practice code"));
}

TEST_CASE("codes and postcodes are normalised before they are stored", "[register]") {
    cbtest::TempDb t;
    Contractor c = gp(" a81001 ");
    c.postcode = "ts181hu";
    c.commissionerCode = "00k";
    const Contractor saved = ContractorService(t.db()).create(c);
    REQUIRE(saved.odsCode == "A81001");
    REQUIRE(saved.postcode == "TS18 1HU");
    REQUIRE(saved.commissionerCode == "00K");
    REQUIRE(ident::normalisePostcode("sw1a  1aa") == "SW1A 1AA");
    REQUIRE(ident::normalisePostcode("M1 1AE") == "M1 1AE");
}

TEST_CASE("contractor fields: postcode, telephone, email, dates, status, codes, CQC", "[register][rules]") {
    Contractor c = gp();
    REQUIRE(messageFor(c, "").isEmpty());

    c.postcode = "TS18 1HU";
    CHECK(messageFor(c, "postcode").isEmpty());
    c.postcode = "TS18";
    CHECK(messageFor(c, "postcode") == "\"TS18\" is not a UK postcode. Enter it like TS18 1HU.");
    c.postcode.clear();

    c.telephone = "01642 672351";
    CHECK(messageFor(c, "telephone").isEmpty());
    c.telephone = "672351";
    CHECK(messageFor(c, "telephone").contains("is not a UK telephone number"));
    c.telephone.clear();

    c.email = "practice@nhs.net";
    CHECK(messageFor(c, "email").isEmpty());
    c.email = "practice.nhs.net";
    CHECK(messageFor(c, "email").contains("is not an email address"));
    c.email.clear();

    c.closeDate = QDate(1970, 1, 1);
    c.status = "closed";
    CHECK(messageFor(c, "closeDate") == "The close date (01/01/1970) is before the open date (01/04/1974).");
    c.closeDate = QDate(2020, 1, 1);
    CHECK(messageFor(c, "closeDate").isEmpty());
    c.closeDate = QDate();
    CHECK(messageFor(c, "closeDate") == "A closed contractor needs its close date.");
    c.status = "active";
    c.closeDate = QDate(2020, 1, 1);
    CHECK(messageFor(c, "status").contains("marked active"));
    c.closeDate = QDate();
    c.status = "sleeping";
    CHECK(messageFor(c, "status").startsWith("Choose a status"));
    c.status = "dormant";
    CHECK(messageFor(c, "status").isEmpty());

    c.commissionerCode = "W2U3Z";
    CHECK(messageFor(c, "commissionerCode").isEmpty());
    c.commissionerCode = "W2U3";
    CHECK(messageFor(c, "commissionerCode").contains("3 characters"));
    c.commissionerCode.clear();

    c.cqcRating = "good";
    CHECK(messageFor(c, "cqcRatingDate") == "Enter the date of the CQC rating.");
    c.cqcRatingDate = QDate(2027, 1, 1);
    CHECK(messageFor(c, "cqcRatingDate") == "The CQC rating date cannot be in the future.");
    c.cqcRatingDate = QDate(2025, 1, 1);
    CHECK(messageFor(c, "cqcRatingDate").isEmpty());
    c.cqcRating = "excellent";
    CHECK(messageFor(c, "cqcRating").startsWith("Choose a CQC rating"));
    c.cqcRating = "good";

    c.cqcLocationId = "1-123456789";
    CHECK(messageFor(c, "cqcLocationId").isEmpty());
    c.cqcLocationId = "123";
    CHECK(messageFor(c, "cqcLocationId").contains("1-123456789"));
    c.cqcLocationId.clear();

    c.assuranceTier = "cause_for_concern";
    CHECK(messageFor(c, "assuranceTier").isEmpty());
    c.assuranceTier = "worried";
    CHECK(messageFor(c, "assuranceTier").startsWith("Choose an assurance tier"));
    c.assuranceTier.clear();

    c.name = " ";
    CHECK(messageFor(c, "name") == "Enter the contractor's name.");
    c.name = "X";
    c.group = "";
    CHECK(messageFor(c, "group").startsWith("Choose the contractor group"));
}

TEST_CASE("pharmacy head office codes are checked", "[register][rules]") {
    Contractor c = gp("FA002");
    c.group = "pharmacy";
    c.parentCode = "P001";
    REQUIRE(messageFor(c, "parentCode").isEmpty());
    c.parentCode = "Q001";
    REQUIRE(messageFor(c, "parentCode").contains("P followed by 3 or 4"));
}

TEST_CASE("an ODS code is unique, and a rejected save changes nothing", "[register][rules]") {
    cbtest::TempDb t;
    ContractorService service(t.db());
    service.create(gp());
    const qint64 audits = cbtest::count(t.db(), "audit");
    try {
        service.create(gp("a81001"));
        FAIL("a duplicate ODS code was accepted");
    } catch (const ValidationError& e) {
        REQUIRE(e.messageFor("odsCode") == "ODS code A81001 is already used by Lawson Street Health Centre.");
    }
    Contractor bad = gp("A81002");
    bad.postcode = "nowhere";
    REQUIRE_THROWS_AS(service.create(bad), ValidationError);
    REQUIRE(cbtest::count(t.db(), "contractor") == 1);
    REQUIRE(cbtest::count(t.db(), "audit") == audits);
}

TEST_CASE("a contractor with contracts cannot be deleted, only closed", "[register][rules]") {
    cbtest::TempDb t;
    ContractorService service(t.db());
    const Contractor c = service.create(gp());
    Contract k;
    k.contractorId = c.id;
    k.route = "gms";
    k.startDate = QDate(2004, 4, 1);
    ContractBook(t.db()).create(k);
    REQUIRE_THROWS_WITH(service.remove(c.id), Catch::Contains("cannot be deleted because it has 1 contract") &&
                                                  Catch::Contains("Close it instead"));
    service.close(c.id, QDate(2026, 11, 1));
    REQUIRE(service.get(c.id)->status == "closed");
    REQUIRE(service.get(c.id)->closeDate == QDate(2026, 11, 1));
}

TEST_CASE("contract routes depend on the contractor group", "[register][rules]") {
    Contract k;
    k.contractorId = "c";
    k.startDate = QDate(2010, 4, 1);
    k.route = "gms";
    CHECK(messageOf(k, "general_practice", "route").isEmpty());
    CHECK(messageOf(k, "dental", "route").startsWith("A dental contractor cannot hold a GMS contract"));
    k.route = "gds";
    CHECK(messageOf(k, "dental", "route").isEmpty());
    k.route = "pharmacy_list";
    CHECK(messageOf(k, "pharmacy", "route").isEmpty());
    CHECK(messageOf(k, "eye_health", "route").contains("cannot hold"));
    k.route = "nhs_standard";
    k.endDate = QDate(2027, 3, 31);
    CHECK(messageOf(k, "eye_health", "route").isEmpty());
    REQUIRE(routesForGroup("dental").size() == 3);
}

TEST_CASE("time-limited contracts need an end date, open-ended ones have none while active", "[register][rules]") {
    Contract k;
    k.contractorId = "c";
    k.startDate = QDate(2022, 4, 1);
    for (const char* route : {"apms", "pds", "lps", "nhs_standard"}) {
        k.route = route;
        const QString group = k.route == "pds" ? "dental" : k.route == "lps" ? "pharmacy" : "general_practice";
        k.endDate = QDate();
        CHECK(messageOf(k, group, "endDate").contains("is time-limited: enter its end date"));
        k.endDate = QDate(2027, 3, 31);
        CHECK(messageOf(k, group, "endDate").isEmpty());
    }
    k.route = "gms";
    k.endDate = QDate(2027, 3, 31);
    CHECK(messageOf(k, "general_practice", "endDate").contains("open-ended"));
    k.status = "terminated";
    CHECK(messageOf(k, "general_practice", "endDate").isEmpty());
    k.endDate = QDate(2020, 1, 1);
    CHECK(messageOf(k, "general_practice", "endDate").contains("must be after the start date"));
}

TEST_CASE("contract figures belong to the right group and are sensible", "[register][rules]") {
    Contract k;
    k.contractorId = "c";
    k.startDate = QDate(2022, 4, 1);
    k.route = "gms";
    k.listSize = 9000;
    k.annualValuePence = 100;
    CHECK(messageOf(k, "general_practice", "listSize").isEmpty());
    k.annualValuePence = -1;
    CHECK(messageOf(k, "general_practice", "annualValue") == "The annual value cannot be negative.");
    k.annualValuePence.reset();
    k.udaTarget = 1000;
    CHECK(messageOf(k, "general_practice", "udaTarget") == "Only dental contracts have UDA and UOA targets.");
    k.udaTarget.reset();
    k.route = "gds";
    CHECK(messageOf(k, "dental", "listSize") == "Only GP contracts have a registered list size.");
    k.listSize.reset();
    k.route = "pharmacy_list";
    k.coreHours = 40;
    k.totalHours = 38;
    CHECK(messageOf(k, "pharmacy", "totalHours").contains("cannot be fewer than core hours"));
    k.totalHours = 55;
    CHECK(messageOf(k, "pharmacy", "totalHours").isEmpty());
    k.coreHours = 200;
    CHECK(messageOf(k, "pharmacy", "coreHours") == "Core hours must be between 0 and 168 a week.");
}

TEST_CASE("services: advanced is pharmacy, additional and out-of-hours are GP, only those can be opted out", "[register][rules]") {
    ContractedService s;
    s.contractId = "k";
    s.name = "New Medicine Service";
    s.category = "advanced";
    CHECK(messageOf(s, "pharmacy", "category").isEmpty());
    CHECK(messageOf(s, "general_practice", "category") == "Advanced services are pharmacy services.");
    s.category = "additional";
    s.optedOut = true;
    CHECK(messageOf(s, "general_practice", "optedOut").isEmpty());
    CHECK(messageOf(s, "dental", "category").contains("belong to GP contracts"));
    s.category = "essential";
    CHECK(messageOf(s, "general_practice", "optedOut") == "Only additional and out-of-hours services can be opted out of.");
}

TEST_CASE("a remedial notice gives at least 28 days (GP) or 30 days (pharmacy) unless urgent with a reason", "[register][rules]") {
    ContractEvent e = event("remedial_notice", QDate(2026, 11, 2));
    e.deadline = QDate(2026, 11, 30); // 28 days
    CHECK(messageOf(e, "general_practice", "deadline").isEmpty());
    e.deadline = QDate(2026, 11, 29); // 27 days
    CHECK(messageOf(e, "general_practice", "deadline") ==
          "A remedial notice must give at least 28 days to put the breach right (this gives 27). Set the deadline on "
          "or after 30/11/2026, or mark it urgent for patient safety or financial loss and say why.");
    e.deadline = QDate(2026, 11, 30);
    CHECK(messageOf(e, "pharmacy", "deadline").contains("at least 30 days"));
    e.deadline = QDate(2026, 12, 2);
    CHECK(messageOf(e, "pharmacy", "deadline").isEmpty());

    e.deadline = QDate(2026, 11, 9);
    e.urgent = true;
    CHECK(messageOf(e, "general_practice", "urgentReason").startsWith("Write why this is urgent"));
    e.urgentReason = "Unsafe storage of vaccines";
    CHECK(messageOf(e, "general_practice", "deadline").isEmpty());
    CHECK(messageOf(e, "general_practice", "urgentReason").isEmpty());

    e.deadline = QDate();
    CHECK(messageOf(e, "general_practice", "deadline") == "Enter the date by which the breach must be remedied.");
}

TEST_CASE("a list closure lasts 3 to 12 months and only GP practices close lists", "[register][rules]") {
    ContractEvent e = event("list_closure", QDate(2026, 11, 1));
    e.effectiveDate = QDate(2026, 12, 1);
    e.deadline = QDate(2027, 3, 1);
    CHECK(messageOf(e, "general_practice", "deadline").isEmpty());
    e.deadline = QDate(2027, 2, 28);
    CHECK(messageOf(e, "general_practice", "deadline") ==
          "A list closure lasts 3 to 12 months: the reopening date must be between 01/03/2027 and 01/12/2027.");
    e.deadline = QDate(2027, 12, 1);
    CHECK(messageOf(e, "general_practice", "deadline").isEmpty());
    e.deadline = QDate(2027, 12, 2);
    CHECK_FALSE(messageOf(e, "general_practice", "deadline").isEmpty());
    e.deadline = QDate(2027, 6, 1);
    CHECK(messageOf(e, "dental", "kind") == "Only GP practices close their lists.");
    e.effectiveDate = QDate();
    CHECK(messageOf(e, "general_practice", "effectiveDate") == "Enter the date the list closes.");
}

TEST_CASE("a variation imposed by the commissioner needs at least 14 days' notice", "[register][rules]") {
    ContractEvent e = event("variation", QDate(2026, 11, 1));
    e.unilateral = true;
    e.effectiveDate = QDate(2026, 11, 15);
    CHECK(messageOf(e, "general_practice", "effectiveDate").isEmpty());
    e.effectiveDate = QDate(2026, 11, 14);
    CHECK(messageOf(e, "general_practice", "effectiveDate") ==
          "A variation imposed by the commissioner needs at least 14 days' notice: it can take effect on 15/11/2026 at "
          "the earliest.");
    e.unilateral = false; // agreed by both parties: no notice period
    CHECK(messageOf(e, "general_practice", "effectiveDate").isEmpty());
}

TEST_CASE("contract events need a date and description, and dates in order", "[register][rules]") {
    ContractEvent e = event("relocation", QDate());
    e.description = "";
    CHECK(messageOf(e, "general_practice", "eventDate") == "Enter the date of the relocation.");
    CHECK(messageOf(e, "general_practice", "description").startsWith("Describe the relocation"));
    e = event("relocation", QDate(2026, 5, 1));
    e.effectiveDate = QDate(2026, 4, 1);
    CHECK(messageOf(e, "general_practice", "effectiveDate") == "The effective date is before the date of the relocation.");
    e = event("termination_notice", QDate(2026, 5, 1));
    CHECK(messageOf(e, "general_practice", "effectiveDate") == "Enter the date the contract terminates.");
}

TEST_CASE("dental year end: 96 / 100 / 102 per cent bands", "[register][dental]") {
    CHECK(yearEndOutcome(1000, 950).outcome == YearEndOutcome::Clawback);
    CHECK(yearEndOutcome(1000, 950).units == 50);
    CHECK(yearEndOutcome(1000, 960).outcome == YearEndOutcome::ShortfallCarriedForward);
    CHECK(yearEndOutcome(1000, 999).outcome == YearEndOutcome::ShortfallCarriedForward);
    CHECK(yearEndOutcome(1000, 1000).outcome == YearEndOutcome::DeliveredInFull);
    CHECK(yearEndOutcome(1000, 1020).outcome == YearEndOutcome::OverDeliveryCarriedForward);
    CHECK(yearEndOutcome(1000, 1020).units == 20);
    CHECK(yearEndOutcome(1000, 1021).outcome == YearEndOutcome::ExcessNotCarried);
    CHECK(yearEndOutcome(1000, 1021).units == 20);
    CHECK(yearEndOutcome(1000, std::nullopt).outcome == YearEndOutcome::NotKnown);
    CHECK(yearEndOutcome(0, 10).outcome == YearEndOutcome::NotKnown);
    CHECK(*yearEndOutcome(1000, 950).percent == Approx(95.0));
    CHECK(describe(YearEndOutcome::Clawback) == "Below 96%: shortfall clawed back");
}

TEST_CASE("dental mid-year review is due under 30% delivered by 30 September", "[register][dental]") {
    CHECK(midYearReviewDue(1000, 299));
    CHECK_FALSE(midYearReviewDue(1000, 300));
    CHECK_FALSE(midYearReviewDue(1000, std::nullopt));
}

TEST_CASE("dental activity is one row per contract and year, on dental contracts only", "[register][dental]") {
    cbtest::TempDb t;
    Contractor d = gp("V00003");
    d.group = "dental";
    d = ContractorService(t.db()).create(d);
    Contract k;
    k.contractorId = d.id;
    k.route = "gds";
    k.startDate = QDate(2010, 4, 1);
    ContractBook book(t.db());
    k = book.create(k);
    DentalActivity a;
    a.contractId = k.id;
    a.yearStart = 2025;
    a.udaTarget = 10000;
    a.udaDelivered = 9500;
    a.udaDeliveredH1 = 4000;
    a = book.saveActivity(a);
    REQUIRE(a.yearLabel() == "2025/26");
    DentalActivity again = a;
    again.id.clear();
    again.udaDelivered = 9700;
    book.saveActivity(again); // same year: updates the existing row
    REQUIRE(book.activity(k.id).size() == 1);
    REQUIRE(*book.activity(k.id).first().udaDelivered == 9700);

    DentalActivity bad = a;
    bad.udaDeliveredH1 = 9800;
    REQUIRE_THROWS_WITH(book.saveActivity(bad), Catch::Contains("cannot exceed the year's total"));
    bad = a;
    bad.udaTarget = 0;
    bad.udaDelivered.reset();
    bad.udaDeliveredH1.reset();
    REQUIRE_THROWS_WITH(book.saveActivity(bad), Catch::Contains("Enter the UDA target, the UOA target, or both."));

    Contractor g = ContractorService(t.db()).create(gp());
    Contract gms;
    gms.contractorId = g.id;
    gms.route = "gms";
    gms.startDate = QDate(2004, 4, 1);
    gms = book.create(gms);
    DentalActivity wrong = a;
    wrong.id.clear();
    wrong.contractId = gms.id;
    REQUIRE_THROWS_WITH(book.saveActivity(wrong), Catch::Contains("only be recorded on a dental contract"));
}

TEST_CASE("performer registration numbers follow their regulator's format", "[register][performers]") {
    Performer p;
    p.givenName = "Amelia";
    p.familyName = "Smith";
    auto check = [&](const char* profession, const char* number) {
        p.profession = profession;
        p.registrationBody.clear();
        p.registrationNumber = number;
        p.listStatus = isOnPerformersList(p.profession) ? "included" : "not_applicable";
        normalise(p);
        Issues issues;
        validate(p, issues);
        return ValidationError(issues.list()).messageFor("registrationNumber");
    };
    CHECK(check("gp", "1234567").isEmpty());
    CHECK(check("gp", "123456") == "A GMC number is 7 digits, like 1234567.");
    CHECK(check("omp", "7654321").isEmpty());
    CHECK(check("pharmacist", "2012345").isEmpty());
    CHECK(check("pharmacist", "1012345") == "A GPhC pharmacist number is 7 digits starting with 2, like 2012345.");
    CHECK(check("optometrist", "01-12345").isEmpty());
    CHECK(check("optometrist", "D-12345").contains("01- followed by digits"));
    CHECK(check("dispensing_optician", "D-12345").isEmpty());
    CHECK(check("dispensing_optician", "01-12345").contains("D- followed by digits"));
    CHECK(check("dentist", "123456").isEmpty());
    CHECK(check("dentist", "12A456").contains("GDC number"));
}

TEST_CASE("performers list status applies to GPs, dentists, optometrists and OMPs only", "[register][performers]") {
    Performer p;
    p.givenName = "Kwame";
    p.familyName = "Okafor";
    p.profession = "gp";
    p.listStatus = "not_applicable";
    Issues issues;
    validate(p, issues);
    CHECK(ValidationError(issues.list()).messageFor("listStatus").contains("must be on the national performers list"));
    p.profession = "pharmacist";
    p.listStatus = "included";
    Issues issues2;
    validate(p, issues2);
    CHECK(ValidationError(issues2.list()).messageFor("listStatus").contains("Pharmacists are not on the performers lists"));
    p.listStatus = "not_applicable";
    Issues issues3;
    validate(p, issues3);
    CHECK(issues3.isEmpty());
    p.registrationBody = "GMC";
    Issues issues4;
    validate(p, issues4);
    CHECK(ValidationError(issues4.list()).messageFor("registrationBody") == "A pharmacist is registered with the GPhC, not the GMC.");
}

TEST_CASE("performer links: a role, dates in order, and the same registration cannot be recorded twice", "[register][performers]") {
    cbtest::TempDb t;
    PerformerService service(t.db());
    Performer p;
    p.givenName = "Priya";
    p.familyName = "Patel";
    p.profession = "gp";
    p.listStatus = "included";
    p.registrationNumber = "1234567";
    p = service.create(p);
    REQUIRE(p.registrationBody == "GMC");
    Performer twin = p;
    twin.id.clear();
    REQUIRE_THROWS_WITH(service.create(twin), Catch::Contains("GMC number 1234567 is already recorded for Priya Patel"));

    const Contractor c = ContractorService(t.db()).create(gp());
    PerformerLink l;
    l.performerId = p.id;
    l.contractorId = c.id;
    l.role = "partner";
    l.fromDate = QDate(2020, 1, 1);
    l.toDate = QDate(2019, 1, 1);
    REQUIRE_THROWS_WITH(service.addLink(l), Catch::Contains("The end date (01/01/2019) is before the start date (01/01/2020)."));
    l.toDate = QDate();
    l.role = "captain";
    REQUIRE_THROWS_WITH(service.addLink(l), Catch::Contains("Choose their role"));
    l.role = "partner";
    service.addLink(l);
    REQUIRE(service.linksAtContractor(c.id).size() == 1);
    REQUIRE_THROWS_WITH(service.remove(p.id), Catch::Contains("cannot be deleted while linked to 1 contractor"));
    REQUIRE_THROWS_WITH(ContractorService(t.db()).remove(c.id), Catch::Contains("1 performer link"));
}

TEST_CASE("search finds contractors by code, name words, postcode and town", "[register][search]") {
    cbtest::TempDb t;
    ContractorService service(t.db());
    Contractor a = gp("A81001");
    a.postcode = "TS18 1HU";
    a.address4 = "STOCKTON-ON-TEES";
    service.create(a);
    Contractor b = gp("A81002");
    b.name = "Larchfield Medical Centre";
    b.postcode = "TS18 2AW";
    service.create(b);
    auto found = [&](const QString& text) {
        ContractorFilter f;
        f.search = text;
        QStringList codes;
        for (const Contractor& c : service.list(f)) codes << c.odsCode;
        return codes;
    };
    CHECK(found("A81001") == QStringList{"A81001"});
    CHECK(found("a8100").size() == 2); // a prefix of both codes
    CHECK(found("lawson") == QStringList{"A81001"});
    CHECK(found("larchfield") == QStringList{"A81002"});
    CHECK(found("TS18 1HU") == QStringList{"A81001"});
    CHECK(found("ts181hu") == QStringList{"A81001"});
    CHECK(found("stockton") == QStringList{"A81001"});
    CHECK(found("\"unbalanced ( quote").isEmpty()); // odd punctuation is not an error
}

TEST_CASE("money and dates are shown the British way", "[register][format]") {
    CHECK(fmt::money(123456) == "£1,234.56");
    CHECK(fmt::money(-500) == "-£5.00");
    CHECK(fmt::money(5) == "£0.05");
    CHECK(*fmt::parseMoney("£1,234.56") == 123456);
    CHECK(*fmt::parseMoney("1234.5") == 123450);
    CHECK(*fmt::parseMoney("12") == 1200);
    CHECK_FALSE(fmt::parseMoney("12.345").has_value());
    CHECK_FALSE(fmt::parseMoney("twelve").has_value());
    CHECK(fmt::date(QDate(2026, 11, 22)) == "22/11/2026");
    CHECK(*fmt::parseUserDate("22/11/2026") == QDate(2026, 11, 22));
    CHECK(*fmt::parseUserDate("2026-11-22") == QDate(2026, 11, 22));
    CHECK_FALSE(fmt::parseUserDate("31/02/2026").has_value());
}

TEST_CASE("a contractor's name, telephone and address lines are simplified as they are normalised") {
    // Spaces at either end, runs of spaces and other white space become single spaces; text that is
    // already simple stays exactly as it is.
    const QList<std::pair<QString, QString>> cases = {
        {"THE LAWSON STREET SURGERY", "THE LAWSON STREET SURGERY"},
        {"  THE LAWSON  STREET\tSURGERY ", "THE LAWSON STREET SURGERY"},
        {"THE LAWSON STREET SURGERY ", "THE LAWSON STREET SURGERY"},
        {" THE LAWSON", "THE LAWSON"},
        {"A\nB", "A B"},
        {"A\u00a0B", "A B"},
        {"A B C", "A B C"},
        {" ", ""},
        {"", ""},
    };
    for (const auto& [given, expected] : cases) {
        INFO(given.toStdString());
        Contractor c = gp();
        c.name = given;
        c.telephone = given;
        c.address1 = given;
        c.address5 = given;
        normalise(c);
        CHECK(c.name == expected);
        CHECK(c.telephone == expected);
        CHECK(c.address1 == expected);
        CHECK(c.address5 == expected);
        CHECK(c.address1 == given.simplified());
    }
}
