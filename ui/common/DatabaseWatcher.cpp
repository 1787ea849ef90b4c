#include "common/DatabaseWatcher.h"

#include "common/RecordForm.h"
#include "common/Workspace.h"

#include <QApplication>
#include <QLabel>
#include <QTimer>
#include <QVBoxLayout>

namespace cb::ui {

DatabaseWatcher::DatabaseWatcher(Workspace& ws, int intervalMs, QObject* parent)
    : QObject(parent), m_ws(ws), m_timer(new QTimer(this)) {
    poll(); // the starting point
    m_timer->setInterval(intervalMs);
    connect(m_timer, &QTimer::timeout, this, &DatabaseWatcher::poll);
    m_timer->start();
}

QString DatabaseWatcher::staleFormMessage() {
    return QStringLiteral("Someone else changed this database while this form was open, so this record may have "
                          "changed too. Your typing is kept: check the record before you save, or cancel and open it "
                          "again to see the latest.");
}

bool DatabaseWatcher::poll() {
    // Not inside a transaction of our own: data_version is about other connections' commits.
    if (m_ws.db().inTransaction()) return false;
    qint64 version = -1;
    try {
        version = m_ws.db().scalar(QStringLiteral("PRAGMA data_version")).toLongLong();
    } catch (const std::exception&) {
        return false;
    }
    const bool changed = m_version >= 0 && version != m_version;
    m_version = version;
    if (!changed) return false;
    warnDirtyForms();
    emit changedElsewhere();
    m_ws.notifyChanged(); // every open list, the practice file and the worklist reload
    return true;
}

void DatabaseWatcher::warnDirtyForms() {
    for (QWidget* w : QApplication::topLevelWidgets()) {
        auto* form = qobject_cast<RecordForm*>(w);
        if (!form || !form->isVisible() || !form->isDirty()) continue;
        auto* notice = form->findChild<QLabel*>(QStringLiteral("staleNotice"));
        if (!notice) {
            auto* layout = qobject_cast<QVBoxLayout*>(form->layout());
            if (!layout) continue;
            notice = new QLabel(staleFormMessage(), form);
            notice->setObjectName(QStringLiteral("staleNotice"));
            notice->setWordWrap(true);
            notice->setAccessibleName(QStringLiteral("This record may have changed"));
            notice->setFrameShape(QFrame::StyledPanel);
            notice->setMargin(6);
            layout->insertWidget(0, notice);
        }
        notice->show();
    }
}

} // namespace cb::ui
