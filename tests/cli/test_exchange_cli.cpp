#include "TestSupport.h"

#include "CliRunner.h"
#include "cli/Cli.h"
#include "demo/DemoSeeder.h"

#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>

namespace {

struct Ran {
    int code;
    QString out, err;
};

Ran cli(const QStringList& args) {
    const cbtest::CliResult r = cbtest::runCliArgs(args);
    return {r.status, r.out, r.err};
}

QString practiceRow(const QString& code, const QString& name) {
    QStringList f;
    for (int i = 1; i <= 27; ++i) f << "\"\"";
    f[0] = '"' + code + '"';
    f[1] = '"' + name + '"';
    f[9] = "\"TS18 1HU\"";
    f[10] = "\"19740401\"";
    f[12] = "\"A\"";
    f[13] = "\"B\"";
    f[14] = "\"00K\"";
    f[25] = "\"4\"";
    return f.join(',');
}

QString writeFile(const cbtest::TempDb& t, const QString& name, const QString& text) {
    QFile f(t.file(name));
    REQUIRE(f.open(QIODevice::WriteOnly));
    f.write(text.toLatin1());
    return t.file(name);
}

} // namespace

TEST_CASE("cli import ods: dry run changes nothing, --format json is machine-readable", "[cli][exchange]") {
    cbtest::TempDb t;
    const QString db = t.path();
    t.database.reset(); // the CLI opens the file itself
    const QString file = writeFile(t, "epraccur.csv", practiceRow("A81001", "ONE") + "\r\n" +
                                                          practiceRow("A81002", "TWO") + "\r\n" +
                                                          practiceRow("BAD", "THREE") + "\r\n");
    // 2 of 3 rows recognisable is below the detection share: the file is refused as a whole.
    const Ran refused = cli({"--db", db, "import", "ods", file, "--dry-run"});
    CHECK(refused.code == cb::cli::Rejected);
    CHECK(refused.err.contains("is not an ODS extract Casebook recognises"));

    const QString good = writeFile(t, "epraccur2.csv", practiceRow("A81001", "ONE") + "\r\n" +
                                                           practiceRow("A81002", "TWO") + "\r\n");
    const Ran dry = cli({"--db", db, "import", "ods", good, "--dry-run", "--format", "json"});
    REQUIRE(dry.code == cb::cli::Done);
    const QJsonObject o = QJsonDocument::fromJson(dry.out.toUtf8()).object();
    CHECK(o.value("dryRun").toBool());
    CHECK(o.value("added").toInt() == 2);
    CHECK(o.value("files").toArray().at(0).toObject().value("kind").toString() == "epraccur");
    {
        cb::Database check(db);
        CHECK(cbtest::count(check, "contractor") == 0);
    }
    const Ran real = cli({"--db", db, "import", "ods", good});
    CHECK(real.code == cb::cli::Done);
    CHECK(real.out.contains("Imported: new 2, updated 0, unchanged 0, skipped 0, rejected 0."));
    const Ran again = cli({"--db", db, "import", "ods", good});
    CHECK(again.out.contains("Imported: new 0, updated 0, unchanged 2"));
    CHECK(cli({"--db", db, "import", "widgets", good}).code == cb::cli::Usage);
    CHECK(cli({"--db", db, "import", "csv", "contractors"}).code == cb::cli::Usage);
}

TEST_CASE("cli export: csv, xlsx and json write files, json imports back", "[cli][exchange]") {
    cbtest::TempDb t;
    cb::SeedOptions s;
    s.contractors = 15;
    cb::seedDemo(t.db(), s);
    const QString db = t.path();
    t.database.reset();
    const Ran csv = cli({"--db", db, "export", "csv", "contractors", t.file("c.csv")});
    CHECK(csv.code == cb::cli::Done);
    CHECK(csv.out.startsWith("Wrote 15 records to"));
    CHECK(QFile::exists(t.file("c.csv")));
    CHECK(cli({"--db", db, "export", "xlsx", t.file("r.xlsx")}).code == cb::cli::Done);
    CHECK(cli({"--db", db, "export", "json", t.file("r.json")}).code == cb::cli::Done);
    const Ran bad = cli({"--db", db, "export", "csv", "widgets", t.file("w.csv")});
    CHECK(bad.code == cb::cli::Rejected);
    CHECK(bad.err.contains("no record type \"widgets\""));
    const Ran noFolder = cli({"--db", db, "export", "json", t.file("nowhere/r.json")});
    CHECK(noFolder.code == cb::cli::Rejected);
    CHECK_FALSE(QFile::exists(t.file("nowhere/r.json")));

    const QString empty = t.file("empty.db");
    REQUIRE(cli({"--db", empty, "init"}).code == cb::cli::Done); // only init and seed create a database
    const Ran imported = cli({"--db", empty, "import", "json", t.file("r.json")});
    CHECK(imported.code == cb::cli::Done);
    CHECK(imported.out.contains("rejected 0."));
    CHECK(cli({"--db", empty, "export", "json", t.file("r2.json")}).code == cb::cli::Done);
    QFile a(t.file("r.json")), b(t.file("r2.json"));
    REQUIRE(a.open(QIODevice::ReadOnly));
    REQUIRE(b.open(QIODevice::ReadOnly));
    CHECK(a.readAll() == b.readAll());
}

TEST_CASE("cli export pdf: an A4 practice file from the casebook-cli executable", "[cli][exchange]") {
#ifndef CASEBOOK_HAS_PDF
    CB_SKIP("casebook-cli was built without the GUI libraries, so it has no PDF export.");
#endif
    cbtest::TempDb t;
    cb::SeedOptions s;
    s.contractors = 10;
    cb::seedDemo(t.db(), s);
    const QString code = t.db().scalar("SELECT ods_code FROM contractor ORDER BY ods_code LIMIT 1").toString();
    const QString db = t.path();
    t.database.reset();
    QProcess p;
    p.start(CASEBOOK_CLI_EXE, {"--db", db, "export", "pdf", code, t.file("file.pdf")});
    REQUIRE(p.waitForFinished(60000));
    INFO(p.readAllStandardError().toStdString());
    CHECK(p.exitCode() == 0);
    QFile f(t.file("file.pdf"));
    REQUIRE(f.open(QIODevice::ReadOnly));
    CHECK(f.read(5) == "%PDF-");
    QProcess missing;
    missing.start(CASEBOOK_CLI_EXE, {"--db", db, "export", "pdf", "Z99999", t.file("none.pdf")});
    REQUIRE(missing.waitForFinished(60000));
    CHECK(missing.exitCode() == cb::cli::Rejected);
    CHECK(missing.readAllStandardError().contains("No contractor has the ODS code Z99999"));
    CHECK_FALSE(QFile::exists(t.file("none.pdf")));
}
