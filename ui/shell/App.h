#pragma once

#include "store/Database.h"

#include <QObject>
#include <QStringList>
#include <memory>
#include <optional>

namespace cb::ui {

class MainWindow;
class Workspace;

// What `casebook` was asked to do on its command line.
struct LaunchOptions {
    QString dbPath;        // --db FILE (or the file given to --read-only)
    bool demo = false;     // --demo: a fresh demo database
    bool readOnly = false; // --read-only FILE
    QString screenshotDir; // --screenshot DIR: render every main screen to PNG and exit
    bool help = false;
};

// Parses arguments (without the program name). Returns nullopt and sets *error on a usage error.
std::optional<LaunchOptions> parseLaunchOptions(const QStringList& args, QString* error);
QString launchUsage();

// Owns the open database and its main window; swaps both when another database is opened.
class App : public QObject {
    Q_OBJECT
public:
    App();
    ~App() override;

    // Opens (or creates) a database and shows it. On failure explains and offers another file,
    // unless interactive is false (then it returns false).
    bool open(const QString& path, Database::Access access, bool interactive = true);
    MainWindow* window() const { return m_window.get(); }
    Workspace* workspace() const { return m_workspace.get(); }
    Database* database() const { return m_db.get(); }

    // Creates a fresh demo database (400 contractors, seed 1) in the application data folder.
    static QString createDemoDatabase();
    static void rememberDatabase(const QString& path);

signals:
    // What the migration dialog says, each time it changes, while a file from an older version of
    // Casebook is updated before its window opens (MigrationDialog).
    void migrationStep(const QString& text);

private:
    void install(std::unique_ptr<Database> db);
    std::unique_ptr<Database> m_db;
    std::unique_ptr<Workspace> m_workspace;
    std::unique_ptr<MainWindow> m_window;
};

// Renders the list, every practice-file tab and every editor to PNG files in dir. Returns the files written.
QStringList renderScreenshots(MainWindow& window, const QString& dir);

// The whole `casebook` program: main() only calls this.
int runCasebook(int argc, char** argv);

} // namespace cb::ui
