// Widget tests for the concerns, visits and tier screens: grading on the matrix, the stages to
// closed through the stage form, the timeline widget, raising a concern from a visit finding.
#include "../core/ConcernFixtures.h"
#include "common/Policy.h"
#include "common/Ask.h"
#include "common/RecordForm.h"
#include "common/TableModels.h"
#include "common/Workspace.h"
#include "concerns/ConcernEditors.h"
#include "concerns/ConcernFile.h"
#include "concerns/ConcernViews.h"
#include "concerns/ConcernWidgets.h"
#include "contractors/PracticeFile.h"
#include "shell/Features.h"
#include "shell/MainWindow.h"
#include "store/Settings.h"
#include "tiers/AssuranceTier.h"
#include "tiers/TierHistory.h"
#include "visits/VisitViews.h"

#include <QAbstractItemModelTester>
#include <QApplication>
#include <QCheckBox>
#include <QSpinBox>
#include <QComboBox>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QRadioButton>
#include <QTableView>
#include <QTest>

using namespace cb;
using namespace cb::ui;
using namespace cbtest;

namespace {

struct Answers {
    explicit Answers(int answer) {
        previous = Ask::setHandler([this, answer](QWidget*, const Question& q) {
            asked << q.text;
            return answer;
        });
    }
    ~Answers() { Ask::setHandler(previous); }
    QStringList asked;
    Ask::Handler previous;
};

struct FormDriver {
    explicit FormDriver(RecordForm::Runner drive) { previous = RecordForm::setRunner(std::move(drive)); }
    ~FormDriver() { RecordForm::setRunner(previous); }
    RecordForm::Runner previous;
};

struct FileDriver {
    explicit FileDriver(ConcernFile::Runner drive) { previous = ConcernFile::setRunner(std::move(drive)); }
    ~FileDriver() { ConcernFile::setRunner(previous); }
    ConcernFile::Runner previous;
};

void setText(RecordForm& form, const QString& field, const QString& text) {
    QWidget* w = form.fieldEditor(field);
    REQUIRE(w);
    if (auto* line = qobject_cast<QLineEdit*>(w)) line->setText(text);
    else if (auto* box = qobject_cast<QPlainTextEdit*>(w)) box->setPlainText(text);
    else FAIL("not a text field: " << field.toStdString());
}

// A stage change filled in the way a caseworker would, through the stage form.
struct StageStep {
    QString stage, reason, notice, lrcReason, outcome;
};

bool timelineHas(ConcernFile& file, const QString& text) {
    for (const QString& line : file.timeline()->lines())
        if (line.contains(text)) return true;
    return false;
}

} // namespace

