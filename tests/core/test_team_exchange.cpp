// Team exchange (issue 12): replicas exchanging change packages through a team folder, merged
// field by field, with conflicts recorded and packages checked before anything is applied.
#include "TeamSupport.h"
#include "TestSupport.h"
#include "contractors/Contractor.h"
#include "store/Migrations.h"
#include "team/Package.h"
#include "team/Team.h"

#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <sys/stat.h>

using namespace cb;

namespace {

Row practice(const QString& id, const QString& code) {
    return Row{{"id", id}, {"ods_code", code}, {"contractor_group", "general_practice"}, {"name", "Oakfield Surgery"},
               {"postcode", "TS18 1HU"}, {"telephone", "01642 000001"}, {"open_date", "1990-04-01"}};
}

struct Team {
    QTemporaryDir dir;
    FixedClock clock{QDateTime(QDate(2026, 11, 30), QTime(9, 0), QTimeZone::utc())};
    std::vector<std::unique_ptr<Database>> replicas;
    QString folder() const { return dir.filePath("TEAM"); }
    QString dbPath(int i) const { return dir.filePath(QStringLiteral("r%1.db").arg(i)); }

    // Replica 0 starts the team with one practice; the others join.
    explicit Team(int members) {
        auto first = std::make_unique<Database>(dbPath(0));
        first->setClock(&clock);
        first->setActor("alice");
        first->save("contractor", practice("wAAAAAAAAAAAAAAAAAAAAQ", "A81001"));
        team::initTeam(*first, folder(), "Alice's desk");
        replicas.push_back(std::move(first));
        for (int i = 1; i < members; ++i) {
            const team::SyncReport joined = team::joinTeam(folder(), dbPath(i), QStringLiteral("Laptop %1").arg(i));
            REQUIRE(joined.problems.isEmpty());
            auto db = std::make_unique<Database>(dbPath(i));
            db->setClock(&clock);
            db->setActor(QStringLiteral("user%1").arg(i));
            replicas.push_back(std::move(db));
        }
    }
    Database& r(int i) { return *replicas[size_t(i)]; }
    team::SyncReport sync(int i) {
        clock.set(clock.nowUtc().addSecs(1));
        return team::sync(r(i));
    }
    void syncAll() {
        for (int round = 0; round < 2; ++round)
            for (size_t i = 0; i < replicas.size(); ++i) REQUIRE(sync(int(i)).problems.isEmpty());
    }
    QString packagePath(const QString& replicaId, int seq) const {
        return QDir(folder()).filePath(team::packageName(replicaId, seq));
    }
};

const QString kPractice = QStringLiteral("wAAAAAAAAAAAAAAAAAAAAQ");

QString field(Database& db, const char* column) {
    return db.fetchRecord("contractor", kPractice)->value(column).toString();
}

} // namespace

TEST_CASE("a replica joins from the snapshot and edits of different fields merge silently", "[team]") {
    Team t(2);
    CHECK(cbtest::canonicalDump(t.r(0)) == cbtest::canonicalDump(t.r(1)));
    t.r(0).save("contractor", Row{{"id", kPractice}, {"telephone", "01642 222222"}});
    t.r(1).save("contractor", Row{{"id", kPractice}, {"name", "Oakfield Medical Centre"}});
    t.syncAll();
    for (int i = 0; i < 2; ++i) {
        CHECK(field(t.r(i), "telephone") == "01642 222222");
        CHECK(field(t.r(i), "name") == "Oakfield Medical Centre");
        CHECK(team::conflicts(t.r(i)).isEmpty());
    }
    CHECK(cbtest::canonicalDump(t.r(0)) == cbtest::canonicalDump(t.r(1)));
    // The applied change is audited as the colleague's, from the team.
    const auto audit = t.r(0).queryOne(
        "SELECT w.name AS who, s.name AS source FROM audit_log a JOIN audit_name w ON w.id = a.who "
        "JOIN audit_name s ON s.id = a.source ORDER BY a.rowid DESC LIMIT 1");
    REQUIRE(audit);
    CHECK(audit->value("who").toString() == "user1");
    CHECK(audit->value("source").toString() == "team Laptop 1");
}

