// Issue 13: national files imported faithfully. Data-quality notes (schema 11), the payments file
// year by year (older files fill gaps, never overwrite), APMS contracts with an unknown end date
// through to the worklist, and contract start dates left unknown rather than invented.
#include "ImportFixtures.h"

#include "contractors/Contractor.h"
#include "contracts/Contract.h"
#include "dataquality/DataQuality.h"
#include "exchange/Import.h"
#include "exchange/PaymentsImport.h"
#include "store/IntegrityCheck.h"
#include "store/Migrations.h"
#include "worklist/Worklist.h"

#include <QFile>
#include <QTemporaryDir>
#include <SQLiteCpp/SQLiteCpp.h>

using namespace cb;
using namespace cb::exchange;

namespace {
QString write(cbtest::TempDb& t, const QString& name, const QByteArray& data) { return cbtest::writeImportFile(t, name, data); }
QString practiceId(cbtest::TempDb& t, const QString& code, const QString& status = "active") {
    return cbtest::addPractice(t, code, status).id;
}
const QByteArray kHeader = "Practice Code,Practice Name,Practice Open Date,Practice Close Date,Contract Type,"
                           "Dispensing Practice,Number of Registered Patients (Last Known Figure)\r\n";
QList<WorklistItem> dataQualityItems(Database& db) {
    QList<WorklistItem> out;
    for (const WorklistItem& i : buildWorklist(db, db.clock().today()))
        if (i.category == "data_quality") out << i;
    return out;
}
} // namespace

TEST_CASE("migration 11 runs from every older version: contracts kept, start dates may be unknown", "[store][migrations][dataquality]") {
    for (const Migration& step : migrations()) {
        if (step.version >= 11) continue;
        DYNAMIC_SECTION("from version " << step.version) {
            QTemporaryDir dir;
            const QString path = dir.filePath("old.db");
            cbtest::makeOldDatabase(path, step.version);
            {
                SQLite::Database raw(path.toStdString(), SQLite::OPEN_READWRITE);
                raw.exec("INSERT INTO contractor(id, ods_code, contractor_group, name, status, created_at, updated_at) VALUES "
                         "('c1', 'A81001', 'general_practice', 'Old Surgery', 'active', 'x', 'x')");
                raw.exec("INSERT INTO contract(id, contractor_id, route, reference, start_date, list_size, status) VALUES "
                         "('k1', 'c1', 'gms', 'GMS-1', '2004-04-01', 5000, 'active')");
                raw.exec("INSERT INTO contract_event(id, contract_id, kind, event_date, description) VALUES "
                         "('e1', 'k1', 'variation', '2020-01-01', 'Hours')");
            }
            Database db(path);
            REQUIRE(db.fileSchemaVersion() == Database::schemaVersion());
            const auto k = ContractBook(db).get("k1");
            REQUIRE(k);
            CHECK(k->startDate == QDate(2004, 4, 1));
            CHECK(*k->listSize == 5000);
            CHECK(db.scalar("SELECT count(*) FROM contract_event WHERE contract_id = 'k1'").toInt() == 1);
            CHECK(db.scalar("SELECT \"notnull\" FROM pragma_table_info('contract') WHERE name = 'start_date'").toInt() == 0);
            CHECK(db.scalar("SELECT count(*) FROM pragma_foreign_key_check").toInt() == 0);
            // The children still refer to the rebuilt table, not to a renamed copy.
            CHECK(db.scalar("SELECT count(*) FROM sqlite_schema WHERE sql LIKE '%contract_before_v11%'").toInt() == 0);
            CHECK(db.scalar("SELECT count(*) FROM data_quality_note").toInt() == 0);
        }
    }
}

TEST_CASE("data quality: the financial year is read from a year column, a title line or the file name", "[dataquality][payments]") {
    CHECK(financialYearIn("payments-to-general-practice-2019-20.csv") == 2019);
    CHECK(financialYearIn("NHS Payments to General Practice, England 2022/23") == 2022);
    CHECK(financialYearIn("2014-2015") == 2014);
    CHECK(financialYearIn("payments 2019-21.csv") == 0); // not consecutive years
    CHECK(financialYearIn("practices.csv") == 0);
    const auto doc = csv::parse("Payments 2016-17\nPractice Code,Contract Type,Number of Registered Patients\nA1,GMS,1\n");
    const auto cols = findPaymentsColumns(doc);
    REQUIRE(cols.complete());
    CHECK(paymentsFileYear(doc, cols, "x.csv") == 2016);
}

