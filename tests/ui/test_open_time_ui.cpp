// Opening a register fast, and saying so when it cannot be fast (issue 17): a file from an older
// version is updated behind a dialog before its window opens; a current file opens without one.
#include "TestSupport.h"
#include "common/TableModels.h"
#include "common/Workspace.h"
#include "contractors/Contractor.h"
#include "dashboard/Chart.h"
#include "dashboard/DashboardPage.h"
#include "demo/DemoSeeder.h"
#include "reports/DashboardData.h"
#include "shell/App.h"
#include "shell/MainWindow.h"
#include "shell/MigrationDialog.h"
#include "store/MigrationProgress.h"
#include "store/Migrations.h"

#include <QAbstractButton>
#include <QApplication>
#include <QLabel>
#include <QProgressBar>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>
#include <SQLiteCpp/Database.h>
#include <catch2/catch.hpp>

using namespace cb;
using namespace cb::ui;

namespace {
int fileVersion(const QString& path) {
    SQLite::Database raw(path.toStdString(), SQLite::OPEN_READONLY);
    return raw.execAndGet("PRAGMA user_version").getInt();
}

MigrationDialog* visibleMigrationDialog() {
    for (QWidget* w : QApplication::topLevelWidgets())
        if (auto* d = qobject_cast<MigrationDialog*>(w); d && d->isVisible()) return d;
    return nullptr;
}
} // namespace

TEST_CASE("a file from an older version is updated behind a dialog that says so, and opens migrated", "[gui][open]") {
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("old.db"));
    const int oldVersion = migrations().front().version; // the oldest file Casebook ever wrote
    cbtest::makeOldDatabase(path, oldVersion);
    const int steps = pendingMigrations(path);
    REQUIRE(steps == int(migrations().size()) - 1);

    App app;
    QStringList said;
    QStringList seenOnScreen; // what the visible dialog said at each step, with its bar and no Cancel
    QObject::connect(&app, &App::migrationStep, &app, [&](const QString& text) {
        said << text;
        if (MigrationDialog* d = visibleMigrationDialog()) {
            seenOnScreen << d->text();
            CHECK(d->isModal());
            CHECK(d->findChild<QProgressBar*>());
            CHECK(d->findChild<QLabel*>(QStringLiteral("migrationNote"))->text().contains("all or nothing"));
            CHECK_FALSE(d->findChild<QAbstractButton*>()); // nothing to cancel: the update is one transaction
        }
    });
    REQUIRE(app.open(path, Database::Access::ReadWrite, false));

    REQUIRE(said.size() == steps + 1); // before the first step, then at each step
    CHECK(said.first() == QStringLiteral("Updating your register to this version of Casebook… step 0 of %1").arg(steps));
    CHECK(said.last() == QStringLiteral("Updating your register to this version of Casebook… step %1 of %1").arg(steps));
    CHECK(seenOnScreen.contains(said.last()));
    CHECK_FALSE(visibleMigrationDialog()); // gone before the window
    REQUIRE(app.window());
    REQUIRE(app.database()->fileSchemaVersion() == Database::schemaVersion());
    app.open(dir.filePath(QStringLiteral("other.db")), Database::Access::ReadWrite, false); // closes old.db
    CHECK(fileVersion(path) == Database::schemaVersion());
}

TEST_CASE("a current file and a new file open with no migration dialog", "[gui][open]") {
    QTemporaryDir dir;
    const QString fresh = dir.filePath(QStringLiteral("new.db"));
    App app;
    QStringList said;
    QObject::connect(&app, &App::migrationStep, &app, [&](const QString& text) { said << text; });
    REQUIRE(pendingMigrations(fresh) == 0);
    REQUIRE(app.open(fresh, Database::Access::ReadWrite, false)); // created: every step, but no upgrade to announce
    REQUIRE(app.open(dir.filePath(QStringLiteral("second.db")), Database::Access::ReadWrite, false));
    REQUIRE(pendingMigrations(fresh) == 0);
    REQUIRE(app.open(fresh, Database::Access::ReadWrite, false)); // current
    CHECK(said.isEmpty());
}

