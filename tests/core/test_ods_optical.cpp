// Optical ODS extracts: eopthq (optical head offices) and eoptsite (optical sites), issue 13.
#include "ImportFixtures.h"

#include "exchange/Import.h"
#include "exchange/OdsImport.h"
#include "store/IntegrityCheck.h"

using namespace cb;
using namespace cb::exchange;

// The fixtures tests/data/ods/eopthq.csv and eoptsite.csv are written to the published layouts
// (datagovuk/health-schemas eopthq.json and eoptsite.json, placed in the 27 ODS fields of PRIMER
// section 6: 1 code, 2 name, 3 national grouping, 5-9 address, 10 postcode, 11/12 open/close, 15 the
// parent (optical head office), 16 join-parent date, 18 telephone, 22 amended flag, 24 the current care
// organisation, i.e. the commissioner). tests/data/ods/README.md says what each line is; the expected
// counts below are counted from that list, line by line, not from the importer:
//   eopthq, 22 lines: rejected 3 (8 no name, 10 repeats line 1, 11 has 2 fields); added 19; notes 3
//     (6 postcode, 7 close date before the open date, 9 open date not YYYYMMDD); line 2 closed (close
//     date passed), line 3 active (closes in 2099), line 4 a P + 3 code taken as an optical head office.
//   eoptsite, 24 lines, default area (England): skipped 1 (4, national grouping W00); rejected 3 (10
//     repeats line 1, 11 no name, 12 has 3 fields); added 20; notes 2 (6 telephone, 7 postcode);
//     line 3 closed; line 5 has no head office; line 8 has commissioner Q72, the others Q74.
namespace {

QString fixture(const QString& name) { return cbtest::testDataDir() + QStringLiteral("/ods/") + name; }

QByteArray readFixture(const QString& name) {
    QFile f(fixture(name));
    REQUIRE(f.open(QIODevice::ReadOnly));
    return f.readAll();
}

QString notes(Database& db, const QString& field, int line) {
    return db.scalar("SELECT group_concat(value) FROM data_quality_note WHERE field = ? AND line = ?", {field, line})
        .toString();
}

} // namespace

TEST_CASE("ods optical: each extract is detected from its content and the existing kinds keep theirs", "[ods][optical]") {
    cbtest::TempDb t;
    // Given under names that say nothing: the content decides.
    const QString hq = cbtest::writeImportFile(t, "heads.csv", readFixture("eopthq.csv"));
    const QString sites = cbtest::writeImportFile(t, "sites.csv", readFixture("eoptsite.csv"));
    const auto r = ImportJob::ods({sites, hq}).preview(t.db());
    REQUIRE(r.files.size() == 2);
    CHECK(r.files[0].kind == "eopthq"); // head offices first, whatever order they are given in
    CHECK(r.files[0].description == "optical head offices (eopthq)");
    CHECK(r.files[1].kind == "eoptsite");
    CHECK(r.files[1].description == "optical sites (eoptsite)");

    auto fields = [](const QMap<int, QString>& v) {
        QStringList f;
        for (int i = 1; i <= kOdsFieldCount; ++i) f << v.value(i);
        return f;
    };
    // One row on its own: the optical shapes, and the rows of the other kinds as before.
    CHECK(classifyOdsRow(fields({{1, "TA001"}, {15, "T0A1"}, {24, "Q74"}})) == OdsKind::OpticalSites);
    CHECK(classifyOdsRow(fields({{1, "T0A1"}, {2, "HIGHSTREET OPTICIANS LTD"}})) == OdsKind::OpticalHeadOffices);
    CHECK(classifyOdsRow(fields({{1, "TB9"}})) == OdsKind::OpticalHeadOffices);
    CHECK(classifyOdsRow(fields({{1, "P001"}})) == OdsKind::PharmacyHeadOffices);
    CHECK(classifyOdsRow(fields({{1, "P2X2Z"}})) == OdsKind::PharmacyHeadOffices);
    CHECK(classifyOdsRow(fields({{1, "FEQ63"}, {14, "1"}, {15, "P2X2"}, {24, "QJ2"}})) == OdsKind::Dispensaries);
    CHECK(classifyOdsRow(fields({{1, "A81001"}, {14, "B"}, {15, "00K"}})) == OdsKind::Practices);
    CHECK(classifyOdsRow(fields({{1, "A81001001"}, {15, "A81001"}})) == OdsKind::Branches);
    CHECK(classifyOdsRow(fields({{1, "V00003"}, {14, "D"}, {15, "5P6"}})) == OdsKind::Dental);
}

