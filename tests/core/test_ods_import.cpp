#include "TestSupport.h"

#include "contractors/Contractor.h"
#include "exchange/Import.h"
#include "exchange/OdsImport.h"
#include "store/IntegrityCheck.h"

#include <SQLiteCpp/SQLiteCpp.h>

#include <QDir>
#include <QFile>

using namespace cb;
using namespace cb::exchange;

namespace {

// One ODS extract row: 27 quoted fields; the given 1-based fields set, the rest empty.
QByteArray odsRow(const QMap<int, QString>& values) {
    QStringList f;
    for (int i = 1; i <= 27; ++i) f << QLatin1Char('"') + values.value(i) + QLatin1Char('"');
    return f.join(QLatin1Char(',')).toLatin1();
}

QByteArray practice(const QString& code, const QString& name, const QString& status = "A", const QString& close = "",
                    const QString& setting = "4", const QString& phone = "01642 672351") {
    return odsRow({{1, code}, {2, name}, {3, "Y63"}, {4, "Q74"}, {5, "THE HEALTH CENTRE"}, {6, "LAWSON STREET"},
                   {7, "STOCKTON-ON-TEES"}, {8, "CLEVELAND"}, {10, "TS18 1HU"}, {11, "19740401"}, {12, close},
                   {13, status}, {14, "B"}, {15, "00K"}, {18, phone}, {24, "00K"}, {26, setting}});
}

QString writeFile(cbtest::TempDb& t, const QString& name, const QByteArray& data) {
    const QString path = t.file(name);
    QFile f(path);
    REQUIRE(f.open(QIODevice::WriteOnly));
    f.write(data);
    return path;
}

qint64 auditRows(Database& db) { return cbtest::count(db, "audit"); }

} // namespace

TEST_CASE("ods: practices are added, then updated field by field, unchanged rows untouched", "[ods]") {
    cbtest::TempDb t;
    const QString path = writeFile(t, "epraccur.csv",
                                   practice("A81001", "THE LAWSON STREET SURGERY") + "\r\n" +
                                       practice("A81002", "LARCHFIELD MEDICAL CENTRE", "C", "20200331") + "\r\n");
    auto job = ImportJob::ods({path});
    const ImportSummary preview = job.preview(t.db());
    CHECK_FALSE(preview.committed);
    CHECK(preview.added() == 2);
    CHECK(cbtest::count(t.db(), "contractor") == 0); // preview changes nothing
    CHECK(auditRows(t.db()) == 0);

    const ImportSummary done = job.commit(t.db());
    CHECK(done.added() == 2);
    CHECK(done.files[0].kind == "epraccur");
    ContractorService contractors(t.db());
    const auto c = contractors.findByOdsCode("A81001");
    REQUIRE(c);
    CHECK(c->name == "THE LAWSON STREET SURGERY"); // official upper-case business name kept
    CHECK(c->group == "general_practice");
    CHECK(c->commissionerCode == "00K");
    CHECK(c->address4 == "CLEVELAND");
    CHECK(c->openDate == QDate(1974, 4, 1));
    CHECK(contractors.findByOdsCode("A81002")->status == "closed");
    CHECK(t.db().scalar("SELECT count(*) FROM audit WHERE source = 'import epraccur.csv'").toInt() == 2);

    // Same file again: nothing changes, no audit rows.
    const qint64 audits = auditRows(t.db());
    auto again = ImportJob::ods({path}).commit(t.db());
    CHECK(again.unchanged() == 2);
    CHECK(again.added() + again.updated() == 0);
    CHECK(auditRows(t.db()) == audits);

    // A typed note survives; a changed name and phone are updated and audited; absent rows stay.
    auto edited = *c;
    edited.notes = "Visited in June";
    contractors.update(edited);
    const QString v2 = writeFile(t, "epraccur-v2.csv", practice("A81001", "LAWSON STREET MEDICAL PRACTICE", "A", "", "4", "01642 000000"));
    const auto upd = ImportJob::ods({v2}).commit(t.db());
    CHECK(upd.updated() == 1);
    const auto after = contractors.findByOdsCode("A81001");
    CHECK(after->name == "LAWSON STREET MEDICAL PRACTICE");
    CHECK(after->telephone == "01642 000000");
    CHECK(after->notes == "Visited in June");
    CHECK(contractors.findByOdsCode("A81002")); // absent from the file, never deleted
    const auto audit = t.db().queryOne("SELECT * FROM audit WHERE source = 'import epraccur-v2.csv'");
    REQUIRE(audit);
    CHECK(audit->value("old_values").toString().contains("THE LAWSON STREET SURGERY"));
    CHECK(audit->value("new_values").toString().contains("01642 000000"));
}

