// Views follow the database: a commit made by another connection (another Casebook, the CLI, an
// import) refreshes open lists without losing the caseworker's place; a form she is typing in is
// told, never refreshed under her; counts run on one cancellable worker; errors never end the program.
#include "DamagedDatabase.h"
#include "TestSupport.h"
#include "common/Ask.h"
#include "common/DatabaseWatcher.h"
#include "common/RecordForm.h"
#include "common/RowLoader.h"
#include "common/TableModels.h"
#include "common/Workspace.h"
#include "contractors/ContractorEditors.h"
#include "contractors/ContractorList.h"
#include "demo/DemoSeeder.h"
#include "shell/IntegrityStatus.h"
#include "shell/SafeApplication.h"

#include <QLabel>
#include <QLineEdit>
#include <QMainWindow>
#include <QTableView>
#include <QTest>

using namespace cb;
using namespace cb::ui;

namespace {

Contractor gp(const QString& code, const QString& name) {
    Contractor c;
    c.odsCode = code;
    c.name = name;
    c.group = "general_practice";
    c.postcode = "TS18 1HU";
    return c;
}

} // namespace

TEST_CASE("another connection commits: the open list refreshes and keeps the selected contractor", "[gui]") {
    cbtest::TempDb t;
    ContractorService(t.db()).create(gp("A81001", "Abbey Surgery"));
    const QString selected = ContractorService(t.db()).create(gp("A81002", "Beacon Surgery")).id;
    Workspace ws(t.db());
    ContractorList list(ws);
    DatabaseWatcher watcher(ws, 60000); // polled by hand below
    REQUIRE(list.model()->rowCount() == 2);
    list.view()->setCurrentIndex(list.model()->index(list.model()->rowOfId(selected), 1));
    CHECK_FALSE(watcher.poll()); // nothing happened yet

    {
        Database colleague(t.path()); // another Casebook on the same file
        ContractorService(colleague).create(gp("A81000", "Aardvark Surgery")); // sorts first
    }
    REQUIRE(watcher.poll());
    CHECK(list.model()->rowCount() == 3);
    const QModelIndex current = list.view()->currentIndex();
    REQUIRE(current.isValid());
    CHECK(list.model()->idAt(current.row()) == selected);
    CHECK(current.row() == 2);
    list.model()->waitForCount();
    CHECK(list.model()->totalCount() == 3);
    CHECK_FALSE(watcher.poll()); // our own reading is not a change
}

TEST_CASE("another connection commits while a form has unsaved typing: the form is told, the typing kept",
          "[gui]") {
    cbtest::TempDb t;
    const Contractor c = ContractorService(t.db()).create(gp("A81001", "Abbey Surgery"));
    Workspace ws(t.db());
    DatabaseWatcher watcher(ws, 60000);
    ContractorEditor form(ws, c);
    form.show();
    auto* name = qobject_cast<QLineEdit*>(form.fieldEditor("name"));
    REQUIRE(name);
    name->selectAll();
    QTest::keyClicks(name, "Abbey Health Centre");
    REQUIRE(form.isDirty());

    ContractorEditor clean(ws, c); // open but untouched: nothing to warn about
    clean.show();
    {
        Database colleague(t.path());
        ContractorService(colleague).create(gp("A81002", "Beacon Surgery"));
    }
    REQUIRE(watcher.poll());
    auto* notice = form.findChild<QLabel*>("staleNotice");
    REQUIRE(notice);
    CHECK(notice->isVisible());
    CHECK(notice->text().contains("Someone else changed"));
    CHECK(notice->text().contains("Your typing is kept"));
    CHECK(name->text() == "Abbey Health Centre");
    CHECK(form.isDirty());
    CHECK(clean.findChild<QLabel*>("staleNotice") == nullptr);
    form.hide();
    clean.hide();
}

