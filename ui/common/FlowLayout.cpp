#include "common/FlowLayout.h"

#include <QStyle>
#include <algorithm>
#include <QWidget>

namespace cb::ui {

FlowLayout::FlowLayout(QWidget* parent, int hSpacing, int vSpacing) : QLayout(parent), m_h(hSpacing), m_v(vSpacing) {
    setContentsMargins(0, 0, 0, 0);
}

FlowLayout::~FlowLayout() {
    while (QLayoutItem* item = takeAt(0)) delete item;
}

void FlowLayout::addItem(QLayoutItem* item) { m_items.append(item); }

void FlowLayout::addStretchWidget(QWidget* widget) {
    addWidget(widget);
    m_stretch.append(widget);
}

QLayoutItem* FlowLayout::takeAt(int index) {
    if (index < 0 || index >= m_items.size()) return nullptr;
    QLayoutItem* item = m_items.takeAt(index);
    if (item->widget()) m_stretch.removeAll(item->widget());
    return item;
}

QSize FlowLayout::minimumSize() const {
    // As narrow as the widest single item: everything else wraps.
    QSize size;
    for (const QLayoutItem* item : m_items)
        if (!item->isEmpty()) size = size.expandedTo(item->minimumSize());
    const QMargins m = contentsMargins();
    return size + QSize(m.left() + m.right(), m.top() + m.bottom());
}

QSize FlowLayout::sizeHint() const {
    // One line when there is room.
    int width = 0, height = 0, n = 0;
    for (const QLayoutItem* item : m_items) {
        if (item->isEmpty()) continue;
        width += item->sizeHint().width() + (n++ ? spacing(Qt::Horizontal) : 0);
        height = std::max(height, item->sizeHint().height());
    }
    const QMargins m = contentsMargins();
    return QSize(width + m.left() + m.right(), height + m.top() + m.bottom());
}

void FlowLayout::setGeometry(const QRect& rect) {
    QLayout::setGeometry(rect);
    arrange(rect, true);
}

int FlowLayout::spacing(Qt::Orientation o) const {
    const int set = o == Qt::Horizontal ? m_h : m_v;
    if (set >= 0) return set;
    const QWidget* w = parentWidget();
    if (!w) return 6;
    const int s = w->style()->layoutSpacing(QSizePolicy::PushButton, QSizePolicy::PushButton, o, nullptr, w);
    return s >= 0 ? s : 6;
}

int FlowLayout::arrange(const QRect& rect, bool apply) const {
    const QMargins m = contentsMargins();
    const QRect area = rect.marginsRemoved(m);
    const int hs = spacing(Qt::Horizontal), vs = spacing(Qt::Vertical);
    // Lay out line by line; the stretch items on a line share what is left of it.
    QList<QLayoutItem*> line;
    int y = area.y(), lineHeight = 0, used = 0;
    auto flush = [&] {
        if (line.isEmpty()) return;
        int stretchers = 0;
        for (QLayoutItem* item : line)
            if (item->widget() && m_stretch.contains(item->widget())) ++stretchers;
        const int spare = std::max(0, area.width() - used);
        int x = area.x();
        for (QLayoutItem* item : line) {
            QSize s = item->sizeHint().boundedTo(QSize(area.width(), QWIDGETSIZE_MAX)).expandedTo(item->minimumSize());
            if (stretchers && item->widget() && m_stretch.contains(item->widget())) s.rwidth() += spare / stretchers;
            if (apply) item->setGeometry(QRect(QPoint(x, y + (lineHeight - s.height()) / 2), QSize(s.width(), s.height())));
            x += s.width() + hs;
        }
        y += lineHeight + vs;
        line.clear();
        lineHeight = 0;
        used = 0;
    };
    for (QLayoutItem* item : m_items) {
        if (item->isEmpty()) continue;
        const QSize s = item->sizeHint().boundedTo(QSize(area.width(), QWIDGETSIZE_MAX)).expandedTo(item->minimumSize());
        const int need = s.width() + (line.isEmpty() ? 0 : hs);
        if (!line.isEmpty() && used + need > area.width()) flush();
        used += s.width() + (line.isEmpty() ? 0 : hs);
        line.append(item);
        lineHeight = std::max(lineHeight, s.height());
    }
    flush();
    return std::max(0, y - vs - area.y()) + m.top() + m.bottom();
}

} // namespace cb::ui
