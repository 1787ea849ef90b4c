// Widget tests for the caseworker's workspace: list -> practice file -> edit -> save -> history.
#include "TestSupport.h"
#include "common/Ask.h"
#include "common/RecordForm.h"
#include "common/TableModels.h"
#include "common/Workspace.h"
#include "contractors/ContractorEditors.h"
#include "contractors/ContractorList.h"
#include "contractors/PracticeFile.h"
#include "contracts/ContractEditors.h"
#include "contracts/ContractViews.h"
#include "demo/DemoSeeder.h"
#include "performers/PerformerViews.h"
#include "shell/App.h"
#include "shell/Features.h"
#include "shell/MainWindow.h"
#include "shell/SearchDialog.h"
#include "store/AuditTrail.h"

#include <QAbstractItemModelTester>
#include <QComboBox>
#include <QLabel>
#include <QStackedWidget>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QTabWidget>
#include <QTableView>
#include <QTest>

using namespace cb;
using namespace cb::ui;

namespace {

Contractor makeContractor(Database& db, const QString& code, const QString& name, const QString& group,
                          const QString& postcode) {
    Contractor c;
    c.odsCode = code;
    c.name = name;
    c.group = group;
    c.postcode = postcode;
    return ContractorService(db).create(c);
}

// Three contractors: enough to filter, small enough to reason about.
void seedSmall(Database& db) {
    makeContractor(db, "A81001", "The Surgery", "general_practice", "TS18 1HU");
    makeContractor(db, "A81002", "Riverside Medical Centre", "general_practice", "TS17 6BA");
    makeContractor(db, "V012345", "Harbour Dental Practice", "dental", "TS24 7AB");
}

// Answers every question with a fixed button and counts how many were asked.
struct ScriptedAnswers {
    explicit ScriptedAnswers(int answer) {
        previous = Ask::setHandler([this, answer](QWidget*, const Question& q) {
            asked << q.text;
            return answer;
        });
    }
    ~ScriptedAnswers() { Ask::setHandler(previous); }
    QStringList asked;
    Ask::Handler previous;
};

// Fills in a form when an editor is opened, instead of showing it modally.
struct FormDriver {
    explicit FormDriver(std::function<int(RecordForm&)> drive) { previous = RecordForm::setRunner(std::move(drive)); }
    ~FormDriver() { RecordForm::setRunner(previous); }
    RecordForm::Runner previous;
};

void replaceText(QWidget* editor, const QString& text) {
    auto* line = qobject_cast<QLineEdit*>(editor);
    REQUIRE(line);
    line->setFocus();
    line->selectAll();
    QTest::keyClick(line, Qt::Key_Delete);
    QTest::keyClicks(line, text);
}

} // namespace

TEST_CASE("a contractor is opened from the list, edited and saved using only the keyboard", "[gui]") {
    cbtest::TempDb t;
    seedSmall(t.db());
    Workspace ws(t.db());
    MainWindow window(ws);
    window.show();
    REQUIRE(QTest::qWaitForWindowExposed(&window));
    window.showPage("contractors"); // the worklist is the home screen

    ContractorList* list = window.contractorList();
    auto* filter = list->findChild<QLineEdit*>("contractorFilter");
    REQUIRE(filter);
    filter->setFocus();
    QTest::keyClicks(filter, "riverside");
    REQUIRE(QTest::qWaitFor([&] { return list->model()->rowCount() == 1; }));
    QTest::keyClick(filter, Qt::Key_Down); // into the list
    REQUIRE(list->view()->hasFocus());
    QTest::keyClick(list->view(), Qt::Key_Return);
    REQUIRE(window.currentPage() == "practice");
    CHECK(window.practiceFile()->contractor().odsCode == "A81002");

    bool edited = false;
    FormDriver driver([&](RecordForm& form) {
        replaceText(form.fieldEditor("postcode"), "ts18 2aa");
        QTest::keyClick(form.fieldEditor("postcode"), Qt::Key_S, Qt::ControlModifier); // Ctrl+S saves
        if (form.result() != QDialog::Accepted) form.save(); // offscreen windows may not receive shortcuts
        edited = true;
        return form.result();
    });
    QTest::keyClick(window.practiceFile(), Qt::Key_E, Qt::ControlModifier); // Ctrl+E edits
    if (!edited) window.practiceFile()->editContractor();
    REQUIRE(edited);

    const auto saved = ContractorService(t.db()).findByOdsCode("A81002");
    REQUIRE(saved);
    CHECK(saved->postcode == "TS18 2AA"); // normalised by core and durable at once

    window.practiceFile()->showTab("history");
    auto* history = window.practiceFile()->findChild<QListWidget*>("historyList");
    REQUIRE(history);
    REQUIRE(history->count() >= 2);
    CHECK(history->item(0)->text().contains("tester changed Contractor A81002 Riverside Medical Centre: postcode from "
                                            "TS17 6BA to TS18 2AA"));
    CHECK(window.practiceFile()->findChild<QLabel*>("practiceSubtitle")->text().contains("TS18 2AA"));
}