TEST_CASE("a file that cannot be opened says why after the migration dialog, and is left as it was", "[gui][open]") {
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("old.db"));
    cbtest::makeOldDatabase(path, migrations().front().version);
    {
        // A table a later step creates is already there: that step fails, and with it the whole update.
        SQLite::Database raw(path.toStdString(), SQLite::OPEN_READWRITE);
        const QRegularExpression create(QStringLiteral("CREATE TABLE (?!IF )(\\w+)"));
        QString table;
        for (std::size_t i = 1; i < migrations().size() && table.isEmpty(); ++i)
            table = create.match(QString::fromUtf8(migrations().at(i).sql)).captured(1);
        REQUIRE_FALSE(table.isEmpty());
        raw.exec(QStringLiteral("CREATE TABLE %1 (x)").arg(table).toStdString());
    }
    App app;
    QStringList said;
    QObject::connect(&app, &App::migrationStep, &app, [&](const QString& text) { said << text; });
    CHECK_FALSE(app.open(path, Database::Access::ReadWrite, false));
    CHECK_FALSE(said.isEmpty());
    CHECK_FALSE(visibleMigrationDialog());
    CHECK(fileVersion(path) == migrations().front().version); // all or nothing
}

TEST_CASE("the dashboard names its charts without reading the register", "[gui][dashboard][open]") {
    const QList<ChartSpec> headings = dashboardHeadings();
    cbtest::TempDb t;
    SeedOptions seed;
    seed.contractors = 30;
    seedDemo(t.db(), seed);
    const QList<ChartSpec> built = buildDashboard(t.db(), t.clock.today(), {});
    REQUIRE(headings.size() == built.size());
    for (int i = 0; i < built.size(); ++i) {
        CHECK(headings.at(i).id == built.at(i).id);
        CHECK(headings.at(i).title == built.at(i).title);
        CHECK(headings.at(i).kind == built.at(i).kind);
        CHECK(headings.at(i).valueAxis == built.at(i).valueAxis);
        CHECK(headings.at(i).series.isEmpty());
    }
}

TEST_CASE("opening a register reads only the page shown, and each other page's list when it is first shown",
          "[gui][open]") {
    cbtest::TempDb t;
    SeedOptions seed;
    seed.contractors = 40;
    seedDemo(t.db(), seed);
    Workspace ws(t.db());
    MainWindow window(ws);
    window.show();
    REQUIRE(QTest::qWaitForWindowExposed(&window));
    REQUIRE(window.currentPage() != "contracts");

    const auto lists = [&](const QString& id) { return window.page(id)->findChildren<PagedTableModel*>(); };
    REQUIRE(lists("contracts").size() == 1);
    PagedTableModel* contracts = lists("contracts").first();
    CHECK(contracts->isHeld());
    CHECK(contracts->rowCount() == 0);
    for (const QString& id : {QStringLiteral("performers"), QStringLiteral("concerns")})
        for (PagedTableModel* m : lists(id)) CHECK(m->isHeld());
    for (PagedTableModel* m : lists(window.currentPage())) CHECK_FALSE(m->isHeld());

    // A change made while the page is hidden is not read then, but is there when the page is shown.
    const qint64 before = t.db().scalar("SELECT count(*) FROM contract").toLongLong();
    const QString contractor = t.db().scalar("SELECT id FROM contractor WHERE contractor_group = 'general_practice' "
                                                 "AND status = 'active' ORDER BY ods_code LIMIT 1").toString();
    Row contract{{"id", Database::newId()}, {"contractor_id", contractor}, {"route", "gms"}, {"status", "active"},
                 {"reference", "HELD-1"}, {"start_date", "2024-04-01"}};
    t.db().save("contract", contract);
    ws.notifyChanged();
    CHECK(contracts->isHeld());
    CHECK(contracts->rowCount() == 0);

    REQUIRE(window.showPage("contracts"));
    CHECK_FALSE(contracts->isHeld());
    CHECK(contracts->rowCount() > 0);
    contracts->waitForCount();
    CHECK(contracts->totalCount() == before + 1);
    // Shown once, it follows changes as before, also when another page is in front.
    REQUIRE(window.showPage("performers"));
    Row second = contract;
    second["id"] = Database::newId();
    second["reference"] = "HELD-2";
    t.db().save("contract", second);
    ws.notifyChanged();
    contracts->waitForCount();
    CHECK(contracts->totalCount() == before + 2);
}
