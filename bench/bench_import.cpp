// casebook-bench-import: the CPU time of importing an ODS extract (default: the real epraccur in
// ../shared/data/ods) beside sqlite3's own `.import` of the same file into a plain table (issue 13:
// the import should take at most 3 times sqlite3's). Both are measured in rounds, sqlite3 then
// Casebook, each in a new process of its own into a new, empty database: every figure is a first
// import, and the medians of the rounds (five unless asked) are compared, so one slow moment of a
// shared machine does not decide the ratio; the lowest and highest ratio of the rounds are shown too.
// Then the time and peak memory of importing (and, if asked, previewing) a 1,000,000-row extract made
// from the same file's rows with new codes (issue 16: the importers stream, so memory stays bounded;
// at most 150 MiB), each in a child process so its peak is its own.
// Prints figures; asserts nothing.
//
//     casebook-bench-import [FILE.csv]
//     CASEBOOK_BENCH_ROUNDS=N casebook-bench-import     (rounds side by side with sqlite3; 5 unless set)
//     CASEBOOK_BENCH_BIG_ROWS=N casebook-bench-import   (rows of the big file; 0 leaves it out)
//     CASEBOOK_BENCH_BIG_PREVIEW=1 casebook-bench-import   (the big file previewed too, before its import)
#include "BenchSupport.h"

#include "exchange/Import.h"
#include "store/Database.h"

#include <QCoreApplication>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QTemporaryDir>
#include <algorithm>
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

// An ODS extract of `rows` rows, the rows of `source` over and over, each with a code of its own
// (a letter and five digits, as practice codes are), written line by line.
bool writeBigExtract(const QString& source, const QString& target, int rows) {
    QFile in(source);
    if (!in.open(QIODevice::ReadOnly)) return false;
    QList<QByteArray> lines;
    while (!in.atEnd()) {
        QByteArray line = in.readLine().trimmed();
        const int comma = line.indexOf(',');
        if (comma > 0) lines << line.mid(comma); // everything after the code
    }
    QFile out(target);
    if (lines.isEmpty() || !out.open(QIODevice::WriteOnly)) return false;
    QByteArray buffer;
    for (int i = 0; i < rows; ++i) {
        buffer += '"';
        buffer += char('A' + i / 100000);
        buffer += QByteArray::number(i % 100000).rightJustified(5, '0');
        buffer += '"';
        buffer += lines.at(i % lines.size());
        buffer += "\r\n";
        if (buffer.size() > (1 << 20)) {
            out.write(buffer);
            buffer.clear();
        }
    }
    out.write(buffer);
    return true;
}

// The child: previews or imports FILE into a new register at DB, printing what it found or did.
int importInChild(const QString& file, const QString& dbPath, bool keep) {
    cb::FixedClock clock(QDate(2026, 11, 22));
    cb::Database db(dbPath);
    db.setClock(&clock);
    db.setActor(QStringLiteral("bench"));
    auto job = cb::exchange::ImportJob::ods({file});
    const auto s = keep ? job.commit(db) : job.preview(db);
    std::printf("%d %d %d\n", s.added(), s.skipped(), s.rejected());
    return 0;
}

// The child of one round side by side with sqlite3: a new register at DB (not measured), then the
// import of FILE into it, the same file again (changing nothing) and its preview, each's CPU time.
int sideBySideChild(const QString& file, const QString& dbPath) {
    cb::FixedClock clock(QDate(2026, 11, 22));
    cb::Database db(dbPath);
    db.setClock(&clock);
    db.setActor(QStringLiteral("bench"));
    double wallMs = 0;
    const double importCpu =
        cpu([&] { wallMs = bench::millis([&] { cb::exchange::ImportJob::ods({file}).commit(db); }); });
    const double againCpu = cpu([&] { cb::exchange::ImportJob::ods({file}).commit(db); });
    const double previewCpu = cpu([&] { cb::exchange::ImportJob::ods({file}).preview(db); });
    std::printf("%f %f %f %f\n", importCpu * 1e3, wallMs, againCpu * 1e3, previewCpu * 1e3);
    return 0;
}