TEST_CASE("the same field changed on two replicas is a conflict with the same provisional winner everywhere", "[team][conflict]") {
    Team t(3);
    t.r(1).save("contractor", Row{{"id", kPractice}, {"telephone", "01642 111111"}});
    t.clock.set(t.clock.nowUtc().addSecs(5));
    t.r(2).save("contractor", Row{{"id", kPractice}, {"telephone", "01642 333333"}}); // later: wins for now
    t.syncAll();
    for (int i = 0; i < 3; ++i) CHECK(field(t.r(i), "telephone") == "01642 333333");
    const QList<team::Conflict> c1 = team::conflicts(t.r(1));
    REQUIRE(c1.size() == 1);
    CHECK(c1[0].fieldLabel == "telephone");
    CHECK(c1[0].mineValue == "01642 111111");
    CHECK(c1[0].mineWho == "user1");
    CHECK(c1[0].theirsValue == "01642 333333");
    CHECK(c1[0].theirsWho == "user2");
    REQUIRE(team::conflicts(t.r(2)).size() == 1);
    CHECK(team::conflicts(t.r(2))[0].id == c1[0].id);

    // Deciding it is a normal change: it syncs and closes the conflict everywhere.
    team::resolveConflict(t.r(1), c1[0].id, /*keepMine=*/true);
    t.syncAll();
    for (int i = 0; i < 3; ++i) {
        CHECK(field(t.r(i), "telephone") == "01642 111111");
        CHECK(team::conflicts(t.r(i)).isEmpty());
    }
    CHECK(cbtest::canonicalDump(t.r(0)) == cbtest::canonicalDump(t.r(2)));
}

TEST_CASE("edit against delete keeps the edit and records a conflict, in either order", "[team][conflict]") {
    for (const bool deleteFirst : {true, false}) {
        DYNAMIC_SECTION("delete synced " << (deleteFirst ? "first" : "second")) {
            Team t(2);
            const QString site = Database::newId();
            t.r(0).save("site", Row{{"id", site}, {"contractor_id", kPractice}, {"name", "Branch surgery"},
                                    {"postcode", "TS18 2AA"}});
            t.syncAll();
            t.r(0).remove("site", site);
            t.r(1).save("site", Row{{"id", site}, {"name", "Branch surgery (Stockton)"}});
            if (deleteFirst) {
                REQUIRE(t.sync(0).problems.isEmpty());
                REQUIRE(t.sync(1).problems.isEmpty());
            } else {
                REQUIRE(t.sync(1).problems.isEmpty());
                REQUIRE(t.sync(0).problems.isEmpty());
            }
            t.syncAll();
            for (int i = 0; i < 2; ++i) {
                const auto row = t.r(i).fetchRecord("site", site);
                REQUIRE(row);
                CHECK(row->value("name").toString() == "Branch surgery (Stockton)");
                REQUIRE(team::conflicts(t.r(i)).size() == 1);
                CHECK(team::conflicts(t.r(i))[0].kind == "delete");
            }
            CHECK(cbtest::canonicalDump(t.r(0)) == cbtest::canonicalDump(t.r(1)));
        }
    }
}

