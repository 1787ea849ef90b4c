// The store: opening, refusing, migrating, auditing, backing up and checking a database file.
#include "TestSupport.h"
#include "contractors/Contractor.h"
#include "demo/DemoSeeder.h"
#include "store/IntegrityCheck.h"
#include "store/Migrations.h"

#include <QCryptographicHash>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <SQLiteCpp/SQLiteCpp.h>
#ifdef Q_OS_UNIX
#include <unistd.h>
#endif

using namespace cb;

namespace {

QByteArray sha256(const QString& path) {
    QFile f(path);
    REQUIRE(f.open(QIODevice::ReadOnly));
    return QCryptographicHash::hash(f.readAll(), QCryptographicHash::Sha256).toHex();
}

Contractor practice(const QString& code = "A81001") {
    Contractor c;
    c.odsCode = code;
    c.group = "general_practice";
    c.name = "The Health Centre Surgery";
    c.postcode = "ts18 1hu";
    c.openDate = QDate(1974, 4, 1);
    return c;
}

using cbtest::makeOldDatabase;

OpenError::Kind openKind(const QString& path, Database::Access access = Database::Access::ReadWrite, QString* message = nullptr) {
    try {
        Database db(path, access);
    } catch (const OpenError& e) {
        if (message) *message = e.message();
        return e.kind();
    }
    FAIL("the file was opened but should have been refused");
    return OpenError::Kind::Io;
}

} // namespace

TEST_CASE("a new database is created at the current schema version with Casebook's pragmas", "[store]") {
    cbtest::TempDb t;
    REQUIRE(t.db().fileSchemaVersion() == Database::schemaVersion());
    REQUIRE(t.db().scalar("PRAGMA application_id").toInt() == Database::kApplicationId);
    REQUIRE(t.db().scalar("PRAGMA foreign_keys").toInt() == 1);
    REQUIRE(t.db().scalar("PRAGMA journal_mode").toString() == "wal");
    REQUIRE(t.db().scalar("SELECT count(*) FROM sqlite_schema WHERE name = 'contractor' AND sql LIKE '%STRICT%'").toInt() == 1);
    CHECK(t.db().scalar("PRAGMA page_size").toInt() == 8192); // see kNewFilePageBytes
}

