// The worklist on the demo database, keyboard first (issue 15): every kind of item it lists opens
// its record with one Enter and the keyboard on that record (or the form the item asks for), and
// Alt+Left comes back to the same line; the order (overdue, this week, the rest, information
// folded) and every item about a practice naming it.
#include "../core/ConcernFixtures.h"
#include "../core/ProcedureFixtures.h"
#include "TestSupport.h"
#include "common/Ask.h"
#include "common/RecordForm.h"
#include "common/RecordListPanel.h"
#include "common/Workspace.h"
#include "contractors/PracticeFile.h"
#include "contracts/ProcedureForms.h"
#include "dataquality/DataQuality.h"
#include "demo/DemoSeeder.h"
#include "lpn/LpnModels.h"
#include "lpn/NetworksPage.h"
#include "shell/MainWindow.h"
#include "worklist/Worklist.h"
#include "worklist/WorklistModel.h"
#include "worklist/WorklistPage.h"

#include <QApplication>
#include <QHeaderView>
#include <QSet>
#include <QTabBar>
#include <QTabWidget>
#include <QTableView>
#include <QTest>
#include <QTreeView>

using namespace cb;
using namespace cb::ui;

namespace {

// The demo area (today 22/11/2026), with what the seeder does not make: a list closure application
// waiting for its acknowledgement, a pharmacy market entry waiting for a decision, and data-quality
// note from a national file.
struct DemoDesk {
    cbtest::TempDb t;
    Database& db = t.db();
    DemoDesk() {
        seedDemo(db, SeedOptions{});
        ContractBook book(db);
        const auto gms = db.queryOne("SELECT k.* FROM contract k JOIN contractor c ON c.id = k.contractor_id "
                                     "WHERE k.route = 'gms' AND k.status = 'active' ORDER BY c.ods_code LIMIT 1");
        const auto pharmacy = db.queryOne("SELECT k.* FROM contract k JOIN contractor c ON c.id = k.contractor_id "
                                          "WHERE c.contractor_group = 'pharmacy' AND k.status = 'active' "
                                          "ORDER BY c.ods_code LIMIT 1");
        REQUIRE(gms);
        REQUIRE(pharmacy);
        book.addEvent(cbtest::application(Contract::fromRow(*gms), "list_closure", QDate(2026, 11, 20),
                                          "Asks to close the list for six months."));
        book.addEvent(cbtest::application(Contract::fromRow(*pharmacy), "market_entry", QDate(2026, 10, 1),
                                          "A new pharmacy on the retail park."));
        const auto eye = db.queryOne("SELECT id FROM contractor WHERE contractor_group = 'eye_health' ORDER BY ods_code LIMIT 1");
        REQUIRE(eye);
        DataQualityNote n;
        n.id = Database::newId();
        n.recordTable = "contractor";
        n.recordId = n.contractorId = eye->value("id").toString();
        n.field = "closeDate";
        n.file = "eocl.csv";
        n.line = 12;
        n.problem = "Marked active with a close date.";
        db.save(dataQualityRecord(), n.toRow(), Database::SaveMode::New);
    }
};

// What an item is, for walking one of each: its section and record, and the form it asks for.
QString kindOf(const WorklistItem& i) {
    return QStringList{i.category, i.table, i.form, i.informational ? "information" : ""}.join('/');
}

QModelIndex indexOf(WorklistModel* model, const WorklistItem& item) {
    for (int g = 0; g < model->rowCount(); ++g)
        for (int r = 0; r < model->rowCount(model->index(g, 0)); ++r) {
            const QModelIndex at = model->index(r, 0, model->index(g, 0));
            const WorklistItem* i = model->itemAt(at);
            if (i && i->recordId == item.recordId && i->title == item.title) return at;
        }
    return {};
}

// The record list (of the practice file) the keyboard is in, if any.
RecordListPanel* panelWithFocus(QWidget* root) {
    QWidget* f = QApplication::focusWidget();
    for (RecordListPanel* p : root->findChildren<RecordListPanel*>())
        if (f && p->view() == f) return p;
    return nullptr;
}

// Seeding is the slow part: one demo for the file (nothing here saves).
DemoDesk& demoDesk() {
    static DemoDesk d;
    return d;
}

// The main window on the demo, its worklist page at hand.
struct DemoWindow {
    DemoDesk& d = demoDesk();
    Workspace ws{d.db};
    MainWindow window{ws};
    WorklistPage* page = qobject_cast<WorklistPage*>(window.page("worklist"));
};

void settle() {
    for (int i = 0; i < 3; ++i) QApplication::processEvents();
}

} // namespace

