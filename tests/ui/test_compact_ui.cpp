// File > Compact database (issue 17): what a caseworker sees when the file is compacted, and that
// a shared copy opened read-only does not offer it.
#include "TestSupport.h"
#include "common/Ask.h"
#include "common/Workspace.h"
#include "contractors/Contractor.h"
#include "demo/DemoSeeder.h"
#include "shell/MainWindow.h"

#include <QAction>
#include <QApplication>
#include <QFileInfo>
#include <QMenu>
#include <QTest>

using namespace cb;
using namespace cb::ui;

TEST_CASE("File > Compact database gives back the free space and says how much", "[ui][compact]") {
    cbtest::TempDb t;
    seedDemo(t.db(), {150, 8, {}});
    ContractorService service(t.db());
    // Added, then removed: enough to leave whole pages free (8 KiB each, kNewFilePageBytes).
    QStringList added;
    for (int i = 0; i < 160; ++i) {
        Contractor c;
        c.odsCode = QStringLiteral("Y%1").arg(80000 + i);
        c.group = QStringLiteral("general_practice");
        c.name = QStringLiteral("Closing Surgery %1").arg(i);
        added << service.create(c).id;
    }
    for (const QString& id : added) service.remove(id);
    const qint64 contractors = cbtest::count(t.db(), "contractor");

    Workspace ws(t.db());
    MainWindow window(ws);
    window.show();
    REQUIRE(QTest::qWaitForWindowExposed(&window));
    auto* compact = window.findChild<QAction*>("compactDatabaseAction");
    REQUIRE(compact);
    CHECK(compact->isEnabled());
    QList<Question> asked;
    const auto previous = Ask::setHandler([&](QWidget*, const Question& q) {
        asked << q;
        return 0;
    });
    compact->trigger();
    QApplication::processEvents();
    Ask::setHandler(previous);
    REQUIRE(asked.size() == 1);
    CHECK(asked[0].kind == Question::Kind::Information);
    CHECK(asked[0].text.contains("The database file went from"));
    CHECK(asked[0].text.contains("of free space given back"));
    CHECK(asked[0].text.contains("Nothing in it changed"));
    CHECK(cbtest::count(t.db(), "contractor") == contractors);
    CHECK(t.db().scalar("PRAGMA freelist_count").toInt() == 0);
    CHECK(QApplication::overrideCursor() == nullptr);
}

TEST_CASE("a database opened read-only does not offer to compact it", "[ui][compact]") {
    cbtest::TempDb t;
    seedDemo(t.db(), {10, 8, {}});
    t.database.reset();
    Database db(t.path(), Database::Access::ReadOnly);
    Workspace ws(db);
    MainWindow window(ws);
    auto* compact = window.findChild<QAction*>("compactDatabaseAction");
    REQUIRE(compact);
    CHECK_FALSE(compact->isEnabled());
}

TEST_CASE("the File menu keeps the database's own actions together and Quit last", "[ui][compact]") {
    cbtest::TempDb t;
    Workspace ws(t.db());
    MainWindow window(ws);
    QMenu* file = window.menu("file");
    REQUIRE(file);
    QStringList names;
    for (QAction* a : file->actions()) names << (a->isSeparator() ? QStringLiteral("-") : a->objectName());
    INFO(names.join(' ').toStdString());
    REQUIRE(names.last() == "quitAction");
    CHECK(names.at(names.size() - 2) == "-"); // Quit in a group of its own
    const auto at = [&](const char* name) { return names.indexOf(QString::fromLatin1(name)); };
    CHECK(at("backupAction") + 1 == at("checkDatabaseAction"));
    CHECK(at("checkDatabaseAction") + 1 == at("compactDatabaseAction"));
    // Features' groups (settings, team) come after the database's and before Quit.
    for (const char* feature : {"riskBandsAction", "policyAction", "teamFolderAction", "syncNowAction"}) {
        INFO(feature);
        CHECK(at(feature) > at("compactDatabaseAction"));
        CHECK(at(feature) < at("quitAction"));
    }
}
