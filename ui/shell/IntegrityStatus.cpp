#include "shell/IntegrityStatus.h"

#include "common/Workspace.h"
#include "store/IntegrityCheck.h"

#include <QCoreApplication>
#include <QEvent>
#include <QLabel>
#include <QMainWindow>
#include <QStatusBar>
#include <QThread>
#include <SQLiteCpp/Database.h>
#include <sqlite3.h>

namespace cb::ui {

IntegrityStatus::IntegrityStatus(Workspace& ws, QMainWindow* window)
    : QObject(window), m_ws(ws), m_window(window), m_notice(new QLabel(window)) {
    m_notice->setObjectName(QStringLiteral("integrityNotice"));
    m_notice->setAccessibleName(QStringLiteral("Database check"));
    m_notice->setWordWrap(true);
    m_notice->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_notice->setStyleSheet(QStringLiteral("font-weight: bold;"));
    m_notice->hide();
    window->statusBar()->addWidget(m_notice, 1);
    window->installEventFilter(this);
}

IntegrityStatus::~IntegrityStatus() {
    if (!m_thread) return;
    // Closing the file while a check still reads it: stop the check rather than wait a second.
    sqlite3_interrupt(m_reader->sqlite().getHandle());
    m_thread->wait();
    delete m_thread;
}

bool IntegrityStatus::eventFilter(QObject* watched, QEvent* event) {
    if (watched == m_window && event->type() == QEvent::Show) {
        m_window->removeEventFilter(this);
        // After the first paint: the caseworker sees her window before the file is read.
        QMetaObject::invokeMethod(this, &IntegrityStatus::start, Qt::QueuedConnection);
    }
    return QObject::eventFilter(watched, event);
}

void IntegrityStatus::start() {
    if (m_thread || m_ws.db().path() == QLatin1String(":memory:")) return;
    try {
        m_reader = Database::openReader(m_ws.db());
    } catch (const Error&) {
        return; // no second connection: File > Check database still works on demand
    }
    Database* reader = m_reader.get();
    m_thread = QThread::create([this, reader] {
        QString damage;
        try {
            damage = damageNotice(quickCheck(*reader));
        } catch (const std::exception&) {
            return; // busy, interrupted or unreadable now: not damage, and not worth alarming anyone
        }
        QMetaObject::invokeMethod(this, [this, damage] { show(damage); }, Qt::QueuedConnection);
    });
    m_thread->setObjectName(QStringLiteral("IntegrityCheck"));
    m_thread->start(QThread::LowestPriority);
}

void IntegrityStatus::waitFinished() {
    if (!m_thread) return;
    m_thread->wait();
    QCoreApplication::sendPostedEvents(this);
}

void IntegrityStatus::show(const QString& damage) {
    if (!damage.isEmpty()) {
        m_notice->setText(damage);
        m_notice->setToolTip(damage);
        m_notice->show();
    }
    emit finished(damage);
}

} // namespace cb::ui
