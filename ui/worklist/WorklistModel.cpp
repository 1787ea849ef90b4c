#include "worklist/WorklistModel.h"

#include "common/Identifiers.h"

#include <QApplication>
#include <QStyle>

namespace cb::ui {

WorklistModel::WorklistModel(QObject* parent) : QStandardItemModel(parent) {
    setHorizontalHeaderLabels({QStringLiteral("Item"), QStringLiteral("When"), QStringLiteral("Due"), QStringLiteral("Detail")});
}

int WorklistModel::overdueCount() const {
    int n = 0;
    for (const WorklistItem& i : m_items) n += i.overdue ? 1 : 0;
    return n;
}

void WorklistModel::setItems(const QList<WorklistItem>& items, const QDate& today) {
    m_items = items;
    m_today = today;
    removeRows(0, rowCount());
    const QIcon overdueIcon = QApplication::style()->standardIcon(QStyle::SP_MessageBoxWarning);
    // Groups by urgency, in core's order: overdue, due this week, the rest, for information.
    for (const WorklistBandInfo& band : worklistBands()) {
        int n = 0;
        for (const WorklistItem& i : items) n += worklistBand(i, today) == band.band ? 1 : 0;
        if (n == 0) continue;
        const QString header = QStringLiteral("%1 — %2").arg(band.label).arg(n);
        auto* group = new QStandardItem(header);
        QFont bold = group->font();
        bold.setBold(true);
        group->setFont(bold);
        group->setData(-1, ItemIndexRole);
        group->setData(band.code, Qt::UserRole);
        group->setData(band.collapsed, CollapsedRole);
        if (band.collapsed)
            group->setToolTip(QStringLiteral("Folded: press Right arrow (or Enter) to show these items"));
        QList<QStandardItem*> groupRow{group};
        for (int c = 1; c < ColumnCount; ++c) groupRow << new QStandardItem;
        for (QStandardItem* cell : groupRow) cell->setEditable(false);
        for (int index = 0; index < items.size(); ++index) {
            const WorklistItem& i = items.at(index);
            if (worklistBand(i, today) != band.band) continue;
            auto* title = new QStandardItem(i.title);
            // Overdue is said in words and with an icon, never by colour alone.
            const QString when = i.overdue ? QStringLiteral("Overdue, %1").arg(relativeDays(today, i.due))
                                           : relativeDays(today, i.due);
            auto* whenCell = new QStandardItem(i.due.isValid() ? when.left(1).toUpper() + when.mid(1) : QString());
            if (i.overdue) {
                title->setIcon(overdueIcon);
                whenCell->setIcon(overdueIcon);
                title->setData(QStringLiteral("Overdue: %1").arg(i.title), Qt::AccessibleTextRole);
            }
            auto* due = new QStandardItem(fmt::date(i.due));
            due->setData(i.due, Qt::UserRole);
            auto* detail = new QStandardItem(i.detail);
            title->setToolTip(i.detail);
            detail->setToolTip(i.detail);
            QList<QStandardItem*> row{title, whenCell, due, detail};
            for (QStandardItem* cell : row) {
                cell->setEditable(false);
                cell->setData(index, ItemIndexRole);
            }
            group->appendRow(row);
        }
        appendRow(groupRow);
    }
}

const WorklistItem* WorklistModel::itemAt(const QModelIndex& index) const {
    if (!index.isValid()) return nullptr;
    const int i = index.siblingAtColumn(0).data(ItemIndexRole).toInt();
    return index.parent().isValid() && i >= 0 && i < m_items.size() ? &m_items.at(i) : nullptr;
}

QList<WorklistItem> WorklistModel::shownItems() const {
    QList<WorklistItem> out;
    for (int g = 0; g < rowCount(); ++g) {
        const QModelIndex group = index(g, 0);
        for (int r = 0; r < rowCount(group); ++r)
            if (const WorklistItem* i = itemAt(index(r, 0, group))) out << *i;
    }
    return out;
}

} // namespace cb::ui
