#pragma once
// The GUI of the team exchange (issue 12, docs/exchange.md): File > Team folder…, File > Sync now,
// the status-bar line, sync on open and on a timer, and Go > Conflicts to decide.
#include "team/Team.h"

#include <QLabel>
#include <QObject>
#include <QPointer>

class QThread;
class QTimer;

namespace cb::ui {

class MainWindow;
class Workspace;

// The status-bar line of the team exchange. text() is the whole line ("Synced 10:42 — 3 changes
// in, 1 out — 1 conflict"), also its tooltip; what is painted is the whole line when it fits, else
// a shorter wording ("Synced 10:42: 3 in, 1 out, 1 conflict"), else that cut at the end with "…",
// so a narrow window (850 px, or 1366 px at 150 %) never shows a stub like "Sync".
class TeamStatusLine : public QLabel {
public:
    explicit TeamStatusLine(QWidget* parent) : QLabel(parent) {}
    QString displayedText() const;               // what fits the width it has now
    static QString shortForm(const QString& line);

protected:
    void paintEvent(QPaintEvent* event) override;
};

// Syncs the open database with its team folder, off the UI thread on its own connection (the
// pattern of the import jobs): the caseworker keeps typing while it runs. Changes it applies reach
// open lists through the DatabaseWatcher (data_version), so an open form with unsaved typing is
// warned, never overwritten. Every error ends as words on the status bar (and in a message when the
// caseworker asked for the sync), never as an exception in the event loop.
class TeamSync : public QObject {
    Q_OBJECT
public:
    explicit TeamSync(MainWindow& window);
    ~TeamSync() override; // waits for a sync still running: a package is never left half-applied

    // Starts a sync unless one runs. quiet: a sync on open or on the timer, which only updates the
    // status line; otherwise the caseworker asked, and is told in a message what went wrong.
    void syncNow(bool quiet = false);
    bool isBusy() const { return m_thread != nullptr; }
    void waitIdle(); // tests: blocks until the running sync is over and its result shown
    TeamStatusLine* status() const { return m_status; }
    void refreshStatus(); // the line for the database as it is now (in a team or not, last sync)

    // How often a member database syncs by itself while its window is open (default 5 minutes).
    static void setIntervalMs(int ms);
    static QString offlineText();

signals:
    // After every sync: ok false when it did not run through (offline, an error).
    void finished(bool ok, const QString& statusLine);

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    void done(const team::SyncReport& report, const QString& error, bool offline, bool quiet);
    void setLine(const QString& text, const QString& tip = {});

    MainWindow& m_window;
    Workspace& m_ws;
    TeamStatusLine* m_status;
    QTimer* m_timer;
    QThread* m_thread = nullptr;
};

// Adds File > Team folder…, File > Sync now (Ctrl+Shift+S), Go > Conflicts to decide, the status
// line, and opens the Conflicts view from the worklist's "N conflicts to decide".
void installTeam(MainWindow& window);
TeamSync* teamSyncOf(MainWindow& window);

} // namespace cb::ui
