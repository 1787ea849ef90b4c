// The team exchange in the GUI (issue 12, journey 4): File > Team folder…, Sync now and its status
// line, the Conflicts view and the worklist's "N conflicts to decide", on replicas in a temporary
// team folder. Syncs run as the caseworker runs them: through the window's actions.
#include "TeamSupport.h"
#include "TestSupport.h"

#include "common/Ask.h"
#include "common/DatabaseWatcher.h"
#include "common/Workspace.h"
#include "contractors/Contractor.h"
#include "contractors/ContractorEditors.h"
#include "shell/MainWindow.h"
#include "team/ConflictsDialog.h"
#include "team/Team.h"
#include "team/TeamActions.h"
#include "team/TeamFolderDialog.h"
#include "visits/Visit.h"
#include "worklist/WorklistPage.h"

#include <QAction>
#include <QApplication>
#include <QGuiApplication>
#include <QScreen>
#include <QDir>
#include <QFile>
#include <QGroupBox>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QTimeZone>

using namespace cb;
using namespace cb::ui;

namespace {

const QString kPractice = QStringLiteral("wAAAAAAAAAAAAAAAAAAAuw");

struct Answers {
    Answers() {
        previous = Ask::setHandler([this](QWidget*, const Question& q) {
            asked << q.title + ": " + q.text;
            return 0;
        });
    }
    ~Answers() { Ask::setHandler(previous); }
    QStringList asked;
    Ask::Handler previous;
};

// One caseworker's database open in its own window.
struct Desk {
    std::unique_ptr<Database> db;
    std::unique_ptr<Workspace> ws;
    std::unique_ptr<MainWindow> window;
    Desk(const QString& path, const QString& actor, const Clock* clock) {
        db = std::make_unique<Database>(path);
        db->setActor(actor);
        db->setClock(clock);
        ws = std::make_unique<Workspace>(*db);
        window = std::make_unique<MainWindow>(*ws);
    }
    ~Desk() {
        if (TeamSync* s = sync()) s->waitIdle();
        window.reset();
        ws.reset();
        db.reset();
    }
    TeamSync* sync() { return window ? teamSyncOf(*window) : nullptr; }
    QString status() { return sync()->status()->text(); }
    // File > Sync now, as the caseworker chooses it, then wait for the sync to finish.
    void syncNow() {
        QAction* a = window->findChild<QAction*>("syncNowAction");
        REQUIRE(a);
        REQUIRE(a->isEnabled());
        a->trigger();
        sync()->waitIdle();
        REQUIRE(!sync()->isBusy());
    }
    QString phone() { return db->fetchRecord("contractor", kPractice)->value("telephone").toString(); }
    ConflictsDialog* openConflicts() {
        window->findChild<QAction*>("conflictsAction")->trigger();
        auto* d = window->findChild<ConflictsDialog*>();
        REQUIRE(d);
        return d;
    }
};

struct TeamFixture {
    QTemporaryDir dir;
    FixedClock clock{QDateTime(QDate(2026, 11, 30), QTime(9, 0), QTimeZone::utc())};
    QString folder() const { return dir.filePath("TEAM"); }
    QString path(const QString& name) const { return dir.filePath(name); }

    // Alice's desk database, with one practice, is the first member of the team folder.
    TeamFixture() {
        Database desk(path("desk.db"));
        desk.setClock(&clock);
        desk.setActor("alice");
        desk.save("contractor", Row{{"id", kPractice}, {"ods_code", "A81001"}, {"contractor_group", "general_practice"},
                                    {"name", "Oakfield Surgery"}, {"postcode", "TS18 1HU"},
                                    {"telephone", "01642 000001"}, {"open_date", "1990-04-01"}});
        team::initTeam(desk, folder(), "Alice's desk");
    }
    void tick(int seconds = 1) { clock.set(clock.nowUtc().addSecs(seconds)); }
};

} // namespace

