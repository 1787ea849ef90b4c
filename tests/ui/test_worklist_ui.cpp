// Widget tests for the worklist home screen and the dashboard.
#include "../core/ConcernFixtures.h"
#include "LpnFixture.h"
#include "TestSupport.h"
#include "lpn/NetworksPage.h"
#include "common/Ask.h"
#include "common/RecordForm.h"
#include "common/Workspace.h"
#include "contractors/PracticeFile.h"
#include "dashboard/Chart.h"
#include "dashboard/DashboardPage.h"
#include "demo/DemoSeeder.h"
#include "shell/MainWindow.h"
#include "store/Settings.h"
#include "worklist/WorklistModel.h"
#include "worklist/WorklistPage.h"
#include "worklist/WorklistSettingsForm.h"

#include <QAbstractItemModelTester>
#include <QComboBox>
#include <QCoreApplication>
#include <QFileInfo>
#include <QImage>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QListWidget>
#include <QMenu>
#include <QProcess>
#include <QSpinBox>
#include <QTabWidget>
#include <QTest>
#include <QTreeView>

using namespace cb;
using namespace cb::ui;

namespace {

// A practice with a remedial notice ending in 4 days and an overdue concern action; a network
// whose chair's term ends in 70 days. Today is 22/11/2026.
struct Morning {
    cbtest::LpnFixture lpn;
    Database& db = lpn.t.db();
    Contractor practice = cbtest::makePractice(db);
    Concern concern;
    Morning() {
        cbtest::makeEvent(db, cbtest::makeContract(db, practice), "remedial_notice", QDate(2026, 10, 29)); // ends 26/11
        ConcernService s(db);
        concern = s.create(cbtest::newConcern(db, practice.id));
        s.addAction({QString(), concern.id, "Send call data", "Sam Caseworker", QDate(2026, 11, 20), {}, {}});
        lpn.seat(lpn.member("Daniel", "Khan"), lpn.core, "chair", QDate(2024, 2, 1), QDate(2027, 1, 31));
    }
};

QModelIndex findItem(WorklistModel* model, const QString& titleStart) {
    for (int g = 0; g < model->rowCount(); ++g) {
        const QModelIndex group = model->index(g, 0);
        for (int r = 0; r < model->rowCount(group); ++r)
            if (model->index(r, 0, group).data().toString().startsWith(titleStart)) return model->index(r, 0, group);
    }
    return {};
}

struct Answers {
    Answers() {
        previous = Ask::setHandler([this](QWidget*, const Question& q) {
            asked << q;
            return 0;
        });
    }
    ~Answers() { Ask::setHandler(previous); }
    QList<Question> asked;
    Ask::Handler previous;
};

} // namespace

TEST_CASE("the worklist is the home screen, grouped and counted, with its count in the navigation", "[gui][worklist]") {
    Morning m;
    Workspace ws(m.db);
    MainWindow window(ws);
    window.show();
    REQUIRE(QTest::qWaitForWindowExposed(&window));
    REQUIRE(window.currentPage() == "worklist");
    auto* page = qobject_cast<WorklistPage*>(window.page("worklist"));
    REQUIRE(page);
    WorklistModel* model = page->model();
    QAbstractItemModelTester tester(model, QAbstractItemModelTester::FailureReportingMode::Warning);

    auto* nav = window.findChild<QListWidget*>("navigation");
    REQUIRE(nav->item(0)->text() == "Worklist  (3)");
    REQUIRE(nav->item(0)->toolTip().contains("Concern actions due: 1"));
    REQUIRE(nav->item(0)->toolTip().contains("LPN terms and declarations: 1"));

    REQUIRE(model->rowCount() == 3);
    // Grouped by urgency: what is late, what falls due this week, the rest.
    REQUIRE(model->index(0, 0).data().toString() == "Overdue — 1");
    REQUIRE(model->index(1, 0).data().toString() == "Due this week — 1");
    REQUIRE(model->index(2, 0).data().toString() == "Later, or no deadline — 1");

    // Overdue is said in words and shown with an icon, not by colour alone.
    const QModelIndex action = findItem(model, "Send call data");
    REQUIRE(action.isValid());
    REQUIRE(action.siblingAtColumn(WorklistModel::WhenColumn).data().toString() == "Overdue, 2 days ago");
    REQUIRE_FALSE(action.data(Qt::DecorationRole).value<QIcon>().isNull());
    REQUIRE(action.data(Qt::AccessibleTextRole).toString().startsWith("Overdue: "));
    const QModelIndex notice = findItem(model, "Remedial notice period ends");
    REQUIRE(notice.siblingAtColumn(WorklistModel::WhenColumn).data().toString() == "In 4 days");
    REQUIRE(notice.data(Qt::DecorationRole).value<QIcon>().isNull());
    REQUIRE(page->view()->currentIndex() == action); // starts on the first item
}

