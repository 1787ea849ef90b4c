// Compaction of a team folder (issue 12, docs/exchange.md "Snapshots and compaction"): a snapshot
// covering what this replica applied, its own packages archived only once every member has
// acknowledged them, and nothing a replica has not seen ever out of reach.
#include "TeamSupport.h"
#include "TestSupport.h"
#include "team/Team.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>

using namespace cb;

namespace {

QStringList filesUnder(const QString& folder) {
    QStringList out;
    QDirIterator it(folder, QDir::Files, QDirIterator::Subdirectories);
    while (it.hasNext()) out << QDir(folder).relativeFilePath(it.next());
    out.sort();
    return out;
}

struct Replicas {
    QTemporaryDir dir;
    FixedClock clock{QDateTime(QDate(2026, 11, 30), QTime(9, 0), QTimeZone::utc())};
    std::vector<std::unique_ptr<Database>> dbs;
    QString folder() const { return dir.filePath("TEAM"); }

    explicit Replicas(int members) {
        dbs.push_back(open("r0.db", "alice"));
        dbs[0]->save("contractor", Row{{"id", "wAAAAAAAAAAAAAAAAAAAAQ"}, {"ods_code", "A81001"},
                                       {"contractor_group", "general_practice"}, {"name", "Oakfield Surgery"},
                                       {"postcode", "TS18 1HU"}, {"open_date", "1990-04-01"}});
        team::initTeam(*dbs[0], folder(), "Alice's desk");
        for (int i = 1; i < members; ++i) join(QStringLiteral("r%1.db").arg(i));
    }
    std::unique_ptr<Database> open(const QString& file, const QString& actor) {
        auto db = std::make_unique<Database>(dir.filePath(file));
        db->setClock(&clock);
        db->setActor(actor);
        return db;
    }
    team::SyncReport join(const QString& file) {
        const team::SyncReport joined = team::joinTeam(folder(), dir.filePath(file), file);
        REQUIRE(joined.problems.isEmpty());
        dbs.push_back(open(file, file));
        return joined;
    }
    Database& r(int i) { return *dbs[size_t(i)]; }
    void sync(int i) {
        clock.set(clock.nowUtc().addSecs(1));
        const team::SyncReport report = team::sync(r(i));
        INFO(report.problems.join('\n').toStdString());
        REQUIRE(report.problems.isEmpty());
    }
    // A new practice and a changed name on replica i: every round adds records and field edits.
    void edit(int i, int round) {
        const QString id = Database::newId();
        r(i).save("contractor", Row{{"id", id}, {"ods_code", QStringLiteral("B%1").arg(80000 + round * 10 + i)},
                                    {"contractor_group", "general_practice"},
                                    {"name", QStringLiteral("Practice %1 from %2").arg(round).arg(i)},
                                    {"postcode", "TS18 1HU"}, {"open_date", "2000-01-01"}});
        r(i).save("contractor", Row{{"id", "wAAAAAAAAAAAAAAAAAAAAQ"},
                                    {"notes", QStringLiteral("round %1 by %2").arg(round).arg(i)}});
    }
    int packagesIn(const QString& sub) const {
        int n = 0;
        for (const QString& f : filesUnder(folder())) n += f.startsWith(sub) && f.endsWith(".cbpkg");
        return n;
    }
};

} // namespace