TEST_CASE("data quality: an APMS practice gets an APMS contract, end date unknown, listed until a person enters it",
          "[dataquality][payments][worklist]") {
    cbtest::TempDb t;
    const QString id = practiceId(t, "A81003");
    const QString path = write(t, "payments-2022-23.csv", kHeader + "A81003,THREE,01/04/1990,,APMS,No,1000\r\n");
    const auto preview = ImportJob::payments(path).preview(t.db());
    INFO(preview.toText().toStdString());
    CHECK(preview.added() == 1);
    CHECK(preview.toText().contains("end date unknown, to confirm"));
    CHECK(cbtest::count(t.db(), "data_quality_note") == 0); // a preview changes nothing

    const auto done = ImportJob::payments(path).commit(t.db());
    CHECK(done.added() == 1);
    CHECK(done.rejected() == 0);
    const auto contracts = ContractBook(t.db()).forContractor(id);
    REQUIRE(contracts.size() == 1);
    Contract k = contracts[0];
    CHECK(k.route == "apms");
    CHECK_FALSE(k.endDate.isValid());
    CHECK_FALSE(k.startDate.isValid()); // never invented from the practice's open date (1974)
    const auto notes = openNotesFor(t.db(), "contract", k.id);
    REQUIRE(notes.size() == 2);
    QStringList fields;
    for (const auto& n : notes) {
        fields << n.field;
        CHECK(n.file == "payments-2022-23.csv");
        CHECK(n.line == 2);
        CHECK(n.contractorId == id);
    }
    fields.sort();
    CHECK(fields == QStringList{"endDate", "startDate"});

    auto items = dataQualityItems(t.db());
    const auto endItem = std::find_if(items.begin(), items.end(), [](const WorklistItem& i) { return i.table == "contract"; });
    REQUIRE(endItem != items.end());
    CHECK(endItem->recordId == k.id);
    CHECK(endItem->title.contains("end date unknown"));
    CHECK(endItem->title.contains("A81003"));
    CHECK_FALSE(endItem->informational);

    // Importing again adds no second note.
    ImportJob::payments(path).commit(t.db());
    CHECK(cbtest::count(t.db(), "data_quality_note") == 2);

    // The integrity check accepts dates a note says are unknown; a caseworker's form must give them.
    CHECK(checkIntegrity(t.db()).ok());
    k = *ContractBook(t.db()).get(k.id);
    k.notes = "checked";
    CHECK_THROWS_WITH(ContractBook(t.db()).update(k), Catch::Contains("time-limited: enter its end date"));
    k.startDate = QDate(2019, 4, 1);
    k.endDate = QDate(2029, 3, 31);
    ContractBook(t.db()).update(k);
    items = dataQualityItems(t.db());
    CHECK(std::none_of(items.begin(), items.end(), [](const WorklistItem& i) { return i.table == "contract"; }));
}

TEST_CASE("data quality: an older payments file never overwrites newer figures, it fills gaps and is kept as history",
          "[dataquality][payments]") {
    cbtest::TempDb t;
    const QString a = practiceId(t, "A81001");
    const QString b = practiceId(t, "A81002");
    ImportJob::payments(write(t, "payments-2022-23.csv", kHeader + "A81001,ONE,,,GMS,No,9000\r\n")).commit(t.db());
    const QByteArray older = kHeader + "A81001,ONE,,,PMS,Yes,6000\r\n"
                                       "A81002,TWO,,,GMS,No,4000\r\n";
    const auto r = ImportJob::payments(write(t, "payments-2014-15.csv", older)).commit(t.db());
    CHECK(r.rejected() == 0);
    CHECK(r.toText().contains("kept as 2014/15 history"));
    const Contract one = ContractBook(t.db()).forContractor(a)[0];
    CHECK(one.route == "gms");      // not rewritten by the older file's type
    CHECK(*one.listSize == 9000);   // the newer figure stays
    CHECK_FALSE(one.dispensing);    // nor its dispensing flag
    CHECK(t.db().scalar("SELECT count(*) FROM contract_event").toInt() == 0); // no route change from an older year
    CHECK(t.db().scalar("SELECT list_size FROM contract_year WHERE contract_id = ? AND year_start = 2014", {one.id}).toInt() == 6000);
    CHECK(t.db().scalar("SELECT list_size FROM contract_year WHERE contract_id = ? AND year_start = 2022", {one.id}).toInt() == 9000);
    // A gap: the practice without a contract gets one from the older file.
    const auto two = ContractBook(t.db()).forContractor(b);
    REQUIRE(two.size() == 1);
    CHECK(*two[0].listSize == 4000);

    // The newer file imported again changes nothing.
    const auto again = ImportJob::payments(t.file("payments-2022-23.csv")).commit(t.db());
    CHECK(again.updated() == 0);
    CHECK(again.unchanged() == 1);
}

