#include "LpnFixture.h"

#include "cli/Cli.h"
#include "store/Settings.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

using namespace cb;

namespace {

struct Result {
    int code;
    QString out, err;
};

Result runCli(const QStringList& args) {
    QString out, err;
    QTextStream o(&out), e(&err);
    const int code = cli::run(args, o, e);
    o.flush();
    e.flush();
    return {code, out, err};
}

// A network whose core team has no patient representative, and one member in no group.
QString makeDatabase(QTemporaryDir& dir) {
    const QString path = dir.filePath("lpn.db");
    cbtest::LpnFixture f;
    const QDate start = f.today.addYears(-1);
    f.seat(f.member("Daniel", "Khan"), f.core, "chair", start);
    f.seat(f.member("Ngozi", "Robinson"), f.core, "core_clinician", start);
    f.member("Lonnie", "Loner");
    f.t.db().backupTo(path);
    return path;
}

} // namespace

TEST_CASE("report roster-review lists findings as text, csv and json", "[lpn][cli]") {
    QTemporaryDir dir;
    const QString db = makeDatabase(dir);
    auto r = runCli({"--db", db, "report", "roster-review", "--network", "test dental network"});
    REQUIRE(r.code == cli::Done);
    CHECK(r.out.startsWith("Roster review: Test Dental Network (2 findings)\n"));
    CHECK(r.out.contains("[medium] Vacancy: Core team has no patient representative."));
    CHECK(r.out.contains("[low] In no group: Lonnie Loner is listed as an active member"));

    r = runCli({"--db", db, "report", "roster-review", "--network", "Test Dental Network", "--format", "csv"});
    REQUIRE(r.code == cli::Done);
    const QStringList lines = r.out.split("\r\n", Qt::SkipEmptyParts);
    REQUIRE(lines.size() == 3);
    CHECK(lines[0] == "kind,severity,member,message,member_id,group_id,date");
    CHECK(lines[2].startsWith("no_group,low,Lonnie Loner,"));

    r = runCli({"--db", db, "report", "roster-review", "--network", "Test Dental Network", "--format", "json"});
    REQUIRE(r.code == cli::Done);
    const QJsonObject o = QJsonDocument::fromJson(r.out.toUtf8()).object();
    CHECK(o.value("network").toString() == "Test Dental Network");
    const QJsonArray findings = o.value("findings").toArray();
    REQUIRE(findings.size() == 2);
    CHECK(findings[1].toObject().value("kind").toString() == "no_group");
    CHECK(findings[1].toObject().value("member").toString() == "Lonnie Loner");
    CHECK(!findings[1].toObject().value("memberId").toString().isEmpty());
}

TEST_CASE("report roster-review refuses unknown networks and bad options", "[lpn][cli]") {
    QTemporaryDir dir;
    const QString db = makeDatabase(dir);
    auto r = runCli({"--db", db, "report", "roster-review", "--network", "Nowhere"});
    CHECK(r.code == cli::Rejected);
    CHECK(r.err.contains("There is no network called \"Nowhere\". The networks are: \"Test Dental Network\"."));
    r = runCli({"--db", db, "report", "roster-review"});
    CHECK(r.code == cli::Usage);
    CHECK(r.err.contains("--network NAME is required."));
    r = runCli({"--db", db, "report", "roster-review", "--network", "Test Dental Network", "--format", "xml"});
    CHECK(r.code == cli::Usage);
    r = runCli({"--db", db, "report", "nonsense", "--network", "Test Dental Network"});
    CHECK(r.code == cli::Usage);
    CHECK(r.err.contains("There is no \"nonsense\" report."));
}

TEST_CASE("export roster writes CSV or xlsx by extension, declarations only when asked", "[lpn][cli]") {
    QTemporaryDir dir;
    const QString db = makeDatabase(dir);
    const QString csv = dir.filePath("roster.csv");
    auto r = runCli({"--db", db, "export", "roster", "--network", "Test Dental Network", csv});
    REQUIRE(r.code == cli::Done);
    CHECK(r.out.startsWith("Exported 3 roster rows of Test Dental Network to "));
    QFile f(csv);
    REQUIRE(f.open(QIODevice::ReadOnly));
    const QString text = QString::fromUtf8(f.readAll());
    CHECK(text.contains("Daniel Khan"));
    CHECK(!text.contains("CONFIDENTIAL"));

    r = runCli({"--db", db, "export", "roster", "--network", "Test Dental Network", dir.filePath("roster.xlsx"),
             "--include-declarations"});
    REQUIRE(r.code == cli::Done);
    CHECK(r.out.contains("The file is CONFIDENTIAL"));
    CHECK(QFile::exists(dir.filePath("roster-CONFIDENTIAL.xlsx")));
    CHECK(!QFile::exists(dir.filePath("roster.xlsx")));

    r = runCli({"--db", db, "export", "roster", "--network", "Test Dental Network", dir.filePath("roster.txt")});
    CHECK(r.code == cli::Usage);
    CHECK(r.err.contains("The roster file must end in .csv or .xlsx"));
    CHECK(!QFile::exists(dir.filePath("roster.txt")));
    r = runCli({"--db", db, "export", "roster", "--network", "Test Dental Network", dir.filePath("missing/roster.csv")});
    CHECK(r.code == cli::Rejected);
    CHECK(r.err.contains("No file was written."));
}

TEST_CASE("report roster-review uses the database's term-ending setting unless --within-days is given", "[lpn][cli]") {
    QTemporaryDir dir;
    const QString path = dir.filePath("window.db");
    {
        cbtest::LpnFixture f;
        f.healthyCoreTeam();
        f.seat(f.member("Tara", "Later"), f.core, "member", f.today.addYears(-2), f.today.addDays(120));
        f.t.db().backupTo(path);
    }
    auto r = runCli({"--db", path, "report", "roster-review", "--network", "Test Dental Network"});
    REQUIRE(r.code == cli::Done);
    CHECK_FALSE(r.out.contains("Tara Later"));
    {
        Database db(path);
        Settings(db).set(kTermEndingDaysSetting, 150);
    }
    r = runCli({"--db", path, "report", "roster-review", "--network", "Test Dental Network"});
    REQUIRE(r.code == cli::Done);
    CHECK(r.out.contains("Term ending: Tara Later"));
    r = runCli({"--db", path, "report", "roster-review", "--network", "Test Dental Network", "--within-days", "90"});
    REQUIRE(r.code == cli::Done);
    CHECK_FALSE(r.out.contains("Tara Later"));
}
