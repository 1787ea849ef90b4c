#include "common/RowLoader.h"

#include <QThread>
#include <SQLiteCpp/Database.h>
#include <atomic>
#include <sqlite3.h>

namespace cb::ui {

namespace {
std::atomic<int> g_liveThreads{0};
}

int RowLoader::liveThreads() { return g_liveThreads.load(); }

RowLoader::RowLoader(Database& db, QObject* parent) : QObject(parent), m_db(db) {}

RowLoader::~RowLoader() {
    if (!m_thread) return;
    {
        std::lock_guard<std::mutex> lock(m_mutex);
        m_stop = true;
        m_pending = nullptr;
        if (m_runningTicket) {
            m_stale = true;
            sqlite3_interrupt(m_reader->sqlite().getHandle());
        }
    }
    m_wake.notify_all();
    m_thread->wait();
    delete m_thread;
}

bool RowLoader::ensureWorker() {
    if (m_thread) return true;
    if (m_db.path() == QLatin1String(":memory:")) return false;
    try {
        m_reader = Database::openReader(m_db); // on this (the owner's) thread, then handed over
    } catch (const Error&) {
        return false; // answer on the owner's connection instead: slower, but right
    }
    // sqlite3_interrupt only stops statements already running; this also stops one the stale job
    // starts afterwards, whenever the interrupt lands.
    sqlite3_progress_handler(
        m_reader->sqlite().getHandle(), 1000,
        [](void* self) { return static_cast<RowLoader*>(self)->m_stale.load() ? 1 : 0; }, this);
    m_thread = QThread::create([this] { loop(); });
    m_thread->setObjectName(QStringLiteral("RowLoader"));
    m_thread->start(QThread::LowPriority);
    return true;
}

quint64 RowLoader::submit(Job job) {
    if (!ensureWorker()) {
        const quint64 ticket = ++m_latest;
        QVariant result;
        QString error;
        try {
            result = job(m_db);
        } catch (const std::exception& e) {
            error = QString::fromUtf8(e.what());
        }
        // Posted like a worker's answer, so the caller has its ticket before the answer arrives.
        QMetaObject::invokeMethod(this, [this, ticket, result, error] { deliver(ticket, result, error); },
                                  Qt::QueuedConnection);
        return ticket;
    }
    quint64 ticket;
    {
        std::lock_guard<std::mutex> lock(m_mutex);
        ticket = ++m_latest;
        m_pending = std::move(job);
        m_pendingTicket = ticket;
        // Stop the query the user no longer wants. Under the mutex the worker cannot be between
        // jobs, so only the stale job's statement is interrupted, never the new one.
        if (m_runningTicket) {
            m_stale = true;
            sqlite3_interrupt(m_reader->sqlite().getHandle());
        }
    }
    m_wake.notify_one();
    return ticket;
}

void RowLoader::cancel() {
    std::lock_guard<std::mutex> lock(m_mutex);
    ++m_latest;
    m_pending = nullptr;
    m_pendingTicket = 0;
    if (m_runningTicket) {
        m_stale = true;
        sqlite3_interrupt(m_reader->sqlite().getHandle());
    }
}

bool RowLoader::isBusy() const {
    std::lock_guard<std::mutex> lock(m_mutex);
    return m_pending || m_runningTicket;
}

void RowLoader::waitUntilIdle() {
    std::unique_lock<std::mutex> lock(m_mutex);
    m_idle.wait(lock, [this] { return !m_pending && !m_runningTicket; });
}

void RowLoader::loop() {
    ++g_liveThreads;
    for (;;) {
        Job job;
        quint64 ticket;
        {
            std::unique_lock<std::mutex> lock(m_mutex);
            m_wake.wait(lock, [this] { return m_stop || m_pending; });
            if (m_stop) break;
            job = std::move(m_pending);
            m_pending = nullptr;
            ticket = m_runningTicket = m_pendingTicket;
            m_stale = false;
        }
        QVariant result;
        QString error;
        try {
            result = job(*m_reader);
        } catch (const std::exception& e) {
            error = QString::fromUtf8(e.what());
        } catch (...) {
            error = QStringLiteral("The list could not be counted because of an unexpected problem.");
        }
        job = nullptr;
        {
            std::lock_guard<std::mutex> lock(m_mutex);
            m_runningTicket = 0;
            // Answers go to the owner's thread, and only the newest is shown there.
            if (ticket == m_latest && !m_stop)
                QMetaObject::invokeMethod(this, [this, ticket, result, error] { deliver(ticket, result, error); },
                                          Qt::QueuedConnection);
        }
        m_idle.notify_all();
    }
    {
        std::lock_guard<std::mutex> lock(m_mutex);
        m_runningTicket = 0;
    }
    m_idle.notify_all();
    --g_liveThreads;
}

void RowLoader::deliver(quint64 ticket, const QVariant& result, const QString& error) {
    if (ticket != m_latest) return; // a newer job was submitted after this answer was posted
    if (error.isEmpty()) emit done(ticket, result);
    else emit failed(ticket, error);
}

} // namespace cb::ui