TEST_CASE("ods: every rejection reason carries the file line", "[ods]") {
    cbtest::TempDb t;
    QByteArray data;
    data += practice("A81001", "GOOD SURGERY") + "\n";                       // line 1 ok
    data += practice("A81001", "DUPLICATE") + "\n";                          // line 2 duplicate
    data += practice("A81003", "BAD STATUS", "X") + "\n";                    // line 3 unknown status
    data += practice("A81004", "BAD PHONE", "A", "", "4", "12") + "\n";      // line 4 stored, phone noted
    data += practice("A81005", "ACTIVE BUT CLOSED", "A", "20200101") + "\n"; // line 5 stored, close date noted
    data += practice("A81006", "BAD DATE", "C", "2020-01-01") + "\n";        // line 6 see below
    data += "\"A81007\",\"SHORT ROW\"\n";                                    // line 7 ragged
    data += practice("A81008", "OUT OF HOURS", "A", "", "2") + "\n";         // line 8 skipped, not rejected
    // Lines 9-70: more good rows, so the odd ones stay a small share and the kind is still detected.
    for (int i = 9; i <= 70; ++i) data += practice(QStringLiteral("A810%1").arg(i, 2, 10, QLatin1Char('0')), "GOOD") + "\n";
    data += odsRow({{1, "V00003"}, {2, "A DENTIST"}, {13, "A"}, {14, "D"}}) + "\n"; // line 71 wrong kind
    const QString path = writeFile(t, "mixed.csv", data);
    const auto r = ImportJob::ods({path}).commit(t.db());
    REQUIRE(r.files.size() == 1);
    const FileResult& f = r.files[0];
    // Line 6: closed, and its close date is not a date: the date is not stored, so a closed practice
    // without its close date breaks the register's rule and the row is rejected with that reason.
    CHECK(f.added == 65);
    CHECK(f.skipped == 1);
    CHECK(f.skippedReasons.begin().key().contains("not a GP practice"));
    REQUIRE(f.rejected() == 5);
    QMap<int, QString> why;
    for (const auto& j : f.rejections) why.insert(j.line, j.reason);
    CHECK(why[2].contains("appears twice in the file (first on line 1)"));
    CHECK(why[3].contains("The status \"X\" is not one Casebook knows"));
    CHECK(why[6].contains("A closed contractor needs its close date"));
    CHECK(why[7] == "The row has 2 fields; an ODS extract row has 27.");
    CHECK(why[71].contains("does not look like a row of GP practices"));
    CHECK(ContractorService(t.db()).findByOdsCode("A81004")); // stored, the odd value left out and noted
    CHECK(t.db().scalar("SELECT value FROM data_quality_note WHERE field = 'telephone'").toString() == "12");
    CHECK(t.db().scalar("SELECT value FROM data_quality_note WHERE field = 'closeDate'").toString() == "20200101");
    CHECK_FALSE(ContractorService(t.db()).findByOdsCode("A81006")); // rejected rows are not partly applied
    CHECK(t.db().scalar("SELECT count(*) FROM data_quality_note WHERE value = '2020-01-01'").toInt() == 0);
    CHECK(r.toText().contains("line 6 (A81006):"));
}

TEST_CASE("ods: a file that is not what it claims is refused and changes nothing", "[ods]") {
    cbtest::TempDb t;
    const QString payments = writeFile(t, "payments.csv", "Practice Code,Practice Name,Contract Type,Number of "
                                                          "Registered Patients\nA81001,X,GMS,100\n");
    try {
        ImportJob::ods({payments});
        FAIL("expected ImportError");
    } catch (const ImportError& e) {
        CHECK(e.message().contains("is not an ODS extract"));
        CHECK(e.message().contains("payments"));
    }
    // Named like practices, holding dental practices.
    const QString dental = writeFile(t, "epraccur.csv", odsRow({{1, "V00003"}, {2, "A DENTIST"}, {13, "A"}, {14, "D"}}));
    CHECK_THROWS_WITH(ImportJob::ods({dental}), Catch::Contains("is named like GP practices (epraccur), but it holds "
                                                                "dental practices"));
    const QString broken = writeFile(t, "x.csv", "\"A81001\",\"open quote\n");
    CHECK_THROWS_AS(ImportJob::ods({broken}), ImportError);
    CHECK_THROWS_WITH(ImportJob::ods({t.file("missing.csv")}), Catch::Contains("does not exist"));
    CHECK(auditRows(t.db()) == 0);
}

