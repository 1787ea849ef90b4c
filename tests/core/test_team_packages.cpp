// Packages of bounded size (issue 17: every file a replica reads, in bounded memory): a replica
// with many unsent changes (an import of a whole register) sends them as several packages, each of
// at most so many changes and bytes, which arrive whole and in order; a package that a killed sync
// left behind is adopted however many changes it holds.
#include "TeamSupport.h"
#include "TestSupport.h"
#include "team/Package.h"
#include "team/Team.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTemporaryDir>

using namespace cb;

namespace {

Row practice(int i) {
    return Row{{"id", Database::newId()},
               {"ods_code", QStringLiteral("A8%1").arg(1000 + i)},
               {"contractor_group", "general_practice"},
               {"name", QStringLiteral("Oakfield Surgery %1").arg(i)},
               {"postcode", "TS18 1HU"},
               {"telephone", "01642 000001"},
               {"open_date", "1990-04-01"}};
}

struct Package {
    int changes = 0;
    qsizetype bodyBytes = 0;
    qsizetype largestChange = 0;
};

// Each of the replica's packages in the folder, in order.
QList<Package> packagesOf(const QString& folder, const team::ReplicaInfo& info) {
    QList<Package> out;
    for (int seq = 1;; ++seq) {
        QFile f(QDir(folder).filePath(team::packageName(info.replicaId, seq)));
        if (!f.open(QIODevice::ReadOnly)) return out;
        const team::Envelope e = team::openEnvelope(team::kPackageMagic, f.readAll(), info.teamId, "package");
        const QJsonArray changes = QJsonDocument::fromJson(e.body).object().value("changes").toArray();
        Package p{int(changes.size()), e.body.size(), 0};
        for (const QJsonValue& c : changes)
            p.largestChange = std::max(p.largestChange, QJsonDocument(c.toObject()).toJson(QJsonDocument::Compact).size());
        out << p;
    }
}

struct Pair {
    QTemporaryDir dir;
    FixedClock clock{QDateTime(QDate(2026, 11, 30), QTime(9, 0), QTimeZone::utc())};
    std::unique_ptr<Database> a;
    QString folder() const { return dir.filePath("TEAM"); }
    QString path(const QString& name) const { return dir.filePath(name); }
    Pair() {
        a = std::make_unique<Database>(path("a.db"));
        a->setClock(&clock);
        a->setActor("alice");
        team::initTeam(*a, folder(), "Alice's desk");
    }
    void add(int from, int to) {
        a->write([&] {
            for (int i = from; i < to; ++i) a->save("contractor", practice(i));
        });
    }
    // A colleague joins and must end with exactly Alice's register.
    void joinAndCompare(int expectedPackages) {
        const team::SyncReport joined = team::joinTeam(folder(), path("b.db"), "Sam's laptop");
        CHECK(joined.problems.isEmpty());
        CHECK(joined.packagesIn == expectedPackages);
        Database b(path("b.db"));
        CHECK(cbtest::canonicalDump(b) == cbtest::canonicalDump(*a));
    }
};

} // namespace

TEST_CASE("many unsent changes go out as several packages of bounded size and arrive whole, in order", "[team][packages]") {
    Pair t;
    t.add(0, 23);
    {
        const team::PackageLimitsScope limits(5, qsizetype(1) << 20);
        const team::SyncReport out = team::sync(*t.a);
        CHECK(out.problems.isEmpty());
        CHECK(out.changesOut == 23);
    }
    const QList<Package> packages = packagesOf(t.folder(), team::replicaInfo(*t.a));
    REQUIRE(packages.size() == 5); // 5 + 5 + 5 + 5 + 3
    int total = 0;
    for (const Package& p : packages) {
        CHECK(p.changes <= 5);
        total += p.changes;
    }
    CHECK(total == 23);
    CHECK(packages.last().changes == 3);
    t.joinAndCompare(5);
}

TEST_CASE("a package stops once its changes pass the byte limit, however few they are", "[team][packages]") {
    Pair t;
    t.add(0, 12);
    const qsizetype limit = 1000;
    {
        const team::PackageLimitsScope limits(1000, limit);
        REQUIRE(team::sync(*t.a).problems.isEmpty());
    }
    const QList<Package> packages = packagesOf(t.folder(), team::replicaInfo(*t.a));
    REQUIRE(packages.size() > 1);
    int total = 0;
    for (const Package& p : packages) {
        INFO(p.changes << " changes, " << p.bodyBytes << " bytes");
        CHECK(p.changes >= 1);
        // At most one change past the limit: the one that crossed it.
        CHECK(p.bodyBytes <= limit + p.largestChange + 64);
        total += p.changes;
    }
    CHECK(total == 12);
    t.joinAndCompare(int(packages.size()));
}

TEST_CASE("a package a killed sync left behind is adopted whole, even larger than a package may now be", "[team][packages]") {
    Pair t;
    t.add(0, 9);
    t.a.reset();
    // The sync is killed after its package is in the folder and before it commits: as if the
    // database were the copy made before it.
    REQUIRE(QFile::copy(t.path("a.db"), t.path("before.db")));
    if (QFile::exists(t.path("a.db-wal"))) REQUIRE(QFile::copy(t.path("a.db-wal"), t.path("before.db-wal")));
    {
        Database a(t.path("a.db"));
        a.setClock(&t.clock);
        REQUIRE(team::sync(a).changesOut == 9); // one package of 9 (the usual limits)
    }
    REQUIRE(QFile::remove(t.path("a.db")));
    for (const char* suffix : {"-wal", "-shm"}) QFile::remove(t.path("a.db") + suffix);
    REQUIRE(QFile::rename(t.path("before.db"), t.path("a.db")));
    if (QFile::exists(t.path("before.db-wal"))) REQUIRE(QFile::rename(t.path("before.db-wal"), t.path("a.db-wal")));
    t.a = std::make_unique<Database>(t.path("a.db"));
    t.a->setClock(&t.clock);
    t.a->setActor("alice");
    t.add(9, 12); // three more since
    {
        const team::PackageLimitsScope limits(2, qsizetype(1) << 20);
        const team::SyncReport out = team::sync(*t.a);
        INFO(out.problems.join("\n").toStdString());
        CHECK(out.problems.isEmpty());
        CHECK(out.changesOut == 12);
    }
    const QList<Package> packages = packagesOf(t.folder(), team::replicaInfo(*t.a));
    REQUIRE(packages.size() == 3); // the adopted 9, then 2 and 1
    CHECK(packages.at(0).changes == 9);
    CHECK(packages.at(1).changes == 2);
    CHECK(packages.at(2).changes == 1);
    t.joinAndCompare(3);
}