TEST_CASE("ods optical: a file named like another kind is refused and nothing changes", "[ods][optical]") {
    cbtest::TempDb t;
    const QString hqAsSites = cbtest::writeImportFile(t, "eoptsite.csv", readFixture("eopthq.csv"));
    CHECK_THROWS_WITH(ImportJob::ods({hqAsSites}),
                      Catch::Contains("is named like optical sites (eoptsite), but it holds optical head offices (eopthq)"));
    const QString sitesAsPractices = cbtest::writeImportFile(t, "epraccur.csv", readFixture("eoptsite.csv"));
    CHECK_THROWS_WITH(ImportJob::ods({sitesAsPractices}),
                      Catch::Contains("is named like GP practices (epraccur), but it holds optical sites (eoptsite)"));
    CHECK(cbtest::count(t.db(), "organisation") == 0);
    CHECK(cbtest::count(t.db(), "contractor") == 0);
    CHECK(cbtest::count(t.db(), "audit") == 0);
}

TEST_CASE("ods optical: head offices become organisations, sites eye health contractors under them", "[ods][optical]") {
    cbtest::TempDb t;
    auto job = ImportJob::ods({fixture("eoptsite.csv"), fixture("eopthq.csv")});
    const ImportSummary preview = job.preview(t.db());
    CHECK(cbtest::count(t.db(), "organisation") == 0); // a preview changes nothing
    CHECK(cbtest::count(t.db(), "contractor") == 0);
    CHECK(cbtest::count(t.db(), "data_quality_note") == 0);

    const ImportSummary r = job.commit(t.db());
    INFO(r.toText().toStdString());
    REQUIRE(r.files.size() == 2);
    const FileResult& hq = r.files[0];
    const FileResult& sites = r.files[1];
    CHECK(hq.rows == 22);
    CHECK(hq.added == 19);
    CHECK(hq.skipped == 0);
    CHECK(hq.rejected() == 3);
    CHECK(sites.rows == 24);
    CHECK(sites.added == 20);
    CHECK(sites.skipped == 1);
    CHECK(sites.skippedReasons.value("in Wales (national grouping W00, ODS field 3): outside the area (England)") == 1);
    CHECK(sites.rejected() == 3);
    CHECK(preview.added() == r.added()); // the preview said what the import did

    // Head offices: kind, status from the close date, a P + 3 code, a 3-character one.
    Database& db = t.db();
    CHECK(db.scalar("SELECT count(*) FROM organisation WHERE kind = 'optical_head_office'").toInt() == 19);
    CHECK(db.scalar("SELECT status FROM organisation WHERE ods_code = 'T0A2'").toString() == "closed");
    CHECK(db.scalar("SELECT status FROM organisation WHERE ods_code = 'T0A3'").toString() == "active");
    CHECK(db.scalar("SELECT name FROM organisation WHERE ods_code = 'P7Q1'").toString() == "PEAK OPTOMETRY LTD");
    CHECK(db.scalar("SELECT address4 FROM organisation WHERE ods_code = 'TB9'").toString() == "BARNSLEY");

    // Sites: group eye health, the head office as parent (field 15), the commissioner from field 24.
    ContractorService contractors(db);
    const auto site = contractors.findByOdsCode("TA001");
    REQUIRE(site);
    CHECK(site->group == "eye_health");
    CHECK(site->name == "HIGHSTREET OPTICIANS BARNSLEY");
    CHECK(site->parentCode == "T0A1");
    CHECK(site->commissionerCode == "Q74");
    CHECK(site->status == "active");
    CHECK(site->openDate == QDate(2010, 4, 1));
    CHECK(contractors.findByOdsCode("TA003")->status == "closed");
    CHECK(contractors.findByOdsCode("TA003")->closeDate == QDate(2018, 3, 31));
    CHECK(contractors.findByOdsCode("TA005")->parentCode.isEmpty());
    CHECK(contractors.findByOdsCode("TA009")->parentCode == "P7Q1");
    CHECK_FALSE(contractors.findByOdsCode("TA004")); // in Wales: outside the default area
    CHECK(db.scalar("SELECT o.name FROM contractor c JOIN organisation o ON o.ods_code = c.parent_code "
                    "WHERE c.ods_code = 'TA006'").toString() == "SPECS DIRECT LTD");
    // Every change audited with the file's name: the 20 sites and their 2 data-quality notes.
    CHECK(db.scalar("SELECT count(*) FROM audit WHERE source = 'import eoptsite.csv'").toInt() == 20 + 2);
    CHECK(checkIntegrity(db).ok());
}