// sqlite3's own import of FILE into a plain table of a new database at DB: its CPU time in ms, or
// a negative number when sqlite3 cannot be run.
double sqliteImportMs(const QString& file, const QString& dbPath) {
    const double childBefore = cpuSeconds(RUSAGE_CHILDREN);
    QProcess sqlite;
    sqlite.start(QStringLiteral("sqlite3"), {dbPath});
    if (!sqlite.waitForStarted()) return -1;
    QStringList cols;
    for (int i = 1; i <= 27; ++i) cols << QStringLiteral("f%1").arg(i);
    sqlite.write(QStringLiteral("CREATE TABLE t(%1);\n.mode csv\n.import '%2' t\n.quit\n")
                     .arg(cols.join(QLatin1Char(',')), file)
                     .toUtf8());
    sqlite.closeWriteChannel();
    sqlite.waitForFinished(-1);
    return (cpuSeconds(RUSAGE_CHILDREN) - childBefore) * 1e3;
}

double median(const std::vector<double>& v) { return bench::percentile(v, 0.5); }

struct ChildRun {
    bool ok = false;
    QStringList counts; // the words it printed: added, skipped, rejected (a side-by-side round: its four times)
    double cpuMs = 0, wallMs = 0, peakMiB = 0;
};

// This program again as a child with `args`: its own CPU time and peak memory (the preview's and the
// import's apart), and the counts it printed.
ChildRun runChild(const QStringList& args, const QString& outputFile) {
    const bench::Spawned run = bench::spawnSelf(args, outputFile);
    ChildRun r;
    r.wallMs = run.wallSeconds * 1e3;
    r.cpuMs = run.cpuSeconds * 1e3;
    r.peakMiB = run.peakMiB;
    QFile f(outputFile);
    if (run.ok && f.open(QIODevice::ReadOnly)) r.counts = QString::fromLatin1(f.readAll()).trimmed().split(QLatin1Char(' '));
    r.ok = run.ok && r.counts.size() >= 3;
    return r;
}

// The big extract imported (and previewed first, if asked), each into a new register in a child of
// its own. This is make bench's one file of a million rows (casebook-bench-scale's table covers
// 10,000 to 100,000).
void bigImport(const QString& source, QTemporaryDir& dir) {
    const int rows = qEnvironmentVariableIsSet("CASEBOOK_BENCH_BIG_ROWS")
                         ? qEnvironmentVariableIntValue("CASEBOOK_BENCH_BIG_ROWS") : 1'000'000;
    if (rows <= 0) return;
    const QString big = dir.filePath(QStringLiteral("big-extract.csv"));
    if (!writeBigExtract(source, big, rows)) {
        std::printf("  could not write the big extract: left out.\n");
        return;
    }
    std::printf("## Importing %d rows (%.0f MiB) in bounded memory\n", rows,
                QFileInfo(big).size() / 1048576.0);
    const QString output = dir.filePath(QStringLiteral("child-output.txt"));
    // The preview is the same work rolled back (65 s for this file on the 2-core machine): measured
    // when asked, so that make bench stays under 10 minutes.
    if (qEnvironmentVariableIntValue("CASEBOOK_BENCH_BIG_PREVIEW") == 1) {
        const ChildRun preview = runChild({QStringLiteral("--preview-child"), big, dir.filePath(QStringLiteral("preview.db"))}, output);
        if (!preview.ok) {
            std::printf("  the preview failed\n");
            return;
        }
        bench::figure(QStringLiteral("preview (CPU)"), preview.cpuMs, QStringLiteral("ms"));
        bench::figure(QStringLiteral("peak memory of the preview (target at most 150)"), preview.peakMiB, QStringLiteral("MiB"));
    }
    const ChildRun import = runChild({QStringLiteral("--import-child"), big, dir.filePath(QStringLiteral("big.db"))}, output);
    if (!import.ok) {
        std::printf("  the import failed\n");
        return;
    }
    bench::figure(QStringLiteral("rows added"), import.counts.at(0).toDouble(), QString());
    bench::figure(QStringLiteral("rows skipped (outside the area, not practices)"), import.counts.at(1).toDouble(), QString());
    bench::figure(QStringLiteral("import (CPU)"), import.cpuMs, QStringLiteral("ms"));
    bench::figure(QStringLiteral("  the same, wall clock"), import.wallMs, QStringLiteral("ms"));
    bench::figure(QStringLiteral("peak memory of the import (target at most 150)"), import.peakMiB, QStringLiteral("MiB"));
}

} // namespace

