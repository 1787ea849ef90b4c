#include "common/Workspace.h"

#include <QAction>
#include <QWidget>
#include <utility>

namespace cb::ui {

QString Workspace::readOnlyReason() {
    return QStringLiteral("This shared copy is open read-only: nothing can be changed. Open the original database "
                          "to make changes.");
}

QWidget* Workspace::guard(QWidget* w) const {
    if (w && isReadOnly()) {
        w->setEnabled(false);
        w->setToolTip(readOnlyReason());
        w->setStatusTip(readOnlyReason());
    }
    return w;
}

QAction* Workspace::guard(QAction* a) const {
    if (a && isReadOnly()) {
        a->setEnabled(false);
        a->setToolTip(readOnlyReason());
        a->setStatusTip(readOnlyReason());
    }
    return a;
}

namespace {
// Measured by make bench: at 50,000 contractors the worklist took 8 s and the dashboard about 1 s
// on the UI thread; at the demo's 400, milliseconds.
int g_largeRegisterAbove = 5000;
} // namespace

int Workspace::setLargeRegisterAbove(int contractors) { return std::exchange(g_largeRegisterAbove, contractors); }

bool Workspace::isLargeRegister() {
    if (m_large < 0) {
        try {
            // Counts no further than the threshold: opening a national register reads a few pages, not all.
            m_large = m_db.scalar(QStringLiteral("SELECT count(*) > %1 FROM (SELECT 1 FROM contractor LIMIT %2)")
                                      .arg(g_largeRegisterAbove)
                                      .arg(qint64(g_largeRegisterAbove) + 1))
                              .toBool()
                          ? 1
                          : 0;
        } catch (const Error&) {
            m_large = 0;
        }
    }
    return m_large == 1;
}

} // namespace cb::ui
