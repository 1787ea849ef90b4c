#pragma once

#include <QObject>

class QTimer;

namespace cb::ui {

class Workspace;

// Keeps open views in step with commits made by anyone else: another Casebook on this file, the
// CLI, an import running on its own connection. It polls SQLite's `PRAGMA data_version` on the
// workspace's own connection (cheap: no file is read; the number changes only when another
// connection commits). On a change, every open view refreshes through Workspace::changed (lists
// keep their selection and place), and every open form with unsaved typing is told, never
// refreshed under the caseworker.
class DatabaseWatcher : public QObject {
    Q_OBJECT
public:
    explicit DatabaseWatcher(Workspace& ws, int intervalMs = 1000, QObject* parent = nullptr);

    // Checks now; true when someone else committed since the last check. Never throws: a database
    // that cannot be asked (busy, the drive gone) is asked again at the next tick.
    bool poll();

    // What an open form with unsaved edits is told.
    static QString staleFormMessage();

signals:
    void changedElsewhere();

private:
    void warnDirtyForms();

    Workspace& m_ws;
    QTimer* m_timer;
    qint64 m_version = -1;
};

} // namespace cb::ui
