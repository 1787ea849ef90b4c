#include "shell/App.h"

#include "common/Ask.h"
#include "common/Workspace.h"
#include "demo/DemoSeeder.h"
#include "common/DatabaseWatcher.h"
#include "shell/IntegrityStatus.h"
#include "shell/MainWindow.h"
#include "shell/MigrationDialog.h"
#include "shell/SafeApplication.h"

#include <QApplication>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QSettings>
#include <QStandardPaths>
#include <QStyle>
#include <QStyleFactory>
#include <cstdio>

namespace cb::ui {

QString launchUsage() {
    return QStringLiteral("Usage: casebook [--db FILE | --demo | --read-only FILE] [--screenshot DIR]\n"
                          "  --db FILE          open (or create) this database\n"
                          "  --demo             open a fresh demo database (400 contractors)\n"
                          "  --read-only FILE   open a shared copy read-only: nothing can be changed\n"
                          "  --screenshot DIR   save a picture of every main screen to DIR and exit\n");
}

std::optional<LaunchOptions> parseLaunchOptions(const QStringList& args, QString* error) {
    LaunchOptions o;
    auto fail = [&](const QString& message) {
        if (error) *error = message;
        return std::nullopt;
    };
    for (int i = 0; i < args.size(); ++i) {
        const QString& a = args.at(i);
        auto value = [&](QString& out) {
            if (i + 1 >= args.size() || args.at(i + 1).startsWith(QLatin1String("--"))) return false;
            out = args.at(++i);
            return true;
        };
        if (a == QLatin1String("--db")) {
            if (!value(o.dbPath)) return fail(QStringLiteral("--db needs a database file."));
        } else if (a == QLatin1String("--read-only")) {
            if (!value(o.dbPath)) return fail(QStringLiteral("--read-only needs the database file to open."));
            o.readOnly = true;
        } else if (a == QLatin1String("--demo")) {
            o.demo = true;
        } else if (a == QLatin1String("--screenshot")) {
            if (!value(o.screenshotDir)) return fail(QStringLiteral("--screenshot needs a folder for the pictures."));
        } else if (a == QLatin1String("--help") || a == QLatin1String("-h")) {
            o.help = true;
        } else if (a.startsWith(QLatin1Char('-'))) {
            return fail(QStringLiteral("Unknown option %1.").arg(a));
        } else {
            return fail(QStringLiteral("Unexpected argument %1: give the database with --db FILE.").arg(a));
        }
    }
    if (o.demo && !o.dbPath.isEmpty()) return fail(QStringLiteral("Use either --demo or a database file, not both."));
    return o;
}

App::App() = default;

App::~App() {
    m_window.reset(); // views first, then what they show
    m_workspace.reset();
    m_db.reset();
}

void App::rememberDatabase(const QString& path) {
    QSettings settings;
    const QString full = QFileInfo(path).absoluteFilePath();
    settings.setValue(QStringLiteral("lastDatabase"), full);
    QStringList recent = settings.value(QStringLiteral("recentDatabases")).toStringList();
    recent.removeAll(full);
    recent.prepend(full);
    settings.setValue(QStringLiteral("recentDatabases"), recent.mid(0, 8));
}

QString App::createDemoDatabase() {
    const QString dir = QStandardPaths::writableLocation(QStandardPaths::AppDataLocation);
    QDir().mkpath(dir);
    const QString path = QDir(dir).filePath(QStringLiteral("demo.db"));
    for (const QString& suffix : {QString(), QStringLiteral("-wal"), QStringLiteral("-shm")}) QFile::remove(path + suffix);
    Database db(path);
    SeedOptions options;
    options.contractors = 400;
    options.seed = 1;
    seedDemo(db, options);
    return path;
}

bool App::open(const QString& requested, Database::Access access, bool interactive) {
    QString path = requested;
    for (;;) {
        try {
            if (access == Database::Access::ReadWrite) QDir().mkpath(QFileInfo(path).absolutePath());
            // A file from an older version is migrated behind a dialog that says so (minutes at national scale).
            auto db = openDatabaseShowingMigration(path, access, m_window.get(),
                                                   [this](const QString& step) { emit migrationStep(step); });
            install(std::move(db));
            if (access == Database::Access::ReadWrite) rememberDatabase(path);
            return true;
        } catch (const Error& e) {
            if (!interactive) {
                std::fprintf(stderr, "%s\n", qPrintable(e.message()));
                return false;
            }
            const int answer = Ask::ask(m_window.get(), {Question::Kind::Error, QStringLiteral("Cannot open the database"),
                                                         QStringLiteral("%1\n\nFile: %2").arg(e.message(), QDir::toNativeSeparators(path)),
                                                         {QStringLiteral("Choose another file…"),
                                                          QStringLiteral("Create a new database…"), QStringLiteral("Cancel")}});
            if (answer == 0) {
                path = QFileDialog::getOpenFileName(m_window.get(), QStringLiteral("Open a Casebook database"), QString(),
                                                    QStringLiteral("Casebook databases (*.db);;All files (*)"));
            } else if (answer == 1) {
                path = QFileDialog::getSaveFileName(m_window.get(), QStringLiteral("New Casebook database"), QString(),
                                                    QStringLiteral("Casebook databases (*.db)"));
                access = Database::Access::ReadWrite;
            } else {
                return false;
            }
            if (path.isEmpty()) return false;
        }
    }
}

void App::install(std::unique_ptr<Database> db) {
    const bool wasVisible = m_window && m_window->isVisible();
    if (m_window) QSettings().setValue(QStringLiteral("window/geometry"), m_window->saveGeometry());
    m_window.reset();
    m_workspace.reset();
    m_db = std::move(db);
    m_workspace = std::make_unique<Workspace>(*m_db);
    m_window = std::make_unique<MainWindow>(*m_workspace);
    // Views follow commits made elsewhere; the full file check runs once the window is up.
    new DatabaseWatcher(*m_workspace, 1000, m_window.get());
    new IntegrityStatus(*m_workspace, m_window.get());
    // Queued: the old window is destroyed by the switch, so it must not be on the stack when it happens.
    connect(m_window.get(), &MainWindow::openDatabaseRequested, this,
            [this](const QString& path, bool readOnly) {
                open(path, readOnly ? Database::Access::ReadOnly : Database::Access::ReadWrite);
            },
            Qt::QueuedConnection);
    connect(m_window.get(), &MainWindow::newDatabaseRequested, this,
            [this](const QString& path) {
                if (QFileInfo::exists(path)) {
                    Ask::error(m_window.get(), QStringLiteral("New database"),
                               QStringLiteral("%1 already exists. Use File > Open to open it, or choose a new file name.")
                                   .arg(QDir::toNativeSeparators(path)));
                    return;
                }
                open(path, Database::Access::ReadWrite);
            },
            Qt::QueuedConnection);
    if (wasVisible) m_window->show();
}

int runCasebook(int argc, char** argv) {
    SafeApplication app(argc, argv);
    QApplication::setOrganizationName(QStringLiteral("Casebook"));
    QApplication::setApplicationName(QStringLiteral("Casebook"));
    QApplication::setApplicationVersion(QStringLiteral(CASEBOOK_VERSION));
    QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedKingdom));
    // Fusion where the platform has no native style of its own (or it is missing).
    if (!QApplication::style() || !QStyleFactory::keys().contains(QApplication::style()->name(), Qt::CaseInsensitive))
        QApplication::setStyle(QStyleFactory::create(QStringLiteral("Fusion")));

    QString error;
    const auto options = parseLaunchOptions(QApplication::arguments().mid(1), &error);
    if (!options) {
        std::fprintf(stderr, "%s\n%s", qPrintable(error), qPrintable(launchUsage()));
        return 2;
    }
    if (options->help) {
        std::fprintf(stdout, "%s", qPrintable(launchUsage()));
        return 0;
    }
    const bool interactive = options->screenshotDir.isEmpty();
    QString path = options->dbPath;
    if (options->demo) {
        try {
            path = App::createDemoDatabase();
        } catch (const Error& e) {
            std::fprintf(stderr, "Could not create the demo database: %s\n", qPrintable(e.message()));
            return 3;
        }
    }
    if (path.isEmpty()) path = QSettings().value(QStringLiteral("lastDatabase"), Database::defaultPath()).toString();

    App casebook;
    if (!casebook.open(path, options->readOnly ? Database::Access::ReadOnly : Database::Access::ReadWrite, interactive))
        return 3;
    if (!interactive) {
        const QStringList files = renderScreenshots(*casebook.window(), options->screenshotDir);
        for (const QString& f : files) std::fprintf(stdout, "%s\n", qPrintable(f));
        return files.isEmpty() ? 1 : 0;
    }
    casebook.window()->show();
    return app.exec();
}

} // namespace cb::ui