TEST_CASE("journey 4 in the GUI: join, a field visit offline, a colleague's edit, both sync, the conflict decided", "[gui][team]") {
    TeamFixture t;
    Answers answers;
    // Bob joins the team folder as a new database from File > Team folder… in his (empty) database.
    QString joinedPath;
    {
        cbtest::TempDb empty;
        Workspace ws(empty.db());
        TeamFolderDialog dialog(ws);
        REQUIRE(dialog.findChild<QPushButton*>("startTeamButton"));
        dialog.findChild<QLineEdit*>("joinFolder")->setText(QDir::toNativeSeparators(t.folder()));
        dialog.findChild<QLineEdit*>("joinFile")->setText(t.path("laptop"));
        dialog.findChild<QLineEdit*>("joinName")->setText("Bob's laptop");
        QSignalSpy joined(&dialog, &TeamFolderDialog::joined);
        QTest::mouseClick(dialog.findChild<QPushButton*>("joinTeamButton"), Qt::LeftButton);
        INFO(dialog.error().toStdString());
        REQUIRE(joined.size() == 1);
        joinedPath = joined.at(0).at(0).toString();
        CHECK(joinedPath == QFileInfo(t.path("laptop.db")).absoluteFilePath());
        CHECK_FALSE(team::isMember(empty.db())); // his old database is untouched
    }
    Desk laptop(joinedPath, "bob", &t.clock);
    Desk desk(t.path("desk.db"), "alice", &t.clock);
    REQUIRE(team::isMember(*laptop.db));
    {
        TeamFolderDialog dialog(*laptop.ws);
        CHECK(dialog.findChild<QLabel*>("replicaName")->text() == "Bob's laptop");
        CHECK(dialog.findChild<QLabel*>("teamFolder")->text() == QDir::toNativeSeparators(QFileInfo(t.folder()).absoluteFilePath()));
        CHECK(dialog.findChild<QLabel*>("teamReachable")->text() == "reachable");
        CHECK_FALSE(dialog.findChild<QPushButton*>("startTeamButton"));
    }

    // On the visit, offline: a visit with a "not met" finding, and the practice's new phone number.
    REQUIRE(QDir().rename(t.folder(), t.folder() + "-away"));
    VisitService visits(*laptop.db);
    Visit v;
    v.contractorId = kPractice;
    v.visitDate = QDate(2026, 11, 30);
    v.type = "contract_compliance";
    v.status = "done";
    v.attendees = {"Bob Jones"};
    v = visits.create(v);
    VisitFinding f;
    f.visitId = v.id;
    f.area = "Infection control";
    f.rating = "not_met";
    f.note = "No cleaning schedule for the treatment room";
    visits.addFinding(f);
    laptop.db->save("contractor", Row{{"id", kPractice}, {"telephone", "01642 111111"}});
    laptop.syncNow();
    CHECK(laptop.status() == TeamSync::offlineText());
    CHECK(laptop.phone() == "01642 111111"); // nothing lost
    REQUIRE(QDir().rename(t.folder() + "-away", t.folder()));

    // Meanwhile, at the office, Alice changes the same phone number (later).
    t.tick(60);
    desk.db->save("contractor", Row{{"id", kPractice}, {"telephone", "01642 222222"}});

    // Both sync with File > Sync now.
    t.tick();
    laptop.syncNow();
    CHECK(laptop.status().startsWith("Synced "));
    t.tick();
    desk.syncNow();
    CHECK(desk.status().contains(" changes in, "));
    CHECK(desk.status().endsWith("— 1 conflict"));
    t.tick();
    laptop.syncNow();
    CHECK(laptop.status().endsWith("— 1 conflict"));
    CHECK(laptop.phone() == "01642 222222"); // the most recent wins for now, on both
    CHECK(desk.phone() == "01642 222222");
    CHECK(desk.db->scalar("SELECT count(*) FROM visit_finding WHERE rating = 'not_met'").toInt() == 1);

    // The worklist says so; Enter on it opens the Conflicts view.
    const QList<WorklistItem> items = todaysWorklist(*laptop.db);
    const auto item = std::find_if(items.begin(), items.end(), [](const WorklistItem& i) { return i.category == "team_conflicts"; });
    REQUIRE(item != items.end());
    CHECK(item->title == "1 conflict to decide");
    auto* page = qobject_cast<WorklistPage*>(laptop.window->page("worklist"));
    REQUIRE(page);
    answers.asked.clear();
    emit page->openRequested(*item);
    auto* view = laptop.window->findChild<ConflictsDialog*>();
    REQUIRE(view);
    CHECK(answers.asked.isEmpty()); // the view, not a message
    REQUIRE(view->count() == 1);
    CHECK(view->findChild<QLabel*>("mineValue")->text() == "01642 111111");
    CHECK(view->findChild<QLabel*>("theirsValue")->text() == "01642 222222");
    CHECK(view->findChild<QLabel*>("mineWho")->text().startsWith("Changed by bob on 30/11/2026"));
    CHECK(view->findChild<QLabel*>("theirsWho")->text().startsWith("Changed by alice on 30/11/2026"));
    CHECK(view->findChild<QGroupBox*>("mineBox")->title() == "Yours (Bob's laptop)");
    CHECK(view->findChild<QGroupBox*>("theirsBox")->title() == "Colleague's (Alice's desk)");
    // Bob keeps his: the choice is a normal change.
    QTest::mouseClick(view->findChild<QPushButton*>("keepMineButton"), Qt::LeftButton);
    CHECK(view->error().isEmpty());
    CHECK(view->count() == 0);
    CHECK(laptop.phone() == "01642 111111");
    view->close();

    // Sync again: both replicas hold the same values and no conflict is left.
    t.tick();
    laptop.syncNow();
    t.tick();
    desk.syncNow();
    CHECK(desk.phone() == "01642 111111");
    CHECK(team::conflicts(*desk.db).isEmpty());
    CHECK(team::conflicts(*laptop.db).isEmpty());
    CHECK(desk.status().startsWith("Synced "));
    CHECK_FALSE(desk.status().contains("conflict"));
    CHECK(cbtest::canonicalDump(*desk.db) == cbtest::canonicalDump(*laptop.db));
}

