// Opening never cries wolf: a healthy file is never called damaged, whatever state a crash, a full
// disk or a busy writer left it in; only the cheap checks run at open, the full one later.
#include "DamagedDatabase.h"
#include "TestSupport.h"
#include "contractors/Contractor.h"
#include "demo/DemoSeeder.h"
#include "store/IntegrityCheck.h"

#include <QFile>
#include <QFileInfo>
#include <SQLiteCpp/SQLiteCpp.h>
#include <atomic>
#include <sqlite3.h>
#include <thread>

using namespace cb;

namespace {

Contractor gp(const QString& code) {
    Contractor c;
    c.odsCode = code;
    c.group = "general_practice";
    c.name = "Northgate Surgery " + code;
    c.postcode = "ts18 1hu";
    return c;
}

// Leaves committed changes in the WAL and none of them in the main file, as a Casebook that crashed
// (or ran out of disk) before its checkpoint would.
void commitIntoWalOnly(const QString& path, const QStringList& codes) {
    Database db(path);
    db.execScript("PRAGMA wal_autocheckpoint = 0");
    for (const QString& code : codes) ContractorService(db).create(gp(code));
    sqlite3_db_config(db.sqlite().getHandle(), SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, 1, nullptr);
}

} // namespace

TEST_CASE("the header fields are read straight from the file's bytes", "[store][open]") {
    cbtest::TempDb t;
    t.database.reset();
    const Database::FileHeader h = Database::readFileHeader(t.path());
    CHECK(h.kind == Database::FileHeader::Kind::Sqlite);
    CHECK(h.applicationId == Database::kApplicationId);
    CHECK(h.userVersion == Database::schemaVersion());
    CHECK(h.walMode);
    CHECK(Database::readFileHeader(t.file("absent.db")).kind == Database::FileHeader::Kind::Missing);
    QFile empty(t.file("empty.db"));
    REQUIRE(empty.open(QIODevice::WriteOnly));
    empty.close();
    CHECK(Database::readFileHeader(t.file("empty.db")).kind == Database::FileHeader::Kind::Empty);
}

TEST_CASE("committed changes waiting in the WAL open without alarm and are all there", "[store][open]") {
    cbtest::TempDb t;
    t.database.reset();
    commitIntoWalOnly(t.path(), {"A81001", "A81002", "A81003"});
    REQUIRE(QFileInfo(t.path() + "-wal").size() > 0);
    Database db(t.path());
    CHECK(cbtest::count(db, "contractor") == 3);
    CHECK(quickCheck(db).ok());
}

TEST_CASE("a brand-new file whose whole schema is still in the WAL opens as a Casebook database", "[store][open]") {
    QTemporaryDir dir;
    const QString path = dir.filePath("new.db");
    Database first(path); // migrated, the schema committed to the WAL and not yet checkpointed
    ContractorService(first).create(gp("A81001"));
    Database second(path);
    CHECK(ContractorService(second).findByOdsCode("A81001").has_value());
}

TEST_CASE("a read-only copy with a committed WAL beside it is read with that WAL, never stale", "[store][open]") {
    cbtest::TempDb t;
    t.database.reset();
    commitIntoWalOnly(t.path(), {"A81001", "A81002"});
    Database ro(t.path(), Database::Access::ReadOnly);
    CHECK(cbtest::count(ro, "contractor") == 2);
    CHECK_THROWS_AS(ContractorService(ro).create(gp("A81009")), DatabaseError);
}

TEST_CASE("a read-only copy with no WAL beside it is opened immutable and nothing is created beside it",
          "[store][open]") {
    cbtest::TempDb t;
    ContractorService(t.db()).create(gp("A81001"));
    t.database.reset();
    REQUIRE_FALSE(QFile::exists(t.path() + "-wal"));
    Database ro(t.path(), Database::Access::ReadOnly);
    auto reader = Database::openReader(ro);
    CHECK(cbtest::count(*reader, "contractor") == 1);
    CHECK_FALSE(QFile::exists(t.path() + "-wal"));
    CHECK_FALSE(QFile::exists(t.path() + "-shm"));
}

TEST_CASE("a reader connection sees every commit of the main one and cannot write", "[store][open]") {
    cbtest::TempDb t;
    auto reader = Database::openReader(t.db());
    CHECK(cbtest::count(*reader, "contractor") == 0);
    ContractorService(t.db()).create(gp("A81001"));
    CHECK(cbtest::count(*reader, "contractor") == 1);
    CHECK(reader->isReadOnly());
    CHECK_THROWS_AS(reader->write([] {}), DatabaseError);
}

TEST_CASE("opening beside a busy writer never says damaged", "[store][open]") {
    cbtest::TempDb t;
    t.db().execScript("PRAGMA wal_autocheckpoint = 8"); // checkpoints all the time
    std::atomic<bool> stop{false};
    std::atomic<int> written{0};
    QString writerError;
    std::thread writer([&] {
        try {
            for (int i = 0; i < 400 && !stop; ++i) {
                ContractorService(t.db()).create(gp(QStringLiteral("A8%1").arg(i, 4, 10, QLatin1Char('0'))));
                if (i % 10 == 0) t.db().execScript("PRAGMA wal_checkpoint(PASSIVE)");
                ++written;
            }
        } catch (const std::exception& e) {
            writerError = QString::fromUtf8(e.what());
        }
        stop = true;
    });
    int opens = 0;
    QStringList failures;
    while (!stop) {
        for (auto access : {Database::Access::ReadWrite, Database::Access::ReadOnly}) {
            try {
                Database db(t.path(), access);
                const qint64 n = cbtest::count(db, "contractor");
                if (n < 0) failures << "no count";
                ++opens;
            } catch (const Error& e) {
                failures << e.message();
            }
        }
    }
    writer.join();
    INFO(failures.join("\n").toStdString());
    CHECK(writerError.isEmpty());
    CHECK(failures.isEmpty());
    CHECK(written == 400);
    CHECK(opens > 0);
    Database after(t.path());
    CHECK(cbtest::count(after, "contractor") == 400);
    CHECK(quickCheck(after).ok());
}

TEST_CASE("opening a damaged file does only the cheap checks, and quickCheck names the damage in words",
          "[store][open][check]") {
    QTemporaryDir dir;
    const QString path = dir.filePath("damaged.db");
    cbtest::seedSmallFile(path);
    cbtest::damageContractorTable(path);
    Database db(path); // the header and schema are sound: the window can open
    const IntegrityReport report = quickCheck(db);
    REQUIRE_FALSE(report.ok());
    const QString notice = damageNotice(report);
    CHECK(notice.contains("damage"));
    CHECK(notice.contains("backup"));
    CHECK(damageNotice(IntegrityReport{}).isEmpty());
}

TEST_CASE("quickCheck on a sound file finds nothing, and an interrupted check is an error, not damage",
          "[store][check]") {
    cbtest::TempDb t;
    seedDemo(t.db(), {40, 2, QDate(2026, 11, 22)});
    CHECK(quickCheck(t.db()).ok());
    auto reader = Database::openReader(t.db());
    sqlite3_progress_handler(reader->sqlite().getHandle(), 1, [](void*) { return 1; }, nullptr);
    CHECK_THROWS_AS(quickCheck(*reader), DatabaseError);
}