TEST_CASE("a concern is graded on the matrix by mouse and keyboard and moved through the stages to closed", "[gui]") {
    TempDb t;
    t.clock.set(QDateTime(QDate(2026, 9, 1), QTime(12, 0), QTimeZone::utc())); // support to improve needs time
    const Contractor practice = makePractice(t.db());
    const Contract contract = makeContract(t.db(), practice);
    Workspace ws(t.db());

    // New concern through the editor, with core's field names.
    ConcernEditor editor(ws, ConcernService(t.db()).draft(practice.id));
    CHECK(editor.fieldEditor("lrcCommittee")->property("text").toString() == "LMC"); // derived from the group
    RecordForm::setCode(qobject_cast<QComboBox*>(editor.fieldEditor("source")), "complaint");
    RecordForm::setCode(qobject_cast<QComboBox*>(editor.fieldEditor("category")), "access");
    setText(editor, "summary", "");
    CHECK_FALSE(editor.save());
    CHECK(editor.issueText("summary") == "Write a one-line summary of the concern.");
    CHECK(count(t.db(), "concern") == 0);
    setText(editor, "summary", "Patients cannot get through on the telephone");
    REQUIRE(editor.save());
    const QString id = editor.concernId();
    REQUIRE_FALSE(id.isEmpty());

    ConcernFile file(ws, id);
    file.show();
    REQUIRE(QTest::qWaitForWindowExposed(&file));
    RiskMatrixWidget* matrix = file.matrix();
    CHECK(matrix->cell(3, 3)->accessibleName() == "Consequence 3 moderate, likelihood 3 possible: score 9, high");
    CHECK(matrix->cell(5, 5)->text().contains("Extreme")); // text as well as colour

    // Mouse: a click grades.
    QTest::mouseClick(matrix->cell(3, 3), Qt::LeftButton);
    Concern c = *ConcernService(t.db()).get(id);
    CHECK(c.consequence == 3);
    CHECK(c.likelihood == 3);
    CHECK(timelineHas(file, "Graded: Moderate x Possible = 9 (high)"));
    CHECK(matrix->cell(3, 3)->accessibleName().endsWith("(current grading)"));

    // Keyboard: arrows move (up = higher consequence), Space chooses; re-grading asks first.
    {
        Answers yes(0);
        QTest::keyClick(matrix->cell(3, 3), Qt::Key_Up);
        CHECK(matrix->cell(4, 3)->focusPolicy() == Qt::StrongFocus);
        CHECK(matrix->cell(3, 3)->focusPolicy() == Qt::ClickFocus);
        QTest::keyClick(matrix->cell(4, 3), Qt::Key_Right);
        QTest::keyClick(matrix->cell(4, 4), Qt::Key_Space);
        REQUIRE(yes.asked.size() == 1);
        CHECK(yes.asked.first().contains("The earlier grading stays on the timeline"));
    }
    c = *ConcernService(t.db()).get(id);
    CHECK(c.consequence == 4);
    CHECK(c.likelihood == 4);
    CHECK(timelineHas(file, "Re-graded: Major x Likely = 16 (extreme)\nWas Moderate x Possible = 9 (high)"));
    {
        Answers no(1); // "Cancel": nothing changes
        QTest::keyClick(matrix->cell(4, 4), Qt::Key_Left);
        QTest::keyClick(matrix->cell(4, 3), Qt::Key_Return);
        CHECK(no.asked.size() == 1);
    }
    CHECK(ConcernService(t.db()).get(id)->likelihood == 4);

    // Stages, each through the stage form.
    StageStep step;
    bool formShown = false;
    QString issueShown;
    FormDriver driver([&](RecordForm& form) {
        auto* stage = qobject_cast<StageChangeForm*>(&form);
        REQUIRE(stage);
        formShown = true;
        stage->setStage(step.stage);
        setText(form, "reason", step.reason);
        if (!step.notice.isEmpty()) {
            auto* combo = qobject_cast<QComboBox*>(form.fieldEditor("noticeEventId"));
            REQUIRE(combo);
            RecordForm::setCode(combo, step.notice);
            if (step.notice == "new") { // the notice recorded in place
                CHECK(stage->isFieldShown("noticeKind"));
                setText(form, "noticeDescription", "Breach: core hours not kept. Steps: restore them and report weekly.");
                auto* deadline = qobject_cast<DateField*>(form.fieldEditor("noticeDeadline"));
                REQUIRE(deadline);
                deadline->setDate(t.db().clock().today().addDays(28));
            }
        }
        if (!step.lrcReason.isEmpty()) setText(form, "lrcReason", step.lrcReason);
        if (!step.outcome.isEmpty()) setText(form, "outcome", step.outcome);
        if (step.stage == "formal_action") {
            CHECK(stage->isFieldShown("noticeEventId"));
            CHECK(stage->isFieldShown("lrcReason"));
            CHECK_FALSE(stage->isFieldShown("outcome"));
        }
        if (step.stage == "closed") CHECK(stage->isFieldShown("outcome"));
        form.save();
        issueShown.clear();
        for (const QString& f : {"stage", "reason", "serious", "seriousReason", "noticeEventId", "noticeEventDate",
                                 "noticeDeadline", "noticeDescription", "lrcReason", "outcome", "actions", "date"})
            issueShown += form.issueText(f);
        return form.result();
    });
    auto move = [&](StageStep s) {
        step = std::move(s);
        formShown = false;
        file.changeStage();
        REQUIRE(formShown);
    };

    move({"triaged", "Calls reviewed with the practice"});
    move({"investigating", "Data requested"});

    // Invalid: formal action straight from investigating, not serious. The message shows beside the field; nothing is written.
    const qint64 events = count(t.db(), "concern_event");
    const qint64 audits = count(t.db(), "audit");
    move({"formal_action", "Straight to a notice", "new", "Urgent"});
    CHECK(issueShown.contains("Support to improve comes before formal action"));
    CHECK(count(t.db(), "concern_event") == events);
    CHECK(count(t.db(), "audit") == audits);
    CHECK(ConcernService(t.db()).get(id)->stage == "investigating");
    move({"triaged", ""}); // no reason
    CHECK(issueShown.contains("Give the reason for moving the concern to triaged."));
    CHECK(count(t.db(), "concern_event") == events);

    move({"support_to_improve", "Action plan agreed with the partners"});
    t.clock.advanceDays(policy::kSupportToImproveMinDays); // support to improve runs its course
    move({"formal_action", "Plan not followed", "new", "Patient safety could not wait for the LMC meeting"});
    INFO(issueShown.toStdString());
    CHECK(issueShown.isEmpty());
    const QString noticeId = ConcernService(t.db()).get(id)->noticeEventId;
    REQUIRE_FALSE(noticeId.isEmpty());
    CHECK(ContractBook(t.db()).event(noticeId)->concernId == id); // the notice names its concern
    move({"monitoring", "Notice complied with"});
    move({"closed", "Three months of good figures"}); // no outcome
    CHECK(issueShown.contains("Write the outcome the concern closes with."));
    CHECK(ConcernService(t.db()).get(id)->stage == "monitoring");
    move({"closed", "Three months of good figures", QString(), QString(), "Telephone access restored"});
    CHECK(ConcernService(t.db()).get(id)->stage == "closed");

    // Every step is on the timeline widget, in order.
    const QStringList lines = file.timeline()->lines();
    const QStringList expected{"Received (Complaint)",
                               "Graded: Moderate x Possible = 9 (high)",
                               "Re-graded: Major x Likely = 16 (extreme)",
                               "Stage: Received -> Triaged\nCalls reviewed with the practice",
                               "Stage: Triaged -> Investigating",
                               "Stage: Investigating -> Support to improve",
                               "Stage: Support to improve -> Formal action\nPlan not followed\nBefore the LMC was informed",
                               "Stage: Formal action -> Monitoring",
                               "Stage: Monitoring -> Closed\nThree months of good figures\nOutcome: Telephone access restored"};
    int at = 0;
    for (const QString& e : expected) {
        int found = -1;
        for (int i = at; i < lines.size(); ++i)
            if (lines.at(i).contains(e)) {
                found = i;
                break;
            }
        INFO(e.toStdString());
        CHECK(found >= 0);
        if (found >= 0) at = found + 1;
    }
    CHECK(lines.at(3).startsWith("01/09/2026 · tester · ")); // dated, with who
    // Closed: the matrix no longer grades.
    CHECK_FALSE(matrix->cell(1, 1)->isEnabled());
}