TEST_CASE("a third value typed in the Conflicts view is kept, and one that is not a value is refused in words", "[gui][team]") {
    TeamFixture t;
    REQUIRE(team::joinTeam(t.folder(), t.path("laptop.db"), "Bob's laptop").problems.isEmpty());
    Desk laptop(t.path("laptop.db"), "bob", &t.clock);
    Desk desk(t.path("desk.db"), "alice", &t.clock);
    laptop.db->save("contractor", Row{{"id", kPractice}, {"open_date", "1991-04-01"}});
    t.tick(5);
    desk.db->save("contractor", Row{{"id", kPractice}, {"open_date", "1992-04-01"}});
    laptop.syncNow();
    desk.syncNow();
    laptop.syncNow();
    ConflictsDialog* view = laptop.openConflicts();
    REQUIRE(view->count() == 1);
    const QString before = cbtest::canonicalDump(*laptop.db);
    auto* typed = view->findChild<QLineEdit*>("thirdValue");
    QTest::keyClicks(typed, "31/02/2026");
    QTest::mouseClick(view->findChild<QPushButton*>("keepTypedButton"), Qt::LeftButton);
    CHECK(view->error().startsWith("Not decided: "));
    CHECK(view->count() == 1);
    CHECK(typed->text() == "31/02/2026"); // the typing is kept, to correct
    CHECK(cbtest::canonicalDump(*laptop.db) == before);
    typed->clear();
    QTest::keyClicks(typed, "01/04/1993");
    QTest::keyClick(typed, Qt::Key_Return);
    CHECK(view->error().isEmpty());
    CHECK(view->count() == 0);
    CHECK(laptop.db->fetchRecord("contractor", kPractice)->value("open_date").toString() == "1993-04-01");
    view->close();
    laptop.syncNow();
    desk.syncNow();
    CHECK(desk.db->fetchRecord("contractor", kPractice)->value("open_date").toString() == "1993-04-01");
    CHECK(team::conflicts(*desk.db).isEmpty());
}

TEST_CASE("a sync error is shown in words on the status line and in a message, and nothing is changed", "[gui][team]") {
    TeamFixture t;
    REQUIRE(team::joinTeam(t.folder(), t.path("laptop.db"), "Bob's laptop").problems.isEmpty());
    Desk laptop(t.path("laptop.db"), "bob", &t.clock);
    laptop.db->save("contractor", Row{{"id", kPractice}, {"telephone", "01642 111111"}});
    // The folder now holds another team's file (someone started a new team over it).
    {
        Database other(t.path("other.db"));
        team::initTeam(other, t.path("OTHER"), "Other desk");
    }
    QFile::remove(QDir(t.folder()).filePath("casebook-team.json"));
    REQUIRE(QFile::copy(QDir(t.path("OTHER")).filePath("casebook-team.json"), QDir(t.folder()).filePath("casebook-team.json")));
    const qint64 unsent = laptop.db->scalar("SELECT count(*) FROM exchange_change WHERE seq IS NULL").toLongLong();
    Answers answers;
    laptop.syncNow();
    CHECK(laptop.status().startsWith("Not synced at "));
    CHECK(laptop.status().contains("another team"));
    REQUIRE(answers.asked.size() == 1);
    CHECK(answers.asked[0].startsWith("Sync failed: "));
    CHECK(answers.asked[0].contains("Your own changes are kept"));
    CHECK(laptop.db->scalar("SELECT count(*) FROM exchange_change WHERE seq IS NULL").toLongLong() == unsent);
    CHECK(laptop.phone() == "01642 111111");
}