TEST_CASE("Enter on every kind of worklist item opens its record with the keyboard on it, Alt+Left comes back",
          "[gui][worklist][desk][keyboard]") {
    DemoDesk& d = demoDesk();
    Workspace ws(d.db);
    MainWindow window(ws);
    window.show();
    window.activateWindow();
    REQUIRE(QTest::qWaitForWindowActive(&window));
    auto* page = qobject_cast<WorklistPage*>(window.page("worklist"));
    REQUIRE(page);
    QTreeView* view = page->view();

    // Forms opened (the runner stands in for the caseworker, who closes them) and messages shown
    // instead of a record (there must be none).
    QStringList forms;
    const RecordForm::Runner previousRunner = RecordForm::setRunner([&](RecordForm& form) {
        QString id;
        if (auto* a = qobject_cast<ApplicationForm*>(&form)) id = a->record().id;
        forms << form.objectName() + " " + id;
        return int(QDialog::Rejected);
    });
    QStringList asked;
    const Ask::Handler previousAsk = Ask::setHandler([&](QWidget*, const Question& q) {
        asked << q.title;
        return 0;
    });

    QMap<QString, WorklistItem> kinds;
    for (const WorklistItem& i : page->model()->items())
        if (!kinds.contains(kindOf(i))) kinds.insert(kindOf(i), i);
    // The demo (with its applications and notes) has every kind of line the worklist makes.
    QSet<QString> tables;
    for (const WorklistItem& i : kinds) tables << i.table;
    CHECK(tables == QSet<QString>{"concern", "contract", "contract_event", "contractor", "data_quality_note",
                                  "dental_activity", "lpn_member", "visit"});
    QSet<QString> withForms;
    for (const WorklistItem& i : kinds) withForms << i.form;
    CHECK(withForms == QSet<QString>{"", "application", "mid_year_review"});

    QStringList wrong;
    for (const WorklistItem& item : std::as_const(kinds)) {
        const QString what = kindOf(item) + " \"" + item.title + "\"";
        INFO(what.toStdString());
        window.showPage("worklist");
        const QModelIndex at = indexOf(page->model(), item);
        REQUIRE(at.isValid());
        view->expand(at.parent()); // an information line is in a folded group
        view->setCurrentIndex(at);
        view->setFocus();
        forms.clear();
        asked.clear();
        QTest::keyClick(view, Qt::Key_Return);
        settle();
        CHECK(asked.isEmpty()); // a record, not a message about it

        // The record: selected, with the keyboard on it.
        if (item.table == "lpn_member") {
            auto* networks = qobject_cast<NetworksPage*>(window.page("networks"));
            REQUIRE(networks);
            CHECK(window.currentPage() == "networks");
            auto* on = qobject_cast<QTreeView*>(QApplication::focusWidget());
            REQUIRE((on == networks->reviewView() || on == networks->rosterView()));
            CHECK(on->currentIndex().siblingAtColumn(0).data(kRecordIdRole).toString() == item.recordId);
        } else {
            REQUIRE(window.currentPage() == "practice");
            PracticeFile* file = window.practiceFile();
            QString table = item.table, id = item.recordId, contractorId = item.contractorId;
            if (table == "data_quality_note") {
                const auto note = d.db.queryOne("SELECT * FROM data_quality_note WHERE id = ?", {id});
                REQUIRE(note);
                table = note->value("record_table").toString();
                id = note->value("record_id").toString();
                contractorId = note->value("contractor_id").toString();
            }
            CHECK(file->contractorId() == contractorId);
            CHECK(file->isAncestorOf(QApplication::focusWidget()));
            RecordListPanel* panel = panelWithFocus(file);
            if (table == "contractor" && item.category == "visits") {
                REQUIRE(panel);
                CHECK(panel->objectName() == "visits"); // where the compliance visit is planned
            } else if (table == "contractor") {
                CHECK(QApplication::focusWidget() == file->tabs()->tabBar()); // on its Details tab
                CHECK(file->tabs()->currentIndex() == file->tabIds().indexOf("details"));
            } else {
                REQUIRE(panel);
                const QMap<QString, QString> panels{{"concern", "concerns"},        {"visit", "visits"},
                                                    {"contract", "contracts"},       {"contract_event", "events"},
                                                    {"dental_activity", "activity"}, {"site", "sites"}};
                CHECK(panel->objectName() == panels.value(table));
                CHECK(panel->currentId() == id);
            }
        }
        // The form the item asks for, at once.
        if (item.form == "application") CHECK(forms == QStringList{"applicationForm " + item.recordId});
        else if (item.form == "mid_year_review") CHECK(forms == QStringList{"midYearReviewForm "});
        else CHECK(forms.isEmpty());

        // Back: the worklist, on the same line, with the keyboard in it.
        QTest::keyClick(QApplication::focusWidget(), Qt::Key_Left, Qt::AltModifier);
        settle();
        CHECK(window.currentPage() == "worklist");
        CHECK(view->currentIndex() == indexOf(page->model(), item));
        CHECK(QApplication::focusWidget() == view);
    }
    RecordForm::setRunner(previousRunner);
    Ask::setHandler(previousAsk);
}

