// Import benchmark: the real ODS extracts and payments file through Casebook's importers (parse,
// validate, upsert, audit, FTS), side by side with sqlite3's own .import of the same file into a
// plain table -- the floor for "get these rows into SQLite".
#include "BenchSupport.h"
#include "exchange/Import.h"
#include "store/Database.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QProcess>
#include <QTemporaryDir>

namespace {

// Seconds sqlite3's CLI takes to .import the file into a new plain table (-1 if sqlite3 is missing).
double sqliteImportSeconds(const QString& file, const QString& dir, bool hasHeader) {
    const QString db = QDir(dir).filePath(QStringLiteral("plain-%1.db").arg(QFileInfo(file).baseName()));
    QFile::remove(db);
    // --csv .import creates the table from the first row when it does not exist; a header-less
    // ODS file therefore gets a table made first.
    QString script;
    if (!hasHeader) {
        QStringList cols;
        for (int i = 1; i <= 27; ++i) cols << QStringLiteral("f%1 TEXT").arg(i);
        script += QStringLiteral("CREATE TABLE t(%1);\n").arg(cols.join(','));
    }
    script += QStringLiteral(".import --csv '%1' t\n").arg(file);
    QProcess p;
    double ms = bench::millis([&] {
        p.start(QStringLiteral("sqlite3"), {db});
        p.waitForStarted();
        p.write(script.toUtf8());
        p.closeWriteChannel();
        p.waitForFinished(120000);
    });
    if (p.exitStatus() != QProcess::NormalExit || p.exitCode() != 0) return -1;
    return ms / 1000.0;
}

} // namespace

int main(int argc, char** argv) {
    QCoreApplication app(argc, argv);
    QString dir = qEnvironmentVariable("CASEBOOK_SHARED_DATA");
    if (dir.isEmpty()) dir = QStringLiteral(CASEBOOK_SHARED_DATA_DIR);
    dir += QStringLiteral("/ods");
    std::printf("Import benchmark (real NHS files from %s)\n", qPrintable(QDir::cleanPath(dir)));
    if (!QFileInfo(dir).isDir()) {
        std::printf("  SKIPPED: the shared data folder is absent.\n");
        return 0;
    }
    QTemporaryDir temp;
    cb::Database db(temp.filePath(QStringLiteral("bench.db")));
    struct Step {
        QString file;
        bool payments;
    };
    const QList<Step> steps = {{QStringLiteral("epraccur.csv"), false},
                               {QStringLiteral("edispensary-sample.csv"), false},
                               {QStringLiteral("payments-to-general-practice-2019-20.csv"), true}};
    for (const Step& s : steps) {
        const QString path = QDir(dir).filePath(s.file);
        cb::exchange::ImportSummary summary;
        const double ms = bench::millis([&] {
            auto job = s.payments ? cb::exchange::ImportJob::payments(path) : cb::exchange::ImportJob::ods({path});
            summary = job.commit(db);
        });
        const int rows = summary.files.isEmpty() ? 0 : summary.files.first().rows;
        const double plain = sqliteImportSeconds(path, temp.path(), s.payments);
        std::printf("%s: %d rows (new %d, updated %d, unchanged %d, skipped %d, rejected %d)\n", qPrintable(s.file),
                    rows, summary.added(), summary.updated(), summary.unchanged(), summary.skipped(),
                    summary.rejected());
        bench::figure(QStringLiteral("Casebook import (first time)"), ms / 1000.0, "s");
        bench::figure(QStringLiteral("sqlite3 .import into a plain table"), plain, "s");
        if (plain > 0) bench::figure(QStringLiteral("ratio Casebook / sqlite3"), ms / 1000.0 / plain, "x");
        const double againMs = bench::millis([&] {
            auto job = s.payments ? cb::exchange::ImportJob::payments(path) : cb::exchange::ImportJob::ods({path});
            summary = job.commit(db);
        });
        bench::figure(QStringLiteral("Casebook re-import (nothing changes)"), againMs / 1000.0, "s");
        const double previewMs = bench::millis([&] {
            auto job = s.payments ? cb::exchange::ImportJob::payments(path) : cb::exchange::ImportJob::ods({path});
            summary = job.preview(db);
        });
        bench::figure(QStringLiteral("Casebook preview (dry run)"), previewMs / 1000.0, "s");
    }
    bench::figure("peak memory", bench::peakMemoryMiB(), "MiB");
    return 0;
}
