// casebook-cli end to end: the real executable, a temporary database, exit statuses and output.
#include "TestSupport.h"

#include <QCryptographicHash>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <SQLiteCpp/SQLiteCpp.h>

namespace {

struct Result {
    int status = -1;
    QString out, err;
};

Result cli(const QStringList& args) {
    QProcess p;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert("XDG_DATA_HOME", QDir::tempPath() + "/casebook-cli-test-data"); // never the user's database
    p.setProcessEnvironment(env);
    p.start(QStringLiteral(CASEBOOK_CLI_EXE), args);
    REQUIRE(p.waitForFinished(120000));
    return {p.exitCode(), QString::fromUtf8(p.readAllStandardOutput()), QString::fromUtf8(p.readAllStandardError())};
}

QByteArray sha256(const QString& path) {
    QFile f(path);
    REQUIRE(f.open(QIODevice::ReadOnly));
    return QCryptographicHash::hash(f.readAll(), QCryptographicHash::Sha256).toHex();
}

} // namespace

TEST_CASE("init, seed, check, stats, list and backup work end to end", "[cli]") {
    QTemporaryDir dir;
    const QString db = dir.filePath("area.db");

    Result r = cli({"--db", db, "init"});
    REQUIRE(r.status == 0);
    REQUIRE(r.out.contains("Created"));

    r = cli({"--db", db, "seed", "--contractors", "120", "--seed", "4"});
    REQUIRE(r.status == 0);
    REQUIRE(r.out.contains("contractor"));

    r = cli({"--db", db, "check"});
    INFO(r.err.toStdString());
    REQUIRE(r.status == 0);
    REQUIRE(r.out.startsWith("OK:"));

    r = cli({"--db", db, "stats", "--format", "json"});
    REQUIRE(r.status == 0);
    const QJsonObject stats = QJsonDocument::fromJson(r.out.toUtf8()).object();
    REQUIRE(stats.value("records").toObject().value("contractor").toInt() == 120);
    REQUIRE(stats.value("schemaVersion").toInt() == cb::Database::schemaVersion());

    r = cli({"--db", db, "stats"});
    REQUIRE(r.status == 0);
    REQUIRE(r.out.contains("Contractors by group:"));

    r = cli({"--db", db, "list", "contractors", "--group", "dental", "--format", "json"});
    REQUIRE(r.status == 0);
    const QJsonArray dental = QJsonDocument::fromJson(r.out.toUtf8()).array();
    REQUIRE(dental.size() > 0);
    for (const auto& v : dental) REQUIRE(v.toObject().value("group").toString() == "dental");

    r = cli({"--db", db, "list", "contractors", "--group", "Dental"}); // label works too
    REQUIRE(r.status == 0);
    REQUIRE(r.out.split('\n', Qt::SkipEmptyParts).size() == dental.size() + 1); // + header

    const QString firstCode = dental.first().toObject().value("odsCode").toString();
    r = cli({"--db", db, "list", "contractors", "--search", firstCode});
    REQUIRE(r.status == 0);
    REQUIRE(r.out.contains(firstCode));

    const QString copy = dir.filePath("copy.db");
    r = cli({"--db", db, "backup", copy});
    REQUIRE(r.status == 0);
    r = cli({"--db", db, "compact"});
    REQUIRE(r.status == 0);
    REQUIRE(r.out.contains("Compacted"));
    REQUIRE(r.out.contains("MiB now"));
    r = cli({"--db", copy, "check"});
    REQUIRE(r.status == 0);

    // The seeded file passes SQLite's own checks as the sqlite3 shell would run them.
    SQLite::Database raw(db.toStdString(), SQLite::OPEN_READONLY);
    REQUIRE(std::string(raw.execAndGet("PRAGMA integrity_check").getText()) == "ok");
    SQLite::Statement fk(raw, "PRAGMA foreign_key_check");
    REQUIRE_FALSE(fk.executeStep());
}

