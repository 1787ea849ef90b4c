// casebook-bench-import: the CPU time of importing an ODS extract (default: the real epraccur in
// ../shared/data/ods) beside sqlite3's own `.import` of the same file into a plain table (issue 13:
// the import should take at most 3 times sqlite3's). Prints figures; asserts nothing.
//
//     casebook-bench-import [FILE.csv]
#include "BenchSupport.h"

#include "exchange/Import.h"
#include "store/Database.h"

#include <QCoreApplication>
#include <QFileInfo>
#include <QProcess>
#include <QTemporaryDir>
#include <cstdio>
#include <sys/resource.h>

namespace {

double cpuSeconds(int who) {
    rusage u{};
    getrusage(who, &u);
    return u.ru_utime.tv_sec + u.ru_utime.tv_usec / 1e6 + u.ru_stime.tv_sec + u.ru_stime.tv_usec / 1e6;
}

template <class F> double cpu(F&& f) {
    const double before = cpuSeconds(RUSAGE_SELF);
    f();
    return cpuSeconds(RUSAGE_SELF) - before;
}

} // namespace

int main(int argc, char** argv) {
    QCoreApplication app(argc, argv);
    QString file = argc > 1 ? QString::fromLocal8Bit(argv[1])
                            : QStringLiteral(CASEBOOK_SHARED_DATA_DIR "/ods/epraccur.csv");
    if (!QFileInfo::exists(file)) {
        std::printf("casebook-bench-import: %s is absent; give an ODS extract to measure.\n", qPrintable(file));
        return 0;
    }
    QTemporaryDir dir;
    std::printf("## ODS import beside sqlite3 .import: %s\n", qPrintable(QFileInfo(file).fileName()));

    // sqlite3's own import into a plain table: the child's CPU time.
    const double childBefore = cpuSeconds(RUSAGE_CHILDREN);
    QProcess sqlite;
    sqlite.start(QStringLiteral("sqlite3"), {dir.filePath(QStringLiteral("plain.db"))});
    if (!sqlite.waitForStarted()) {
        std::printf("  sqlite3 is not installed: nothing to compare with.\n");
        return 0;
    }
    sqlite.write(QStringLiteral("CREATE TABLE t(%1);\n.mode csv\n.import '%2' t\n.quit\n")
                     .arg([] {
                         QStringList cols;
                         for (int i = 1; i <= 27; ++i) cols << QStringLiteral("f%1").arg(i);
                         return cols.join(QLatin1Char(','));
                     }(), file)
                     .toUtf8());
    sqlite.closeWriteChannel();
    sqlite.waitForFinished(-1);
    const double sqliteCpu = cpuSeconds(RUSAGE_CHILDREN) - childBefore;

    cb::FixedClock clock(QDate(2026, 11, 22));
    cb::Database db(dir.filePath(QStringLiteral("casebook.db")));
    db.setClock(&clock);
    db.setActor(QStringLiteral("bench"));
    double importMs = 0;
    const double importCpu = cpu([&] { importMs = bench::millis([&] { cb::exchange::ImportJob::ods({file}).commit(db); }); });
    const double againCpu = cpu([&] { cb::exchange::ImportJob::ods({file}).commit(db); });
    const double previewCpu = cpu([&] { cb::exchange::ImportJob::ods({file}).preview(db); });

    bench::figure(QStringLiteral("sqlite3 .import (CPU)"), sqliteCpu * 1000, QStringLiteral("ms"));
    bench::figure(QStringLiteral("Casebook import into an empty register (CPU)"), importCpu * 1000, QStringLiteral("ms"));
    bench::figure(QStringLiteral("  the same, wall clock"), importMs, QStringLiteral("ms"));
    bench::figure(QStringLiteral("  ratio to sqlite3 (target at most 3)"), sqliteCpu > 0 ? importCpu / sqliteCpu : 0, QStringLiteral("x"));
    bench::figure(QStringLiteral("re-import that changes nothing (CPU)"), againCpu * 1000, QStringLiteral("ms"));
    bench::figure(QStringLiteral("preview (CPU)"), previewCpu * 1000, QStringLiteral("ms"));
    bench::figure(QStringLiteral("peak memory"), bench::peakMemoryMiB(), QStringLiteral("MiB"));
    return 0;
}