TEST_CASE("Enter on a worklist item opens its record", "[gui][worklist]") {
    Morning m;
    Workspace ws(m.db);
    MainWindow window(ws);
    window.show();
    REQUIRE(QTest::qWaitForWindowExposed(&window));
    auto* page = qobject_cast<WorklistPage*>(window.page("worklist"));
    QTreeView* view = page->view();

    SECTION("a notice opens the practice file on its contracts") {
        view->setCurrentIndex(findItem(page->model(), "Remedial notice period ends"));
        view->setFocus();
        QTest::keyClick(view, Qt::Key_Return);
        REQUIRE(window.currentPage() == "practice");
        REQUIRE(window.practiceFile()->contractorId() == m.practice.id);
        REQUIRE(window.practiceFile()->tabs()->currentIndex() == window.practiceFile()->tabIds().indexOf("contracts"));
    }
    SECTION("a concern action opens the practice file") {
        view->setCurrentIndex(findItem(page->model(), "Send call data"));
        QTest::keyClick(view, Qt::Key_Enter);
        REQUIRE(window.currentPage() == "practice");
        REQUIRE(window.practiceFile()->contractorId() == m.practice.id);
    }
    SECTION("an LPN item opens its network's roster review on the Networks page") {
        view->setCurrentIndex(findItem(page->model(), "Term ending: Daniel Khan"));
        QTest::keyClick(view, Qt::Key_Return);
        REQUIRE(window.currentPage() == "networks");
        auto* networks = qobject_cast<NetworksPage*>(window.page("networks"));
        REQUIRE(networks);
        QWidget* current = networks->tabs()->currentWidget();
        REQUIRE((current == networks->reviewView() || current->isAncestorOf(networks->reviewView())));
    }
    SECTION("Ctrl+0 comes back to the worklist") {
        window.openContractor(m.practice.id);
        QTest::keyClick(&window, Qt::Key_0, Qt::ControlModifier);
        REQUIRE(QTest::qWaitFor([&] { return window.currentPage() == "worklist"; }));
    }
}

TEST_CASE("the worklist refreshes when records change and on F5", "[gui][worklist]") {
    Morning m;
    Workspace ws(m.db);
    MainWindow window(ws);
    auto* page = qobject_cast<WorklistPage*>(window.page("worklist"));
    auto* nav = window.findChild<QListWidget*>("navigation");
    REQUIRE(page->model()->items().size() == 3);

    // Completed elsewhere: the item goes once the change is announced.
    const QString actionId = ConcernService(m.db).actions(m.concern.id).first().id;
    ConcernService(m.db).completeAction(actionId, QDate(2026, 11, 22), "Received");
    ws.notifyChanged(m.practice.id);
    REQUIRE(QTest::qWaitFor([&] { return page->model()->items().size() == 2; }));
    REQUIRE(nav->item(0)->text() == "Worklist  (2)");

    // Changed by other means (another caseworker): F5 (Records > Refresh) picks it up.
    ConcernService(m.db).addAction({QString(), m.concern.id, "Call the practice", "Sam Caseworker", QDate(2026, 11, 24), {}, {}});
    QAction* refresh = nullptr;
    for (QAction* a : window.menu("records")->actions())
        if (a->shortcut() == QKeySequence(Qt::Key_F5)) refresh = a;
    REQUIRE(refresh);
    refresh->trigger();
    REQUIRE(QTest::qWaitFor([&] { return page->model()->items().size() == 3; }));
}

TEST_CASE("the screen shows the same items, in the same order, as the CLI report", "[gui][worklist]") {
    cbtest::TempDb t;
    t.db().setClock(&Clock::system()); // casebook-cli reads the system clock
    SeedOptions seed;
    seed.contractors = 120;
    seedDemo(t.db(), seed);
    Workspace ws(t.db());
    WorklistPage page(ws);
    const QList<WorklistItem> shown = page.model()->shownItems();
    REQUIRE(shown.size() > 5);
    const QJsonArray fromScreen = worklistReport(shown).toJson();
    REQUIRE(fromScreen == worklistReport(todaysWorklist(t.db())).toJson());

    const QString cli = QCoreApplication::applicationDirPath() + "/../app/casebook-cli";
    if (!QFileInfo::exists(cli)) {
        WARN("Skipped the casebook-cli comparison: " << cli.toStdString() << " is not built");
        return;
    }
    QProcess p;
    p.start(cli, {"--db", t.path(), "report", "worklist", "--format", "json"});
    REQUIRE(p.waitForFinished(60000));
    REQUIRE(p.exitCode() == 0);
    const QJsonArray fromCli = QJsonDocument::fromJson(p.readAllStandardOutput()).array();
    REQUIRE(fromCli.size() == shown.size());
    for (int i = 0; i < shown.size(); ++i) {
        INFO(i);
        REQUIRE(fromCli.at(i).toObject().value("title").toString() == shown.at(i).title);
        REQUIRE(fromCli.at(i).toObject().value("record_id").toString() == shown.at(i).recordId);
    }
    REQUIRE(fromCli == fromScreen);
}

