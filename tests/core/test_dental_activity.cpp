// Issue 13 / journey 7: dental activity kept exactly (fractional UDAs, schema 14) and imported in
// bulk from the documented CSV (docs/formats.md, "Dental activity"): preview, all or nothing, every
// rejection with its line and reason and the register unchanged.
#include "ConcernFixtures.h"
#include "ImportFixtures.h"

#include "common/Units.h"
#include "contracts/Contract.h"
#include "exchange/DentalActivityImport.h"
#include "exchange/Import.h"
#include "exchange/RecordExchange.h"
#include "store/Migrations.h"
#include "worklist/Worklist.h"

#include <QTemporaryDir>
#include <SQLiteCpp/SQLiteCpp.h>

using namespace cb;
using namespace cb::exchange;

namespace {

const QByteArray kHeader = "Contract number,Financial year,UDA target,UDA delivered,UOA target,UOA delivered,UDA value\r\n";

// Two dental contracts (numbers 111111/0001 and 222222/0001) and a GP contract (GMS-1).
struct Area {
    cbtest::TempDb t;
    Contract gds, pds, gms;
    Area() {
        gds = contract(cbtest::makePractice(t.db(), "V00001", "dental"), "gds", "111111/0001");
        pds = contract(cbtest::makePractice(t.db(), "V00002", "dental"), "pds", "222222/0001");
        gms = contract(cbtest::makePractice(t.db(), "A81001"), "gms", "GMS-1");
    }
    Contract contract(const Contractor& c, const QString& route, const QString& reference) {
        Contract k;
        k.contractorId = c.id;
        k.route = route;
        k.reference = reference;
        k.startDate = QDate(2020, 4, 1);
        if (route == "pds") k.endDate = QDate(2030, 3, 31); // a time-limited agreement
        if (route != "gms") k.udaTarget = 10000;
        else k.listSize = 5000;
        return ContractBook(t.db()).create(k);
    }
    QString file(const QByteArray& body, const QByteArray& header = kHeader) {
        return cbtest::writeImportFile(t, "activity.csv", header + body);
    }
    // The whole dental_activity table as text: "unchanged" means exactly this.
    QString snapshot() {
        QStringList out;
        for (const Row& r : t.db().query("SELECT * FROM dental_activity ORDER BY id")) {
            QStringList fields;
            for (auto it = r.begin(); it != r.end(); ++it) fields << it.key() + "=" + it.value().toString();
            out << fields.join(",");
        }
        return out.join("\n");
    }
    DentalActivity year(const Contract& k, int start) {
        for (const DentalActivity& a : ContractBook(t.db()).activity(k.id))
            if (a.yearStart == start) return a;
        FAIL("no activity for that year");
        return {};
    }
};

Units units(const char* text) { return *Units::parse(QString::fromLatin1(text)); }

} // namespace

TEST_CASE("units: parsed, stored and shown exactly, to the hundredth", "[dental][units]") {
    CHECK(units("1.2").hundredths() == 120);
    CHECK(units("1,234.5").toText() == "1234.5");
    CHECK(units("1234.50").toText() == "1234.5");
    CHECK(units("0.25").toText() == "0.25");
    CHECK(units("10000").toText() == "10000");
    CHECK(units("1234.5").display() == "1,234.5");
    CHECK(units("-3").hundredths() == -300);
    CHECK(Units(10000) == units("10000.00"));
    QString why;
    CHECK_FALSE(Units::parse("1.234", &why));
    CHECK(why.contains("more than two decimal places"));
    CHECK_FALSE(Units::parse("12x", &why));
    CHECK(why == "\"12x\" is not a number");
    CHECK_FALSE(Units::parse("", &why));
    CHECK_FALSE(Units::parse(".", &why));
    CHECK(*Units::fromVariant(QVariant(qint64(9500))) == Units(9500)); // a whole number from before schema 14
}