TEST_CASE("ods: kinds are detected from content, quirks of real extracts are accepted", "[ods]") {
    cbtest::TempDb t;
    // BOM, Latin-1 text, 5-character commissioner codes, spelled-out statuses, 7-character dental codes.
    QByteArray dental = "\xEF\xBB\xBF";
    dental += odsRow({{1, "V012345"}, {2, "SMILE DENTAL"}, {10, "RH11 7HL"}, {11, "20060401"}, {13, "ACTIVE"},
                      {14, "D"}, {15, "W2U3Z"}}) + "\r\n";
    dental += odsRow({{1, "V00002"}, {2, "OLD DENTAL"}, {11, "20080401"}, {12, "20090331"}, {13, "CLOSED"}, {14, "D"},
                      {15, "5P6"}}) + "\r\n";
    dental += odsRow({{1, "V00004"}, {2, "PRIVATE DENTAL"}, {13, "A"}, {14, "P"}}) + "\r\n";
    const QString d = writeFile(t, "newer-dental.csv", dental);
    auto r = ImportJob::ods({d}).commit(t.db());
    CHECK(r.files[0].kind == "egdpprac");
    CHECK(r.files[0].encoding == "UTF-8 with BOM");
    CHECK(r.added() == 2);
    CHECK(r.skipped() == 1);
    ContractorService s(t.db());
    CHECK(s.findByOdsCode("V012345")->commissionerCode == "W2U3Z");
    CHECK(s.findByOdsCode("V00002")->status == "closed");

    QByteArray pharm = odsRow({{1, "FEQ63"}, {2, QStringLiteral("MEDICINE STOP é")}, {10, "DE55 7BD"}, {11, "20230717"},
                               {13, "A"}, {14, "1"}, {15, "P2X2"}, {24, "QJ2"}}) + "\n";
    pharm += odsRow({{1, "FAA96"}, {2, "APPLIANCES LTD"}, {13, "D"}, {14, "2"}, {15, "P1234"}, {24, "QJ2"}}) + "\n";
    r = ImportJob::ods({writeFile(t, "pharmacies.csv", pharm)}).commit(t.db());
    CHECK(r.files[0].kind == "edispensary");
    CHECK(r.files[0].encoding == "Windows-1252 (Latin-1)");
    const auto p = s.findByOdsCode("FEQ63");
    CHECK(p->group == "pharmacy");
    CHECK(p->name == QStringLiteral("MEDICINE STOP é"));
    CHECK(p->parentCode == "P2X2");
    CHECK(p->commissionerCode == "QJ2");
    CHECK(s.findByOdsCode("FAA96")->group == "appliance");
    CHECK(s.findByOdsCode("FAA96")->status == "dormant");

    // Head offices become parent organisations (no status column: closed by close date).
    QByteArray hq = odsRow({{1, "P001"}, {2, "HIGHFIELD CHEMIST"}, {10, "SL6 2SZ"}, {11, "20040401"}, {12, "20070406"}}) + "\r\n";
    hq += odsRow({{1, "P2X2"}, {2, "MEDICINE STOP LTD"}, {11, "20040401"}}) + "\r\n";
    r = ImportJob::ods({writeFile(t, "hq.csv", hq)}).commit(t.db());
    CHECK(r.files[0].kind == "epharmacyhq");
    CHECK(r.added() == 2);
    CHECK(t.db().scalar("SELECT status FROM organisation WHERE ods_code = 'P001'").toString() == "closed");
    CHECK(t.db().scalar("SELECT o.name FROM contractor c JOIN organisation o ON o.ods_code = c.parent_code "
                        "WHERE c.ods_code = 'FEQ63'").toString() == "MEDICINE STOP LTD");
}

