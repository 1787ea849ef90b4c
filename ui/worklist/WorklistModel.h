#pragma once

#include "worklist/Worklist.h"

#include <QStandardItemModel>

namespace cb::ui {

// Today's worklist as a tree: one row per band that has items ("Overdue — 2", "Due this week — 3",
// "Later, or no deadline — 9", "For information — 25"), the items under it in the order core gives
// them. Columns: item, when, due, detail.
class WorklistModel : public QStandardItemModel {
    Q_OBJECT
public:
    enum Column { TitleColumn, WhenColumn, DueColumn, DetailColumn, ColumnCount };
    static constexpr int ItemIndexRole = Qt::UserRole + 1; // index into items(); -1 on a group row
    static constexpr int CollapsedRole = Qt::UserRole + 2; // on a group row: shown folded at first

    explicit WorklistModel(QObject* parent = nullptr);

    void setItems(const QList<WorklistItem>& items, const QDate& today);
    const QList<WorklistItem>& items() const { return m_items; }
    // The item a row shows; nullptr for a group row or an invalid index.
    const WorklistItem* itemAt(const QModelIndex& index) const;
    // The items in the order the tree shows them, for checking against the CLI report.
    QList<WorklistItem> shownItems() const;
    int overdueCount() const;
    QDate today() const { return m_today; }

private:
    QList<WorklistItem> m_items;
    QDate m_today;
};

} // namespace cb::ui