TEST_CASE("dental year end: fractional shortfall in units and pounds, rounded to the nearest penny", "[dental][units]") {
    // 1,234.5 target, 1,000.2 delivered: 81.0%, claw back 234.3 UDAs at £28.33 = £6,637.719 -> £6,637.72.
    const DeliveryResult r = yearEndOutcome(units("1234.5"), units("1000.2"), ActivityValue{qint64(2833), {}});
    REQUIRE(r.outcome == YearEndOutcome::Clawback);
    CHECK(r.units == units("234.3"));
    REQUIRE(r.pence);
    CHECK(*r.pence == 663772);
    CHECK(yearEndAdvice(r, "UDA") == "Below 96%: claw back 234.3 UDAs (£6,637.72); consider a breach notice.");
    // Half a penny rounds up: 1.5 UDAs at £28.33 is £42.495.
    const DeliveryResult half = yearEndOutcome(Units(100), units("98.5"), ActivityValue{qint64(2833), {}});
    CHECK(half.outcome == YearEndOutcome::ShortfallCarriedForward);
    CHECK(half.units == units("1.5"));
    CHECK(*half.pence == 4250);
    // The threshold is exact: 95.99% is a clawback, 96% is not.
    CHECK(yearEndOutcome(Units(10000), units("9599.99")).outcome == YearEndOutcome::Clawback);
    CHECK(yearEndOutcome(Units(10000), units("9599.99")).percentText == "95.9%");
    CHECK(yearEndOutcome(Units(10000), Units(9600)).outcome == YearEndOutcome::ShortfallCarriedForward);
    // Without a UDA value, the contract's annual value is shared over the target as before.
    CHECK(*yearEndOutcome(Units(1000), Units(900), qint64(2800000)).pence == 280000);
    CHECK(midYearReviewDue(units("1000.5"), units("300.1")));
    CHECK_FALSE(midYearReviewDue(units("1000.5"), units("300.15")));
}

TEST_CASE("dental activity: fractional figures are stored as exact decimal text, never a floating-point number",
          "[dental][units][store]") {
    Area a;
    DentalActivity d;
    d.contractId = a.gds.id;
    d.yearStart = 2025;
    d.udaTarget = units("1234.5");
    d.udaDelivered = units("1.2");
    d.udaValuePence = 2833;
    ContractBook(a.t.db()).saveActivity(d);
    CHECK(a.t.db().scalar("SELECT typeof(uda_delivered) || ':' || uda_delivered FROM dental_activity").toString() == "text:1.2");
    CHECK(a.t.db().scalar("SELECT typeof(uda_target) || ':' || uda_target FROM dental_activity").toString() == "text:1234.5");
    const DentalActivity back = a.year(a.gds, 2025);
    CHECK(back.udaTarget == units("1234.5"));
    CHECK(*back.udaDelivered == units("1.2"));
    CHECK(*back.udaValuePence == 2833);
    // The audit trail says it as a caseworker reads it.
    CHECK(recordTypeOf("dental_activity").field("uda_target")->words(QVariant("1234.5")) == "1,234.5");
}