TEST_CASE("File > Team folder… refuses a missing folder, a taken file name and a folder that is not a team's, changing nothing", "[gui][team]") {
    TeamFixture t;
    cbtest::TempDb plain;
    Workspace ws(plain.db());
    TeamFolderDialog dialog(ws);
    // Start: no folder given.
    CHECK_FALSE(dialog.startTeam());
    CHECK(dialog.error().startsWith("Choose the team folder first"));
    // Start over an existing team folder.
    dialog.findChild<QLineEdit*>("startFolder")->setText(t.folder());
    CHECK_FALSE(dialog.startTeam());
    CHECK(dialog.error().contains("already a team folder"));
    CHECK_FALSE(team::isMember(plain.db()));
    // Join into a file that exists: refused, the file untouched.
    QFile taken(t.path("taken.db"));
    REQUIRE(taken.open(QIODevice::WriteOnly));
    taken.write("mine");
    taken.close();
    dialog.findChild<QLineEdit*>("joinFolder")->setText(t.folder());
    dialog.findChild<QLineEdit*>("joinFile")->setText(t.path("taken.db"));
    CHECK_FALSE(dialog.joinTeam());
    CHECK(dialog.error().contains("already exists"));
    REQUIRE(taken.open(QIODevice::ReadOnly));
    CHECK(taken.readAll() == "mine");
    // Join a folder that is not a team folder: refused, no file left behind.
    QDir().mkpath(t.path("empty"));
    dialog.findChild<QLineEdit*>("joinFolder")->setText(t.path("empty"));
    dialog.findChild<QLineEdit*>("joinFile")->setText(t.path("new.db"));
    CHECK_FALSE(dialog.joinTeam());
    CHECK(dialog.error().contains("not a Casebook team folder"));
    CHECK_FALSE(QFileInfo::exists(t.path("new.db")));
    // Start a new team folder: the dialog then shows the database in its team.
    dialog.findChild<QLineEdit*>("startFolder")->setText(t.path("NEWTEAM"));
    dialog.findChild<QLineEdit*>("startName")->setText("Carol's desk");
    REQUIRE(dialog.startTeam());
    CHECK(team::isMember(plain.db()));
    REQUIRE(dialog.findChild<QLabel*>("replicaName"));
    CHECK(dialog.findChild<QLabel*>("replicaName")->text() == "Carol's desk");
}

TEST_CASE("File > Team folder… starts an encrypted team folder, refuses a join with a wrong passphrase and joins with the right one", "[gui][team]") {
    cbtest::TempDb plain;
    QTemporaryDir dir;
    REQUIRE(dir.isValid());
    const QString folder = dir.filePath("ENCRYPTED");
    const QString laptop = dir.filePath("laptop.db");
    Workspace ws(plain.db());
    {
        TeamFolderDialog dialog(ws);
        dialog.findChild<QLineEdit*>("startFolder")->setText(folder);
        dialog.findChild<QLineEdit*>("startPassphrase")->setText("correct horse battery");
        dialog.findChild<QLineEdit*>("startPassphraseAgain")->setText("correct horse batery");
        CHECK_FALSE(dialog.startTeam());
        CHECK(dialog.error().startsWith("The two passphrases are not the same"));
        CHECK_FALSE(team::isMember(plain.db()));
        CHECK(dialog.findChild<QLineEdit*>("startPassphrase")->echoMode() == QLineEdit::Password);
        dialog.findChild<QLineEdit*>("startPassphraseAgain")->setText("correct horse battery");
        REQUIRE(dialog.startTeam());
        REQUIRE(dialog.findChild<QLabel*>("teamEncrypted"));
        CHECK(dialog.findChild<QLabel*>("teamEncrypted")->text().startsWith("yes"));
    }
    CHECK(team::folderIsEncrypted(folder));
    cbtest::TempDb other;
    Workspace otherWs(other.db());
    TeamFolderDialog join(otherWs);
    join.findChild<QLineEdit*>("joinFolder")->setText(folder);
    join.findChild<QLineEdit*>("joinFile")->setText(laptop);
    join.findChild<QLineEdit*>("joinPassphrase")->setText("wrong passphrase");
    CHECK_FALSE(join.joinTeam());
    CHECK(join.error().startsWith("You have not joined the team: "));
    CHECK(join.error().contains("passphrase"));
    CHECK_FALSE(QFileInfo::exists(laptop));
    QSignalSpy joined(&join, &TeamFolderDialog::joined);
    join.findChild<QLineEdit*>("joinPassphrase")->setText("correct horse battery");
    REQUIRE(join.joinTeam());
    REQUIRE(joined.size() == 1);
    CHECK(QFileInfo::exists(laptop));
}

