#include "team/TeamActions.h"

#include "common/Ask.h"
#include "common/DatabaseWatcher.h"
#include "common/Workspace.h"
#include "shell/MainWindow.h"
#include "team/ConflictsDialog.h"
#include "team/TeamFolderDialog.h"
#include "worklist/WorklistPage.h"

#include <QAction>
#include <QCoreApplication>
#include <QDateTime>
#include <QEvent>
#include <QLabel>
#include <QMenu>
#include <QPainter>
#include <QRegularExpression>
#include <QStyle>
#include <QStatusBar>
#include <QThread>
#include <QTimer>

namespace cb::ui {

namespace {
int g_intervalMs = 5 * 60 * 1000;
}

void TeamSync::setIntervalMs(int ms) { g_intervalMs = ms; }

QString TeamStatusLine::shortForm(const QString& line) {
    if (line == TeamSync::offlineText()) return QStringLiteral("Offline — will sync when the folder is back");
    QString s = line;
    static const QRegularExpression notSynced(QStringLiteral("^(Not synced at [0-9:]+): .*$"),
                                              QRegularExpression::DotMatchesEverythingOption);
    if (const auto m = notSynced.match(s); m.hasMatch()) return m.captured(1) + QStringLiteral(" (point here for why)");
    s.replace(QStringLiteral(" changes in, "), QStringLiteral(" in, ")).replace(QStringLiteral(" change in, "), QStringLiteral(" in, "));
    const int first = int(s.indexOf(QStringLiteral(" — ")));
    if (s.startsWith(QLatin1String("Synced ")) && first > 0) {
        s.replace(first, 3, QStringLiteral(": "));
        s.replace(QStringLiteral(" — "), QStringLiteral(", "));
    }
    return s;
}

QString TeamStatusLine::displayedText() const {
    const QString full = text();
    const QFontMetrics fm = fontMetrics();
    const int room = contentsRect().width() - 2 * margin();
    if (fm.horizontalAdvance(full) <= room) return full;
    const QString brief = shortForm(full);
    if (fm.horizontalAdvance(brief) <= room) return brief;
    return fm.elidedText(brief, Qt::ElideRight, room);
}

void TeamStatusLine::paintEvent(QPaintEvent*) {
    QPainter p(this);
    const QRect r = contentsRect().adjusted(margin(), margin(), -margin(), -margin());
    style()->drawItemText(&p, r, int(alignment() | Qt::AlignVCenter) | Qt::TextSingleLine, palette(), isEnabled(),
                          displayedText(), foregroundRole());
}

QString TeamSync::offlineText() {
    return QStringLiteral("Team folder not reachable — working offline; your changes are kept and will sync when it is back");
}

TeamSync::TeamSync(MainWindow& window)
    : QObject(&window), m_window(window), m_ws(window.workspace()), m_status(new TeamStatusLine(&window)), m_timer(new QTimer(this)) {
    setObjectName(QStringLiteral("teamSync"));
    m_status->setObjectName(QStringLiteral("teamStatus"));
    m_status->setAccessibleName(QStringLiteral("Team sync"));
    m_status->setTextFormat(Qt::PlainText);
    m_status->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred); // a long message must not widen the window
    // Room for the short wording of a usual line, so it is never cut to a stub.
    m_status->setMinimumWidth(m_status->fontMetrics().horizontalAdvance(QStringLiteral("Synced 10:42: 3 in, 1 out, 1 conflict")) + 4);
    // Shares the width with the file path, both shrinkable; the line gets the larger share, and
    // below its full width it paints a shorter wording (TeamStatusLine), never a stub.
    window.statusBar()->addPermanentWidget(m_status, 2);
    refreshStatus();
    m_timer->setInterval(g_intervalMs);
    connect(m_timer, &QTimer::timeout, this, [this] {
        if (!isBusy() && !m_ws.isReadOnly() && team::isMember(m_ws.db())) syncNow(true);
    });
    m_timer->start();
    window.installEventFilter(this);
}

