// The proportionate process screens (issue 14), keyboard first: a dental mid-year review, a GP list
// closure application from receipt to decision, a pharmacy application with its needs assessment
// test and appeal, pharmacy core hours, and payment withheld on a pharmacy breach notice. Each
// happy path, and a refused step that says why beside its field and saves nothing.
#include "../core/ProcedureFixtures.h"
#include "TestSupport.h"
#include "common/DateField.h"
#include "common/RecordForm.h"
#include "common/RecordListPanel.h"
#include "common/Workspace.h"
#include "contractors/PracticeFile.h"
#include "contracts/ContractEditors.h"
#include "contracts/ProcedureForms.h"
#include "shell/MainWindow.h"
#include "worklist/Worklist.h"
#include "worklist/WorklistModel.h"
#include "worklist/WorklistPage.h"

#include <QAction>
#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QDir>
#include <QLineEdit>
#include <QMenuBar>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QTabBar>
#include <QTabWidget>
#include <QTableView>
#include <QTest>
#include <QTimeZone>
#include <QTreeView>

using namespace cb;
using namespace cb::ui;
using namespace cbtest;

namespace {

// The form on screen with the keyboard in it, as a caseworker has it.
void showActive(QWidget& w) {
    w.show();
    QApplication::setActiveWindow(&w);
    REQUIRE(QTest::qWaitForWindowExposed(&w));
    for (int i = 0; i < 3; ++i)
        QApplication::processEvents();
}

// Types into a field by keyboard, replacing what was there (a date field's text box for a date).
void type(RecordForm& form, const QString& field, const QString& text) {
    QWidget* w = form.fieldEditor(field);
    REQUIRE(w);
    if (auto* d = qobject_cast<DateField*>(w)) w = d->editor();
    w->setFocus(Qt::TabFocusReason);
    if (auto* line = qobject_cast<QLineEdit*>(w))
        line->selectAll();
    else if (auto* box = qobject_cast<QPlainTextEdit*>(w))
        box->selectAll();
    QTest::keyClick(w, Qt::Key_Delete);
    QTest::keyClicks(w, text);
    QTest::keyClick(w, Qt::Key_Tab); // leaving the field, as a caseworker does
}

// Chooses a combo item by keyboard: from the top, Down until its code.
void choose(RecordForm& form, const QString& field, const QString& code) {
    auto* combo = qobject_cast<QComboBox*>(form.fieldEditor(field));
    REQUIRE(combo);
    const int at = combo->findData(code);
    REQUIRE(at >= 0);
    combo->setFocus(Qt::TabFocusReason);
    QTest::keyClick(combo, Qt::Key_Home);
    for (int i = 0; i < at; ++i)
        QTest::keyClick(combo, Qt::Key_Down);
    REQUIRE(combo->currentIndex() == at);
}

void pressSave(RecordForm& form) {
    QTest::keyClick(&form, Qt::Key_S, Qt::ControlModifier);
}

// Ctrl+S, refused with `text` in the message beside `field` (the form stays open).
void saveRefused(RecordForm& form, const QString& field, const QString& text) {
    pressSave(form);
    CHECK(form.result() != QDialog::Accepted);
    INFO("beside " << field.toStdString() << ": " << form.issueText(field).toStdString());
    CHECK(form.issueText(field).contains(text));
}

int itemsTitled(Database& db, const QString& start) {
    int n = 0;
    for (const WorklistItem& i : buildWorklist(db, db.clock().today()))
        if (i.title.startsWith(start)) ++n;
    return n;
}

// The dental year of ProcedureFixtures, with UOAs too.
struct Dental {
    TempDb t;
    Database& db = t.db();
    DentalYear fixture{db, 200};
    Contract& contract = fixture.contract;
    DentalActivity& year = fixture.year;
};

} // namespace