TEST_CASE("Sync now has a menu entry and a shortcut listed in Help > Keyboard shortcuts, and a database not in a team is told how to join", "[gui][team]") {
    cbtest::TempDb plain;
    Workspace ws(plain.db());
    MainWindow window(ws);
    QAction* a = window.findChild<QAction*>("syncNowAction");
    REQUIRE(a);
    CHECK(a->shortcut() == QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_S));
    bool listed = false;
    for (const QStringList& row : window.shortcutRows()) listed = listed || (row.value(1) == "Sync now" && row.value(0) == "File");
    CHECK(listed);
    // No other action has the same shortcut.
    int same = 0;
    for (QAction* other : window.findChildren<QAction*>()) same += other->shortcut() == a->shortcut() ? 1 : 0;
    CHECK(same == 1);
    CHECK(teamSyncOf(window)->status()->isHidden());
    Answers answers;
    a->trigger();
    REQUIRE(answers.asked.size() == 1);
    CHECK(answers.asked[0].contains("File > Team folder"));
    CHECK(window.findChild<QAction*>("teamFolderAction"));
    CHECK(window.findChild<QAction*>("conflictsAction"));
}

namespace {

// Laptop and desk with one phone-number conflict, for the layout checks and pictures.
struct Clash {
    TeamFixture t;
    std::unique_ptr<Desk> laptop, desk;
    Clash() {
        REQUIRE(team::joinTeam(t.folder(), t.path("laptop.db"), "Bob's laptop").problems.isEmpty());
        laptop = std::make_unique<Desk>(t.path("laptop.db"), "bob", &t.clock);
        desk = std::make_unique<Desk>(t.path("desk.db"), "alice", &t.clock);
        laptop->db->save("contractor", Row{{"id", kPractice}, {"telephone", "01642 111111"}});
        t.tick(5);
        desk->db->save("contractor", Row{{"id", kPractice}, {"telephone", "01642 222222"}});
        laptop->syncNow();
        desk->syncNow();
        laptop->syncNow();
    }
};

QSize minimum(QWidget* w) { return w->minimumSizeHint().expandedTo(w->minimumSize()); }

} // namespace

TEST_CASE("the Team folder dialog of a team database and the Conflicts view with a conflict fit a 1024x700 screen", "[gui][team][layout]") {
    Clash c;
    TeamFolderDialog folder(*c.laptop->ws);
    ConflictsDialog conflicts(*c.laptop->ws);
    REQUIRE(conflicts.count() == 1);
    for (QDialog* d : {static_cast<QDialog*>(&folder), static_cast<QDialog*>(&conflicts)}) {
        d->show();
        QApplication::processEvents();
        INFO(d->objectName().toStdString() << " needs " << minimum(d).width() << "x" << minimum(d).height());
        CHECK(minimum(d).width() <= 1024);
        CHECK(minimum(d).height() <= 700);
        d->hide();
    }
}