TEST_CASE("migration 14 runs from every older version: whole numbers kept exactly, as text", "[store][migrations][dental]") {
    for (const Migration& step : migrations()) {
        if (step.version >= 14) continue;
        DYNAMIC_SECTION("from version " << step.version) {
            QTemporaryDir dir;
            const QString path = dir.filePath("old.db");
            cbtest::makeOldDatabase(path, step.version);
            {
                SQLite::Database raw(path.toStdString(), SQLite::OPEN_READWRITE);
                raw.exec("INSERT INTO contractor(id, ods_code, contractor_group, name, status, created_at, updated_at) VALUES "
                         "('c1', 'V00001', 'dental', 'Old Dental', 'active', 'x', 'x')");
                raw.exec("INSERT INTO contract(id, contractor_id, route, reference, start_date, uda_target, status) VALUES "
                         "('k1', 'c1', 'gds', '111111/0001', '2006-04-01', 10000, 'active')");
                raw.exec("INSERT INTO dental_activity(id, contract_id, year_start, uda_target, uda_delivered, uda_delivered_h1, "
                         "uoa_target, uoa_delivered) VALUES ('d1', 'k1', 2024, 10000, 9512, 4000, 250, NULL)");
            }
            Database db(path);
            REQUIRE(db.fileSchemaVersion() == Database::schemaVersion());
            const QList<DentalActivity> years = ContractBook(db).activity("k1");
            REQUIRE(years.size() == 1);
            const DentalActivity& y = years.first();
            CHECK(y.yearStart == 2024);
            CHECK(y.udaTarget == Units(10000));
            CHECK(*y.udaDelivered == Units(9512));
            CHECK(*y.udaDeliveredH1 == Units(4000));
            CHECK(y.uoaTarget == Units(250));
            CHECK_FALSE(y.uoaDelivered);
            CHECK_FALSE(y.udaValuePence);
            CHECK(db.scalar("SELECT uda_target || '|' || uda_delivered || '|' || typeof(uda_delivered) FROM dental_activity")
                      .toString() == "10000|9512|text");
            CHECK(db.scalar("SELECT count(*) FROM pragma_foreign_key_check").toInt() == 0);
            // A fractional year can now be kept.
            DentalActivity next = y;
            next.id.clear();
            next.rowVersion = 0;
            next.yearStart = 2025;
            next.udaDelivered = units("9612.4");
            next.udaDeliveredH1.reset();
            ContractBook(db).saveActivity(next);
            CHECK(db.scalar("SELECT uda_delivered FROM dental_activity WHERE year_start = 2025").toString() == "9612.4");
        }
    }
}

TEST_CASE("dental activity file: previewed, then imported exactly, new and updated with what changed",
          "[dental][import]") {
    Area a;
    DentalActivity recorded;
    recorded.contractId = a.pds.id;
    recorded.yearStart = 2025;
    recorded.udaTarget = 8000;
    recorded.udaDelivered = 7500;
    recorded.udaDeliveredH1 = 3000;
    ContractBook(a.t.db()).saveActivity(recorded);
    const QString before = a.snapshot();

    const QString path = a.file("111111/0001,2025/26,\"1,234.5\",1000.2,0,,£28.33\r\n"
                                "222222/0001,2025-26,8000,7612.4,120,118.6,30.10\r\n");
    ImportJob job = ImportJob::dentalActivity(path);
    const ImportSummary preview = job.preview(a.t.db());
    REQUIRE(preview.files.size() == 1);
    const FileResult& p = preview.files.first();
    CHECK(p.kind == "dental-activity");
    CHECK(p.rows == 2);
    CHECK(p.added == 1);
    CHECK(p.updated == 1);
    CHECK(p.rejected() == 0);
    CHECK(p.notes.join("\n").contains("line 3: 222222/0001 2025/26 updated: UDAs delivered 7,500 → 7,612.4; UOA target 0 → 120; "
                                      "UOAs delivered none → 118.6; UDA value none → £30.10"));
    CHECK(a.snapshot() == before); // a preview changes nothing

    const ImportSummary done = job.commit(a.t.db());
    CHECK(done.added() == 1);
    CHECK(done.updated() == 1);
    const DentalActivity g = a.year(a.gds, 2025);
    CHECK(g.udaTarget == units("1234.5"));
    CHECK(*g.udaDelivered == units("1000.2"));
    CHECK(*g.udaValuePence == 2833);
    const DentalActivity q = a.year(a.pds, 2025);
    CHECK(*q.udaDelivered == units("7612.4"));
    CHECK(*q.udaDeliveredH1 == Units(3000)); // not in the file: kept
    CHECK(*q.uoaDelivered == units("118.6"));

    // The same file again changes nothing.
    const ImportSummary again = ImportJob::dentalActivity(path).commit(a.t.db());
    CHECK(again.unchanged() == 2);
    CHECK(again.added() + again.updated() == 0);

    // Journey 7: the worklist lists the clawback, in units and pounds (234.3 UDAs at £28.33).
    QStringList details;
    for (const WorklistItem& i : buildWorklist(a.t.db(), QDate(2026, 6, 1)))
        if (i.category == "dental") details << i.title + " / " + i.detail;
    INFO(details.join("\n").toStdString());
    CHECK(details.join("\n").contains("delivered 81.0% of UDAs in 2025/26"));
    CHECK(details.join("\n").contains("Below 96%: claw back 234.3 UDAs (£6,637.72); consider a breach notice."));
}