TEST_CASE("a dental mid-year review is recorded by keyboard and clears the worklist item", "[gui][process]") {
    Dental d;
    Workspace ws(d.db);
    REQUIRE(itemsTitled(d.db, "Mid-year review due") == 1);
    MidYearReviewForm form(ws, d.year);
    showActive(form);
    CHECK(form.deliveryText().contains("UDAs: 200 of 1,000 by 30 September (20.0%) — under 30%"));
    type(form, "udaDeliveredH1", "310");
    CHECK(form.deliveryText().contains("(31.0%) — at least 30%: on track."));
    type(form, "uoaDeliveredH1", "50");
    CHECK(form.deliveryText().contains("UOAs: 50 of 200 by 30 September (25.0%) — under 30%"));
    type(form, "midYearReviewDate", "03/11/2026");
    pressSave(form);
    REQUIRE(form.result() == QDialog::Accepted);
    const DentalActivity saved = ContractBook(d.db).activity(d.contract.id).value(0);
    CHECK(saved.midYearReviewDate == QDate(2026, 11, 3));
    CHECK(saved.udaDeliveredH1 == 310);
    CHECK(saved.uoaDeliveredH1 == 50);
    CHECK(itemsTitled(d.db, "Mid-year review due") == 0);
}

TEST_CASE("a mid-year review dated in the future is refused beside the date and nothing is saved", "[gui][process]") {
    Dental d;
    Workspace ws(d.db);
    MidYearReviewForm form(ws, d.year);
    showActive(form);
    type(form, "udaDeliveredH1", "310");
    type(form, "midYearReviewDate", "01/12/2026");
    saveRefused(form, "midYearReviewDate", "The date of the mid-year review cannot be in the future.");
    // Neither the review nor the figures typed with it reached the file: one step, all or nothing.
    const DentalActivity kept = ContractBook(d.db).activity(d.contract.id).value(0);
    CHECK_FALSE(kept.midYearReviewDate.isValid());
    CHECK(kept.udaDeliveredH1 == 200);
    CHECK(itemsTitled(d.db, "Mid-year review due") == 1);
    // What was typed is still there to correct.
    CHECK(qobject_cast<QLineEdit*>(form.fieldEditor("udaDeliveredH1"))->text() == "310");
    type(form, "midYearReviewDate", "20/10/2026");
    pressSave(form);
    CHECK(form.result() == QDialog::Accepted);
    CHECK(itemsTitled(d.db, "Mid-year review due") == 0);
}

TEST_CASE("a list closure goes from application to acknowledgement to an approved decision copied to the LMC",
          "[gui][process]") {
    TempDb t;
    const Contractor practice = makePractice(t.db());
    const Contract contract = makeContract(t.db(), practice);
    Workspace ws(t.db());

    const ContractEvent draft = application(contract, "list_closure", QDate(2026, 11, 20));
    QString id;
    {
        ApplicationForm form(ws, draft);
        showActive(form);
        CHECK(form.stepText() == "Acknowledge within 7 days, by 27/11/2026.");
        type(form, "description", "Two GPs left; the practice asks to close its list for six months.");
        pressSave(form);
        REQUIRE(form.result() == QDialog::Accepted);
        id = form.record().id;
    }
    CHECK(itemsTitled(t.db(), "Acknowledge the list closure application") == 1);

    const ContractEvent applied = *ContractBook(t.db()).event(id);
    ApplicationForm form(ws, applied);
    showActive(form);
    // A decision before the acknowledgement is refused, and nothing changes.
    choose(form, "decision", "approved");
    type(form, "decisionDate", "22/11/2026");
    type(form, "effectiveDate", "01/12/2026");
    type(form, "deadline", "01/06/2027");
    type(form, "lrcCopiedDate", "22/11/2026");
    saveRefused(form, "acknowledgedDate", "Acknowledge the application before deciding it");
    CHECK(ContractBook(t.db()).event(id)->decision.isEmpty());

    type(form, "acknowledgedDate", "21/11/2026");
    CHECK(form.stepText() == "Approved: the list closes from 01/12/2026 and reopens on 01/06/2027.");
    pressSave(form);
    REQUIRE(form.result() == QDialog::Accepted);
    const ContractEvent decided = *ContractBook(t.db()).event(id);
    CHECK(decided.acknowledgedDate == QDate(2026, 11, 21));
    CHECK(decided.decision == "approved");
    CHECK(decided.lrcCopiedDate == QDate(2026, 11, 22));
    CHECK(decided.deadline == QDate(2027, 6, 1));
    CHECK(itemsTitled(t.db(), "Acknowledge the list closure application") == 0);
}