TEST_CASE("ods: branches become sites of their practice, practices are imported first", "[ods]") {
    cbtest::TempDb t;
    const QByteArray branches =
        odsRow({{1, "A81001001"}, {2, "DR LEIGH"}, {5, "283 ACKLAM ROAD"}, {8, "MIDDLESBROUGH"}, {9, "CLEVELAND"},
                {10, "TS5 7BP"}, {11, "20040401"}, {15, "A81001"}}) + "\r\n" +
        odsRow({{1, "A81009001"}, {2, "ORPHAN"}, {11, "20040401"}, {12, "20100101"}, {15, "A81009"}}) + "\r\n";
    const QString b = writeFile(t, "ebranchs.csv", branches);
    const QString p = writeFile(t, "epraccur.csv", practice("A81001", "THE LAWSON STREET SURGERY") + "\r\n");
    // Given in the "wrong" order: the job imports practices first.
    auto job = ImportJob::ods({b, p});
    const auto preview = job.preview(t.db());
    REQUIRE(preview.files.size() == 2);
    CHECK(preview.files[0].kind == "epraccur");
    CHECK(preview.files[1].added == 1);
    REQUIRE(preview.files[1].rejected() == 1);
    CHECK(preview.files[1].rejections[0].line == 2);
    CHECK(preview.files[1].rejections[0].reason.contains("Its practice A81009 is not in the register"));
    CHECK(cbtest::count(t.db(), "site") == 0);
    job.commit(t.db());
    const auto site = t.db().queryOne("SELECT s.*, c.ods_code FROM site s JOIN contractor c ON c.id = s.contractor_id");
    REQUIRE(site);
    CHECK(site->value("ods_code").toString() == "A81001");
    CHECK(site->value("status").toString() == "active"); // empty status in branch files
    CHECK(site->value("address4").toString() == "MIDDLESBROUGH");
    CHECK(ImportJob::ods({b, p}).commit(t.db()).unchanged() == 2);
}

TEST_CASE("ods: status mapping and prescribing settings", "[ods]") {
    const QDate today(2026, 11, 22);
    CHECK(odsStatus("A", {}, today) == "active");
    CHECK(odsStatus("ACTIVE", {}, today) == "active");
    CHECK(odsStatus("closed", QDate(2020, 1, 1), today) == "closed");
    CHECK(odsStatus("D", {}, today) == "dormant");
    CHECK(odsStatus("PROPOSED", {}, today) == "proposed");
    CHECK(odsStatus("", QDate(2020, 1, 1), today) == "closed");
    CHECK(odsStatus("", QDate(2030, 1, 1), today) == "active");
    CHECK(odsStatus("Z", {}, today).isEmpty());
    CHECK(isGpPracticeSetting("4"));
    CHECK_FALSE(isGpPracticeSetting("2"));
}

// Expected counts were worked out from the files with Python's csv module (independent of this
// parser), with the default area (England: national grouping, field 3, not starting with W):
// epraccur 14,357 rows of which 8,204 have prescribing setting 4 (GP practice), all in England; the
// other 6,153 skipped (721 Welsh: 716 setting 0 and 5 prisons; 5,432 other English settings);
// ebranchs 2,702 rows of which 2,689 have their parent among those 8,204 practices; edispensary
// 2,000 rows, 9 Welsh (8 pharmacies, 1 appliance contractor), the others stored, one of them (FFJ93,
// line 848) "A" with a close date in the past, stored with a note; egdpprac 10,410 rows: 9,577
// English NHS, 531 Welsh, 302 English private (sub-type P); epharmacyhq 6,155 rows.
TEST_CASE("ods: the real NHS extracts import with the expected counts", "[ods][realdata]") {
    const QString dir = cbtest::sharedDataDir();
    if (dir.isEmpty()) {
        CB_SKIP("../shared/data is absent, so the real ODS extracts were not tried.");
    }
    cbtest::TempDb t;
    const QString ods = dir + "/ods/";
    auto job = ImportJob::ods({ods + "ebranchs.csv", ods + "epraccur.csv", ods + "edispensary-sample.csv",
                               ods + "egdpprac.csv", ods + "epharmacyhq.csv"});
    const auto r = job.commit(t.db());
    INFO(r.toText().left(4000).toStdString());
    QMap<QString, FileResult> by;
    for (const auto& f : r.files) by.insert(f.kind, f);
    CHECK(by["epraccur"].rows == 14357);
    CHECK(by["epraccur"].added == 8204);
    CHECK(by["epraccur"].skipped == 6153);
    CHECK(by["epraccur"].skippedReasons.value("in Wales (national grouping W00, ODS field 3): outside the area (England)") == 721);
    CHECK(by["epraccur"].skippedReasons.value("prescribing setting 9 (community health service, ODS field 26): not a GP practice") == 1544);
    CHECK(by["epraccur"].rejected() == 0);
    CHECK(by["ebranchs"].added == 2689);
    CHECK(by["ebranchs"].rejected() == 13);
    CHECK(by["edispensary"].added == 1991);
    CHECK(by["edispensary"].skipped == 9);
    CHECK(by["edispensary"].rejected() == 0);
    CHECK(t.db().scalar("SELECT count(*) FROM data_quality_note n JOIN contractor c ON c.id = n.record_id "
                        "WHERE c.ods_code = 'FFJ93' AND n.field = 'closeDate' AND n.line = 848").toInt() == 1);
    CHECK(by["egdpprac"].added == 9577);
    CHECK(by["egdpprac"].skipped == 302 + 531);
    CHECK(by["egdpprac"].rejected() == 0);
    CHECK(by["epharmacyhq"].added == 6155);
    CHECK(t.db().scalar("SELECT count(*) FROM contractor WHERE contractor_group = 'appliance'").toInt() == 20);
    const qint64 audits = auditRows(t.db());
    const auto again = ImportJob::ods({ods + "epraccur.csv", ods + "egdpprac.csv"}).commit(t.db());
    CHECK(again.added() + again.updated() == 0);
    CHECK(auditRows(t.db()) == audits);
}