TEST_CASE("dental activity file: the optional mid-year columns are read", "[dental][import]") {
    Area a;
    const QByteArray header = kHeader.trimmed() + ",UDA delivered by 30 September,UOA delivered by 30 September\r\n";
    ImportJob::dentalActivity(a.file("111111/0001,2026/27,10000,,0,,28.00,2999.5,\r\n", header)).commit(a.t.db());
    const DentalActivity y = a.year(a.gds, 2026);
    CHECK(*y.udaDeliveredH1 == units("2999.5"));
    CHECK_FALSE(y.udaDelivered);
    CHECK(midYearReviewDue(y.udaTarget, y.udaDeliveredH1));
}

TEST_CASE("dental activity file: every rejection has its line and reason, and nothing is imported", "[dental][import]") {
    Area a;
    DentalActivity recorded;
    recorded.contractId = a.gds.id;
    recorded.yearStart = 2024;
    recorded.udaTarget = 10000;
    recorded.udaDelivered = 9900;
    ContractBook(a.t.db()).saveActivity(recorded);
    const QString before = a.snapshot();
    const QByteArray good = "111111/0001,2024/25,10000,9000,0,,28.00\r\n"; // would update the recorded year

    struct Case {
        const char* name;
        QByteArray line;
        QString reason;
    };
    const QList<Case> cases = {
        {"bad number", "222222/0001,2025/26,8000,75OO,0,,28.00\r\n",
         "The UDA delivered: \"75OO\" is not a number. Write a number of units like 1234.5."},
        {"negative", "222222/0001,2025/26,8000,-5,0,,28.00\r\n", "The UDA delivered is -5: it cannot be negative."},
        {"too many decimals", "222222/0001,2025/26,8000.125,7000,0,,28.00\r\n",
         "The UDA target: \"8000.125\" has more than two decimal places (Casebook keeps hundredths of a unit). Write a "
         "number of units like 1234.5."},
        {"negative value", "222222/0001,2025/26,8000,7000,0,,-28.00\r\n", "The UDA value is -28.00: it cannot be negative."},
        {"unknown contract", "999999/0001,2025/26,8000,7000,0,,28.00\r\n",
         "No dental contract in the register has the number 999999/0001: check the number, or add the contract first."},
        {"not a dental contract", "GMS-1,2025/26,8000,7000,0,,28.00\r\n",
         "No dental contract in the register has the number GMS-1: check the number, or add the contract first."},
        {"bad year", "222222/0001,25/26,8000,7000,0,,28.00\r\n",
         "The financial year \"25/26\" is not one Casebook can read: write it like 2025/26."},
        {"duplicate row", "111111/0001,2024-25,10000,9100,0,,28.00\r\n",
         "Contract 111111/0001 has a line for 2024/25 already (line 2): give each contract and year one line, then "
         "import again."},
        {"short row", "222222/0001,2025/26,8000\r\n",
         "The line has 3 fields; the header has 7. Check for a missing or extra comma."},
        {"no target", "222222/0001,2025/26,,7000,0,,28.00\r\n", "The UDA target is empty: write 0 if there is none."},
    };
    for (const Case& c : cases) {
        DYNAMIC_SECTION(c.name) {
            const ImportSummary s = ImportJob::dentalActivity(a.file(good + c.line)).commit(a.t.db());
            REQUIRE(s.files.size() == 1);
            const FileResult& r = s.files.first();
            REQUIRE(r.rejected() == 1);
            CHECK(r.rejections.first().line == 3);
            CHECK(r.rejections.first().reason == c.reason);
            CHECK(r.added + r.updated + r.unchanged == 0);
            CHECK(r.notes.join("\n").contains("Nothing from this file is imported while any line is rejected: correct the "
                                              "1 line listed below and import the file again (the other 1 line are ready: "
                                              "0 new, 1 updated, 0 unchanged)."));
            CHECK(a.snapshot() == before);
        }
    }
}