TEST_CASE("data quality: a route change in a newer year is a contract event with a note, not a rewrite",
          "[dataquality][payments]") {
    cbtest::TempDb t;
    const QString a = practiceId(t, "A81001");
    ImportJob::payments(write(t, "payments-2019-20.csv", kHeader + "A81001,ONE,,,PMS,No,6000\r\n")).commit(t.db());
    const auto r = ImportJob::payments(write(t, "payments-2022-23.csv", kHeader + "A81001,ONE,,,GMS,Yes,6100\r\n")).commit(t.db());
    CHECK(r.updated() == 1);
    const Contract k = ContractBook(t.db()).forContractor(a)[0];
    CHECK(k.route == "pms");
    CHECK(*k.listSize == 6100);
    CHECK(k.dispensing); // the Dispensing Practice column
    const auto event = t.db().queryOne("SELECT * FROM contract_event WHERE contract_id = ?", {k.id});
    REQUIRE(event);
    CHECK(event->value("kind").toString() == "variation");
    CHECK(event->value("event_date").toString() == "2022-04-01");
    CHECK(event->value("description").toString().contains("gives contract type GMS"));
    const auto notes = openNotesFor(t.db(), "contract_event", event->value("id").toString());
    REQUIRE(notes.size() == 1);
    CHECK(notes[0].problem.contains("Contract type changed from PMS to GMS"));
    // Again: no second event.
    ImportJob::payments(t.file("payments-2022-23.csv")).commit(t.db());
    CHECK(t.db().scalar("SELECT count(*) FROM contract_event").toInt() == 1);
}

TEST_CASE("data quality: a dormant practice gets no active contract", "[dataquality][payments]") {
    cbtest::TempDb t;
    practiceId(t, "A81001", "dormant");
    const auto r = ImportJob::payments(write(t, "payments-2022-23.csv", kHeader + "A81001,ONE,,,GMS,No,10\r\n")).commit(t.db());
    CHECK(r.skipped() == 1);
    CHECK(r.toText().contains("practice dormant in the register"));
    CHECK(cbtest::count(t.db(), "contract") == 0);
}

// Expected counts from the real files, worked out independently in Python (csv module; a join of
// the payments rows to epraccur on the practice code, reading epraccur's status, field 13, and
// setting, field 26): 7,001 data rows; 10 codes are walk-in or out-of-hours centres (settings 1 and
// 3), not imported as practices, so rejected; 173 have a close date in the file; 79 are dormant in
// epraccur (48 GMS/PMS/APMS, 31 UNKNOWN): skipped, no active contract; 2 active UNKNOWN are
// rejected; created: GMS 4,814, PMS 1,753, APMS 170 (end dates unknown).
TEST_CASE("data quality: the real 2019-20 payments file creates APMS contracts with unknown end dates",
          "[dataquality][payments][realdata]") {
    const QString dir = cbtest::sharedDataDir();
    if (dir.isEmpty()) {
        CB_SKIP("../shared/data is absent, so the real payments file was not tried.");
    }
    cbtest::TempDb t;
    ImportJob::ods({dir + "/ods/epraccur.csv"}).commit(t.db());
    const auto r = ImportJob::payments(dir + "/ods/payments-to-general-practice-2019-20.csv").commit(t.db());
    const FileResult& f = r.files[0];
    INFO(r.toText().left(3000).toStdString());
    CHECK(f.rows == 7001);
    CHECK(f.added == 4814 + 1753 + 170);
    CHECK(f.skipped == 173 + 79);
    CHECK(f.rejected() == 10 + 2);
    CHECK(t.db().scalar("SELECT count(*) FROM contract WHERE route = 'apms' AND end_date IS NULL").toInt() == 170);
    CHECK(t.db().scalar("SELECT count(*) FROM contract WHERE start_date IS NOT NULL").toInt() == 0);
    CHECK(t.db().scalar("SELECT count(*) FROM contract_year WHERE year_start = 2019").toInt() == 4814 + 1753 + 170);
    CHECK(t.db().scalar("SELECT count(*) FROM data_quality_note WHERE field = 'endDate'").toInt() == 170);
    CHECK(dataQualityItems(t.db()).size() >= 170);
}

