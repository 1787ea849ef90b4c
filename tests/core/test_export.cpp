#include "TestSupport.h"
#include "concerns/Concern.h"

#include "demo/DemoSeeder.h"
#include "exchange/AtomicFile.h"
#include "exchange/PracticeFileReport.h"
#include "exchange/RecordExchange.h"
#include "exchange/XlsxExport.h"

#include <QDir>
#include <QFile>
#include <QProcess>

using namespace cb;
using namespace cb::exchange;

TEST_CASE("xlsx: a real workbook with a sheet per record type", "[export]") {
    cbtest::TempDb t;
    SeedOptions o;
    o.contractors = 20;
    seedDemo(t.db(), o);
    const ExportResult r = exportXlsx(t.db(), t.file("register.xlsx"));
    CHECK(r.path == t.file("register.xlsx"));
    CHECK(r.records > 20);
    QFile f(r.path);
    REQUIRE(f.open(QIODevice::ReadOnly));
    const QByteArray zip = f.readAll();
    CHECK(zip.startsWith("PK")); // an OOXML zip, not CSV renamed
    // Sheet names, frozen header, currency and date formats are in the package parts (unzip lists them).
    QProcess unzip;
    unzip.start("unzip", {"-p", r.path, "xl/workbook.xml", "xl/styles.xml", "xl/worksheets/sheet2.xml"});
    if (!unzip.waitForFinished(10000) || unzip.exitCode() != 0) {
        WARN("unzip is not available: workbook parts not inspected");
        return;
    }
    const QByteArray xml = unzip.readAllStandardOutput();
    CHECK(xml.contains("name=\"Contractors\""));
    CHECK(xml.contains("name=\"Contracts\""));
    CHECK(xml.contains("dd/mm/yyyy"));
    CHECK(xml.contains("\xC2\xA3#,##0.00"));
    CHECK(xml.contains("state=\"frozen\""));
}

TEST_CASE("exports: a failed write leaves no file and says why", "[export]") {
    cbtest::TempDb t;
    const QString target = t.file("missing-folder/out.xlsx");
    CHECK_THROWS_WITH(exportXlsx(t.db(), target), Catch::Contains("does not exist"));
    CHECK_THROWS_WITH(exportJson(t.db(), t.file("missing-folder/out.json")), Catch::Contains("does not exist"));
    CHECK_THROWS_WITH(exportCsv(t.db(), "contractors", t.dir.path()), Catch::Contains("is a folder"));
    CHECK_FALSE(QFile::exists(target));
    CHECK_FALSE(QDir(t.file("missing-folder")).exists());
    // An existing file is left as it was when the export fails part-way (read-only folder).
    const QString keep = t.file("keep.json");
    exportJson(t.db(), keep);
    QFile::setPermissions(t.dir.path(), QFileDevice::ReadOwner | QFileDevice::ExeOwner);
    const bool writable = QFileInfo(t.dir.path()).isWritable(); // root ignores permissions
    if (!writable) {
        CHECK_THROWS_AS(exportCsv(t.db(), "contractors", t.file("new.csv")), ExportError);
        CHECK_FALSE(QFile::exists(t.file("new.csv")));
    }
    QFile::setPermissions(t.dir.path(), QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner);
    CHECK(QFile::exists(keep));
}

TEST_CASE("practice file report: details, contracts and events as printable HTML", "[export]") {
    cbtest::TempDb t;
    SeedOptions o;
    o.contractors = 80;
    seedDemo(t.db(), o);
    const auto code = t.db().scalar("SELECT c.ods_code FROM contractor c JOIN contract k ON k.contractor_id = c.id "
                                    "JOIN contract_event e ON e.contract_id = k.id LIMIT 1").toString();
    REQUIRE_FALSE(code.isEmpty());
    const PracticeFile file = practiceFile(t.db(), code);
    CHECK(file.title.contains(code));
    CHECK(file.html.contains("<h1>"));
    CHECK(file.html.contains("Contracts"));
    CHECK(file.html.contains("Generated 22/11/2026"));
    CHECK(file.html.contains("Open concerns"));
    CHECK(file.html.contains("Recent visits"));
    // A concern about a named individual is counted but its details are withheld.
    const QString cid = t.db().scalar("SELECT id FROM contractor WHERE ods_code = ?", {code}).toString();
    ConcernService concerns(t.db());
    Concern secret = concerns.draft(cid);
    secret.source = "whistleblowing";
    secret.category = "clinical_care";
    secret.summary = "Dr X: fitness to practise";
    secret.confidential = true;
    concerns.create(secret);
    const QString withSecret = practiceFile(t.db(), code).html;
    CHECK(withSecret.contains("Confidential concern (details withheld)"));
    CHECK_FALSE(withSecret.contains("fitness to practise"));
    CHECK_THROWS_WITH(practiceFile(t.db(), "Z99999"), Catch::Contains("No contractor has the ODS code Z99999"));
    // Names are escaped.
    t.db().save("contractor", Row{{"id", t.db().scalar("SELECT id FROM contractor WHERE ods_code = ?", {code})},
                                  {"name", "A & B <Surgery>"}});
    CHECK(practiceFile(t.db(), code).html.contains("A &amp; B &lt;Surgery&gt;"));
}