TEST_CASE("dental activity file: a file with the wrong header is refused whole, naming the header it needs",
          "[dental][import]") {
    Area a;
    const QString before = a.snapshot();
    const QString path = a.file("111111/0001,2025/26,10000,9000\r\n", "Contract,Year,UDAs,Delivered\r\n");
    try {
        ImportJob::dentalActivity(path);
        FAIL("the file was accepted");
    } catch (const ImportError& e) {
        CHECK(e.message().startsWith("activity.csv is not a dental activity file Casebook can read: its first line must be "
                                     "the header Contract number, Financial year, UDA target, UDA delivered, UOA target, "
                                     "UOA delivered, UDA value"));
        CHECK(e.message().contains("but it is: Contract, Year, UDAs, Delivered. Nothing was imported."));
    }
    CHECK(a.snapshot() == before);
}

TEST_CASE("dental activity: fractional figures round-trip exactly through JSON and CSV export and import",
          "[dental][units][exchange]") {
    Area a;
    DentalActivity d;
    d.contractId = a.gds.id;
    d.yearStart = 2025;
    d.udaTarget = units("1234.5");
    d.udaDelivered = units("1000.25");
    d.udaDeliveredH1 = units("0.01");
    d.uoaTarget = units("23.8");
    d.uoaDelivered = units("22.4");
    d.udaValuePence = 2833;
    ContractBook(a.t.db()).saveActivity(d);
    const QString json = a.t.file("all.json"), csvPath = a.t.file("activity-export.csv");
    exportJson(a.t.db(), json);
    exportCsv(a.t.db(), "dental-activity", csvPath);
    QFile f(csvPath);
    REQUIRE(f.open(QIODevice::ReadOnly));
    const QString csvText = QString::fromUtf8(f.readAll());
    CHECK(csvText.contains("1234.5"));
    CHECK(csvText.contains("1000.25"));

    const auto check = [&](Database& db) {
        const QList<DentalActivity> years = ContractBook(db).activity(a.gds.id);
        REQUIRE(years.size() == 1);
        CHECK(years.first().udaTarget == units("1234.5"));
        CHECK(*years.first().udaDelivered == units("1000.25"));
        CHECK(*years.first().udaDeliveredH1 == units("0.01"));
        CHECK(years.first().uoaTarget == units("23.8"));
        CHECK(*years.first().uoaDelivered == units("22.4"));
        CHECK(*years.first().udaValuePence == 2833);
        CHECK(db.scalar("SELECT uda_delivered FROM dental_activity").toString() == "1000.25");
    };
    cbtest::TempDb other;
    ImportJob::json(json).commit(other.db());
    check(other.db());
    // The CSV into a register with the contract but without the year.
    for (const DentalActivity& y : ContractBook(other.db()).activity(a.gds.id)) ContractBook(other.db()).removeActivity(y.id);
    REQUIRE(cbtest::count(other.db(), "dental_activity") == 0);
    const ImportSummary s = ImportJob::csv("dental-activity", csvPath).commit(other.db());
    INFO(s.toText().toStdString());
    CHECK(s.added() == 1);
    check(other.db());
}