TEST_CASE("a damaged, foreign or missing package is reported in words and nothing of it is applied", "[team][corrupt]") {
    Team t(2);
    const QString replica0 = team::replicaInfo(t.r(0)).replicaId;
    t.r(0).save("contractor", Row{{"id", kPractice}, {"telephone", "01642 999999"}});
    REQUIRE(t.sync(0).problems.isEmpty());
    const QString path = t.packagePath(replica0, 1);
    QFile f(path);
    REQUIRE(f.open(QIODevice::ReadOnly));
    const QByteArray good = f.readAll();
    f.close();
    const QString before = cbtest::canonicalDump(t.r(1));
    const auto replace = [&](const QByteArray& bytes) {
        QFile::remove(path);
        QFile out(path);
        REQUIRE(out.open(QIODevice::WriteOnly));
        out.write(bytes);
    };
    const auto refused = [&](const QString& words) {
        const team::SyncReport r = t.sync(1);
        REQUIRE(r.problems.size() == 1);
        CHECK(r.problems[0].contains(words));
        CHECK(r.problems[0].contains("nothing of it was applied"));
        CHECK(r.changesIn == 0);
        CHECK(cbtest::canonicalDump(t.r(1)) == before);
        CHECK(t.r(1).scalar("SELECT count(*) FROM exchange_peer WHERE replica_id = ?", {replica0}).toLongLong() == 1);
    };
    SECTION("truncated") {
        replace(good.left(good.size() - 7));
        refused("damaged or still being copied");
    }
    SECTION("one bit flipped in the body") {
        QByteArray bad = good;
        bad[bad.size() - 10] = char(bad[bad.size() - 10] ^ 0x04);
        replace(bad);
        refused("damaged or still being copied");
    }
    SECTION("from another team folder") {
        const QJsonObject header{{"team_id", "another-team"}, {"replica_id", replica0}, {"seq", 1}};
        replace(team::sealEnvelope(team::kPackageMagic, header, R"({"changes":[]})"));
        refused("belongs to another team");
    }
    SECTION("missing, with a later one present") {
        t.r(0).save("contractor", Row{{"id", kPractice}, {"name", "Later name"}});
        REQUIRE(t.sync(0).problems.isEmpty());
        QFile::rename(path, path + ".away");
        const team::SyncReport r = t.sync(1);
        REQUIRE(r.problems.size() == 1);
        CHECK(r.problems[0].contains("Package 1 from Alice's desk is missing"));
        CHECK(cbtest::canonicalDump(t.r(1)) == before);
        QFile::rename(path + ".away", path); // it arrives after all
    }
    SECTION("a pipe where the team file should be") {
        // Reading it would wait for a writer for ever: refused in words, nothing applied.
        const QString teamFile = QDir(t.folder()).filePath(QStringLiteral("casebook-team.json"));
        QFile in(teamFile);
        REQUIRE(in.open(QIODevice::ReadOnly));
        const QByteArray kept = in.readAll();
        in.close();
        REQUIRE(QFile::remove(teamFile));
        REQUIRE(::mkfifo(teamFile.toLocal8Bit().constData(), 0600) == 0);
        QString said;
        try {
            said = t.sync(1).problems.join(' ');
        } catch (const Error& e) {
            said = e.message();
        }
        CHECK(said.contains("casebook-team.json in the team folder is not an ordinary file"));
        CHECK(cbtest::canonicalDump(t.r(1)) == before);
        REQUIRE(QFile::remove(teamFile));
        QFile out(teamFile);
        REQUIRE(out.open(QIODevice::WriteOnly));
        out.write(kept);
    }
    replace(good);
    REQUIRE(t.sync(1).problems.isEmpty());
    CHECK(field(t.r(1), "telephone") == "01642 999999");
    // Applying again changes nothing: the package is at or below what was applied.
    const QString after = cbtest::canonicalDump(t.r(1));
    t.r(1).write([&] { t.r(1).exec("UPDATE exchange_peer SET applied_seq = 0, last_hash = ''"); });
    REQUIRE(t.sync(1).problems.isEmpty());
    CHECK(cbtest::canonicalDump(t.r(1)) == after);
}

TEST_CASE("a rule broken only by the merged combination becomes a conflict, never an invalid record", "[team][rules]") {
    Team t(2);
    const QString contract = Database::newId();
    t.r(0).save("contract", Row{{"id", contract}, {"contractor_id", kPractice}, {"route", "apms"},
                                {"reference", "APMS-0001"}, {"start_date", "2020-04-01"}, {"end_date", "2030-03-31"}});
    t.syncAll();
    // Each edit is valid on its own; together the contract would end before it starts.
    t.r(0).save("contract", Row{{"id", contract}, {"start_date", "2024-04-01"}});
    t.r(1).save("contract", Row{{"id", contract}, {"end_date", "2022-03-31"}});
    REQUIRE(t.sync(0).problems.isEmpty());
    REQUIRE(t.sync(1).problems.isEmpty());
    const auto row = t.r(1).fetchRecord("contract", contract);
    CHECK_FALSE(row->value("start_date").toString() > row->value("end_date").toString());
    bool ruleConflict = false;
    for (const team::Conflict& c : team::conflicts(t.r(1))) ruleConflict = ruleConflict || c.kind == "rule";
    CHECK(ruleConflict);
}

TEST_CASE("V010 adds the team tables to files of every older version", "[team][migrations]") {
    for (const Migration& m : migrations()) {
        if (m.version >= 10) continue;
        DYNAMIC_SECTION("from version " << m.version) {
            cbtest::TempDb t;
            t.database.reset();
            QFile::remove(t.path());
            cbtest::makeOldDatabase(t.path(), m.version);
            Database db(t.path());
            CHECK(db.fileSchemaVersion() == Database::schemaVersion());
            CHECK(db.scalar("SELECT count(*) FROM exchange_change").toLongLong() == 0);
            CHECK_FALSE(team::isMember(db));
            // Not in a team: saves log nothing.
            db.save("contractor", practice(Database::newId(), "B82002"));
            CHECK(db.scalar("SELECT count(*) FROM exchange_change").toLongLong() == 0);
        }
    }
}