TEST_CASE("actions are added and completed in the concern file, overdue ones say so", "[gui]") {
    TempDb t;
    const Contractor practice = makePractice(t.db());
    ConcernService service(t.db());
    const Concern c = service.create(newConcern(t.db(), practice.id));
    service.addAction({QString(), c.id, "Send call figures", "Sam", QDate(2026, 11, 1), {}, {}});
    Workspace ws(t.db());
    ConcernFile file(ws, c.id);
    QAbstractItemModelTester tester(file.actionsModel(), QAbstractItemModelTester::FailureReportingMode::Warning);
    REQUIRE(file.actionsModel()->rowCount() == 1);
    CHECK(file.actionsModel()->index(0, 5).data().toString() == "Overdue by 21 days");

    FormDriver driver([&](RecordForm& form) {
        REQUIRE(qobject_cast<ConcernActionForm*>(&form));
        if (form.windowTitle() == "New action") {
            setText(form, "description", "Visit the practice");
            form.save();
            CHECK(form.issueText("dueDate") == "Enter the date the action is due.");
            qobject_cast<DateField*>(form.fieldEditor("dueDate"))->setDate(QDate(2026, 12, 15));
        } else {
            setText(form, "result", "Figures received");
        }
        form.save();
        return form.result();
    });
    file.addAction();
    REQUIRE(file.actionsModel()->rowCount() == 2);
    file.actionsView()->setCurrentIndex(file.actionsModel()->index(0, 0));
    file.completeAction();
    CHECK(file.actionsModel()->index(0, 5).data().toString() == "Done");
    CHECK(timelineHas(file, "Action completed\nSend call figures: Figures received"));
    CHECK(timelineHas(file, "Action added\nVisit the practice (owner Sam Caseworker, due 15/12/2026)"));
}

