#pragma once

#include "common/TableModels.h"

#include <QAbstractItemModel>
#include <QStyledItemDelegate>

namespace cb::ui {

// Item roles the LPN views share.
enum LpnRole {
    kRecordIdRole = Qt::UserRole + 1, // the row's "id" (a section: its own id, e.g. the group's)
    kIsSectionRole,                   // true on a section heading
    kTermElapsedRole,                 // double 0..1, or invalid when there is no term to draw
    kTermTextRole,                    // "ends 31/12/2026 (39 days)"
    kTermStateRole,                   // "ended", "ending" (within the review's window) or empty
};

// Rows in titled sections, shown as a two-level tree (roster by group; findings by kind).
// Columns are the same Column helpers the record tables use; `extra` answers any other role
// (decoration, term bars) for a row.
class SectionedTableModel : public QAbstractItemModel {
    Q_OBJECT
public:
    struct Section {
        QString id;    // e.g. the group's id; may be empty
        QString title; // shown in the first column
        QList<Row> rows;
    };
    using Extra = std::function<QVariant(const Row& row, int column, int role)>;

    SectionedTableModel(QList<Column> columns, Extra extra = {}, QObject* parent = nullptr);
    void setSections(QList<Section> sections);
    const QList<Section>& sections() const { return m_sections; }
    const Row* rowFor(const QModelIndex& index) const; // nullptr for a heading
    QModelIndex indexOfId(const QString& id) const;     // first row (or section) with that id

    QModelIndex index(int row, int column, const QModelIndex& parent = {}) const override;
    QModelIndex parent(const QModelIndex& child) const override;
    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    Qt::ItemFlags flags(const QModelIndex& index) const override;

private:
    QList<Column> m_columns;
    Extra m_extra;
    QList<Section> m_sections;
};

// Paints a term as a bar: the share served filled, the rest empty, with its end date and days left
// written over it (so the bar never relies on colour alone). Readable on light and dark palettes.
class TermBarDelegate : public QStyledItemDelegate {
    Q_OBJECT
public:
    using QStyledItemDelegate::QStyledItemDelegate;
    void paint(QPainter* painter, const QStyleOptionViewItem& option, const QModelIndex& index) const override;
    QSize sizeHint(const QStyleOptionViewItem& option, const QModelIndex& index) const override;
};

// "ends 31/12/2026 (39 days)", "ended 01/10/2026 (52 days ago)", "ends today", "no end date".
QString termText(const QDate& termEnd, const QDate& today);

} // namespace cb::ui