TEST_CASE("ods optical: oddities are stored as notes, unstorable rows rejected with their line", "[ods][optical]") {
    cbtest::TempDb t;
    const auto r = ImportJob::ods({fixture("eopthq.csv"), fixture("eoptsite.csv")}).commit(t.db());
    Database& db = t.db();
    QMap<int, QString> hqWhy, siteWhy;
    for (const auto& j : r.files[0].rejections) hqWhy.insert(j.line, j.reason);
    for (const auto& j : r.files[1].rejections) siteWhy.insert(j.line, j.reason);
    CHECK(hqWhy.keys() == QList<int>{8, 10, 11});
    CHECK(hqWhy[8].contains("The head office has no name."));
    CHECK(hqWhy[10].contains("appears twice in the file (first on line 1)"));
    CHECK(hqWhy[11] == "The row has 2 fields; an ODS extract row has 27.");
    CHECK(siteWhy.keys() == QList<int>{10, 11, 12});
    CHECK(siteWhy[10].contains("appears twice in the file (first on line 1)"));
    CHECK(siteWhy[12] == "The row has 3 fields; an ODS extract row has 27.");
    CHECK_FALSE(ContractorService(db).findByOdsCode("TA011"));
    CHECK(db.scalar("SELECT count(*) FROM organisation WHERE ods_code = 'T0A8'").toInt() == 0);

    // Head offices: stored without the odd value, the value kept in the note.
    CHECK(notes(db, "postcode", 6) == "NOT A PC");
    CHECK(db.scalar("SELECT postcode FROM organisation WHERE ods_code = 'T0A6'").isNull());
    CHECK(notes(db, "closeDate", 7) == "20100101");
    CHECK(db.scalar("SELECT close_date FROM organisation WHERE ods_code = 'T0A7'").isNull());
    CHECK(notes(db, "openDate", 9) == "2009-10-06");
    CHECK(db.scalar("SELECT count(*) FROM data_quality_note WHERE record_table = 'organisation' AND file = 'eopthq.csv'")
              .toInt() == 3);
    // Sites: the same policy as every other contractor.
    CHECK(notes(db, "telephone", 6) == "080012345678");
    CHECK(ContractorService(db).findByOdsCode("TA006")->telephone.isEmpty());
    CHECK(notes(db, "postcode", 7) == "ZZ");
    CHECK(db.scalar("SELECT count(*) FROM data_quality_note WHERE record_table = 'contractor' AND file = 'eoptsite.csv'")
              .toInt() == 2);
}

TEST_CASE("ods optical: importing the same files again changes nothing", "[ods][optical]") {
    cbtest::TempDb t;
    ImportJob::ods({fixture("eopthq.csv"), fixture("eoptsite.csv")}).commit(t.db());
    const qint64 audits = cbtest::count(t.db(), "audit");
    const qint64 notesBefore = cbtest::count(t.db(), "data_quality_note");
    const auto again = ImportJob::ods({fixture("eoptsite.csv"), fixture("eopthq.csv")}).commit(t.db());
    CHECK(again.added() + again.updated() == 0);
    CHECK(again.unchanged() == 19 + 20);
    CHECK(cbtest::count(t.db(), "audit") == audits);
    CHECK(cbtest::count(t.db(), "data_quality_note") == notesBefore);
}

TEST_CASE("ods optical: the area filter keeps sites to their commissioners, head offices are national",
          "[ods][optical][area]") {
    cbtest::TempDb t;
    AreaFilter a;
    a.commissioners = {"Q74"};
    saveAreaFilter(t.db(), a);
    const auto r = ImportJob::ods({fixture("eopthq.csv"), fixture("eoptsite.csv")}).preview(t.db());
    CHECK(r.files[0].added == 19); // head offices are never filtered
    CHECK(r.files[0].skipped == 0);
    const FileResult& sites = r.files[1];
    CHECK(sites.added == 19);
    CHECK(sites.skippedReasons.value("another commissioner (ODS field 24): outside the area (Q74)") == 1);
    CHECK(sites.skippedReasons.value("in Wales (national grouping W00, ODS field 3): outside the area (England)") == 1);

    a = AreaFilter{};
    a.country = "";
    a.commissioners = {"7A1"};
    saveAreaFilter(t.db(), a);
    const auto wales = ImportJob::ods({fixture("eoptsite.csv")}).commit(t.db());
    CHECK(wales.added() == 1);
    CHECK(ContractorService(t.db()).findByOdsCode("TA004")->commissionerCode == "7A1");
}

TEST_CASE("ods optical: a code already registered as another kind is rejected, not converted", "[ods][optical]") {
    cbtest::TempDb t;
    // A pharmacy head office P7Q1 is in the register; the optical file has a head office with that code.
    const QString pharmacyHq = cbtest::writeImportFile(
        t, "hq.csv", "\"P7Q1\",\"PEAK CHEMISTS\",\"\",\"\",\"\",\"\",\"\",\"\",\"\",\"\",\"20040401\",\"\",\"\",\"\",\"\",\"\","
                     "\"\",\"\",\"\",\"\",\"\",\"0\",\"\",\"\",\"\",\"\",\"\"\r\n");
    ImportJob::ods({pharmacyHq}).commit(t.db());
    const auto r = ImportJob::ods({fixture("eopthq.csv")}).commit(t.db());
    QMap<int, QString> why;
    for (const auto& j : r.files[0].rejections) why.insert(j.line, j.reason);
    CHECK(why[4].contains("P7Q1 is already in the register as a pharmacy head office, not as an optical head office"));
    CHECK(t.db().scalar("SELECT kind FROM organisation WHERE ods_code = 'P7Q1'").toString() == "pharmacy_head_office");
    CHECK(t.db().scalar("SELECT name FROM organisation WHERE ods_code = 'P7Q1'").toString() == "PEAK CHEMISTS");
}