TEST_CASE("worklist thresholds are edited in a form and the list follows them", "[gui][worklist]") {
    Morning m;
    Workspace ws(m.db);
    WorklistPage page(ws);
    REQUIRE(findItem(page.model(), "Term ending: Daniel Khan").isValid());
    const RecordForm::Runner previous = RecordForm::setRunner([](RecordForm& form) {
        auto& f = dynamic_cast<WorklistSettingsForm&>(form);
        REQUIRE(f.spinFor("worklist.lpn_term_days")->value() == 90);
        f.spinFor("worklist.lpn_term_days")->setValue(60); // the term ends in 70 days
        REQUIRE(form.save());
        return int(QDialog::Accepted);
    });
    page.editThresholds();
    RecordForm::setRunner(previous);
    Settings settings(m.db);
    REQUIRE(settings.integer("worklist.lpn_term_days", 0) == 60);
    REQUIRE(QTest::qWaitFor([&] { return !findItem(page.model(), "Term ending: Daniel Khan").isValid(); }));

    WorklistSettingsForm form(ws);
    form.restoreDefaults();
    REQUIRE(form.spinFor("worklist.lpn_term_days")->value() == 90);
    REQUIRE(form.spinFor("worklist.procurement_months")->suffix() == " months");
}

TEST_CASE("the dashboard builds its charts, filters them and exports PNG and PDF", "[gui][dashboard]") {
    cbtest::TempDb t;
    SeedOptions seed;
    seed.contractors = 150;
    seedDemo(t.db(), seed);
    Workspace ws(t.db());
    DashboardPage page(ws);
    page.resize(1200, 900);
    page.show();
    REQUIRE(QTest::qWaitForWindowExposed(&page));

    const auto charts = page.charts();
    REQUIRE(charts.size() == 5);
    const QList<ChartSpec> expected = buildDashboard(t.db(), t.clock.today(), {});
    for (int i = 0; i < charts.size(); ++i) {
        INFO(expected.at(i).id.toStdString());
        REQUIRE(charts.at(i)->spec().title == expected.at(i).title);
        REQUIRE(charts.at(i)->spec().series.first().values == expected.at(i).series.first().values);
        REQUIRE(charts.at(i)->seriesDrawn() == expected.at(i).series.size() + (expected.at(i).reference ? 1 : 0));
        REQUIRE_FALSE(charts.at(i)->accessibleDescription().isEmpty());
    }
    REQUIRE(charts.at(0)->spec().total() > 100); // every open contractor
    REQUIRE(charts.at(3)->spec().reference);      // the 96% line

    // Filtering by group narrows every chart to that group.
    auto* group = page.findChild<QComboBox*>("dashboardGroup");
    group->setCurrentIndex(group->findData("dental"));
    REQUIRE(page.filter().group == "dental");
    REQUIRE(charts.at(0)->spec().categories == QStringList{"Dental"});
    REQUIRE(charts.at(0)->spec().total() == contractorsByTier(t.db(), {"dental", {}}).total());
    auto* commissioner = page.findChild<QComboBox*>("dashboardCommissioner");
    REQUIRE(commissioner->count() > 1);
    page.setFilter({{}, commissioner->itemData(1).toString()});
    REQUIRE(charts.at(0)->spec().total() == contractorsByTier(t.db(), {{}, commissioner->itemData(1).toString()}).total());
    REQUIRE(charts.at(0)->spec().total() < expected.at(0).total());

    const QString png = t.file("tiers.png");
    QString error;
    REQUIRE(page.exportChartPng(0, png, &error));
    REQUIRE(QFileInfo(png).size() > 0);
    QImage image(png);
    REQUIRE_FALSE(image.isNull());
    REQUIRE(image.size() == QSize(1200, 800));
    REQUIRE(image.pixelColor(3, 3) == QColor(Qt::white)); // print colours whatever the screen

    const QString pdf = t.file("dashboard.pdf");
    REQUIRE(page.exportPdf(pdf, &error));
    QFile f(pdf);
    REQUIRE(f.open(QIODevice::ReadOnly));
    const QByteArray bytes = f.readAll();
    REQUIRE(bytes.startsWith("%PDF"));
    REQUIRE(bytes.size() > 2000);

    // Writing where it cannot: a clear error and no file.
    const QString nowhere = t.file("missing-folder/chart.png");
    REQUIRE_FALSE(page.exportChartPng(0, nowhere, &error));
    REQUIRE(error.startsWith("Cannot write"));
    REQUIRE_FALSE(QFileInfo::exists(nowhere));
    REQUIRE_FALSE(page.exportPdf(t.file("missing-folder/d.pdf"), &error));
}

