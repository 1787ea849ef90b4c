// The caseworker's desk, keyboard first (issue 15): worklist to record and back, exports of what
// the list shows, the start page of an empty database, help and its shortcuts, small fixes.
#include "../core/ConcernFixtures.h"
#include "../core/ExportFixtures.h"
#include "LpnFixture.h"
#include "TestSupport.h"
#include "common/Ask.h"
#include "common/RecordForm.h"
#include "common/RecordListPanel.h"
#include "common/Workspace.h"
#include "contractors/ContractorList.h"
#include "contractors/PracticeFile.h"
#include "demo/DemoSeeder.h"
#include "exchange/ExchangeFiles.h"
#include "exchange/ExportDialog.h"
#include "exchange/ImportDialog.h"
#include "help/StartPage.h"
#include "lpn/NetworksPage.h"
#include "shell/MainWindow.h"
#include "visits/Visit.h"
#include "worklist/WorklistModel.h"
#include "worklist/WorklistPage.h"

#include <QAction>
#include <QApplication>
#include <QComboBox>
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMenu>
#include <QMenuBar>
#include <QProcess>
#include <QRegularExpression>
#include <QPushButton>
#include <QRadioButton>
#include <QTabWidget>
#include <QTableView>
#include <QTableWidget>
#include <QTest>
#include <QTextBrowser>
#include <QTreeView>

using namespace cb;
using namespace cb::ui;