TEST_CASE("a rejected list closure says why, and a new application within 3 months is refused", "[gui][process]") {
    TempDb t;
    const Contractor practice = makePractice(t.db());
    const Contract contract = makeContract(t.db(), practice);
    Workspace ws(t.db());
    ContractEvent e =
        application(contract, "list_closure", QDate(2026, 11, 2), "Asks to close the list for twelve months.");
    e.acknowledgedDate = QDate(2026, 11, 4);
    e = ContractBook(t.db()).addEvent(e);
    {
        ApplicationForm form(ws, e);
        showActive(form);
        choose(form, "decision", "rejected");
        type(form, "decisionDate", "10/11/2026");
        type(form, "rejectionReason", "n/a");
        saveRefused(form, "rejectionReason", "is not a reason a reader can act on");
        CHECK(ContractBook(t.db()).event(e.id)->decision.isEmpty());
        type(form, "rejectionReason", "Other practices nearby cannot absorb the new registrations");
        CHECK(form.stepText() == "Rejected on 10/11/2026: the practice may apply again 3 months after the rejection, "
                                 "from 10/02/2027.");
        pressSave(form);
        REQUIRE(form.result() == QDialog::Accepted);
    }
    const ContractEvent rejected = *ContractBook(t.db()).event(e.id);
    CHECK(rejected.decision == "rejected");
    CHECK(ApplicationDetails::parse(rejected.description).rejectionReason ==
          "Other practices nearby cannot absorb the new registrations");

    ApplicationForm form(ws, application(contract, "list_closure", QDate(2026, 11, 22)));
    showActive(form);
    type(form, "description", "Asks again to close the list.");
    saveRefused(form, "eventDate",
                "The practice's last list closure application was rejected on 10/11/2026: a "
                "new application can be made 3 months later, from 10/02/2027.");
    CHECK(ContractBook(t.db()).events(contract.id).size() == 1);
}

TEST_CASE("a pharmacy market entry is decided after the needs assessment test and appealed to NHS Resolution",
          "[gui][process]") {
    TempDb t;
    const Contractor pharmacy = makePractice(t.db(), "FA001", "pharmacy");
    const Contract contract = makeContract(t.db(), pharmacy, "pharmacy_list");
    Workspace ws(t.db());
    const ContractEvent e = ContractBook(t.db()).addEvent(
        application(contract, "market_entry", QDate(2026, 10, 1), "A new pharmacy on the retail park."));
    CHECK(itemsTitled(t.db(), "Market entry application awaiting a decision") == 1);

    ApplicationForm form(ws, e);
    showActive(form);
    CHECK(form.stepText() == "Apply the pharmaceutical needs assessment test, then record the decision.");
    choose(form, "decision", "rejected");
    type(form, "decisionDate", "15/11/2026");
    type(form, "rejectionReason", "No need for another pharmacy is identified in the assessment");
    type(form, "appealDate", "10/11/2026");
    saveRefused(form, "needsAssessment", "Apply the pharmaceutical needs assessment test");
    CHECK(ContractBook(t.db()).event(e.id)->decision.isEmpty());

    choose(form, "needsAssessment", "no_need");
    saveRefused(form, "appealDate", "An appeal to NHS Resolution follows the decision");
    CHECK(ContractBook(t.db()).event(e.id)->decision.isEmpty());

    type(form, "appealDate", "20/11/2026");
    CHECK(form.stepText() == "Appealed to NHS Resolution on 20/11/2026: record its outcome in the description.");
    pressSave(form);
    REQUIRE(form.result() == QDialog::Accepted);
    const ContractEvent saved = *ContractBook(t.db()).event(e.id);
    CHECK(saved.decision == "rejected");
    CHECK(saved.appealDate == QDate(2026, 11, 20));
    CHECK(ApplicationDetails::parse(saved.description).needsAssessment == "no_need");
    CHECK(ApplicationDetails::parse(saved.description).summary == "A new pharmacy on the retail park.");
    CHECK(itemsTitled(t.db(), "Market entry application awaiting a decision") == 0);
}