TEST_CASE("charts follow a dark palette on screen and print on white", "[gui][dashboard]") {
    ChartSpec spec;
    spec.id = "test";
    spec.title = "Test chart";
    spec.categories = {"A", "B"};
    spec.series = {{"Things", {3, 5}}};
    ChartWidget chart;
    QPalette dark;
    dark.setColor(QPalette::Base, QColor(30, 30, 30));
    dark.setColor(QPalette::Window, QColor(40, 40, 40));
    dark.setColor(QPalette::Text, QColor(230, 230, 230));
    dark.setColor(QPalette::WindowText, QColor(230, 230, 230));
    chart.setPalette(dark);
    chart.setSpec(spec);
    REQUIRE(chart.seriesDrawn() == 1);
    const QImage screen = chart.toImage(QSize(600, 400), false);
    REQUIRE(screen.pixelColor(2, 2) == QColor(30, 30, 30));
    const QImage print = chart.toImage(QSize(600, 400), true);
    REQUIRE(print.pixelColor(2, 2) == QColor(Qt::white));
    // Text is drawn in the palette's light text colour on screen: some near-white pixels exist.
    bool lightText = false;
    for (int y = 0; y < 60 && !lightText; ++y)
        for (int x = 0; x < 600 && !lightText; ++x) lightText = screen.pixelColor(x, y).lightness() > 200;
    REQUIRE(lightText);
}

namespace {
// For one test: every register counts as large (Workspace::isLargeRegister), as 50,000 contractors do.
struct LargeRegister {
    int previous = Workspace::setLargeRegisterAbove(0);
    ~LargeRegister() { Workspace::setLargeRegisterAbove(previous); }
};
} // namespace

TEST_CASE("a large register's worklist is built in the background and the page shows it when it comes", "[gui][worklist]") {
    const LargeRegister large; // this small register counts as large, for this test only
    cbtest::TempDb t;
    t.db().setClock(&Clock::system()); // the worker's connection reads the same clock as the report
    SeedOptions seed;
    seed.contractors = 60;
    seedDemo(t.db(), seed);
    Workspace ws(t.db());
    WorklistPage page(ws);
    // Nothing built on this thread: the page says so until the worker answers.
    auto* summary = page.findChild<QLabel*>("worklistSummary");
    REQUIRE(summary);
    // Answers are posted to this thread, so until events run the page has nothing but the notice.
    REQUIRE(summary->text() == "Building the worklist…");
    REQUIRE(page.model()->items().isEmpty());
    REQUIRE(QTest::qWaitFor([&] { return !page.isBuilding() && page.model()->items().size() > 0; }, 30000));
    const QList<WorklistItem> expected = todaysWorklist(t.db());
    REQUIRE(worklistReport(page.model()->shownItems()).toJson() == worklistReport(expected).toJson());
    REQUIRE(summary->text().contains(QString::number(expected.size()) + " items"));
    // Refresh (F5) rebuilds on this thread, at once.
    page.reload();
    REQUIRE_FALSE(page.isBuilding());
    REQUIRE(page.model()->items().size() == expected.size());
}

TEST_CASE("a large register's dashboard is built when it is first shown, not when the window opens", "[gui][dashboard]") {
    const LargeRegister large; // this small register counts as large, for this test only
    cbtest::TempDb t;
    SeedOptions seed;
    seed.contractors = 60;
    seedDemo(t.db(), seed);
    Workspace ws(t.db());
    DashboardPage page(ws);
    REQUIRE(page.charts().size() == 5);
    CHECK(page.charts().at(0)->spec().total() == 0); // nothing built yet
    page.resize(1200, 900);
    page.show();
    REQUIRE(QTest::qWaitForWindowExposed(&page));
    const QList<ChartSpec> expected = buildDashboard(t.db(), t.clock.today(), {});
    CHECK(page.charts().at(0)->spec().total() == expected.at(0).total());
    CHECK(page.charts().at(0)->spec().total() > 0);
    // Saves while it is hidden mark it stale; it is built again when shown.
    page.hide();
    ws.notifyChanged();
    QCoreApplication::processEvents();
    page.show();
    REQUIRE(QTest::qWaitForWindowExposed(&page));
    CHECK(page.charts().at(0)->spec().total() == expected.at(0).total());
}
