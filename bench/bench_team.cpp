// make bench: syncing changes between two replicas of a team (issue 12). Seeds a database of
// --contractors N (default 50,000), starts a team folder, joins a second replica, makes --changes M
// (default 10,000) field edits on the first, then times its sync (writing the packages) and the
// second's (applying them), and prints the packages' size per change; then compacts. All of it once
// with a team folder in clear and once with a passphrase. Figures, never assertions.
// --seeded FILE starts from a register seeded before (make bench passes the one casebook-bench-scale
// seeded at 50,000) instead of seeding one here; FILE is only read.
#include "BenchSupport.h"

#include "demo/DemoSeeder.h"
#include "store/Database.h"
#include "team/Team.h"

#include <QCoreApplication>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
#include <QTemporaryDir>
#include <algorithm>
#include <functional>
#include <random>

using namespace cb;

int main(int argc, char** argv) {
    QCoreApplication app(argc, argv);
    int contractors = 50'000, changes = 10'000;
    QString seededBefore;
    const QStringList args = app.arguments();
    for (int i = 1; i + 1 < args.size(); ++i) {
        if (args[i] == "--contractors") contractors = args[i + 1].toInt();
        if (args[i] == "--changes") changes = args[i + 1].toInt();
        if (args[i] == "--seeded") seededBefore = args[i + 1];
    }
    QTemporaryDir dir;
    const QString seeded = dir.filePath("seed.db");
    if (!seededBefore.isEmpty() && QFile::copy(seededBefore, seeded)) {
        contractors = Database(seeded).scalar("SELECT count(*) FROM contractor").toInt();
        std::printf("### Team sync: %d changes, %d contractors (seeded by casebook-bench-scale)\n\n", changes, contractors);
    } else {
        std::printf("### Team sync: %d changes, %d contractors\n\n", changes, contractors);
        Database db(seeded);
        SeedOptions seed;
        seed.contractors = contractors;
        bench::figure("seed", bench::millis([&] { seedDemo(db, seed); }) / 1000.0, "s");
    }
    // Each step's own peak, where the system allows (bench::resetPeakMemory), as well as the run's.
    // Resetting the high-water mark also resets getrusage's, so the run's peak is the largest step's.
    double runPeak = bench::peakMemoryMiB();
    bool stepPeaks = true;
    const auto step = [&](const QString& name, const std::function<void()>& fn) {
        runPeak = std::max(runPeak, stepPeaks ? bench::stepPeakMemoryMiB() : bench::peakMemoryMiB());
        stepPeaks = stepPeaks && bench::resetPeakMemory();
        const double ms = bench::millis(fn);
        bench::figure(name, ms, "ms");
        const double peak = stepPeaks ? bench::stepPeakMemoryMiB() : bench::peakMemoryMiB();
        runPeak = std::max(runPeak, peak);
        if (stepPeaks) bench::figure("  process peak during it (target at most 150)", peak, "MiB");
        return ms;
    };
    bool ok = true;
    // The same seeded database, once with a team folder in clear and once with a passphrase.
    for (const QString& passphrase : {QString(), QStringLiteral("bench team passphrase")}) {
        const QString mode = passphrase.isEmpty() ? QStringLiteral("in clear") : QStringLiteral("encrypted");
        const QString a = dir.filePath("a-" + mode + ".db"), b = dir.filePath("b-" + mode + ".db"),
                      folder = dir.filePath("TEAM-" + mode);
        std::printf("\n#### Team folder %s\n\n", qPrintable(mode));
        QFile::copy(seeded, a);
        if (!passphrase.isEmpty())
            std::printf("  (init and join derive the key with Argon2id, which uses 256 MiB whatever the register's size)\n");
        step("team init (key, snapshot)", [&] {
            Database db(a);
            team::initTeam(db, folder, "A", passphrase);
        });
        step("team join (key, copy snapshot)", [&] { team::joinTeam(folder, b, "B", passphrase); });
        Database da(a);
        const QList<Row> ids = da.query("SELECT id FROM contractor ORDER BY id");
        std::mt19937 rng(1);
        step("edits on replica A (logged)", [&] {
            da.write([&] {
                for (int i = 0; i < changes; ++i)
                    da.save("contractor", Row{{"id", ids[int(rng() % ids.size())].value("id")},
                                              {"notes", QStringLiteral("edit %1").arg(i)}});
            });
        });
        team::SyncReport out, in;
        step("sync A: write the packages", [&] { out = team::sync(da); });
        qint64 bytes = 0;
        QDirIterator it(folder + "/packages", {"*.cbpkg"}, QDir::Files, QDirIterator::Subdirectories);
        while (it.hasNext()) bytes += QFileInfo(it.next()).size();
        Database db(b);
        const double applyMs = step("sync B: apply the packages", [&] { in = team::sync(db); });
        bench::figure("changes applied per second", in.changesIn / (applyMs / 1000.0), "/s");
        bench::figure("packages' size", bytes / 1024.0, "KiB");
        bench::figure("packages' size per change", double(bytes) / std::max(1, out.changesOut), "bytes");
        team::CompactReport compacted;
        step("sync --compact on A (snapshot, archive)", [&] { compacted = team::compact(da); });
        ok = ok && in.problems.isEmpty() && compacted.sync.problems.isEmpty();
    }
    bench::figure("peak memory of the whole run", std::max(runPeak, stepPeaks ? bench::stepPeakMemoryMiB()
                                                                               : bench::peakMemoryMiB()), "MiB");
    return ok ? 0 : 1;
}