TEST_CASE("invalid input shows core's message beside the field and writes nothing", "[gui]") {
    cbtest::TempDb t;
    seedSmall(t.db());
    Workspace ws(t.db());
    const Contractor before = *ContractorService(t.db()).findByOdsCode("A81001");
    const qint64 audits = cbtest::count(t.db(), "audit");

    ContractorEditor editor(ws, before);
    replaceText(editor.fieldEditor("odsCode"), "XYZ");
    replaceText(editor.fieldEditor("email"), "not-an-email");
    CHECK_FALSE(editor.save());
    CHECK(editor.issueText("odsCode").contains("A GP practice code"));
    CHECK(editor.issueText("email") == "\"not-an-email\" is not an email address. Enter it like name@nhs.net.");
    CHECK(editor.issueText("name").isEmpty());
    CHECK(editor.result() != QDialog::Accepted);
    CHECK(cbtest::count(t.db(), "audit") == audits);
    CHECK(ContractorService(t.db()).get(before.id)->odsCode == "A81001");

    // Money typed in pounds that is not money is caught by the form, beside the field.
    Contract k;
    k.contractorId = before.id;
    k.route = "gms";
    k.startDate = QDate(2010, 4, 1);
    ContractEditor contract(ws, k, "general_practice");
    replaceText(contract.fieldEditor("annualValue"), "lots");
    CHECK_FALSE(contract.save());
    CHECK(contract.issueText("annualValue").contains("is not an amount of money"));
    CHECK(cbtest::count(t.db(), "contract") == 0);
    replaceText(contract.fieldEditor("annualValue"), "£1,250,000.50");
    REQUIRE(contract.save());
    CHECK(ContractBook(t.db()).forContractor(before.id).first().annualValuePence == 125000050);
}

TEST_CASE("the filters narrow the contractor list", "[gui]") {
    cbtest::TempDb t;
    seedSmall(t.db());
    Workspace ws(t.db());
    ContractorList list(ws);
    QAbstractItemModelTester tester(list.model());
    CHECK(list.model()->rowCount() == 3);
    auto* group = list.findChild<QComboBox*>("groupFilter");
    group->setCurrentIndex(group->findData("dental"));
    REQUIRE(list.model()->rowCount() == 1);
    CHECK(list.model()->idAt(0) == ContractorService(t.db()).findByOdsCode("V012345")->id);
    group->setCurrentIndex(0);
    CHECK(list.model()->rowCount() == 3);
    QTest::keyClicks(list.findChild<QLineEdit*>("contractorFilter"), "TS181HU"); // postcode without its space
    REQUIRE(QTest::qWaitFor([&] { return list.model()->rowCount() == 1; }));
    REQUIRE(QTest::qWaitFor([&] { return list.model()->totalCount() == 1; }));
    CHECK(list.model()->data(list.model()->index(0, 0)).toString() == "A81001");
}

TEST_CASE("closing an editor with unsaved changes asks, and each answer does what it says", "[gui]") {
    cbtest::TempDb t;
    seedSmall(t.db());
    Workspace ws(t.db());
    const Contractor c = *ContractorService(t.db()).findByOdsCode("A81001");

    SECTION("keep editing leaves the form open") {
        ContractorEditor editor(ws, c);
        editor.show();
        replaceText(editor.fieldEditor("name"), "The New Surgery");
        ScriptedAnswers answers(2);
        QTest::keyClick(&editor, Qt::Key_Escape);
        CHECK(answers.asked.size() == 1);
        CHECK(answers.asked.first().contains("Save the changes before closing?"));
        CHECK(editor.isVisible());
        CHECK(editor.isDirty());
    }
    SECTION("discard closes without saving") {
        ContractorEditor editor(ws, c);
        editor.show();
        replaceText(editor.fieldEditor("name"), "The New Surgery");
        ScriptedAnswers answers(1);
        QTest::keyClick(&editor, Qt::Key_Escape);
        CHECK(answers.asked.size() == 1);
        CHECK_FALSE(editor.isVisible());
        CHECK(editor.result() == QDialog::Rejected);
        CHECK(ContractorService(t.db()).get(c.id)->name == "The Surgery");
    }
    SECTION("save saves, then closes") {
        ContractorEditor editor(ws, c);
        editor.show();
        replaceText(editor.fieldEditor("name"), "The New Surgery");
        ScriptedAnswers answers(0);
        editor.reject();
        CHECK(answers.asked.size() == 1);
        CHECK(editor.result() == QDialog::Accepted);
        CHECK(ContractorService(t.db()).get(c.id)->name == "The New Surgery");
    }
    SECTION("an unchanged form closes without asking") {
        ContractorEditor editor(ws, c);
        editor.show();
        ScriptedAnswers answers(0);
        editor.reject();
        CHECK(answers.asked.isEmpty());
        CHECK(editor.result() == QDialog::Rejected);
    }
}