TEST_CASE("the concerns page filters by band, stage, owner, overdue and confidential, and every model passes the tester", "[gui]") {
    TempDb t;
    const Contractor practice = makePractice(t.db());
    ConcernService service(t.db());
    Concern a = service.create(newConcern(t.db(), practice.id));
    service.grade(a.id, 4, 4);
    Concern b = newConcern(t.db(), practice.id, makePerformer(t.db()).id);
    b.summary = "Record keeping";
    b.owner = "Jo";
    b = service.create(b);
    service.grade(b.id, 1, 2);
    service.addAction({QString(), b.id, "Audit notes", "Jo", QDate(2026, 11, 1), {}, {}});
    Workspace ws(t.db());
    ConcernsPage page(ws);
    QAbstractItemModelTester tester(page.model(), QAbstractItemModelTester::FailureReportingMode::Warning);
    page.model()->waitForCount();
    CHECK(page.model()->rowCount() == 2);
    const int actions = concernActionsColumn();
    auto rowsWhere = [&](const char* name, int index) {
        auto* combo = page.findChild<QComboBox*>(name);
        REQUIRE(combo);
        combo->setCurrentIndex(index);
        return page.model()->rowCount();
    };
    CHECK(rowsWhere("bandFilter", 4) == 1); // extreme
    CHECK(page.model()->index(0, 4).data().toString() == "16 Extreme");
    CHECK(rowsWhere("bandFilter", 0) == 2);
    auto* overdue = page.findChild<QCheckBox*>("overdueFilter");
    overdue->setChecked(true);
    REQUIRE(page.model()->rowCount() == 1);
    CHECK(page.model()->index(0, actions).data().toString() == "1 open, 1 overdue");
    overdue->setChecked(false);
    CHECK(rowsWhere("confidentialFilter", 1) == 1); // the performer concern is confidential by default
    CHECK(page.model()->index(0, 8).data().toString() == "Confidential");
    CHECK(rowsWhere("confidentialFilter", 0) == 2);
    auto* owner = page.findChild<QComboBox*>("ownerFilter");
    owner->setCurrentIndex(owner->findData("Jo"));
    CHECK(page.model()->rowCount() == 1);

    // Enter opens the concern.
    QString opened;
    FileDriver files([&](ConcernFile& f) { opened = f.concern().id; });
    page.view()->setCurrentIndex(page.model()->index(0, 0));
    QTest::keyClick(page.view(), Qt::Key_Return);
    CHECK(opened == b.id);

    // The practice file's Concerns and Visits tabs, and the tier history.
    installPracticeTabs();
    PracticeFile pf(ws);
    pf.open(practice.id);
    auto* concernsTable = pf.findChild<QTableView*>("concernsTable");
    REQUIRE(concernsTable);
    QAbstractItemModelTester tabTester(concernsTable->model(), QAbstractItemModelTester::FailureReportingMode::Warning);
    CHECK(concernsTable->model()->rowCount() == 2);
    auto* visitsTable = pf.findChild<QTableView*>("visitsTable");
    REQUIRE(visitsTable);
    QAbstractItemModelTester visitTester(visitsTable->model(), QAbstractItemModelTester::FailureReportingMode::Warning);
    TierHistoryDialog tiers(ws, practice);
    QAbstractItemModelTester tierTester(tiers.model(), QAbstractItemModelTester::FailureReportingMode::Warning);
}

TEST_CASE("a visit is filled in from the default checklist and a not met finding raises a concern in one step", "[gui]") {
    TempDb t;
    const Contractor practice = makePractice(t.db());
    Workspace ws(t.db());
    Visit v;
    v.contractorId = practice.id;
    v.visitDate = QDate(2026, 11, 20);
    VisitEditor editor(ws, v);
    REQUIRE(editor.findingCount() == defaultChecklist("general_practice").size());
    CHECK(editor.finding(0).area->text() == defaultChecklist("general_practice").first());
    CHECK_FALSE(editor.finding(1).raise->isEnabled()); // not rated yet: nothing to raise
    for (int i = 0; i < editor.findingCount(); ++i) CHECK(editor.finding(i).rating().isEmpty()); // no "met" by default
    RecordForm::setCode(qobject_cast<QComboBox*>(editor.fieldEditor("status")), "done");
    qobject_cast<QLineEdit*>(editor.fieldEditor("attendees"))->setText("Sam Patel, practice manager");
    editor.finding(1).ratings[2]->click(); // not met
    REQUIRE(editor.finding(1).raise->isEnabled());

    // Core's rule (a not met finding needs a note) is shown and nothing is written.
    Answers yes(0);
    QString opened;
    QStringList timeline;
    FileDriver files([&](ConcernFile& f) {
        opened = f.concern().id;
        timeline = f.timeline()->lines();
    });
    editor.raiseConcern(1);
    CHECK(editor.issueText("findings").contains("Write what was found where the area was not met."));
    CHECK(count(t.db(), "visit") == 0);
    CHECK(count(t.db(), "concern") == 0);
    CHECK(opened.isEmpty());

    editor.finding(1).note->setText("Fridge log missing for three weeks");
    editor.finding(1).raise->click();
    REQUIRE_FALSE(opened.isEmpty());
    const Concern c = *ConcernService(t.db()).get(opened);
    CHECK(c.source == "visit");
    CHECK(c.contractorId == practice.id);
    CHECK(c.details.contains("Fridge log missing for three weeks"));
    CHECK(timeline.join("\n").contains("Raised from the finding"));
    CHECK(editor.finding(1).raise->text() == "Open concern");
    CHECK(count(t.db(), "visit_finding") == 1); // only the area rated: the others were not checked
    CHECK(VisitService(t.db()).findings(editor.visitId()).first().concernId == c.id); // the one area rated
}

