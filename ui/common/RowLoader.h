#pragma once

#include "store/Database.h"

#include <QObject>
#include <QVariant>
#include <atomic>
#include <condition_variable>
#include <functional>
#include <memory>
#include <mutex>

class QThread;

namespace cb::ui {

// One long-lived worker thread with its own long-lived read connection, for the slow questions a
// list asks (how many rows match): the pattern of DB Browser for SQLite's RowLoader. Only the
// newest job matters: submitting one cancels the job waiting or running before it (the running
// one is interrupted with sqlite3_interrupt, and its answer, if any, is dropped), so typing fast in
// a filter never piles up threads or queries. Every error stays inside: a job that fails reports
// failed() in words.
class RowLoader : public QObject {
    Q_OBJECT
public:
    using Job = std::function<QVariant(Database& db)>;

    // The read connection is opened on first use. For an in-memory database (no second connection
    // can see it) jobs run on `db` itself, on the caller's thread.
    explicit RowLoader(Database& db, QObject* parent = nullptr);
    ~RowLoader() override;

    // Queues job, cancelling any earlier one; returns its ticket. done()/failed() follow later
    // (posted to this object's thread), only for the newest ticket.
    quint64 submit(Job job);
    void cancel(); // drops the waiting and running job
    bool isBusy() const;
    void waitUntilIdle(); // blocks until nothing waits or runs (tests and the benchmark)

    // Worker threads alive in the whole program (tests check they do not pile up).
    static int liveThreads();

signals:
    void done(quint64 ticket, const QVariant& result);
    void failed(quint64 ticket, const QString& message);

private:
    void loop();
    void deliver(quint64 ticket, const QVariant& result, const QString& error);
    bool ensureWorker();

    Database& m_db;
    std::unique_ptr<Database> m_reader; // used only on the worker thread once it runs
    QThread* m_thread = nullptr;
    mutable std::mutex m_mutex;
    std::condition_variable m_wake;
    std::condition_variable m_idle;
    Job m_pending;
    quint64 m_pendingTicket = 0;
    quint64 m_runningTicket = 0;
    quint64 m_latest = 0;
    bool m_stop = false;
    std::atomic<bool> m_stale{false}; // the running job is no longer wanted: its statements abort
};

} // namespace cb::ui
