#include "common/ScreenFit.h"

#include <QGuiApplication>
#include <algorithm>
#include <QScreen>
#include <QWidget>

namespace cb::ui {

void keepOnScreen(QWidget* window) {
    const QScreen* screen = window->screen() ? window->screen() : QGuiApplication::primaryScreen();
    if (!screen) return;
    const QRect avail = screen->availableGeometry();
    // Room for the frame and title bar the window manager adds around the client area.
    const QMargins frame(4, 32, 4, 4);
    const QRect room = avail.marginsRemoved(frame);
    const QSize size = window->size().boundedTo(room.size()).expandedTo(window->minimumSize());
    QPoint at = window->pos();
    const bool placed = window->testAttribute(Qt::WA_Moved);
    if (placed || !avail.contains(at)) {
        at.setX(std::clamp(at.x(), room.left(), std::max(room.left(), room.right() + 1 - size.width())));
        at.setY(std::clamp(at.y(), room.top(), std::max(room.top(), room.bottom() + 1 - size.height())));
    }
    if (size != window->size()) window->resize(size);
    if (at != window->pos()) window->move(at);
}

} // namespace cb::ui