TEST_CASE("deleting a contractor with contracts is refused with the reason and offers to close it", "[gui]") {
    cbtest::TempDb t;
    seedSmall(t.db());
    Workspace ws(t.db());
    const Contractor c = *ContractorService(t.db()).findByOdsCode("A81001");
    Contract k;
    k.contractorId = c.id;
    k.route = "gms";
    k.startDate = QDate(2010, 4, 1);
    ContractBook(t.db()).create(k);
    PracticeFile file(ws);
    file.open(c.id);
    QStringList offered;
    const auto old = Ask::setHandler([&](QWidget*, const Question& q) {
        offered << q.text;
        return q.buttons.value(0) == "Close it instead…" ? 0 : 0;
    });
    bool closingOffered = false;
    FormDriver driver([&](RecordForm& form) {
        closingOffered = RecordForm::code(qobject_cast<QComboBox*>(form.fieldEditor("status"))) == "closed";
        return int(QDialog::Rejected);
    });
    file.deleteContractor();
    Ask::setHandler(old);
    REQUIRE(offered.size() == 2);
    CHECK(offered.at(1).contains("cannot be deleted because it has 1 contract"));
    CHECK(closingOffered);
    CHECK(ContractorService(t.db()).get(c.id));
}

TEST_CASE("the dental activity editor shows the year-end outcome and mid-year flag as figures are typed", "[gui]") {
    cbtest::TempDb t;
    Workspace ws(t.db());
    DentalActivity a;
    a.yearStart = 2025;
    ActivityEditor editor(ws, a);
    replaceText(editor.fieldEditor("udaTarget"), "10000");
    replaceText(editor.fieldEditor("udaDelivered"), "9000");
    CHECK(editor.outcomeText().contains("90.0% delivered — Below 96%: shortfall clawed back"));
    replaceText(editor.fieldEditor("udaDeliveredH1"), "2000");
    CHECK(editor.outcomeText().contains("mid-year review due"));
    replaceText(editor.fieldEditor("udaDeliveredH1"), "4000");
    CHECK_FALSE(editor.outcomeText().contains("mid-year review due"));
}

TEST_CASE("global search finds as you type and Enter opens the pick", "[gui]") {
    cbtest::TempDb t;
    seedSmall(t.db());
    Workspace ws(t.db());
    SearchDialog dialog(ws);
    QAbstractItemModelTester tester(dialog.results());
    dialog.show();
    QTest::keyClicks(dialog.box(), "TS181HU");
    REQUIRE(dialog.results()->rowCount() == 1);
    QTest::keyClicks(dialog.box(), "x");
    CHECK(dialog.results()->rowCount() == 0);
    dialog.box()->clear();
    QTest::keyClicks(dialog.box(), "A8100");
    REQUIRE(dialog.results()->rowCount() == 2);
    QString picked;
    QObject::connect(&dialog, &SearchDialog::picked, [&](const SearchHit& h) { picked = h.title; });
    QTest::keyClick(dialog.box(), Qt::Key_Down);
    QTest::keyClick(dialog.box(), Qt::Key_Return);
    CHECK(picked == dialog.results()->hit(1).title);
    CHECK(dialog.result() == QDialog::Accepted);
}

