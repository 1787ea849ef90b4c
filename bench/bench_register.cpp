// Register benchmark: seeding 50,000 contractors, opening that database, searching it.
#include "BenchSupport.h"
#include "contractors/Contractor.h"
#include "demo/DemoSeeder.h"
#include "store/Database.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QTemporaryDir>

int main(int argc, char** argv) {
    QCoreApplication app(argc, argv);
    const int contractors = argc > 1 ? QString::fromLocal8Bit(argv[1]).toInt() : 50000;
    QTemporaryDir dir;
    const QString path = dir.filePath("bench.db");
    std::printf("Register benchmark (%d contractors)\n", contractors);

    cb::SeedSummary summary;
    const double seedMs = bench::millis([&] {
        cb::Database db(path);
        summary = cb::seedDemo(db, {contractors, 42, {}});
    });
    qint64 rows = 0;
    for (auto n : summary.added) rows += n;
    bench::figure("seed (all records, with audit)", seedMs / 1000.0, "s");
    bench::figure("records seeded", rows, "rows");
    bench::figure("database size", QFileInfo(path).size() / 1048576.0, "MiB");

    std::unique_ptr<cb::Database> db;
    bench::figure("open the seeded database", bench::millis([&] { db = std::make_unique<cb::Database>(path); }), "ms");
    cb::ContractorService service(*db);

    // Real values from the seeded data: a code and a postcode that exist, plus name words.
    const QString code = db->scalar("SELECT ods_code FROM contractor ORDER BY rowid LIMIT 1 OFFSET 20000").toString();
    const QString postcode = db->scalar("SELECT postcode FROM contractor ORDER BY rowid LIMIT 1 OFFSET 30000").toString();
    const QStringList searches = {"oakfield", postcode, code, code.left(4), "smith pharmacy", "riverside dental"};
    for (const QString& s : searches) {
        cb::ContractorFilter f;
        f.search = s;
        int found = 0;
        const double ms = bench::millis([&] { found = service.list(f, 0, 100).size(); });
        bench::figure(QStringLiteral("search \"%1\" (first 100 of %2)").arg(s).arg(found), ms, "ms");
    }
    cb::ContractorFilter page;
    bench::figure("first page of the list (100 by name)", bench::millis([&] { service.list(page, 0, 100); }), "ms");
    page.group = "dental";
    page.sortColumn = "postcode";
    bench::figure("filter dental, sort by postcode (100)", bench::millis([&] { service.list(page, 0, 100); }), "ms");
    bench::figure("count dental", bench::millis([&] { service.count(page); }), "ms");
    bench::figure("peak memory", bench::peakMemoryMiB(), "MiB");
    return 0;
}
