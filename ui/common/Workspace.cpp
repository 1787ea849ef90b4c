#include "common/Workspace.h"

#include <QAction>
#include <QWidget>

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

} // namespace cb::ui