TEST_CASE("ods: imported head offices pass the integrity check, a damaged one is reported", "[ods]") {
    cbtest::TempDb t;
    const QString path = writeFile(t, "hq.csv", odsRow({{1, "P001"}, {2, "HIGHFIELD CHEMIST"}, {11, "20040401"}}) + "\r\n");
    ImportJob::ods({path}).commit(t.db());
    CHECK(checkIntegrity(t.db()).ok());
    {
        // Another tool edits the file (Casebook's own connection refuses raw writes to records).
        SQLite::Database raw(t.path().toStdString(), SQLite::OPEN_READWRITE);
        raw.exec("UPDATE organisation SET status = 'gone', close_date = '2000-01-01'");
    }
    QStringList bad;
    for (const IntegrityFinding& f : checkIntegrity(t.db()).findings)
        if (f.table == "organisation") bad << f.message;
    REQUIRE(bad.size() == 2);
    CHECK(bad.join("\n").contains("\"gone\" is not a status Casebook knows"));
    CHECK(bad.join("\n").contains("The close date is before the open date."));
}

TEST_CASE("ods: a row SQLite refuses after part of it was written is taken back alone, the rest imported", "[ods]") {
    // Rows are written without a savepoint each (a refusal nearly always comes before any write).
    // Here SQLite refuses the third practice's audit row after its record and practice number were
    // written: the import runs again with a savepoint per row, and only that row is refused.
    cbtest::TempDb t;
    const QString path = writeFile(t, "epraccur.csv",
                                   practice("A81001", "THE LAWSON STREET SURGERY") + "\r\n" +
                                       practice("A81002", "LARCHFIELD MEDICAL CENTRE") + "\r\n" +
                                       practice("A81003", "TENNANT STREET MEDICAL PRACTICE") + "\r\n" +
                                       practice("A81004", "ACKLAM MEDICAL CENTRE") + "\r\n");
    t.db().sqlite().exec("CREATE TEMP TRIGGER refuse_third BEFORE INSERT ON main.audit_log WHEN EXISTS (SELECT 1 FROM "
                         "main.contractor WHERE ods_code = 'A81003') BEGIN SELECT RAISE(ABORT, 'refused for the "
                         "test'); END");
    auto job = ImportJob::ods({path});
    const ImportSummary preview = job.preview(t.db());
    CHECK(preview.added() == 3);
    CHECK(preview.rejected() == 1);
    CHECK(cbtest::count(t.db(), "contractor") == 0);

    const ImportSummary done = job.commit(t.db());
    CHECK(done.added() == 3);
    REQUIRE(done.files.at(0).rejections.size() == 1);
    CHECK(done.files.at(0).rejections.at(0).line == 3);
    CHECK(done.files.at(0).rejections.at(0).key == "A81003");
    CHECK(done.files.at(0).rejections.at(0).reason.contains("refused for the test"));
    ContractorService contractors(t.db());
    CHECK(contractors.findByOdsCode("A81001"));
    CHECK(contractors.findByOdsCode("A81004"));
    CHECK_FALSE(contractors.findByOdsCode("A81003"));
    // Nothing of the refused row is left: each contractor kept has its audit row, and no other.
    CHECK(cbtest::count(t.db(), "contractor") == 3);
    CHECK(cbtest::count(t.db(), "audit_practice") == 3);
    CHECK(auditRows(t.db()) == 3);
    CHECK(checkIntegrity(t.db()).ok());
}