TEST_CASE("every model passes QAbstractItemModelTester, including paging past the first page", "[gui]") {
    cbtest::TempDb t;
    SeedOptions options;
    options.contractors = 260;
    seedDemo(t.db(), options);
    Workspace ws(t.db());

    {
        ContractorList firstPage(ws); // rows arrive a page at a time
        CHECK(firstPage.model()->rowCount() == PagedTableModel::kPageSize);
        CHECK(firstPage.model()->canFetchMore({}));
    }
    ContractorList list(ws);
    QAbstractItemModelTester listTester(list.model()); // it fetches more pages itself
    while (list.model()->canFetchMore({})) list.model()->fetchMore({});
    CHECK(list.model()->rowCount() == 260);
    CHECK_FALSE(list.model()->canFetchMore({}));
    list.model()->sort(0, Qt::DescendingOrder);
    CHECK(list.model()->data(list.model()->index(0, 0)).toString() >
          list.model()->data(list.model()->index(1, 0)).toString());
    list.model()->waitForCount();
    CHECK(list.model()->totalCount() == 260);

    ContractsPage contracts(ws);
    QAbstractItemModelTester contractsTester(contracts.model());
    CHECK(contracts.model()->rowCount() > 0);
    PerformersPage performers(ws);
    QAbstractItemModelTester performersTester(performers.model());
    CHECK(performers.model()->rowCount() > 0);

    RecordTableModel small({textColumn("Name", "name"), dateColumn("Opened", "open_date")});
    QAbstractItemModelTester smallTester(&small);
    small.setRows({Row{{"id", "1"}, {"name", "A"}, {"open_date", "2020-04-01"}}});
    CHECK(small.data(small.index(0, 1)).toString() == "01/04/2020");

    // The practice file's tables, over a contractor with contracts.
    installPracticeTabs(); // what MainWindow does before the first practice file
    PracticeFile file(ws);
    const auto withContracts = t.db().queryOne("SELECT contractor_id FROM contract LIMIT 1");
    REQUIRE(withContracts);
    file.open(withContracts->value("contractor_id").toString());
    std::vector<std::unique_ptr<QAbstractItemModelTester>> testers;
    for (QTableView* v : file.findChildren<QTableView*>())
        testers.push_back(std::make_unique<QAbstractItemModelTester>(v->model()));
    CHECK(testers.size() >= 5);
    file.reload();
}

TEST_CASE("a read-only copy disables every editing control and says why", "[gui]") {
    cbtest::TempDb t;
    seedSmall(t.db());
    t.database.reset();
    Database db(t.path(), Database::Access::ReadOnly);
    Workspace ws(db);
    MainWindow window(ws);
    auto* add = window.findChild<QPushButton*>("newContractorButton");
    REQUIRE(add);
    CHECK_FALSE(add->isEnabled());
    CHECK(add->toolTip().startsWith("This shared copy is open read-only:"));
    window.openContractor(ContractorService(db).findByOdsCode("A81001")->id);
    for (const char* name : {"editContractorButton", "closeContractorButton", "deleteContractorButton", "sitesAdd",
                             "contractsAdd", "linksAdd"}) {
        auto* b = window.findChild<QPushButton*>(name);
        INFO(name);
        REQUIRE(b);
        CHECK_FALSE(b->isEnabled());
    }
    ContractorEditor editor(ws, *ContractorService(db).findByOdsCode("A81001"));
    CHECK_FALSE(editor.saveButton()->isEnabled());
    CHECK_FALSE(editor.fieldEditor("name")->isEnabled());
    CHECK_FALSE(editor.save());
}

TEST_CASE("the command line is parsed, and bad arguments are explained", "[gui]") {
    QString error;
    auto o = parseLaunchOptions({"--db", "x.db", "--screenshot", "shots"}, &error);
    REQUIRE(o);
    CHECK(o->dbPath == "x.db");
    CHECK(o->screenshotDir == "shots");
    o = parseLaunchOptions({"--read-only", "shared.db"}, &error);
    REQUIRE(o);
    CHECK(o->readOnly);
    CHECK(parseLaunchOptions({"--demo"}, &error)->demo);
    CHECK_FALSE(parseLaunchOptions({"--db"}, &error));
    CHECK(error == "--db needs a database file.");
    CHECK_FALSE(parseLaunchOptions({"--demo", "--db", "x.db"}, &error));
    CHECK_FALSE(parseLaunchOptions({"--frobnicate"}, &error));
    CHECK(error == "Unknown option --frobnicate.");
}

TEST_CASE("pages and practice-file tabs plug into the shell through one call each", "[gui]") {
    cbtest::TempDb t;
    seedSmall(t.db());
    Workspace ws(t.db());
    MainWindow window(ws);
    auto* page = new QWidget;
    window.addPage("extra", "Extra", page, QKeySequence(Qt::CTRL | Qt::Key_9));
    window.setBadge("extra", 7);
    auto* nav = window.findChild<QListWidget*>("navigation");
    REQUIRE(nav);
    CHECK(nav->item(nav->count() - 1)->text() == "Extra  (7)");
    REQUIRE(window.showPage("extra"));
    CHECK(window.currentPage() == "extra");
    CHECK(window.practiceFile()->tabIds() == QStringList{"details", "sites", "contracts", "performers", "concerns", "visits", "lpn", "history"});
    CHECK(window.findChild<QStackedWidget*>("pages")->currentWidget() == page);
}