// Hidden: `tests_ui "[.teamshots]"` with CASEBOOK_SHOTS=DIR (and QT_SCALE_FACTOR=1.5) saves pictures of
// both dialogs as a caseworker sees them, with the main window's status line, at 1366x768.
TEST_CASE("pictures of the team dialogs", "[.teamshots]") {
    const QString dir = qEnvironmentVariable("CASEBOOK_SHOTS");
    if (dir.isEmpty()) return;
    QDir().mkpath(dir);
    Clash c;
    auto shot = [&](QWidget* w, const QString& name) {
        for (int i = 0; i < 3; ++i) QApplication::processEvents();
        w->grab().save(QDir(dir).filePath(name + ".png"));
        qInfo().noquote() << name << "minimum" << minimum(w) << "size" << w->size();
    };
    {
        TeamFolderDialog folder(*c.laptop->ws);
        folder.show();
        shot(&folder, "team-folder-member");
    }
    {
        cbtest::TempDb plain;
        Workspace ws(plain.db());
        TeamFolderDialog folder(ws);
        folder.show();
        shot(&folder, "team-folder-start-or-join");
    }
    {
        ConflictsDialog conflicts(*c.laptop->ws);
        conflicts.show();
        shot(&conflicts, "conflicts");
        conflicts.resize(minimum(&conflicts));
        shot(&conflicts, "conflicts-minimum");
    }
    c.laptop->window->resize(QSize(1366, 768).boundedTo(QGuiApplication::primaryScreen()->availableGeometry().size()));
    c.laptop->window->show();
    c.laptop->sync()->waitIdle();
    shot(c.laptop->window.get(), "window-status-line");
}

TEST_CASE("a sync that changes the record of a form with unsaved typing warns the form and keeps the typing", "[gui][team]") {
    TeamFixture t;
    REQUIRE(team::joinTeam(t.folder(), t.path("laptop.db"), "Bob's laptop").problems.isEmpty());
    Desk laptop(t.path("laptop.db"), "bob", &t.clock);
    Desk desk(t.path("desk.db"), "alice", &t.clock);
    new DatabaseWatcher(*laptop.ws, 60000, laptop.window.get()); // as the app has it; polled by the sync
    const auto practice = ContractorService(*laptop.db).get(kPractice);
    REQUIRE(practice);
    ContractorEditor form(*laptop.ws, *practice);
    form.show();
    auto* name = qobject_cast<QLineEdit*>(form.fieldEditor("name"));
    REQUIRE(name);
    name->selectAll();
    QTest::keyClicks(name, "Oakfield Health Centre");
    REQUIRE(form.isDirty());

    desk.db->save("contractor", Row{{"id", kPractice}, {"name", "Oakfield Medical Practice"}});
    t.tick();
    desk.syncNow();
    t.tick();
    laptop.syncNow();
    CHECK(laptop.db->fetchRecord("contractor", kPractice)->value("name").toString() == "Oakfield Medical Practice");
    auto* notice = form.findChild<QLabel*>("staleNotice");
    REQUIRE(notice);
    CHECK(notice->isVisible());
    CHECK(name->text() == "Oakfield Health Centre"); // her typing, untouched
    CHECK(form.isDirty());
    form.hide();
}

TEST_CASE("a team database syncs when its window opens and on the timer, and says so on the status line", "[gui][team]") {
    TeamFixture t;
    REQUIRE(team::joinTeam(t.folder(), t.path("laptop.db"), "Bob's laptop").problems.isEmpty());
    {
        Database desk(t.path("desk.db"));
        desk.setClock(&t.clock);
        desk.save("contractor", Row{{"id", kPractice}, {"telephone", "01642 999999"}});
        t.tick();
        REQUIRE(team::sync(desk).problems.isEmpty());
    }
    Desk laptop(t.path("laptop.db"), "bob", &t.clock);
    QSignalSpy finished(laptop.sync(), &TeamSync::finished);
    CHECK(laptop.phone() == "01642 000001"); // the desk's change is not here until the window opens
    laptop.window->show();
    REQUIRE(QTest::qWaitFor([&] { return finished.size() == 1; }, 20000));
    CHECK(finished.at(0).at(0).toBool());
    CHECK(laptop.status().startsWith("Synced "));
    CHECK(laptop.phone() == "01642 999999");
    laptop.window->hide();

    // On the timer (shortened here from 5 minutes): a window never shown still syncs.
    TeamSync::setIntervalMs(50);
    Desk again(t.path("laptop.db"), "bob", &t.clock);
    TeamSync::setIntervalMs(5 * 60 * 1000);
    QSignalSpy timed(again.sync(), &TeamSync::finished);
    REQUIRE(QTest::qWaitFor([&] { return timed.size() >= 1; }, 20000));
    again.sync()->waitIdle();
    CHECK(again.status().startsWith("Synced "));
}