TEST_CASE("the tier badge opens the history, with the suggestion, and a decision is recorded with its rationale", "[gui]") {
    TempDb t;
    const Contractor practice = makePractice(t.db());
    ConcernService concerns(t.db());
    const Concern c = concerns.create(newConcern(t.db(), practice.id));
    concerns.grade(c.id, 5, 4);
    Workspace ws(t.db());
    MainWindow window(ws);
    window.openContractor(practice.id);
    auto* badge = window.practiceFile()->findChild<QPushButton*>("tierBadge");
    REQUIRE(badge);
    CHECK(badge->text() == "Tier not assessed");
    bool shown = false;
    TierHistoryDialog::Runner previous = TierHistoryDialog::setRunner([&](TierHistoryDialog& d) {
        shown = true;
        CHECK(d.suggestionText().contains("Suggested: <b>Cause for concern</b>"));
        FormDriver driver([&](RecordForm& form) {
            REQUIRE(qobject_cast<TierDecisionForm*>(&form));
            form.save();
            CHECK(form.issueText("rationale") == "Write the rationale for the tier: what the decision rests on.");
            setText(form, "rationale", "Open extreme concern about telephone access");
            form.save();
            return form.result();
        });
        d.decide();
        REQUIRE(d.model()->rowCount() == 1);
        CHECK(d.model()->index(0, 0).data().toString() == "Cause for concern");
        CHECK(d.model()->index(0, 2).data().toString() == "tester");
    });
    badge->click();
    TierHistoryDialog::setRunner(previous);
    CHECK(shown);
    CHECK(badge->text() == "Cause for concern");
}

TEST_CASE("risk band settings are validated by core and change the matrix", "[gui]") {
    TempDb t;
    Workspace ws(t.db());
    RiskBandsForm form(ws);
    qobject_cast<QSpinBox*>(form.fieldEditor("moderateMax"))->setValue(2);
    CHECK_FALSE(form.save());
    CHECK(form.issueText("moderateMax") == "The highest moderate score must be above the highest low score (3).");
    CHECK(count(t.db(), "setting") == 0);
    qobject_cast<QSpinBox*>(form.fieldEditor("moderateMax"))->setValue(8);
    REQUIRE(form.save());
    Settings settings(t.db());
    CHECK(risk::loadBands(settings).moderateMax == 8);
    RiskMatrixWidget matrix;
    matrix.setBands(risk::loadBands(settings));
    CHECK(matrix.cell(2, 4)->accessibleName() == "Consequence 2 minor, likelihood 4 likely: score 8, moderate");
}

TEST_CASE("a read-only database shows concerns and visits but every change is disabled and says why", "[gui]") {
    TempDb t;
    const Contractor practice = makePractice(t.db());
    const Concern c = ConcernService(t.db()).create(newConcern(t.db(), practice.id));
    t.database.reset(); // closed, so the file can be opened as a shared read-only copy
    Database db(t.path(), Database::Access::ReadOnly);
    Workspace ws(db);
    ConcernFile file(ws, c.id);
    CHECK_FALSE(file.matrix()->cell(3, 3)->isEnabled());
    CHECK(file.matrix()->cell(3, 3)->toolTip() == Workspace::readOnlyReason());
    for (const char* name : {"changeStageButton", "editConcernButton", "addNoteButton", "addActionButton"}) {
        auto* b = file.findChild<QPushButton*>(name);
        REQUIRE(b);
        CHECK_FALSE(b->isEnabled());
    }
    file.grade(3, 3); // even if called, nothing is written
    CHECK(ConcernService(db).get(c.id)->consequence == 0);
    Visit v;
    v.contractorId = practice.id;
    v.visitDate = QDate(2026, 11, 20);
    VisitEditor editor(ws, v);
    editor.finding(0).ratings[2]->setChecked(true);
    CHECK_FALSE(editor.finding(0).raise->isEnabled());
    CHECK_FALSE(editor.saveButton()->isEnabled());
}
