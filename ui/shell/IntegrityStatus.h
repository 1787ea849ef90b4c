#pragma once

#include "store/Database.h"

#include <QObject>
#include <memory>

class QLabel;
class QMainWindow;
class QThread;

namespace cb::ui {

class Workspace;

// SQLite's quick_check, off the UI thread: opening a file does only the cheap checks, so the window
// is up at once even for a national register, and this reads the whole file afterwards on its own
// read connection in a worker thread. If it finds damage the window says so in words, in a notice
// on the status bar that stays until the file is closed; if it cannot run (busy, interrupted) it
// says nothing alarming.
class IntegrityStatus : public QObject {
    Q_OBJECT
public:
    // Starts by itself the first time `window` is shown.
    IntegrityStatus(Workspace& ws, QMainWindow* window);
    ~IntegrityStatus() override;

    void start();        // now (does nothing if already started, or for an in-memory database)
    void waitFinished(); // tests: blocks until the check is over and its answer shown
    QLabel* notice() const { return m_notice; }

signals:
    void finished(const QString& damage); // empty when the file is sound

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    void show(const QString& damage);

    Workspace& m_ws;
    QMainWindow* m_window;
    QLabel* m_notice;
    std::unique_ptr<Database> m_reader;
    QThread* m_thread = nullptr;
};

} // namespace cb::ui