TeamSync::~TeamSync() {
    if (!m_thread) return;
    m_thread->wait(); // a sync is one transaction per package: let it finish rather than leave it to a killed thread
    delete m_thread;
}

bool TeamSync::eventFilter(QObject* watched, QEvent* event) {
    if (watched == &m_window && event->type() == QEvent::Show) {
        m_window.removeEventFilter(this);
        // Sync on open, after the first paint: the window is up before the folder is read.
        QTimer::singleShot(0, this, [this] {
            if (!m_ws.isReadOnly() && team::isMember(m_ws.db())) syncNow(true);
        });
    }
    return QObject::eventFilter(watched, event);
}

void TeamSync::setLine(const QString& text, const QString& tip) {
    m_status->setText(text);
    m_status->setToolTip(tip.isEmpty() ? text : tip);
    m_status->setAccessibleDescription(m_status->toolTip());
    m_status->setVisible(!text.isEmpty());
}

void TeamSync::refreshStatus() {
    try {
        if (!team::isMember(m_ws.db())) return setLine({});
        const auto r = m_ws.db().queryOne(QStringLiteral("SELECT last_summary FROM exchange_replica"));
        const QString last = r ? r->value("last_summary").toString() : QString();
        setLine(last.isEmpty() ? QStringLiteral("In a team — not synced yet") : last);
    } catch (const std::exception&) {
        setLine({});
    }
}

void TeamSync::syncNow(bool quiet) {
    if (m_thread) return;
    Database& main = m_ws.db();
    try {
        if (!team::isMember(main)) {
            if (!quiet)
                Ask::info(&m_window, QStringLiteral("Sync now"),
                          QStringLiteral("This database is not in a team. Use File > Team folder… to start a team "
                                         "folder with it, or to join one as a new database."));
            return;
        }
    } catch (const Error& e) {
        return done({}, e.message(), false, quiet);
    }
    if (m_ws.isReadOnly()) {
        if (!quiet) Ask::info(&m_window, QStringLiteral("Sync now"), Workspace::readOnlyReason());
        return;
    }
    setLine(QStringLiteral("Syncing with the team folder…"));
    const QString path = main.path();
    if (path.isEmpty() || path == QLatin1String(":memory:")) { // no second connection: here, briefly
        team::SyncReport report;
        QString error;
        bool offline = false;
        try {
            if (!team::folderReachable(main)) offline = true;
            else report = team::sync(main);
        } catch (const std::exception& e) {
            error = QString::fromUtf8(e.what());
        }
        return done(report, error, offline, quiet);
    }
    const QString actor = main.actor();
    const Clock* clock = &main.clock();
    m_thread = QThread::create([this, path, actor, clock, quiet] {
        team::SyncReport report;
        QString error;
        bool offline = false;
        try {
            Database db(path); // its own connection: the caseworker's saves go on through hers meanwhile
            db.setActor(actor);
            db.setClock(clock);
            if (!team::folderReachable(db)) offline = true;
            else report = team::sync(db);
        } catch (const Error& e) {
            error = e.message();
        } catch (const std::exception& e) {
            error = QStringLiteral("%1. Nothing was half-applied; try Sync now again.").arg(QString::fromUtf8(e.what()));
        }
        QMetaObject::invokeMethod(this, [this, report, error, offline, quiet] {
            if (m_thread) {
                m_thread->wait();
                delete m_thread;
                m_thread = nullptr;
            }
            done(report, error, offline, quiet);
        }, Qt::QueuedConnection);
    });
    m_thread->setObjectName(QStringLiteral("TeamSync"));
    m_thread->start();
}

void TeamSync::waitIdle() {
    if (!m_thread) return;
    m_thread->wait();
    QCoreApplication::sendPostedEvents(this);
}