namespace {

// Today 22/11/2026: an overdue concern action, a remedial notice ending in 4 days, a visit on
// Wednesday, a dental shortfall carried forward (for information).
struct Monday {
    cbtest::TempDb t;
    Database& db = t.db();
    Contractor practice = cbtest::makePractice(db);
    Contract contract = cbtest::makeContract(db, practice);
    ContractEvent notice = cbtest::makeEvent(db, contract, "remedial_notice", QDate(2026, 10, 29)); // ends 26/11
    Concern concern;
    Visit visit;
    Monday() {
        ConcernService s(db);
        concern = s.create(cbtest::newConcern(db, practice.id));
        s.addAction({QString(), concern.id, "Send call data", "Sam Caseworker", QDate(2026, 11, 20), {}, {}});
        Visit v;
        v.contractorId = practice.id;
        v.visitDate = QDate(2026, 11, 25);
        visit = VisitService(db).create(v);
        Contractor d;
        d.odsCode = "V00001";
        d.group = "dental";
        d.name = "Smile Dental";
        d.openDate = QDate(2000, 1, 1);
        d = ContractorService(db).create(d);
        Contract k;
        k.contractorId = d.id;
        k.route = "gds";
        k.reference = "GDS-1";
        k.startDate = QDate(2020, 4, 1);
        k.udaTarget = 10000;
        k = ContractBook(db).create(k);
        DentalActivity a;
        a.contractId = k.id;
        a.yearStart = 2025;
        a.udaTarget = 10000;
        a.udaDelivered = 9800;
        ContractBook(db).saveActivity(a);
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

struct Shown {
    explicit Shown(QWidget& w) : window(w) {
        window.show();
        window.activateWindow();
        REQUIRE(QTest::qWaitForWindowActive(&window));
    }
    QWidget& window;
};

QList<QAction*> menuActions(QMainWindow& w) {
    QList<QAction*> out;
    for (QAction* top : w.menuBar()->actions())
        if (QMenu* m = top->menu())
            for (QAction* a : m->actions()) out << a;
    return out;
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

TEST_CASE("worklist order: overdue, due this week, the rest, information folded", "[gui][worklist][desk]") {
    Monday m;
    Workspace ws(m.db);
    MainWindow window(ws);
    auto* page = qobject_cast<WorklistPage*>(window.page("worklist"));
    REQUIRE(page);
    WorklistModel* model = page->model();
    REQUIRE(model->rowCount() == 3);
    CHECK(model->index(0, 0).data().toString() == "Overdue — 1");
    CHECK(model->index(1, 0).data().toString() == "Due this week — 2");
    CHECK(model->index(2, 0).data().toString() == "For information — 1");
    CHECK(page->view()->isExpanded(model->index(0, 0)));
    CHECK(page->view()->isExpanded(model->index(1, 0)));
    CHECK_FALSE(page->view()->isExpanded(model->index(2, 0))); // folded until opened
    // This week in date order: the notice (Thursday 26/11) after the visit (Wednesday 25/11).
    CHECK(model->index(0, 0, model->index(1, 0)).data().toString().startsWith("Visit Wednesday"));
    CHECK(model->index(1, 0, model->index(1, 0)).data().toString().startsWith("Remedial notice period ends"));
    // Every item names its practice.
    for (const WorklistItem& i : model->items()) CHECK_FALSE(i.practice.isEmpty());

    // The caseworker opens the information group with the keyboard; it stays open after a reload.
    page->view()->setCurrentIndex(model->index(2, 0));
    QTest::keyClick(page->view(), Qt::Key_Right);
    CHECK(page->view()->isExpanded(model->index(2, 0)));
    page->reload();
    CHECK(page->view()->isExpanded(model->index(2, 0)));
}

TEST_CASE("Enter on a worklist item opens its record with the keyboard on it, Alt+Left comes back", "[gui][worklist][desk]") {
    Monday m;
    Workspace ws(m.db);
    MainWindow window(ws);
    Shown shown(window);
    auto* page = qobject_cast<WorklistPage*>(window.page("worklist"));
    QTreeView* view = page->view();
    view->setFocus();
    PracticeFile* file = window.practiceFile();

    SECTION("a notice opens on the Events sub-tab, the event selected") {
        const QModelIndex item = findItem(page->model(), "Remedial notice period ends");
        view->setCurrentIndex(item);
        QTest::keyClick(view, Qt::Key_Return);
        REQUIRE(window.currentPage() == "practice");
        CHECK(file->tabs()->currentIndex() == file->tabIds().indexOf("contracts"));
        auto* details = file->findChild<QTabWidget*>("contractDetails");
        auto* events = file->findChild<RecordListPanel*>("events");
        REQUIRE(details);
        REQUIRE(events);
        CHECK(details->currentWidget() == events);
        CHECK(events->currentId() == m.notice.id);
        CHECK(QApplication::focusWidget() == events->view());

        // Back: the worklist, on the same item, with the keyboard in it.
        QTest::keyClick(QApplication::focusWidget(), Qt::Key_Left, Qt::AltModifier);
        REQUIRE(window.currentPage() == "worklist");
        CHECK(view->currentIndex() == item);
        CHECK(QApplication::focusWidget() == view);
        // Forward again.
        QTest::keyClick(view, Qt::Key_Right, Qt::AltModifier);
        CHECK(window.currentPage() == "practice");
        CHECK(file->contractorId() == m.practice.id);
    }
    SECTION("a concern action selects its concern") {
        view->setCurrentIndex(findItem(page->model(), "Send call data"));
        QTest::keyClick(view, Qt::Key_Enter);
        REQUIRE(window.currentPage() == "practice");
        CHECK(file->tabs()->currentIndex() == file->tabIds().indexOf("concerns"));
        auto* concerns = file->findChild<RecordListPanel*>("concerns");
        REQUIRE(concerns);
        CHECK(concerns->currentId() == m.concern.id);
        CHECK(QApplication::focusWidget() == concerns->view());
    }
    SECTION("a visit selects its row") {
        view->setCurrentIndex(findItem(page->model(), "Visit Wednesday"));
        QTest::keyClick(view, Qt::Key_Return);
        auto* visits = file->findChild<RecordListPanel*>("visits");
        REQUIRE(visits);
        CHECK(visits->currentId() == m.visit.id);
        CHECK(QApplication::focusWidget() == visits->view());
    }
    SECTION("history runs across pages: Ctrl+1, a practice, Back twice") {
        QTest::keyClick(view, Qt::Key_1, Qt::ControlModifier);
        REQUIRE(window.currentPage() == "contractors");
        window.openContractor(m.practice.id);
        REQUIRE(window.currentPage() == "practice");
        // The practice file's own Back button follows the same history.
        auto* back = file->findChild<QPushButton*>("backButton");
        REQUIRE(back);
        CHECK(back->text() == "← Back");
        back->click();
        CHECK(window.currentPage() == "contractors");
        QTest::keyClick(&window, Qt::Key_Left, Qt::AltModifier);
        CHECK(window.currentPage() == "worklist");
        CHECK_FALSE(window.canGoBack());
        CHECK(window.canGoForward());
    }
}

TEST_CASE("the Go menu lists every page, Contractors included, and Help lists every shortcut", "[gui][desk]") {
    Monday m;
    Workspace ws(m.db);
    MainWindow window(ws);
    QStringList go;
    for (QAction* a : window.menu("go")->actions()) go << a->text() + "\t" + a->shortcut().toString();
    CHECK(go.contains("Contractors\tCtrl+1"));
    CHECK(go.contains("Worklist\tCtrl+0"));
    CHECK(go.contains("&Back\tAlt+Left"));
    CHECK(go.contains("F&orward\tAlt+Right"));

    // Every shortcut in a menu is in the list, and every entry of the table is in a menu.
    const QList<QStringList> rows = window.shortcutRows();
    QStringList keys;
    for (const QStringList& r : rows) keys << r.value(2);
    for (QAction* a : menuActions(window))
        if (!a->shortcut().isEmpty()) {
            INFO(a->text().toStdString());
            CHECK(keys.contains(a->shortcut().toString(QKeySequence::NativeText)));
        }
    // So is every other shortcut the window answers to (actions of its pages, of submenus, of
    // features added later).
    for (QAction* a : window.findChildren<QAction*>())
        for (const QKeySequence& k : a->shortcuts()) {
            INFO(a->objectName().toStdString() << " " << a->text().toStdString());
            CHECK(keys.contains(k.toString(QKeySequence::NativeText)));
        }
    QList<QAction*> inMenus = menuActions(window);
    for (const ShellAction& a : window.shellActions()) {
        if (a.menu.isEmpty() || a.id == "-") continue;
        auto* act = window.findChild<QAction*>(a.id);
        REQUIRE(act);
        CHECK(inMenus.contains(act));
    }

    // Help > Keyboard shortcuts shows those rows.
    window.findChild<QAction*>("shortcutsAction")->trigger();
    auto* table = window.findChild<QTableWidget*>("shortcutTable");
    REQUIRE(table);
    CHECK(table->rowCount() == rows.size());
    QStringList shown;
    for (int r = 0; r < table->rowCount(); ++r) shown << table->item(r, 1)->text() + "=" + table->item(r, 2)->text();
    CHECK(shown.contains("User guide=F1"));
    CHECK(shown.contains("Back=Alt+Left"));
    CHECK(shown.contains("Import=Ctrl+I")); // added to the File menu by the exchange feature
}

TEST_CASE("F1 opens the user guide, from the program itself", "[gui][desk]") {
    Monday m;
    Workspace ws(m.db);
    MainWindow window(ws);
    Shown shown(window);
    QTest::keyClick(&window, Qt::Key_F1);
    auto* text = window.findChild<QTextBrowser*>("userGuideText");
    REQUIRE(text);
    const QString guide = text->toPlainText();
    CHECK(guide.contains("Monday morning"));
    CHECK(guide.contains("Sharing with colleagues"));
    CHECK_FALSE(guide.contains("missing from this copy"));
    // Its pictures are built in too, and every picture the guide shows is there.
    const QString markdown = [] {
        QFile f(":/casebook/help/user-guide.md");
        return f.open(QIODevice::ReadOnly) ? QString::fromUtf8(f.readAll()) : QString();
    }();
    const QRegularExpression picture("\\]\\((screenshots/[a-z-]+\\.png)\\)");
    int pictures = 0;
    for (auto it = picture.globalMatch(markdown); it.hasNext(); ++pictures) {
        const QString name = it.next().captured(1);
        INFO(name.toStdString());
        CHECK(QFile::exists(":/casebook/help/" + name));
        CHECK_FALSE(text->loadResource(QTextDocument::ImageResource, QUrl(name)).isNull());
    }
    CHECK(pictures >= 8);
    if (!qEnvironmentVariableIsEmpty("CASEBOOK_GUIDE_PNG")) text->window()->grab().save(qEnvironmentVariable("CASEBOOK_GUIDE_PNG"));
}

TEST_CASE("an empty database opens on a start page with the ways in", "[gui][desk]") {
    cbtest::TempDb t;
    Workspace ws(t.db());
    MainWindow window(ws);
    REQUIRE(window.isStartingEmpty());
    CHECK(window.currentPage() == "start");
    auto* start = qobject_cast<StartPage*>(window.page("start"));
    REQUIRE(start);
    for (const char* name : {"startImport", "startNewContractor", "startTeamFolder", "startDemo", "startGuide"})
        REQUIRE(start->button(name));
    // Team exchange is not built: shown as coming, never faked.
    CHECK_FALSE(start->button("startTeamFolder")->isEnabled());
    CHECK(start->button("startTeamFolder")->toolTip().contains("Coming"));

    SECTION("Import NHS files opens the import dialog") {
        int opened = 0;
        const auto previous = ImportDialog::setRunner([&](ImportDialog&) { ++opened; });
        start->button("startImport")->click();
        ImportDialog::setRunner(previous);
        CHECK(opened == 1);
    }
    SECTION("Create a contractor opens the contractor editor") {
        int opened = 0;
        const auto previous = RecordForm::setRunner([&](RecordForm&) {
            ++opened;
            return int(QDialog::Rejected);
        });
        start->button("startNewContractor")->click();
        RecordForm::setRunner(previous);
        CHECK(opened == 1);
    }
    SECTION("a database with contractors opens on the worklist") {
        cbtest::makePractice(t.db());
        MainWindow again(ws);
        CHECK_FALSE(again.isStartingEmpty());
        CHECK(again.currentPage() == "worklist");
        CHECK_FALSE(again.page("start"));
    }
}

namespace {
// A demo register of 60 contractors in a main window whose contractor list shows Community pharmacy.
struct PharmaciesShown {
    cbtest::TempDb t;
    Workspace ws{[this]() -> Database& {
        SeedOptions seed;
        seed.contractors = 60;
        seedDemo(t.db(), seed);
        return t.db();
    }()};
    MainWindow window{ws};
    int pharmacies = 0, all = 0;
    PharmaciesShown() {
        window.showPage("contractors");
        auto* group = window.contractorList()->findChild<QComboBox*>("groupFilter");
        REQUIRE(group);
        group->setCurrentIndex(group->findData("pharmacy"));
        window.contractorList()->applyFilter();
        pharmacies = t.db().scalar("SELECT count(*) FROM contractor WHERE contractor_group = 'pharmacy'").toInt();
        all = t.db().scalar("SELECT count(*) FROM contractor").toInt();
        REQUIRE(pharmacies > 0);
        REQUIRE(pharmacies < all);
    }
};
} // namespace

TEST_CASE("export takes what the list shows by default, everything as a choice", "[gui][desk][export]") {
    PharmaciesShown f;
    cbtest::TempDb& t = f.t;
    MainWindow& window = f.window;
    const int pharmacies = f.pharmacies;
    QString plan, shownText;
    bool shownChecked = false;
    exchange::ExportResult written, everything;
    const auto previous = ExportDialog::setRunner([&](ExportDialog& d) {
        auto* shown = d.findChild<QRadioButton*>("exportShown");
        REQUIRE(shown);
        shownChecked = shown->isChecked();
        shownText = shown->text();
        plan = d.planText();
        d.setPath(t.file("pharmacies.xlsx"));
        REQUIRE(d.exportNow());
        written = d.lastResult();
        d.setEverything(true);
        d.setPath(t.file("everything.xlsx"));
        REQUIRE(d.exportNow());
        everything = d.lastResult();
    });
    Answers answers;
    window.findChild<QAction*>("exportAction")->trigger();
    ExportDialog::setRunner(previous);
    CHECK(shownChecked);
    CHECK(shownText.contains("Community pharmacy"));
    CHECK(shownText.contains(QString::number(pharmacies)));
    CHECK(written.records < everything.records);
    CHECK(QFile::exists(t.file("pharmacies.xlsx")));
    const auto contractors = cbtest::sheetXml(t.file("pharmacies.xlsx"), "Contractors");
    if (!contractors) {
        WARN("unzip is not available: sheet rows not counted");
        return;
    }
    CHECK(contractors->count("<row ") == pharmacies + 1);
}

TEST_CASE("CSV and the exchange file follow the list's filter, everything stays a choice", "[gui][desk][export]") {
    PharmaciesShown f;
    cbtest::TempDb& t = f.t;
    const int pharmacies = f.pharmacies, all = f.all;
    const int pharmacyPerformers =
        t.db().scalar("SELECT count(DISTINCT performer_id) FROM performer_link l JOIN contractor c ON c.id = l.contractor_id "
                      "WHERE c.contractor_group = 'pharmacy'").toInt();

    bool csvShown = false, networksShownEnabled = true;
    QString csvPlan, networksPlan;
    exchange::ExportResult csv, csvEverything, json;
    const auto previous = ExportDialog::setRunner([&](ExportDialog& d) {
        auto* shown = d.findChild<QRadioButton*>("exportShown");
        REQUIRE(shown);
        d.setFormat(ExportDialog::Format::Csv, "contractors");
        csvShown = shown->isChecked() && shown->isEnabled();
        csvPlan = d.planText();
        d.setPath(t.file("pharmacies.csv"));
        REQUIRE(d.exportNow());
        csv = d.lastResult();
        d.setFormat(ExportDialog::Format::Json);
        d.setPath(t.file("pharmacies.json"));
        REQUIRE(d.exportNow());
        json = d.lastResult();
        // Networks belong to no contractor: the choice is off and the CSV holds them all.
        d.setFormat(ExportDialog::Format::Csv, "networks");
        networksShownEnabled = shown->isEnabled();
        networksPlan = d.planText();
        // Everything, as a choice.
        d.setFormat(ExportDialog::Format::Csv, "contractors");
        d.setEverything(true);
        d.setPath(t.file("everything.csv"));
        REQUIRE(d.exportNow());
        csvEverything = d.lastResult();
    });
    Answers answers;
    f.window.findChild<QAction*>("exportAction")->trigger();
    ExportDialog::setRunner(previous);

    CHECK(csvShown);
    CHECK(csvPlan.startsWith(QStringLiteral("%1 record").arg(pharmacies)));
    CHECK(csv.records == pharmacies);
    QFile csvFile(csv.path);
    REQUIRE(csvFile.open(QIODevice::ReadOnly));
    const QByteArray csvText = csvFile.readAll();
    CHECK(csvText.count("\r\n") == pharmacies + 1); // the header and one line each
    CHECK(csvEverything.records == all);

    QFile jsonFile(json.path);
    REQUIRE(jsonFile.open(QIODevice::ReadOnly));
    const QJsonObject tables = QJsonDocument::fromJson(jsonFile.readAll()).object().value("tables").toObject();
    CHECK(tables.value("contractor").toArray().size() == pharmacies);
    for (const QJsonValue& v : tables.value("contractor").toArray())
        CHECK(v.toObject().value("contractor_group").toString() == "pharmacy");
    // What a re-import needs: the performers the pharmacies' links name.
    CHECK(tables.value("performer").toArray().size() == pharmacyPerformers);
    CHECK(tables.value("performer_link").toArray().size() > 0);

    CHECK_FALSE(networksShownEnabled);
    CHECK(networksPlan.startsWith(QStringLiteral("%1 record").arg(cbtest::count(t.db(), "lpn_network"))));
}

TEST_CASE("the default export folder exists", "[gui][desk][export]") {
    CHECK(QDir(ExchangeFiles::documentsFolder()).exists());
}

TEST_CASE("the Meetings list shows each meeting's date", "[gui][desk][lpn]") {
    cbtest::LpnFixture f;
    Meeting mt;
    mt.groupId = f.core.id;
    mt.date = QDate(2026, 10, 1);
    mt.title = "Autumn meeting";
    f.s.createMeeting(mt);
    Workspace ws(f.t.db());
    NetworksPage page(ws);
    REQUIRE(page.selectNetwork(f.net.id));
    RecordListPanel* meetings = page.meetings();
    REQUIRE(meetings->model()->rowCount() == 1);
    CHECK(meetings->model()->index(0, 0).data().toString() == "01/10/2026");
}