TEST_CASE("the demo worklist: overdue, then this week, then the rest, information folded, practices named",
          "[gui][worklist][desk]") {
    DemoWindow w;
    WorklistPage* page = w.page;
    REQUIRE(page);
    WorklistModel* model = page->model();
    const QDate today = w.d.db.clock().today();

    // Groups in band order, each item in its band, the earliest first within it.
    QStringList groups;
    int lastBand = -1;
    for (int g = 0; g < model->rowCount(); ++g) {
        const QModelIndex group = model->index(g, 0);
        groups << group.data().toString();
        QDate previous;
        for (int r = 0; r < model->rowCount(group); ++r) {
            const WorklistItem* i = model->itemAt(model->index(r, 0, group));
            REQUIRE(i);
            const int band = int(worklistBand(*i, today));
            INFO(i->title.toStdString());
            CHECK(band >= lastBand);
            lastBand = band;
            CHECK(group.data(Qt::UserRole).toString() == bandInfo(worklistBand(*i, today)).code);
            if (i->due.isValid() && previous.isValid()) CHECK(previous <= i->due);
            if (i->due.isValid()) previous = i->due;
            if (worklistBand(*i, today) == WorklistBand::Overdue) CHECK(i->overdue);
            if (worklistBand(*i, today) == WorklistBand::ThisWeek) CHECK((i->due >= today && i->due <= today.addDays(7)));
        }
        // Information is folded until opened; what needs doing is open.
        CHECK(page->view()->isExpanded(group) == !group.data(WorklistModel::CollapsedRole).toBool());
    }
    INFO(groups.join(" | ").toStdString());
    REQUIRE(groups.size() == 4);
    CHECK(groups[0].startsWith("Overdue"));
    CHECK(groups[1].startsWith("Due this week"));
    CHECK(groups[2].startsWith("Later"));
    CHECK(groups[3].startsWith("For information"));
    CHECK_FALSE(page->view()->isExpanded(model->index(3, 0)));

    // Every item about a practice names it in its title; a confidential one names the practice and
    // not the individual.
    int confidential = 0;
    for (const WorklistItem& i : model->items()) {
        INFO(i.title.toStdString());
        if (i.contractorId.isEmpty()) continue;
        CHECK_FALSE(i.practice.isEmpty());
        CHECK(i.title.contains(i.practice));
        if (!i.confidential || i.table != "concern") continue;
        ++confidential;
        const auto who = w.d.db.queryOne("SELECT p.given_name, p.family_name FROM concern c "
                                       "JOIN performer p ON p.id = c.performer_id WHERE c.id = ?",
                                       {i.recordId});
        if (who) {
            CHECK_FALSE(i.title.contains(who->value("family_name").toString()));
            CHECK_FALSE(i.detail.contains(who->value("family_name").toString()));
        }
    }
    CHECK(confidential > 0); // the demo has one, so the rule is tried
}

TEST_CASE("on a laptop screen the worklist shows when each item is due without scrolling sideways",
          "[gui][worklist][desk][layout]") {
    DemoWindow w;
    MainWindow& window = w.window;
    REQUIRE(w.page);
    QTreeView* view = w.page->view();
    // 1280x800 at 150 % is 853x533 logical pixels.
    for (const QSize size : {QSize(853, 533), QSize(1024, 700), QSize(1366, 768), QSize(1600, 900)}) {
        INFO(size.width() << "x" << size.height());
        window.resize(size);
        window.show();
        settle();
        const int dueRight = view->header()->sectionViewportPosition(WorklistModel::DueColumn) +
                             view->header()->sectionSize(WorklistModel::DueColumn);
        CHECK(dueRight <= view->viewport()->width());
        // The item's title keeps room for a practice's name.
        CHECK(view->columnWidth(WorklistModel::TitleColumn) >= 360);
    }
}
