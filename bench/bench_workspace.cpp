// Workspace benchmark: the contractor list with 50,000 contractors — first page shown, a filter
// applied, a sort, paging, and the count that runs off the UI thread.
#include "BenchSupport.h"
#include "common/TableModels.h"
#include "common/Workspace.h"
#include "contractors/ContractorList.h"
#include "demo/DemoSeeder.h"

#include <QApplication>
#include <QComboBox>
#include <QLineEdit>
#include <QTemporaryDir>

int main(int argc, char** argv) {
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM")) qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    const int contractors = argc > 1 ? QString::fromLocal8Bit(argv[1]).toInt() : 50000;
    QTemporaryDir dir;
    const QString path = dir.filePath("bench.db");
    std::printf("Workspace benchmark (%d contractors)\n", contractors);
    {
        cb::Database db(path);
        bench::figure("seed", bench::millis([&] { cb::seedDemo(db, {contractors, 42, {}}); }) / 1000.0, "s");
    }
    cb::Database db(path);
    cb::ui::Workspace ws(db);
    std::unique_ptr<cb::ui::ContractorList> list;
    bench::figure("first page of the list shown (UI thread)", bench::millis([&] {
                      list = std::make_unique<cb::ui::ContractorList>(ws);
                      list->resize(1200, 800);
                      list->show();
                      QApplication::processEvents();
                  }),
                  "ms");
    auto* model = list->model();
    bench::figure("count, in the worker thread", bench::millis([&] { model->waitForCount(); }), "ms");
    bench::figure("rows counted", model->totalCount(), "rows");

    auto* group = list->findChild<QComboBox*>("groupFilter");
    bench::figure("apply filter: group = dental (UI thread)",
                  bench::millis([&] { group->setCurrentIndex(group->findData("dental")); }), "ms");
    model->waitForCount();
    bench::figure("dental contractors counted", model->totalCount(), "rows");
    group->setCurrentIndex(0);
    auto* search = list->findChild<QLineEdit*>("contractorFilter");
    search->setText("oakfield");
    bench::figure("apply type-to-filter \"oakfield\" (UI thread)", bench::millis([&] { list->applyFilter(); }), "ms");
    search->setText("TS18");
    bench::figure("apply type-to-filter \"TS18\" (UI thread)", bench::millis([&] { list->applyFilter(); }), "ms");
    search->clear();
    list->applyFilter();
    bench::figure("sort by postcode, descending (UI thread)",
                  bench::millis([&] { model->sort(4, Qt::DescendingOrder); }), "ms");
    double worst = 0;
    const double all = bench::millis([&] {
        for (int i = 0; i < 20 && model->canFetchMore({}); ++i)
            worst = std::max(worst, bench::millis([&] { model->fetchMore({}); }));
    });
    bench::figure("scroll: 20 further pages of 200, total", all, "ms");
    bench::figure("scroll: slowest page", worst, "ms");
    bench::figure("peak memory", bench::peakMemoryMiB(), "MiB");
    return 0;
}