TEST_CASE("the Conflicts view offers to merge two practices added with one ODS code, and says what happened for each kind", "[gui][team][merge]") {
    TeamFixture t;
    REQUIRE(team::joinTeam(t.folder(), t.path("laptop.db"), "Bob's laptop").problems.isEmpty());
    Desk laptop(t.path("laptop.db"), "bob", &t.clock);
    Desk desk(t.path("desk.db"), "alice", &t.clock);
    const auto practice = [](const QString& name) {
        return Row{{"id", Database::newId()}, {"ods_code", "B82002"}, {"contractor_group", "general_practice"},
                   {"name", name}, {"postcode", "TS18 1HU"}, {"open_date", "1990-04-01"}};
    };
    desk.db->save("contractor", practice("Brookside Surgery"));
    t.tick(5);
    laptop.db->save("contractor", practice("Brookside Medical Centre"));
    // And a deletion against an edit: Alice deletes a branch site Bob renames.
    const QString site = Database::newId();
    desk.db->save("site", Row{{"id", site}, {"contractor_id", kPractice}, {"name", "Branch"}, {"postcode", "TS18 2AA"}});
    desk.syncNow();
    laptop.syncNow();
    t.tick();
    desk.db->remove("site", site);
    laptop.db->save("site", Row{{"id", site}, {"name", "Branch (Norton)"}});
    t.tick();
    desk.syncNow();
    laptop.syncNow();
    desk.syncNow();

    ConflictsDialog* view = laptop.openConflicts();
    REQUIRE(view->count() == 2);
    auto* merge = view->findChild<QPushButton*>("mergeRecordsButton");
    auto* detail = view->findChild<QLabel*>("conflictDetail");
    REQUIRE(merge);
    REQUIRE(detail);
    int clashRow = -1, deleteRow = -1;
    for (int row = 0; row < view->count(); ++row) {
        REQUIRE(view->select(row));
        if (!merge->isHidden()) clashRow = row;
        else deleteRow = row;
    }
    REQUIRE(clashRow >= 0);
    REQUIRE(deleteRow >= 0);
    // The deletion in words: who deleted what, and who kept it.
    view->select(deleteRow);
    CHECK(detail->text().startsWith("Deleted by alice on 30/11/2026"));
    CHECK(detail->text().contains("(Alice's desk)"));
    CHECK(detail->text().contains("bob"));
    CHECK(merge->isHidden());
    // The key clash in words, with both practices named and the offer to merge.
    view->select(clashRow);
    CHECK(detail->text().contains("Two machines added a contractor with ODS code B82002"));
    CHECK(detail->text().contains("merge them into one"));
    CHECK(view->findChild<QLabel*>("mineValue")->text().contains("Brookside Medical Centre"));
    CHECK(view->findChild<QLabel*>("theirsValue")->text().contains("Brookside Surgery"));
    CHECK(merge->isEnabled());
    QTest::mouseClick(merge, Qt::LeftButton);
    CHECK(view->error().isEmpty());
    // The two names that differed are now an ordinary field conflict, in words.
    REQUIRE(view->count() == 2);
    bool named = false;
    for (int row = 0; row < view->count(); ++row) {
        view->select(row);
        if (!detail->text().contains("differed between the two contractor records")) continue;
        named = true;
        CHECK(detail->text().contains("merged into one"));
        CHECK(view->findChild<QLabel*>("mineValue")->text() == "Brookside Surgery"); // Alice's was added first
        CHECK(view->findChild<QLabel*>("theirsValue")->text() == "Brookside Medical Centre");
        CHECK(merge->isHidden());
    }
    CHECK(named);
    CHECK(laptop.db->scalar("SELECT count(*) FROM contractor WHERE ods_code = 'B82002'").toInt() == 1);
    view->close();
    laptop.syncNow();
    desk.syncNow();
    CHECK(cbtest::canonicalDump(*desk.db) == cbtest::canonicalDump(*laptop.db));
}