// ---- ODS extracts: oddities noted, the area filter ----------------------------------------------

namespace {
QByteArray odsRow(const QMap<int, QString>& values) {
    QStringList f;
    for (int i = 1; i <= 27; ++i) f << QLatin1Char('"') + values.value(i) + QLatin1Char('"');
    return f.join(QLatin1Char(',')).toLatin1() + "\n";
}
// A GP practice row: national grouping (field 3), commissioner (field 15), setting (field 26).
QByteArray gp(const QString& code, const QString& national = "Y63", const QString& commissioner = "00K",
              const QString& setting = "4", const QMap<int, QString>& more = {}) {
    QMap<int, QString> v{{1, code}, {2, "SURGERY " + code}, {3, national}, {4, "Q74"}, {5, "THE HEALTH CENTRE"},
                         {8, "STOCKTON"}, {10, "TS18 1HU"}, {11, "19740401"}, {13, "A"}, {14, "B"},
                         {15, commissioner}, {18, "01642 672351"}, {24, commissioner}, {26, setting}};
    for (auto it = more.begin(); it != more.end(); ++it) v.insert(it.key(), it.value());
    return odsRow(v);
}
QByteArray pharmacy(const QString& code, const QString& subType, const QMap<int, QString>& more = {}) {
    QMap<int, QString> v{{1, code}, {2, "PHARMACY " + code}, {3, "Y60"}, {4, "QJ2"}, {5, "1 HIGH STREET"},
                         {7, "ALFRETON"}, {10, "DE55 7BD"}, {11, "20230717"}, {13, "A"}, {14, subType},
                         {15, "P2X2"}, {24, "QJ2"}};
    for (auto it = more.begin(); it != more.end(); ++it) v.insert(it.key(), it.value());
    return odsRow(v);
}
QString noteOn(Database& db, const QString& odsCode, const QString& field) {
    return db.scalar("SELECT n.value FROM data_quality_note n JOIN contractor c ON c.id = n.record_id "
                     "WHERE c.ods_code = ? AND n.field = ?", {odsCode, field}).toString();
}
} // namespace

TEST_CASE("data quality: a 12-digit freephone number is left out with a note, the practice stored", "[dataquality][ods]") {
    cbtest::TempDb t;
    QByteArray data = gp("A81001", "Y63", "00K", "4", {{18, "080012345678"}});
    for (int i = 2; i <= 10; ++i) data += gp(QStringLiteral("A810%1").arg(i, 2, 10, QLatin1Char('0')));
    const auto r = ImportJob::ods({write(t, "epraccur.csv", data)}).commit(t.db());
    INFO(r.toText().toStdString());
    CHECK(r.rejected() == 0);
    const auto c = ContractorService(t.db()).findByOdsCode("A81001");
    REQUIRE(c);
    CHECK(c->telephone.isEmpty());
    CHECK(noteOn(t.db(), "A81001", "telephone") == "080012345678");
    CHECK(r.toText().contains("data quality, line 1"));
}

TEST_CASE("data quality: a pharmacy marked active with a close date is stored active, the date noted", "[dataquality][ods]") {
    cbtest::TempDb t;
    QByteArray data = pharmacy("FFJ93", "1", {{12, "20250223"}, {17, "20250223"}});
    for (int i = 1; i <= 9; ++i) data += pharmacy(QStringLiteral("FEQ6%1").arg(i), "1");
    const auto r = ImportJob::ods({write(t, "edispensary.csv", data)}).commit(t.db());
    INFO(r.toText().toStdString());
    CHECK(r.rejected() == 0);
    const auto c = ContractorService(t.db()).findByOdsCode("FFJ93");
    REQUIRE(c);
    CHECK(c->status == "active");
    CHECK_FALSE(c->closeDate.isValid());
    CHECK(noteOn(t.db(), "FFJ93", "closeDate") == "20250223");
}

TEST_CASE("data quality: an open date that is not a date is not stored, the row is, with a note", "[dataquality][ods]") {
    cbtest::TempDb t;
    QByteArray data = gp("A81001", "Y63", "00K", "4", {{11, "1974-04-01"}});
    for (int i = 2; i <= 9; ++i) data += gp(QStringLiteral("A8100%1").arg(i));
    const auto r = ImportJob::ods({write(t, "epraccur.csv", data)}).commit(t.db());
    CHECK(r.rejected() == 0);
    const auto c = ContractorService(t.db()).findByOdsCode("A81001");
    REQUIRE(c);
    CHECK_FALSE(c->openDate.isValid());
    CHECK(noteOn(t.db(), "A81001", "openDate") == "1974-04-01");
    // Importing again adds no second note and changes nothing.
    const auto again = ImportJob::ods({t.file("epraccur.csv")}).commit(t.db());
    CHECK(again.added() + again.updated() == 0);
    CHECK(cbtest::count(t.db(), "data_quality_note") == 1);
}

