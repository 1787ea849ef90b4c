#pragma once

#include <QLayout>
#include <QList>

namespace cb::ui {

// A row of controls (filters, buttons) that wraps onto another line when the window is narrow,
// instead of making the window wider than a laptop screen. Items keep their size hints; an item
// added with addStretchItem() takes the room left on its line (a search box, say).
class FlowLayout : public QLayout {
public:
    explicit FlowLayout(QWidget* parent = nullptr, int hSpacing = -1, int vSpacing = -1);
    ~FlowLayout() override;

    void addItem(QLayoutItem* item) override;
    void addStretchWidget(QWidget* widget); // grows to fill its line
    int count() const override { return int(m_items.size()); }
    QLayoutItem* itemAt(int index) const override { return m_items.value(index); }
    QLayoutItem* takeAt(int index) override;
    Qt::Orientations expandingDirections() const override { return {}; }
    bool hasHeightForWidth() const override { return true; }
    int heightForWidth(int width) const override { return arrange(QRect(0, 0, width, 0), false); }
    QSize minimumSize() const override;
    QSize sizeHint() const override;
    void setGeometry(const QRect& rect) override;

private:
    int arrange(const QRect& rect, bool apply) const;
    int spacing(Qt::Orientation o) const;
    QList<QLayoutItem*> m_items;
    QList<QWidget*> m_stretch;
    int m_h, m_v;
};

} // namespace cb::ui