TEST_CASE("the Team folder dialog lists members by last sync and retires one after a confirmation saying what it means", "[gui][team][retire]") {
    TeamFixture t;
    // The join runs on the real clock (the desk's is fixed): its day is the day the test ran.
    const QString joinedFrom = QDateTime::currentDateTime().toString(QStringLiteral("dd/MM/yyyy"));
    REQUIRE(team::joinTeam(t.folder(), t.path("laptop.db"), "Bob's laptop").problems.isEmpty());
    const QString joinedTo = QDateTime::currentDateTime().toString(QStringLiteral("dd/MM/yyyy"));
    Desk desk(t.path("desk.db"), "alice", &t.clock);
    desk.syncNow();
    TeamFolderDialog dialog(*desk.ws);
    QTableWidget* list = dialog.memberList();
    REQUIRE(list);
    REQUIRE(list->rowCount() == 2);
    auto* retire = dialog.findChild<QPushButton*>("retireMemberButton");
    REQUIRE(retire);
    int self = -1, bob = -1;
    for (int row = 0; row < 2; ++row)
        (list->item(row, 0)->text() == "Bob's laptop" ? bob : self) = row;
    REQUIRE(self >= 0);
    REQUIRE(bob >= 0);
    CHECK(list->item(self, 2)->text() == "this database");
    const QString bobSynced = list->item(bob, 1)->text(); // its join synced
    CHECK((bobSynced.startsWith(joinedFrom) || bobSynced.startsWith(joinedTo)));
    // This database cannot be retired.
    list->setCurrentCell(self, 0);
    CHECK_FALSE(retire->isEnabled());
    CHECK_FALSE(dialog.retireSelected());
    // Bob's laptop: asked first; "no" changes nothing.
    list->setCurrentCell(bob, 0);
    CHECK(retire->isEnabled());
    QString asked;
    dialog.setConfirm([&](const QString& q) {
        asked = q;
        return false;
    });
    CHECK_FALSE(dialog.retireSelected());
    CHECK(asked.startsWith("Retire Bob's laptop?"));
    CHECK(asked.contains("will not sync again"));
    CHECK(asked.contains("never reach the team"));
    CHECK_FALSE(QDir(t.folder() + "/retired").exists());
    dialog.setConfirm([](const QString&) { return true; });
    list->setCurrentCell(bob, 0);
    CHECK(dialog.retireSelected());
    CHECK(dialog.error().isEmpty());
    bool shown = false;
    for (int row = 0; row < list->rowCount(); ++row)
        shown = shown || list->item(row, 2)->text().startsWith("retired by alice on 2026-11-30");
    CHECK(shown);
    CHECK(QDir(t.folder() + "/retired").exists());
}

TEST_CASE("the status line stays readable in a narrow window: whole, shorter, or cut with the whole line in its tooltip", "[gui][team][status]") {
    Clash c;
    MainWindow& w = *c.laptop->window;
    TeamStatusLine* line = c.laptop->sync()->status();
    const QString full = line->text();
    REQUIRE(full.endsWith("— 1 conflict"));
    CHECK(line->toolTip().startsWith(full));
    CHECK(TeamStatusLine::shortForm("Synced 10:42 — 3 changes in, 1 out — 1 conflict") == "Synced 10:42: 3 in, 1 out, 1 conflict");
    CHECK(TeamStatusLine::shortForm("Synced 10:42 — 1 change in, 0 out") == "Synced 10:42: 1 in, 0 out");
    CHECK(TeamStatusLine::shortForm("Not synced at 10:42: the folder belongs to another team") ==
          "Not synced at 10:42 (point here for why)");
    // The window syncs on open, on a worker thread, and the line reads "Syncing with the team
    // folder…" until that sync is over: on a busy machine it was still running at the first check.
    QSignalSpy synced(c.laptop->sync(), &TeamSync::finished);
    w.show();
    REQUIRE(QTest::qWaitFor([&] { return synced.size() == 1; }, 20000));
    c.laptop->sync()->waitIdle();
    const QString shots = qEnvironmentVariable("CASEBOOK_SHOTS");
    for (const int width : {1366, 850, 640}) {
        w.resize(width, 700);
        for (int i = 0; i < 3; ++i) QApplication::processEvents();
        const QString shown = line->displayedText();
        INFO(width << " px: \"" << shown.toStdString() << "\" in " << line->width() << " px");
        CHECK(shown.startsWith("Synced "));
        CHECK(shown.contains("conflict")); // the part that asks for action is never cut off
        CHECK(line->fontMetrics().horizontalAdvance(shown) <= line->contentsRect().width());
        if (!shots.isEmpty()) {
            QDir().mkpath(shots);
            w.grab().save(QDir(shots).filePath(QStringLiteral("status-line-%1.png").arg(width)));
        }
    }
}