int main(int argc, char** argv) {
    QCoreApplication app(argc, argv);
    if (argc == 4 && QByteArray(argv[1]) == "--side-by-side-child")
        return sideBySideChild(QString::fromLocal8Bit(argv[2]), QString::fromLocal8Bit(argv[3]));
    if (argc == 4 && (QByteArray(argv[1]) == "--import-child" || QByteArray(argv[1]) == "--preview-child"))
        return importInChild(QString::fromLocal8Bit(argv[2]), QString::fromLocal8Bit(argv[3]),
                             QByteArray(argv[1]) == "--import-child");
    QString file = argc > 1 ? QString::fromLocal8Bit(argv[1])
                            : QStringLiteral(CASEBOOK_SHARED_DATA_DIR "/ods/epraccur.csv");
    if (!QFileInfo::exists(file)) {
        std::printf("casebook-bench-import: %s is absent; give an ODS extract to measure.\n", qPrintable(file));
        return 0;
    }
    QTemporaryDir dir;
    std::printf("## ODS import beside sqlite3 .import: %s\n", qPrintable(QFileInfo(file).fileName()));

    const int rounds = qEnvironmentVariableIsSet("CASEBOOK_BENCH_ROUNDS")
                           ? std::max(1, qEnvironmentVariableIntValue("CASEBOOK_BENCH_ROUNDS")) : 5;
    const QString output = dir.filePath(QStringLiteral("child-output.txt"));
    std::vector<double> sqliteMs, importMs, wallMs, againMs, previewMs, ratios;
    double peakMiB = 0;
    for (int round = 0; round < rounds; ++round) {
        const double plain = sqliteImportMs(file, dir.filePath(QStringLiteral("plain-%1.db").arg(round)));
        if (plain < 0) {
            std::printf("  sqlite3 is not installed: nothing to compare with.\n");
            return 0;
        }
        const ChildRun run = runChild({QStringLiteral("--side-by-side-child"), file,
                                       dir.filePath(QStringLiteral("casebook-%1.db").arg(round))}, output);
        if (!run.ok || run.counts.size() < 4) {
            std::printf("  the import failed\n");
            return 1;
        }
        sqliteMs.push_back(plain);
        importMs.push_back(run.counts.at(0).toDouble());
        wallMs.push_back(run.counts.at(1).toDouble());
        againMs.push_back(run.counts.at(2).toDouble());
        previewMs.push_back(run.counts.at(3).toDouble());
        ratios.push_back(plain > 0 ? importMs.back() / plain : 0);
        peakMiB = std::max(peakMiB, run.peakMiB);
    }
    const double plain = median(sqliteMs), ours = median(importMs);
    std::printf("  %d rounds, each import the first of a new process into a new database: the rounds' medians\n",
                rounds);
    bench::figure(QStringLiteral("sqlite3 .import (CPU)"), plain, QStringLiteral("ms"));
    bench::figure(QStringLiteral("Casebook import into an empty register (CPU)"), ours, QStringLiteral("ms"));
    bench::figure(QStringLiteral("  the same, wall clock"), median(wallMs), QStringLiteral("ms"));
    const QString times = QStringLiteral("x");
    bench::figure(QStringLiteral("  ratio to sqlite3 (target at most 3)"), plain > 0 ? ours / plain : 0, times);
    bench::figure(QStringLiteral("  ratio, lowest round"), *std::min_element(ratios.cbegin(), ratios.cend()), times);
    bench::figure(QStringLiteral("  ratio, highest round"), *std::max_element(ratios.cbegin(), ratios.cend()), times);
    bench::figure(QStringLiteral("re-import that changes nothing (CPU)"), median(againMs), QStringLiteral("ms"));
    bench::figure(QStringLiteral("preview (CPU)"), median(previewMs), QStringLiteral("ms"));
    bench::figure(QStringLiteral("peak memory of the importing process"), peakMiB, QStringLiteral("MiB"));
    bigImport(file, dir);
    return 0;
}
