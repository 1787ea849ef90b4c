// One measured step of the JSON exchange at a time, core only (no GUI), for profiling by hand with
// perf and for quick figures while the full `make bench` is too slow to iterate on:
//   casebook-bench-json seed N DB | export DB FILE | import FILE DB | dbstat DB
// Prints the step's CPU seconds and the process's peak memory (VmHWM). Figures, never assertions.
#include "BenchSupport.h"

#include "demo/DemoSeeder.h"
#include "exchange/RecordExchange.h"
#include "store/Database.h"

#include <QCoreApplication>
#include <ctime>

using namespace cb;

namespace {
double cpuSeconds() {
    timespec ts{};
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return double(ts.tv_sec) + double(ts.tv_nsec) / 1e9;
}
double peakMiB() {
    QFile status(QStringLiteral("/proc/self/status"));
    if (status.open(QIODevice::ReadOnly))
        for (const QByteArray& line : status.readAll().split('\n'))
            if (line.startsWith("VmHWM:")) return line.mid(6).trimmed().split(' ').value(0).toDouble() / 1024.0;
    return -1;
}
} // namespace

int main(int argc, char** argv) {
    QCoreApplication app(argc, argv);
    const QStringList a = app.arguments();
    const QString step = a.value(1);
    const double start = cpuSeconds();
    if (step == QLatin1String("seed") && a.size() == 4) {
        Database db(a[3]);
        seedDemo(db, SeedOptions{a[2].toInt(), 42, {}});
    } else if (step == QLatin1String("export") && a.size() == 4) {
        Database db(a[2]);
        exchange::ExportOptions o;
        o.includeConfidential = true;
        exchange::exportJson(db, a[3], o);
    } else if (step == QLatin1String("import") && a.size() == 4) {
        Database db(a[3]);
        const exchange::ImportSummary s = exchange::ImportJob::json(a[2]).commit(db);
        std::printf("added %d, rejected %d\n", s.added(), s.rejected());
    } else if (step == QLatin1String("dbstat") && a.size() == 3) {
        // What takes the space, table by table and index by index (SQLite's dbstat, when compiled in).
        Database db(a[2], Database::Access::ReadOnly);
        for (const Row& r : db.query(QStringLiteral("SELECT name, sum(pgsize) AS bytes, count(*) AS pages FROM dbstat "
                                                    "GROUP BY name ORDER BY bytes DESC")))
            bench::figure(r.value("name").toString(), r.value("bytes").toDouble() / 1048576.0, "MiB");
        return 0;
    } else {
        std::fprintf(stderr, "usage: casebook-bench-json seed N DB | export DB FILE | import FILE DB | dbstat DB\n");
        return 2;
    }
    bench::figure(step + QStringLiteral(" CPU"), cpuSeconds() - start, "s");
    bench::figure(step + QStringLiteral(" peak memory"), peakMiB(), "MiB");
    return 0;
}