TEST_CASE("data quality: oxygen suppliers (sub-type 3) are skipped with the reason, not rejected", "[dataquality][ods]") {
    cbtest::TempDb t;
    QByteArray data = pharmacy("FOX01", "3");
    for (int i = 1; i <= 9; ++i) data += pharmacy(QStringLiteral("FEQ6%1").arg(i), "1");
    const auto r = ImportJob::ods({write(t, "edispensary.csv", data)}).commit(t.db());
    CHECK(r.rejected() == 0);
    CHECK(r.added() == 9);
    CHECK(r.files[0].skippedReasons.value("oxygen supplier (sub-type 3, ODS field 14): not a pharmacy or appliance "
                                          "contractor Casebook registers") == 1);
    CHECK_FALSE(ContractorService(t.db()).findByOdsCode("FOX01"));
}

TEST_CASE("data quality: the area filter keeps to a country, a region or commissioners, counted by reason and field",
          "[dataquality][ods][area]") {
    cbtest::TempDb t;
    const QByteArray data = gp("A81001", "Y63", "00K") + gp("A81002", "Y63", "00L") + gp("A81003", "Y56", "07M") +
                            gp("W91001", "W00", "7A1", "0") + gp("A81005", "Y63", "00K", "1") +
                            gp("A81006", "Y63", "00K", "2") + gp("A81007", "Y63", "00K", "25") +
                            gp("A81008", "Y63", "00K") + gp("A81009", "Y63", "00K") + gp("A81010", "Y63", "00K");
    const QString path = write(t, "epraccur.csv", data);
    auto preview = [&] { return ImportJob::ods({path}).preview(t.db()).files[0]; };

    SECTION("by default England, GP practices only: every skip names its reason and field") {
        CHECK(loadAreaFilter(t.db()).country == "england");
        const FileResult f = preview();
        CHECK(f.added == 6);
        CHECK(f.skippedReasons.value("in Wales (national grouping W00, ODS field 3): outside the area (England)") == 1);
        CHECK(f.skippedReasons.value("prescribing setting 25 (prison, ODS field 26): not a GP practice") == 1);
        CHECK(f.skippedReasons.value("prescribing setting 1 (walk-in centre, ODS field 26): not a GP practice; walk-in and "
                                     "out-of-hours centres are imported when the import options include them") == 1);
    }
    SECTION("commissioners, remembered as a setting") {
        AreaFilter a;
        a.commissioners = {"00K", "07m"};
        saveAreaFilter(t.db(), a);
        CHECK(loadAreaFilter(t.db()).commissioners == QStringList{"00K", "07M"});
        const FileResult f = preview();
        CHECK(f.added == 5); // A81001, A81003, A81008-10
        CHECK(f.skippedReasons.value("another commissioner (ODS field 15): outside the area (00K, 07M)") == 1);
    }
    SECTION("a region") {
        AreaFilter a;
        a.region = "Y56";
        saveAreaFilter(t.db(), a);
        const FileResult f = preview();
        CHECK(f.added == 1);
        CHECK(f.skippedReasons.value("another region (national grouping, ODS field 3): outside the area (Y56)") == 8);
    }
    SECTION("walk-in and out-of-hours centres as an option") {
        AreaFilter a;
        a.urgentCare = true;
        saveAreaFilter(t.db(), a);
        const FileResult f = preview();
        CHECK(f.added == 8);
        const auto r = ImportJob::ods({path}).commit(t.db());
        CHECK(ContractorService(t.db()).findByOdsCode("A81006")->group == "general_practice");
    }
    SECTION("a filter that is not one is refused and nothing is saved") {
        AreaFilter a;
        a.country = "scotland";
        a.commissioners = {"00K", "not a code!"};
        CHECK_THROWS_WITH(saveAreaFilter(t.db(), a), Catch::Contains("Choose England, Wales, or both"));
        CHECK_THROWS_WITH(saveAreaFilter(t.db(), a), Catch::Contains("\"not a code!\" is not a commissioner code"));
        CHECK(loadAreaFilter(t.db()) == AreaFilter{{}, {}, "england", false});
        CHECK(cbtest::count(t.db(), "setting") == 0);
    }
}