TEST_CASE("pharmacy core hours show the rule beside the field as they are typed and a short week is refused",
          "[gui][process]") {
    TempDb t;
    const Contractor pharmacy = makePractice(t.db(), "FA001", "pharmacy");
    const Contract contract = makeContract(t.db(), pharmacy, "pharmacy_list");
    Workspace ws(t.db());
    ContractEditor form(ws, contract, "pharmacy");
    showActive(form);
    CHECK(form.hoursRuleText() == "A pharmacy opens at least 40 core hours a week (72 for a 100-hour pharmacy).");
    type(form, "coreHours", "35");
    CHECK(form.hoursRuleText() == "A pharmacy opens at least 40 core hours a week (this gives 35).");
    auto* hundred = qobject_cast<QCheckBox*>(form.fieldEditor("hundredHour"));
    REQUIRE(hundred);
    hundred->setFocus(Qt::TabFocusReason);
    QTest::keyClick(hundred, Qt::Key_Space);
    REQUIRE(hundred->isChecked());
    type(form, "coreHours", "60");
    CHECK(form.hoursRuleText() == "A 100-hour pharmacy keeps at least 72 core hours a week (this gives 60).");
    saveRefused(form, "coreHours", "A 100-hour pharmacy keeps at least 72 core hours a week (this gives 60).");
    CHECK_FALSE(ContractBook(t.db()).get(contract.id)->coreHours.has_value());
    CHECK_FALSE(ContractBook(t.db()).get(contract.id)->hundredHour);

    type(form, "coreHours", "72");
    type(form, "totalHours", "100");
    CHECK(form.hoursRuleText() == "A 100-hour pharmacy keeps at least 72 core hours a week.");
    pressSave(form);
    REQUIRE(form.result() == QDialog::Accepted);
    CHECK(ContractBook(t.db()).get(contract.id)->coreHours == 72.0);
    CHECK(ContractBook(t.db()).get(contract.id)->hundredHour);
}

TEST_CASE("a pharmacy breach notice waits for local dispute resolution and records the payment withheld",
          "[gui][process]") {
    TempDb t;
    t.clock.set(QDateTime(QDate(2026, 9, 1), QTime(12, 0), QTimeZone::utc()));
    const Contractor pharmacy = makePractice(t.db(), "FA001", "pharmacy");
    const Contract contract = makeContract(t.db(), pharmacy, "pharmacy_list");
    Workspace ws(t.db());
    {
        // Straight to a breach notice: refused beside the kind, nothing saved.
        ContractEvent e;
        e.contractId = contract.id;
        e.eventDate = QDate(2026, 9, 1);
        EventEditor form(ws, e);
        showActive(form);
        choose(form, "kind", "breach_notice");
        CHECK(form.fieldEditor("withheldPence")->isEnabled());
        type(form, "description", "Breach: the pharmacy closed during core hours.");
        type(form, "withheldPence", "£250.00");
        saveRefused(form, "kind",
                    "A pharmacy dispute goes to local dispute resolution (with the LPC) before "
                    "a breach notice: record that step on the contract first.");
        CHECK(ContractBook(t.db()).events(contract.id).isEmpty());
        // The local dispute resolution step, in the same editor.
        choose(form, "kind", "local_dispute_resolution");
        CHECK_FALSE(form.fieldEditor("withheldPence")->isEnabled());
        type(form, "description", "Dispute discussed with the contractor and the LPC.");
        pressSave(form);
        REQUIRE(form.result() == QDialog::Accepted);
        CHECK(ContractBook(t.db()).events(contract.id).value(0).kind == "local_dispute_resolution");
    }
    // A breach notice made through the process (from its concern), then the payment withheld.
    const ContractEvent notice = makeNotice(t.db(), eventDraft(contract, "breach_notice", QDate(2026, 9, 1)));
    EventEditor form(ws, notice);
    showActive(form);
    type(form, "withheldPence", "two hundred");
    saveRefused(form, "withheldPence", "\"two hundred\" is not an amount of money. Enter pounds, like £1,234.56.");
    CHECK_FALSE(ContractBook(t.db()).event(notice.id)->withheldPence.has_value());
    type(form, "withheldPence", "£250.00");
    pressSave(form);
    REQUIRE(form.result() == QDialog::Accepted);
    CHECK(ContractBook(t.db()).event(notice.id)->withheldPence == 25000);
}