TEST_CASE("a register made with 4 KiB pages keeps them, and migrates, imports and compacts as before", "[store]") {
    QTemporaryDir dir;
    const QString path = dir.filePath("older.db");
    {
        // An earlier Casebook left SQLite's page size as it was: 4 KiB.
        SQLite::Database raw(path.toStdString(), SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
        raw.exec("PRAGMA page_size = 4096");
        raw.exec("PRAGMA journal_mode = WAL");
    }
    makeOldDatabase(path, 1);
    {
        Database db(path);
        REQUIRE(db.fileSchemaVersion() == Database::schemaVersion());
        seedDemo(db, {40, 3, QDate(2026, 11, 22)});
        db.compact();
        CHECK(db.scalar("PRAGMA page_size").toInt() == 4096);
    }
    Database db(path);
    CHECK(db.scalar("PRAGMA page_size").toInt() == 4096);
    CHECK(db.scalar("SELECT count(*) FROM contractor").toInt() == 40);
    ContractorService service(db);
    service.create(practice("Y99001"));
    CHECK(service.findByOdsCode("Y99001").has_value());
    CHECK(checkIntegrity(db).ok());
}

TEST_CASE("every older schema version migrates to the current one and keeps its records", "[store][migrations]") {
    for (const Migration& step : migrations()) {
        if (step.version == Database::schemaVersion()) continue;
        DYNAMIC_SECTION("from version " << step.version) {
            QTemporaryDir dir;
            const QString path = dir.filePath("old.db");
            makeOldDatabase(path, step.version);
            {
                SQLite::Database raw(path.toStdString(), SQLite::OPEN_READWRITE);
                raw.exec("INSERT INTO contractor(id, ods_code, contractor_group, name, status, created_at, updated_at) "
                         "VALUES ('c1', 'A81001', 'general_practice', 'Old Surgery', 'active', 'x', 'x')");
            }
            Database db(path);
            REQUIRE(db.fileSchemaVersion() == Database::schemaVersion());
            ContractorService service(db);
            REQUIRE(service.findByOdsCode("A81001")->name == "Old Surgery");
            ContractorFilter f;
            f.search = "old";
            REQUIRE(service.count(f) == 1); // records written before search existed are indexed
            REQUIRE(checkIntegrity(db).ok());
        }
    }
}

TEST_CASE("opening refuses a file that is not a database, and leaves it untouched", "[store][open]") {
    QTemporaryDir dir;
    const QString path = dir.filePath("notes.db");
    {
        QFile f(path);
        REQUIRE(f.open(QIODevice::WriteOnly));
        f.write("ODS code,Name\nA81001,Surgery\n");
    }
    const QByteArray before = sha256(path);
    QString message;
    REQUIRE(openKind(path, Database::Access::ReadWrite, &message) == OpenError::Kind::NotCasebook);
    REQUIRE(message.contains("is not a Casebook database"));
    REQUIRE(sha256(path) == before);
    REQUIRE_FALSE(QFile::exists(path + "-wal"));
}

TEST_CASE("opening refuses another application's SQLite database", "[store][open]") {
    QTemporaryDir dir;
    const QString path = dir.filePath("other.sqlite");
    {
        SQLite::Database raw(path.toStdString(), SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
        raw.exec("CREATE TABLE things(x)");
    }
    const QByteArray before = sha256(path);
    QString message;
    REQUIRE(openKind(path, Database::Access::ReadWrite, &message) == OpenError::Kind::NotCasebook);
    REQUIRE(message.contains("not a Casebook one"));
    REQUIRE(sha256(path) == before);
}

TEST_CASE("opening refuses a file from a newer Casebook and never touches it", "[store][open]") {
    QTemporaryDir dir;
    const QString path = dir.filePath("newer.db");
    makeOldDatabase(path, Database::schemaVersion());
    {
        SQLite::Database raw(path.toStdString(), SQLite::OPEN_READWRITE);
        raw.exec(QStringLiteral("PRAGMA user_version = %1").arg(Database::schemaVersion() + 1).toStdString());
    }
    const QByteArray before = sha256(path);
    QString message;
    REQUIRE(openKind(path, Database::Access::ReadWrite, &message) == OpenError::Kind::TooNew);
    REQUIRE(message.contains("newer version of Casebook"));
    REQUIRE(message.contains("has not been changed"));
    REQUIRE(sha256(path) == before);
}

TEST_CASE("opening refuses a corrupt file with a clear message", "[store][open]") {
    QTemporaryDir dir;
    const QString path = dir.filePath("damaged.db");
    {
        Database db(path);
        seedDemo(db, {60, 3, QDate(2026, 11, 22)});
    }
    {
        // Overwrite the schema on the first page, keeping the valid 100-byte header. (Damage
        // elsewhere is found by the background check: see test_open_recovery.cpp.)
        QFile f(path);
        REQUIRE(f.open(QIODevice::ReadWrite));
        REQUIRE(f.size() > 64 * 1024);
        f.seek(100);
        f.write(QByteArray(4096 - 100, '\x5a'));
    }
    QString message;
    REQUIRE(openKind(path, Database::Access::ReadWrite, &message) == OpenError::Kind::Corrupt);
    REQUIRE(message.contains("damaged"));
    REQUIRE(message.contains("backup"));
}

TEST_CASE("opening for writing refuses a read-only file and suggests read-only review", "[store][open]") {
#ifdef Q_OS_UNIX
    if (geteuid() == 0) {
        CB_SKIP("running as root, and file permissions do not stop root from writing.");
    }
#endif
    QTemporaryDir dir;
    const QString path = dir.filePath("shared.db");
    { Database db(path); }
    QFile::setPermissions(path, QFile::ReadOwner | QFile::ReadGroup);
    QString message;
    REQUIRE(openKind(path, Database::Access::ReadWrite, &message) == OpenError::Kind::ReadOnly);
    REQUIRE(message.contains("read-only"));
}

TEST_CASE("a read-only database refuses changes and leaves the file's bytes unchanged", "[store][open]") {
    QTemporaryDir dir;
    const QString path = dir.filePath("shared.db");
    {
        Database db(path);
        ContractorService(db).create(practice());
    }
    const QByteArray before = sha256(path);
    {
        Database db(path, Database::Access::ReadOnly);
        REQUIRE(ContractorService(db).findByOdsCode("A81001").has_value());
        REQUIRE_THROWS_AS(ContractorService(db).create(practice("A81002")), DatabaseError);
    }
    REQUIRE(sha256(path) == before);
    REQUIRE_FALSE(QFile::exists(path + "-wal"));
    REQUIRE_FALSE(QFile::exists(path + "-shm"));
}

TEST_CASE("a missing file is created for writing but refused for read-only review", "[store][open]") {
    QTemporaryDir dir;
    REQUIRE(openKind(dir.filePath("nope.db"), Database::Access::ReadOnly) == OpenError::Kind::Missing);
    Database db(dir.filePath("sub/folder/new.db"));
    REQUIRE(QFile::exists(dir.filePath("sub/folder/new.db")));
}

TEST_CASE("every change writes an audit row with who, when, what and the old and new values", "[store][audit]") {
    cbtest::TempDb t;
    ContractorService service(t.db());
    Contractor c = service.create(practice());
    auto row = t.db().queryOne("SELECT * FROM audit ORDER BY seq DESC LIMIT 1");
    REQUIRE(row->value("action").toString() == "insert");
    REQUIRE(row->value("who").toString() == "tester");
    REQUIRE(row->value("entity").toString() == "contractor");
    REQUIRE(row->value("record_id").toString() == c.id);
    REQUIRE(row->value("contractor_id").toString() == c.id);
    REQUIRE(row->value("at").toString() == "2026-11-22T12:00:00Z");

    c.postcode = "TS18 2AA";
    service.update(c);
    row = t.db().queryOne("SELECT * FROM audit ORDER BY seq DESC LIMIT 1");
    REQUIRE(row->value("action").toString() == "update");
    const auto oldValues = QJsonDocument::fromJson(row->value("old_values").toString().toUtf8()).object();
    const auto newValues = QJsonDocument::fromJson(row->value("new_values").toString().toUtf8()).object();
    REQUIRE(oldValues.value("postcode").toString() == "TS18 1HU");
    REQUIRE(newValues.value("postcode").toString() == "TS18 2AA");
    REQUIRE(newValues.size() == 1); // only what changed

    const qint64 audits = cbtest::count(t.db(), "audit");
    service.update(c); // nothing changed: no audit row
    REQUIRE(cbtest::count(t.db(), "audit") == audits);

    service.remove(c.id);
    row = t.db().queryOne("SELECT * FROM audit ORDER BY seq DESC LIMIT 1");
    REQUIRE(row->value("action").toString() == "delete");
    REQUIRE(row->value("old_values").toString().contains("A81001"));
}

TEST_CASE("audit rows are rolled back with the change they describe", "[store][audit]") {
    cbtest::TempDb t;
    const qint64 audits = cbtest::count(t.db(), "audit");
    REQUIRE_THROWS_WITH(t.db().write([&] {
        Contractor c = practice();
        c.postcode = "TS18 1HU";
        c.id = Database::newId();
        t.db().save("contractor", c.toRow());
        throw ValidationError("name", "stop here");
    }),
                        "stop here");
    REQUIRE(cbtest::count(t.db(), "audit") == audits);
    REQUIRE(cbtest::count(t.db(), "contractor") == 0);
}

TEST_CASE("the audit source names an import while it runs", "[store][audit]") {
    cbtest::TempDb t;
    {
        Database::SourceScope scope(t.db(), "import epraccur.csv");
        ContractorService(t.db()).create(practice());
    }
    ContractorService(t.db()).create(practice("A81002"));
    const auto rows = t.db().query("SELECT source FROM audit ORDER BY seq");
    REQUIRE(rows.at(0).value("source").toString() == "import epraccur.csv");
    REQUIRE(rows.at(1).value("source").isNull());
}

TEST_CASE("backup copies the whole database into one file that passes the check", "[store][backup]") {
    cbtest::TempDb t;
    seedDemo(t.db(), {40, 7, QDate(2026, 11, 22)});
    const QString target = t.file("backup.db");
    t.db().backupTo(target);
    REQUIRE_FALSE(QFile::exists(target + ".part"));
    // A single file in rollback-journal mode (header bytes 18 and 19: 1), so it travels alone:
    // opening it makes no -wal beside it until Casebook opens it as its own.
    {
        QFile f(target);
        REQUIRE(f.open(QIODevice::ReadOnly));
        const QByteArray header = f.read(100);
        REQUIRE(header.startsWith("SQLite format 3"));
        CHECK(header.at(18) == 1);
        CHECK(header.at(19) == 1);
    }
    REQUIRE_FALSE(QFile::exists(target + "-wal"));
    Database copy(target);
    REQUIRE(cbtest::count(copy, "contractor") == 40);
    REQUIRE(checkIntegrity(copy).ok());
    REQUIRE_THROWS_WITH(t.db().backupTo(t.path()), Catch::Contains("cannot overwrite the open database"));
    REQUIRE_THROWS_AS(t.db().backupTo(t.file("no/such/folder/x.db")), Error);
}

TEST_CASE("the integrity check finds rows that break Casebook's rules", "[store][check]") {
    cbtest::TempDb t;
    seedDemo(t.db(), {30, 5, QDate(2026, 11, 22)});
    REQUIRE(checkIntegrity(t.db()).ok());
    // Another tool writes a bad postcode and a dangling performer link behind Casebook's back.
    {
        // (Casebook's own connection refuses raw writes to records: the other tool has its own.)
        SQLite::Database raw(t.path().toStdString(), SQLite::OPEN_READWRITE);
        raw.exec("UPDATE contractor SET postcode = 'NOT A POSTCODE' WHERE rowid = 1");
        raw.exec("UPDATE performer_link SET contractor_id = 'gone' WHERE rowid = 1");
    }
    const IntegrityReport report = checkIntegrity(t.db());
    REQUIRE(report.findings.size() == 2);
    QStringList messages;
    for (const auto& f : report.findings) messages << f.table + ": " + f.message;
    REQUIRE(messages.join("\n").contains("contractor: "));
    REQUIRE(messages.join("\n").contains("is not a UK postcode"));
    REQUIRE(messages.join("\n").contains("performer_link: refers to a missing contractor record"));
}

TEST_CASE("a nested write joins the outer transaction", "[store]") {
    cbtest::TempDb t;
    ContractorService service(t.db());
    REQUIRE_THROWS(t.db().write([&] {
        service.create(practice("A81001"));
        service.create(practice("A81002"));
        throw DatabaseError("disk unplugged");
    }));
    REQUIRE(cbtest::count(t.db(), "contractor") == 0);
}

TEST_CASE("seeding is deterministic for a given seed", "[store][seed]") {
    cbtest::TempDb a, b;
    seedDemo(a.db(), {80, 11, QDate(2026, 11, 22)});
    seedDemo(b.db(), {80, 11, QDate(2026, 11, 22)});
    const QString sql = "SELECT group_concat(id || ods_code || name || coalesce(postcode,''), '|') FROM "
                        "(SELECT * FROM contractor ORDER BY id)";
    REQUIRE(a.db().scalar(sql).toString() == b.db().scalar(sql).toString());
    // Records made through the services (concerns, visits, networks...) keep the same ids too.
    for (const char* table : {"concern", "concern_action", "visit", "visit_finding", "tier_history", "lpn_member",
                              "lpn_declaration"}) {
        const QString ids = QStringLiteral("SELECT group_concat(id, '|') FROM (SELECT id FROM %1 ORDER BY rowid)").arg(table);
        INFO(table);
        REQUIRE(a.db().scalar(ids).toString() == b.db().scalar(ids).toString());
        REQUIRE_FALSE(a.db().scalar(ids).toString().isEmpty());
    }
    REQUIRE(Database::newId() != Database::newId()); // outside seeding, ids are random again
    REQUIRE(a.db().scalar("SELECT count(DISTINCT contractor_group) FROM contractor").toInt() == 5);
    REQUIRE(a.db().scalar("SELECT count(DISTINCT route) FROM contract").toInt() >= 10);
    REQUIRE_THROWS_WITH(seedDemo(a.db(), {10, 1, {}}), Catch::Contains("already holds 80 contractors"));
}