TEST_CASE("compaction archives only what every member has applied: a replica away for a while still gets everything", "[team][compact]") {
    Replicas t(3);
    t.edit(0, 1);
    for (int i : {0, 1, 2, 0, 1, 2}) t.sync(i); // everyone has applied round 1 and said so
    for (int round = 2; round <= 4; ++round) { // replica 2 is away (a laptop in a drawer)
        t.edit(0, round);
        t.edit(1, round);
        for (int i : {0, 1, 0}) t.sync(i);
    }
    const team::CompactReport c = team::compact(t.r(0));
    CHECK(c.sync.problems.isEmpty());
    CHECK(c.waitingFor.isEmpty());
    CHECK_FALSE(c.snapshot.isEmpty());
    // Only replica 0's first package had been applied by replica 2: only that one was archived.
    const QString me = team::replicaInfo(t.r(0)).replicaId;
    CHECK(c.archived.contains(QStringLiteral("packages/%1/0000000001.cbpkg").arg(me)));
    CHECK_FALSE(c.archived.contains(QStringLiteral("packages/%1/0000000002.cbpkg").arg(me)));
    CHECK(c.deletable.contains(QStringLiteral("archive/packages/%1/0000000001.cbpkg").arg(me)));
    CHECK(t.packagesIn("archive/packages/") == 1);

    // The replica that was away syncs: everything arrives, and all three agree.
    for (int i : {2, 0, 1, 2}) t.sync(i);
    const QString dump = cbtest::canonicalDump(t.r(0));
    CHECK(cbtest::canonicalDump(t.r(1)) == dump);
    CHECK(cbtest::canonicalDump(t.r(2)) == dump);
    CHECK(t.r(2).scalar("SELECT count(*) FROM contractor WHERE name LIKE 'Practice 4 from%'").toInt() == 2);

    // Once all have acknowledged everything, every replica's compaction archives all its packages,
    // and a newcomer starts from the fullest snapshot with no package left to apply.
    for (int i : {0, 1, 2}) REQUIRE(team::compact(t.r(i)).sync.problems.isEmpty());
    CHECK(t.packagesIn("packages/") == 0);
    CHECK(t.packagesIn("archive/packages/") > 0);
    // Of each replica's acks only the newest stays in acks/.
    QMap<QString, int> acks;
    for (const QString& f : filesUnder(t.folder()))
        if (f.startsWith("acks/")) ++acks[f.section('/', 1, 1)];
    CHECK(acks.size() == 3);
    for (int n : acks) CHECK(n == 1);
    const team::SyncReport joined = t.join("late.db");
    CHECK(joined.packagesIn == 0);
    CHECK(cbtest::canonicalDump(t.r(3)) == dump);
    CHECK(cbtest::canonicalDump(t.r(3)).contains("round 4"));
}

TEST_CASE("a member that never acknowledged holds compaction back, and archived packages stay readable", "[team][compact]") {
    Replicas t(2);
    for (int round = 1; round <= 3; ++round) {
        t.edit(0, round);
        t.sync(0);
    }
    // Replica 1 joined but has not synced since: it acknowledged only what its snapshot held.
    team::CompactReport c = team::compact(t.r(0));
    CHECK(c.archived.filter(".cbpkg").isEmpty());
    CHECK(t.packagesIn("packages/") == 3);

    // A copy started from the very first snapshot (as if the fuller one had not yet reached its
    // computer) needs the archived packages, and reads them from archive/.
    t.sync(1);
    for (int i : {0, 1}) REQUIRE(team::compact(t.r(i)).sync.problems.isEmpty());
    CHECK(t.packagesIn("packages/") == 0);
    QDir folder(t.folder());
    QStringList first = filesUnder(t.folder()).filter(QRegularExpression("^archive/snapshots/.*-0000000000\\.cbsnap$"));
    REQUIRE(first.size() == 1);
    REQUIRE(folder.rename("snapshots", "snapshots-moved-away"));
    REQUIRE(folder.mkdir("snapshots"));
    REQUIRE(QFile::copy(folder.filePath(first.first()),
                        folder.filePath("snapshots/" + QFileInfo(first.first()).fileName())));
    const team::SyncReport joined = t.join("from-first.db");
    CHECK(joined.packagesIn >= 3);
    CHECK(cbtest::canonicalDump(t.r(2)) == cbtest::canonicalDump(t.r(0)));
}