TEST_CASE("Enter on a list closure or pharmacy application in the worklist opens its procedure",
          "[gui][process][worklist]") {
    TempDb t;
    const Contractor practice = makePractice(t.db());
    const Contract gms = makeContract(t.db(), practice);
    const ContractEvent closure = ContractBook(t.db()).addEvent(
        application(gms, "list_closure", QDate(2026, 11, 20), "Asks to close the list for six months."));
    const Contractor pharmacy = makePractice(t.db(), "FA001", "pharmacy");
    const ContractEvent entry =
        ContractBook(t.db()).addEvent(application(makeContract(t.db(), pharmacy, "pharmacy_list"), "market_entry",
                                                  QDate(2026, 10, 1), "A new pharmacy on the retail park."));

    Workspace ws(t.db());
    MainWindow window(ws);
    showActive(window);
    auto* page = qobject_cast<WorklistPage*>(window.page("worklist"));
    REQUIRE(page);
    QTreeView* view = page->view();
    auto open = [&](const QString& titleStart) {
        WorklistModel* model = page->model();
        for (int g = 0; g < model->rowCount(); ++g)
            for (int r = 0; r < model->rowCount(model->index(g, 0)); ++r)
                if (model->index(r, 0, model->index(g, 0)).data().toString().startsWith(titleStart))
                    view->setCurrentIndex(model->index(r, 0, model->index(g, 0)));
        REQUIRE(view->currentIndex().data().toString().startsWith(titleStart));
        view->setFocus();
        QTest::keyClick(view, Qt::Key_Return);
        REQUIRE(window.currentPage() == "practice");
    };
    QStringList opened;
    RecordForm::Runner previous = RecordForm::setRunner([&](RecordForm& form) {
        if (auto* a = qobject_cast<ApplicationForm*>(&form)) opened << a->record().id;
        return int(QDialog::Rejected);
    });
    open("Acknowledge the list closure application");
    QTest::keyClick(window.practiceFile(), Qt::Key_Left, Qt::AltModifier);
    open("Market entry application awaiting a decision");
    RecordForm::setRunner(previous);
    CHECK(opened == QStringList{closure.id, entry.id});
}

