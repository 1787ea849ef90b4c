// Team folders with a passphrase (issue 12, docs/exchange.md "Encryption"): packages and snapshots
// sealed with a key derived from it, refused when damaged, foreign or opened with the wrong
// passphrase, and nothing applied or created when they are.
#include "TeamSupport.h"
#include "TestSupport.h"
#include "store/Migrations.h"
#include "team/Package.h"
#include "team/Team.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QJsonObject>
#include <SQLiteCpp/SQLiteCpp.h>

using namespace cb;

namespace {

const QString kPractice = QStringLiteral("wAAAAAAAAAAAAAAAAAAAAQ");
const QString kPassphrase = QStringLiteral("correct horse battery staple");

Row practice(const QString& id, const QString& code) {
    return Row{{"id", id}, {"ods_code", code}, {"contractor_group", "general_practice"}, {"name", "Oakfield Surgery"},
               {"postcode", "TS18 1HU"}, {"telephone", "01642 000001"}, {"open_date", "1990-04-01"}};
}

QByteArray readAll(const QString& path) {
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

void writeAll(const QString& path, const QByteArray& bytes) {
    QFile f(path);
    REQUIRE(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
    REQUIRE(f.write(bytes) == bytes.size());
}

QStringList filesUnder(const QString& folder) {
    QStringList out;
    QDirIterator it(folder, QDir::Files, QDirIterator::Subdirectories);
    while (it.hasNext()) out << it.next();
    out.sort();
    return out;
}

// Two replicas of a team folder: the first starts it (with passphrase, or in clear when empty).
struct CryptTeam {
    QTemporaryDir dir;
    FixedClock clock{QDateTime(QDate(2026, 11, 30), QTime(9, 0), QTimeZone::utc())};
    std::unique_ptr<Database> a, b;
    QString folder() const { return dir.filePath("TEAM"); }

    explicit CryptTeam(const QString& passphrase, const QString& folderName = "TEAM") {
        a = std::make_unique<Database>(dir.filePath("a.db"));
        a->setClock(&clock);
        a->setActor("alice");
        a->save("contractor", practice(kPractice, "A81001"));
        team::initTeam(*a, dir.filePath(folderName), "Alice's desk", passphrase);
    }
    void join(const QString& passphrase) {
        const team::SyncReport joined = team::joinTeam(folder(), dir.filePath("b.db"), "Sam's laptop", passphrase);
        REQUIRE(joined.problems.isEmpty());
        b = std::make_unique<Database>(dir.filePath("b.db"));
        b->setClock(&clock);
        b->setActor("sam");
    }
    team::SyncReport sync(Database& db) {
        clock.set(clock.nowUtc().addSecs(1));
        return team::sync(db);
    }
    QString telephone(Database& db) { return db.fetchRecord("contractor", kPractice)->value("telephone").toString(); }
    QString packageOf(Database& db, int seq) {
        return QDir(folder()).filePath(team::packageName(team::replicaInfo(db).replicaId, seq));
    }
};

} // namespace

TEST_CASE("an encrypted team round trip: join with the passphrase, edits both ways, nothing readable in the folder", "[team][crypt]") {
    CryptTeam t(kPassphrase);
    CHECK(team::folderIsEncrypted(t.folder()));
    CHECK(team::replicaInfo(*t.a).encrypted);
    t.join(kPassphrase);
    CHECK(team::replicaInfo(*t.b).encrypted);
    CHECK(cbtest::canonicalDump(*t.a) == cbtest::canonicalDump(*t.b));

    t.a->save("contractor", Row{{"id", kPractice}, {"telephone", "01642 222222"}});
    t.b->save("contractor", Row{{"id", kPractice}, {"name", "Oakfield Medical Centre"}});
    for (int round = 0; round < 2; ++round) {
        REQUIRE(t.sync(*t.a).problems.isEmpty());
        REQUIRE(t.sync(*t.b).problems.isEmpty());
    }
    CHECK(t.telephone(*t.b) == "01642 222222");
    CHECK(cbtest::canonicalDump(*t.a) == cbtest::canonicalDump(*t.b));

    // Neither the records nor the key are in the folder in clear; the key is kept in each database.
    for (const QString& file : filesUnder(t.folder())) {
        INFO(file.toStdString());
        const QByteArray bytes = readAll(file);
        CHECK_FALSE(bytes.contains("Oakfield"));
        CHECK_FALSE(bytes.contains("01642 222222"));
        CHECK_FALSE(bytes.contains("SQLite format 3"));
        CHECK_FALSE(bytes.contains(kPassphrase.toUtf8()));
    }
    CHECK(t.a->scalar("SELECT length(team_key) FROM exchange_replica").toInt() == 32);
    CHECK(t.a->scalar("SELECT team_key FROM exchange_replica") == t.b->scalar("SELECT team_key FROM exchange_replica"));
}

TEST_CASE("joining an encrypted team with a wrong or missing passphrase says so and creates nothing", "[team][crypt]") {
    CryptTeam t(kPassphrase);
    const QStringList before = filesUnder(t.folder());
    const QString path = t.dir.filePath("b.db");
    for (const QString& wrong : {QStringLiteral("correct horse battery stapler"), QString()}) {
        try {
            team::joinTeam(t.folder(), path, "Sam's laptop", wrong);
            FAIL("joined with a wrong passphrase");
        } catch (const Error& e) {
            INFO(e.message().toStdString());
            CHECK(e.message().contains(wrong.isEmpty() ? "give the team passphrase" : "passphrase is not right"));
            CHECK(e.message().contains("Nothing was changed", Qt::CaseInsensitive));
        }
        CHECK_FALSE(QFile::exists(path));
        CHECK(filesUnder(t.folder()) == before);
    }
}

TEST_CASE("a passphrase too short is refused before anything is written", "[team][crypt]") {
    QTemporaryDir dir;
    Database db(dir.filePath("a.db"));
    db.save("contractor", practice(kPractice, "A81001"));
    REQUIRE_THROWS_WITH(team::initTeam(db, dir.filePath("TEAM"), "Alice", "short"),
                        Catch::Contains("at least 8 characters"));
    CHECK_FALSE(QFileInfo::exists(dir.filePath("TEAM")));
    CHECK_FALSE(team::isMember(db));
}

TEST_CASE("a bit-flipped encrypted package is refused whole and applied once repaired", "[team][crypt]") {
    CryptTeam t(kPassphrase);
    t.join(kPassphrase);
    t.a->save("contractor", Row{{"id", kPractice}, {"telephone", "01642 222222"}});
    REQUIRE(t.sync(*t.a).problems.isEmpty());
    const QString package = t.packageOf(*t.a, 1);
    const QByteArray good = readAll(package);
    REQUIRE_FALSE(good.isEmpty());
    // One bit in the sealed body, then one in the authenticated header (its seq, as text).
    QByteArray body = good;
    body[body.size() - 20] = char(body[body.size() - 20] ^ 0x01);
    QByteArray header = good;
    const qsizetype at = header.indexOf("\"seq\":1");
    REQUIRE(at > 0);
    header[at + 6] = '2';
    for (const QByteArray& damaged : {body, header}) {
        writeAll(package, damaged);
        const team::SyncReport r = t.sync(*t.b);
        REQUIRE(r.problems.size() == 1);
        INFO(r.problems.first().toStdString());
        CHECK((r.problems.first().contains("damaged") || r.problems.first().contains("renamed or moved")));
        CHECK(r.changesIn == 0);
        CHECK(t.telephone(*t.b) == "01642 000001");
    }
    writeAll(package, good);
    const team::SyncReport repaired = t.sync(*t.b);
    CHECK(repaired.problems.isEmpty());
    CHECK(t.telephone(*t.b) == "01642 222222");
}

TEST_CASE("packages from another team, or in clear in an encrypted team, are refused and nothing is applied", "[team][crypt]") {
    CryptTeam t(kPassphrase);
    t.join(kPassphrase);
    // Another team with the very same passphrase: its key differs (its own salt), and its id too.
    CryptTeam other(kPassphrase, "OTHER");
    other.a->save("contractor", Row{{"id", kPractice}, {"telephone", "09999 999999"}});
    REQUIRE(team::sync(*other.a).problems.isEmpty());
    const QString foreignId = team::replicaInfo(*other.a).replicaId;
    const QString foreign = QDir(other.dir.filePath("OTHER")).filePath(team::packageName(foreignId, 1));
    const QString planted = QDir(t.folder()).filePath(team::packageName(foreignId, 1));
    QDir().mkpath(QFileInfo(planted).absolutePath());
    REQUIRE(QFile::copy(foreign, planted));
    team::SyncReport r = t.sync(*t.b);
    REQUIRE(r.problems.size() == 1);
    CHECK(r.problems.first().contains("another team"));
    CHECK(r.changesIn == 0);

    // The same package with this team's id written into its header: the tag no longer verifies.
    QByteArray forged = readAll(foreign);
    forged.replace(team::replicaInfo(*other.a).teamId.toUtf8(), team::replicaInfo(*t.a).teamId.toUtf8());
    QFile::remove(planted);
    writeAll(planted, forged);
    r = t.sync(*t.b);
    REQUIRE(r.problems.size() == 1);
    CHECK(r.problems.first().contains("not sealed with this team's passphrase"));

    // A package in clear, as someone without the passphrase would write it.
    QFile::remove(planted);
    const QJsonObject header{{"team_id", team::replicaInfo(*t.a).teamId}, {"replica_id", foreignId}, {"seq", 1},
                             {"count", 1}, {"prev_sha256", ""}};
    writeAll(planted, team::sealEnvelope(team::kPackageMagic, header, R"({"changes":[]})"));
    r = t.sync(*t.b);
    REQUIRE(r.problems.size() == 1);
    CHECK(r.problems.first().contains("is not encrypted, but this team folder is"));
    CHECK(t.telephone(*t.b) == "01642 000001");
    CHECK(t.b->scalar("SELECT count(*) FROM exchange_peer WHERE replica_id = ?", {foreignId}).toInt() == 0);
}

TEST_CASE("a team folder without a passphrase still works in clear", "[team][crypt]") {
    CryptTeam t({});
    CHECK_FALSE(team::folderIsEncrypted(t.folder()));
    CHECK_FALSE(team::folderIsEncrypted(t.dir.filePath("nowhere")));
    t.join("a passphrase nobody needs");
    CHECK_FALSE(team::replicaInfo(*t.b).encrypted);
    t.a->save("contractor", Row{{"id", kPractice}, {"telephone", "01642 222222"}});
    REQUIRE(t.sync(*t.a).problems.isEmpty());
    REQUIRE(t.sync(*t.b).problems.isEmpty());
    CHECK(t.telephone(*t.b) == "01642 222222");
    CHECK(readAll(t.packageOf(*t.a, 1)).contains("01642 222222"));
    CHECK(t.a->scalar("SELECT team_key FROM exchange_replica").isNull());
}

TEST_CASE("V012 gives team members of every older version a team key column, empty: they stay in clear", "[team][crypt][migrations]") {
    for (const Migration& m : migrations()) {
        if (m.version >= 12) continue;
        DYNAMIC_SECTION("from version " << m.version) {
            cbtest::TempDb t;
            t.database.reset();
            QFile::remove(t.path());
            cbtest::makeOldDatabase(t.path(), m.version);
            if (m.version >= 10) {
                SQLite::Database raw(t.path().toStdString(), SQLite::OPEN_READWRITE);
                raw.exec("INSERT INTO exchange_replica(id, replica_id, name, team_id, folder) VALUES (1, 'r', 'Old', 't', '/x')");
            }
            Database db(t.path());
            CHECK(db.fileSchemaVersion() == Database::schemaVersion());
            CHECK(db.scalar("SELECT count(*) FROM pragma_table_info('exchange_replica') WHERE name = 'team_key'").toInt() == 1);
            if (m.version >= 10) CHECK_FALSE(team::replicaInfo(db).encrypted);
        }
    }
}