TEST_CASE("a compacted encrypted team: the new snapshot is sealed and a newcomer joins from it", "[team][compact][crypt]") {
    QTemporaryDir dir;
    const QString pass = QStringLiteral("a long team passphrase");
    auto a = std::make_unique<Database>(dir.filePath("a.db"));
    a->save("contractor", Row{{"id", Database::newId()}, {"ods_code", "A81001"}, {"contractor_group", "general_practice"},
                              {"name", "Oakfield Surgery"}, {"postcode", "TS18 1HU"}, {"open_date", "1990-04-01"}});
    team::initTeam(*a, dir.filePath("TEAM"), "A", pass);
    a->save("contractor", Row{{"id", Database::newId()}, {"ods_code", "A81002"}, {"contractor_group", "general_practice"},
                              {"name", "Brookside Surgery"}, {"postcode", "TS18 1HU"}, {"open_date", "1990-04-01"}});
    const team::CompactReport c = team::compact(*a);
    REQUIRE(c.sync.problems.isEmpty());
    QFile snap(QDir(dir.filePath("TEAM")).filePath(c.snapshot));
    REQUIRE(snap.open(QIODevice::ReadOnly));
    CHECK_FALSE(snap.readAll().contains("Brookside"));
    const team::SyncReport joined = team::joinTeam(dir.filePath("TEAM"), dir.filePath("b.db"), "B", pass);
    CHECK(joined.problems.isEmpty());
    CHECK(joined.packagesIn == 0);
    Database b(dir.filePath("b.db"));
    CHECK(cbtest::canonicalDump(b) == cbtest::canonicalDump(*a));
}

TEST_CASE("a member that never syncs again is listed by its last sync, retired by a person, and compaction stops waiting", "[team][compact][retire]") {
    Replicas t(3);
    t.edit(0, 1);
    for (int i : {0, 1, 0}) t.sync(i); // replica 2 (a lost laptop) never syncs after joining
    // Its join ran a sync, so it has acknowledged nothing since; Alice's packages wait for it.
    const team::CompactReport before = team::compact(t.r(0));
    CHECK(t.packagesIn("packages/") > 0);
    const int keptBefore = t.packagesIn("packages/");

    const QList<team::Member> members = team::members(t.r(0));
    REQUIRE(members.size() == 3);
    QString lost;
    for (const team::Member& m : members) {
        CHECK_FALSE(m.retired);
        CHECK_FALSE(m.lastSync.isEmpty()); // every member synced at least when it joined
        if (m.name == "r2.db") lost = m.replicaId;
    }
    REQUIRE_FALSE(lost.isEmpty());

    // Refusals in words, nothing written: itself, an unknown name.
    const QStringList filesBefore = filesUnder(t.folder());
    REQUIRE_THROWS_WITH(team::retireMember(t.r(0), "Alice's desk"), Catch::Contains("cannot retire itself"));
    REQUIRE_THROWS_WITH(team::retireMember(t.r(0), "Nobody's laptop"), Catch::Contains("No member of the team is called"));
    CHECK(filesUnder(t.folder()) == filesBefore);

    const team::Member retired = team::retireMember(t.r(1), "R2.DB"); // by name, any case, from any member
    CHECK(retired.replicaId == lost);
    CHECK(QFile::exists(QDir(t.folder()).filePath(QStringLiteral("retired/%1/%2.json").arg(team::replicaInfo(t.r(1)).replicaId, lost))));
    REQUIRE_THROWS_WITH(team::retireMember(t.r(0), lost.left(8)), Catch::Contains("already retired by r1.db"));
    for (const team::Member& m : team::members(t.r(0)))
        CHECK(m.retired == (m.replicaId == lost));

    // Compaction no longer waits for it: Alice's acknowledged packages go to the archive.
    t.sync(1);
    const team::CompactReport after = team::compact(t.r(0));
    CHECK_FALSE(after.waitingFor.contains("r2.db"));
    CHECK(t.packagesIn("packages/") < keptBefore);
    CHECK(t.packagesIn("archive/packages/") > 0);
    // If the laptop turns up after all, it still gets everything.
    t.sync(2);
    CHECK(cbtest::canonicalDump(t.r(2)) == cbtest::canonicalDump(t.r(0)));
    (void)before;
}