TEST_CASE("typing fast in the list filter leaves one counting worker and no pile-up", "[gui]") {
    cbtest::TempDb t;
    SeedOptions options;
    options.contractors = 300; // more than a page, so counts go to the worker
    seedDemo(t.db(), options);
    const int before = RowLoader::liveThreads();
    {
        Workspace ws(t.db());
        ContractorList list(ws);
        auto* filter = list.findChild<QLineEdit*>("contractorFilter");
        for (const QChar ch : QStringLiteral("surgery practice")) {
            QTest::keyClick(filter, ch.toLatin1());
            list.applyFilter(); // as if typing paused after every key
            CHECK(RowLoader::liveThreads() <= before + 1);
        }
        filter->clear();
        list.applyFilter();
        list.model()->waitForCount();
        CHECK(RowLoader::liveThreads() <= before + 1);
        CHECK(list.model()->totalCount() == 300);
        CHECK(list.model()->totalCount() == ContractorService(t.db()).count(list.filter()));
    }
    CHECK(RowLoader::liveThreads() == before); // the worker ends with its model
}

TEST_CASE("a newer job cancels the one before it, and only the newest answer arrives", "[gui]") {
    cbtest::TempDb t;
    RowLoader loader(t.db());
    QList<quint64> answered;
    QObject::connect(&loader, &RowLoader::done, [&](quint64 ticket, const QVariant&) { answered << ticket; });
    QString failure;
    QObject::connect(&loader, &RowLoader::failed, [&](quint64, const QString& m) { failure = m; });
    // A slow query that only an interrupt stops early.
    const quint64 slow = loader.submit([](Database& db) {
        return db.scalar("WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 200000000) "
                         "SELECT count(*) FROM n");
    });
    const quint64 quick = loader.submit([](Database& db) { return db.scalar("SELECT 42"); });
    loader.waitUntilIdle();
    QCoreApplication::sendPostedEvents(&loader);
    CHECK(answered == QList<quint64>{quick});
    CHECK(slow != quick);
    CHECK(failure.isEmpty());
    // A failing job reports in words; it does not throw.
    loader.submit([](Database& db) { return db.scalar("SELECT * FROM no_such_table"); });
    loader.waitUntilIdle();
    QCoreApplication::sendPostedEvents(&loader);
    CHECK_FALSE(failure.isEmpty());
}

TEST_CASE("an error that reaches the event loop is shown in words and does not end the program", "[gui]") {
    QStringList shown;
    const auto previous = Ask::setHandler([&](QWidget*, const Question& q) {
        shown << q.text;
        return 0;
    });
    bool result = true;
    CHECK_FALSE(SafeApplication::deliverSafely(
        [] () -> bool { throw DatabaseError("The database file could not be read or written. (disk I/O error)"); },
        &result));
    CHECK_FALSE(result);
    REQUIRE(QTest::qWaitFor([&] { return !shown.isEmpty(); }));
    CHECK(shown.first().contains("disk I/O error"));
    CHECK(shown.first().contains("still running"));
    CHECK(SafeApplication::deliverSafely([] { return true; }, &result));
    CHECK(result);
    Ask::setHandler(previous);
}

TEST_CASE("the background database check says nothing about a sound file and names damage in words", "[gui]") {
    QTemporaryDir dir;
    const QString path = dir.filePath("checked.db");
    cbtest::seedSmallFile(path);
    {
        Database db(path);
        Workspace ws(db);
        QMainWindow window;
        IntegrityStatus status(ws, &window);
        status.start();
        status.waitFinished();
        CHECK_FALSE(status.notice()->isVisibleTo(&window));
    }
    cbtest::damageContractorTable(path);
    Database db(path); // opens: only the cheap checks run before the window
    Workspace ws(db);
    QMainWindow window;
    IntegrityStatus status(ws, &window);
    QString said;
    QObject::connect(&status, &IntegrityStatus::finished, [&](const QString& damage) { said = damage; });
    window.show(); // the check starts once the window is up
    REQUIRE(QTest::qWaitFor([&] { return !said.isEmpty(); }, 20000));
    CHECK(status.notice()->isVisible());
    CHECK(status.notice()->text().contains("damage"));
    CHECK(status.notice()->text().contains("backup"));
    window.hide();
}