void TeamSync::done(const team::SyncReport& report, const QString& error, bool offline, bool quiet) {
    const QString time = m_ws.db().clock().nowUtc().toLocalTime().toString(QStringLiteral("HH:mm"));
    if (offline) {
        setLine(offlineText());
        if (!quiet) Ask::info(&m_window, QStringLiteral("Team folder not reachable"),
                              QStringLiteral("%1.\n\nCheck the drive or folder is connected, then choose Sync now again.")
                                  .arg(offlineText()));
        emit finished(false, m_status->text());
        return;
    }
    if (!error.isEmpty()) {
        setLine(QStringLiteral("Not synced at %1: %2").arg(time, error), error);
        if (!quiet)
            Ask::error(&m_window, QStringLiteral("Sync failed"),
                       QStringLiteral("%1\n\nYour own changes are kept in this database and go out at the next sync.").arg(error));
        emit finished(false, m_status->text());
        return;
    }
    const QString line = report.summary(time);
    setLine(line, report.problems.isEmpty() ? line : line + QLatin1Char('\n') + report.problems.join(QLatin1Char('\n')));
    // Open lists follow through the watcher (data_version), which also warns a form with unsaved typing.
    if (auto* watcher = m_window.findChild<DatabaseWatcher*>()) watcher->poll();
    else m_ws.notifyChanged();
    if (!quiet && !report.problems.isEmpty())
        Ask::ask(&m_window, {Question::Kind::Warning, QStringLiteral("Sync"),
                             QStringLiteral("%1\n\n%2").arg(line, report.problems.join(QLatin1Char('\n'))), {}});
    emit finished(true, line);
}

TeamSync* teamSyncOf(MainWindow& window) { return window.findChild<TeamSync*>(QStringLiteral("teamSync")); }

void installTeam(MainWindow& w) {
    auto* sync = new TeamSync(w);
    auto openConflicts = [&w, sync] {
        auto* dialog = new ConflictsDialog(w.workspace(), &w);
        dialog->setAttribute(Qt::WA_DeleteOnClose);
        // A sync that brings new conflicts (or decisions made elsewhere) shows in the open list; a choice made
        // here goes out at the next sync (Sync now, or the timer).
        QObject::connect(sync, &TeamSync::finished, dialog, &ConflictsDialog::reload);
        dialog->open();
        dialog->raise();
    };
    auto openFolder = [&w, sync] {
        auto* dialog = new TeamFolderDialog(w.workspace(), &w);
        dialog->setAttribute(Qt::WA_DeleteOnClose);
        QObject::connect(dialog, &TeamFolderDialog::syncRequested, sync, [sync] { sync->syncNow(); });
        QObject::connect(dialog, &TeamFolderDialog::teamStarted, sync, [sync] { sync->refreshStatus(); });
        QObject::connect(dialog, &TeamFolderDialog::joined, &w, [&w](const QString& path) {
            emit w.openDatabaseRequested(path, false); // the app switches to the new database
        });
        dialog->open();
        dialog->raise();
    };
    QAction* folderAction = w.addShellAction({QStringLiteral("file"), QStringLiteral("teamFolderAction"),
                                              QStringLiteral("&Team folder…"), {}, openFolder,
                                              QStringLiteral("Start a team folder, join one, or see this database's team")});
    QAction* syncAction = w.addShellAction({QStringLiteral("file"), QStringLiteral("syncNowAction"), QStringLiteral("S&ync now"),
                                            QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_S), [sync] { sync->syncNow(); },
                                            QStringLiteral("Send your changes to the team folder and take your colleagues'")});
    w.workspace().guard(syncAction);
    w.addFileMenuGroup({folderAction, syncAction});
    w.addShellAction({QStringLiteral("go"), QStringLiteral("conflictsAction"), QStringLiteral("&Conflicts to decide…"), {},
                      openConflicts, QStringLiteral("Changes you and a colleague made differently to the same field")});
    if (auto* worklist = qobject_cast<WorklistPage*>(w.page(QStringLiteral("worklist"))))
        QObject::connect(worklist, &WorklistPage::openRequested, &w, [openConflicts](const WorklistItem& i) {
            if (i.table == QLatin1String("exchange_conflict")) openConflicts();
        });
}

} // namespace cb::ui