TEST_CASE("on the Contracts tab the application and mid-year review buttons open their forms, each on its own Alt key",
          "[gui][process][keyboard]") {
    Dental d;
    const Contract gms = makeContract(d.db, makePractice(d.db));
    Workspace ws(d.db);
    MainWindow window(ws);
    showActive(window);
    QStringList opened;
    RecordForm::Runner previous = RecordForm::setRunner([&](RecordForm& form) {
        opened << form.objectName() + " " + form.windowTitle();
        return int(QDialog::Rejected);
    });
    // Shows the contract's sub-tab; presses the button by keyboard, and checks that no other control
    // in sight (buttons, tabs, menus) answers to the same Alt key.
    auto press = [&](const QString& contractorId, const QString& panelName, const QString& button, const QString& alt) {
        window.openContractor(contractorId, "contracts");
        auto* details = window.practiceFile()->findChild<QTabWidget*>("contractDetails");
        auto* panel = window.practiceFile()->findChild<RecordListPanel*>(panelName);
        REQUIRE(details);
        REQUIRE(panel);
        details->setCurrentWidget(panel);
        if (panelName == QLatin1String("activity")) panel->selectId(d.year.id);
        for (int i = 0; i < 3; ++i)
            QApplication::processEvents();
        auto* b = window.findChild<QPushButton*>(button);
        REQUIRE(b);
        CHECK(QKeySequence::mnemonic(b->text()).toString() == alt);
        QStringList same;
        for (QAbstractButton* x : window.findChildren<QAbstractButton*>())
            if (x->isVisible() && QKeySequence::mnemonic(x->text()).toString() == alt) same << x->text();
        for (QTabBar* bar : window.findChildren<QTabBar*>())
            for (int i = 0; i < bar->count(); ++i)
                if (bar->isVisible() && QKeySequence::mnemonic(bar->tabText(i)).toString() == alt)
                    same << bar->tabText(i);
        for (QAction* m : window.menuBar()->actions())
            if (QKeySequence::mnemonic(m->text()).toString() == alt) same << m->text();
        CHECK(same == QStringList{b->text()});
        b->setFocus(Qt::TabFocusReason);
        QTest::keyClick(b, Qt::Key_Space);
    };
    press(gms.contractorId, "events", "newApplicationButton", "Alt+W");
    press(d.contract.contractorId, "activity", "midYearReviewButton", "Alt+Y");
    RecordForm::setRunner(previous);
    CHECK(opened == QStringList{"applicationForm New list closure", "midYearReviewForm Mid-year review 2026/27"});
}

// Pictures of the new screens, mid-way and with a refusal shown: CASEBOOK_SHOTS=DIR (and
// QT_SCALE_FACTOR=1.5 for high-DPI) to look at them.
TEST_CASE("pictures of the process screens", "[.shots]") {
    const QString dir = qEnvironmentVariable("CASEBOOK_SHOTS");
    if (dir.isEmpty()) return;
    QDir().mkpath(dir);
    auto shot = [&](QWidget& w, const QString& name) {
        for (int i = 0; i < 3; ++i)
            QApplication::processEvents();
        w.grab().save(QDir(dir).filePath(name + ".png"));
    };
    {
        Dental d;
        Workspace ws(d.db);
        MidYearReviewForm form(ws, d.year);
        showActive(form);
        type(form, "uoaDeliveredH1", "50");
        type(form, "midYearReviewDate", "01/12/2026");
        pressSave(form);
        shot(form, "process-mid-year-review");
    }
    TempDb t;
    const Contractor practice = makePractice(t.db());
    const Contract gms = makeContract(t.db(), practice);
    const Contractor pharmacy = makePractice(t.db(), "FA001", "pharmacy");
    const Contract listed = makeContract(t.db(), pharmacy, "pharmacy_list");
    Workspace ws(t.db());
    {
        ApplicationForm form(ws, application(gms, "list_closure", QDate(2026, 11, 20),
                                             "Two GPs left; the practice asks to close its list for six months."));
        showActive(form);
        choose(form, "decision", "approved");
        type(form, "decisionDate", "22/11/2026");
        type(form, "effectiveDate", "01/12/2026");
        type(form, "deadline", "01/06/2027");
        pressSave(form);
        shot(form, "process-list-closure");
    }
    {
        ApplicationForm form(
            ws, application(listed, "market_entry", QDate(2026, 10, 1), "A new pharmacy on the retail park."));
        showActive(form);
        choose(form, "decision", "rejected");
        type(form, "decisionDate", "15/11/2026");
        type(form, "rejectionReason", "n/a");
        pressSave(form);
        shot(form, "process-pharmacy-application");
    }
    {
        ContractEditor form(ws, listed, "pharmacy");
        showActive(form);
        type(form, "coreHours", "35");
        shot(form, "process-pharmacy-hours");
    }
    {
        ContractEvent e;
        e.contractId = listed.id;
        e.eventDate = QDate(2026, 11, 22);
        EventEditor form(ws, e);
        showActive(form);
        choose(form, "kind", "breach_notice");
        type(form, "description", "Breach: the pharmacy closed during core hours.");
        type(form, "withheldPence", "£250.00");
        pressSave(form);
        shot(form, "process-breach-withheld");
    }
}