TEST_CASE("usage errors exit 2 and say what was wrong", "[cli]") {
    QTemporaryDir dir;
    const QString db = dir.filePath("a.db");
    Result r = cli({});
    REQUIRE(r.status == 2);
    REQUIRE(r.err.contains("Usage:"));
    // Joining a team names the new database itself: shown as it is typed, with no second --db.
    REQUIRE(r.err.contains("  casebook-cli --db NEW_FILE team join FOLDER"));
    REQUIRE_FALSE(r.err.contains("[--db FILE] --db"));
    REQUIRE(r.err.contains("  casebook-cli [--db FILE] team members"));
    r = cli({"--db", db, "frobnicate"});
    REQUIRE(r.status == 2);
    REQUIRE(r.err.contains("Unknown command \"frobnicate\""));
    r = cli({"--db", db, "seed", "--contractors", "lots"});
    REQUIRE(r.status == 2);
    REQUIRE(r.err.contains("--contractors must be a whole number"));
    r = cli({"--db", db, "stats", "--format", "xml"});
    REQUIRE(r.status == 2);
    REQUIRE(r.err.contains("--format must be one of: text, json"));
    r = cli({"--db", db, "list", "contractors", "--group", "vets"});
    REQUIRE(r.status == 2);
    REQUIRE(r.err.contains("--group must be one of"));
    r = cli({"--db", db, "list", "contractors", "--colour", "red"});
    REQUIRE(r.status == 2);
    REQUIRE(r.err.contains("Unknown option --colour"));
    r = cli({"--help"});
    REQUIRE(r.status == 0);
    REQUIRE(r.out.contains("casebook-cli [--db FILE] seed"));
}

TEST_CASE("rejected input exits 1 and changes nothing", "[cli]") {
    QTemporaryDir dir;
    const QString db = dir.filePath("a.db");
    REQUIRE(cli({"--db", db, "seed", "--contractors", "20"}).status == 0);
    REQUIRE(cli({"--db", db, "check"}).status == 0); // checkpoint so the file holds everything
    const QByteArray before = sha256(db);
    const Result r = cli({"--db", db, "seed", "--contractors", "20"});
    REQUIRE(r.status == 1);
    REQUIRE(r.err.contains("already holds 20 contractors"));
    REQUIRE(sha256(db) == before);
}

TEST_CASE("database errors exit 3 with a clear message", "[cli]") {
    QTemporaryDir dir;
    const QString notDb = dir.filePath("notes.txt");
    {
        QFile f(notDb);
        REQUIRE(f.open(QIODevice::WriteOnly));
        f.write("hello");
    }
    Result r = cli({"--db", notDb, "stats"});
    REQUIRE(r.status == 3);
    REQUIRE(r.err.contains("is not a Casebook database"));
    REQUIRE(sha256(notDb) == QCryptographicHash::hash("hello", QCryptographicHash::Sha256).toHex());

    // A backup to a folder that does not exist is refused input, as an export there is (exit 1).
    const QString db = dir.filePath("a.db");
    REQUIRE(cli({"--db", db, "init"}).status == 0);
    r = cli({"--db", db, "backup", dir.filePath("missing/folder/b.db")});
    REQUIRE(r.status == 1);
    REQUIRE(r.err.contains("backup"));
    REQUIRE(r.err.contains("the folder does not exist"));
    REQUIRE(cli({"--db", db, "export", "json", dir.filePath("missing/folder/b.json")}).status == 1);
}

TEST_CASE("check reports rows that break the rules and exits 1", "[cli]") {
    QTemporaryDir dir;
    const QString db = dir.filePath("a.db");
    REQUIRE(cli({"--db", db, "seed", "--contractors", "10"}).status == 0);
    {
        SQLite::Database raw(db.toStdString(), SQLite::OPEN_READWRITE);
        raw.exec("UPDATE contractor SET email = 'not-an-email' WHERE rowid = 2");
    }
    const Result r = cli({"--db", db, "check"});
    REQUIRE(r.status == 1);
    REQUIRE(r.err.contains("1 problem(s) found"));
    REQUIRE(r.err.contains("is not an email address"));
}
