#include "lpn/LpnModels.h"

#include "common/Identifiers.h"

#include <QApplication>
#include <QPainter>
#include <algorithm>

namespace cb::ui {

namespace {
constexpr quintptr kHeading = 0; // internalId of a section heading; rows carry section index + 1
}

SectionedTableModel::SectionedTableModel(QList<Column> columns, Extra extra, QObject* parent)
    : QAbstractItemModel(parent), m_columns(std::move(columns)), m_extra(std::move(extra)) {}

void SectionedTableModel::setSections(QList<Section> sections) {
    beginResetModel();
    m_sections = std::move(sections);
    endResetModel();
}

const Row* SectionedTableModel::rowFor(const QModelIndex& index) const {
    if (!index.isValid() || index.internalId() == kHeading) return nullptr;
    const int s = int(index.internalId() - 1);
    if (s >= m_sections.size() || index.row() >= m_sections[s].rows.size()) return nullptr;
    return &m_sections[s].rows[index.row()];
}

QModelIndex SectionedTableModel::indexOfId(const QString& id) const {
    if (id.isEmpty()) return {};
    for (int s = 0; s < m_sections.size(); ++s) {
        if (m_sections[s].id == id) return index(s, 0);
        for (int r = 0; r < m_sections[s].rows.size(); ++r)
            if (m_sections[s].rows[r].value("id").toString() == id) return index(r, 0, index(s, 0));
    }
    return {};
}

QModelIndex SectionedTableModel::index(int row, int column, const QModelIndex& parent) const {
    if (row < 0 || column < 0 || column >= m_columns.size()) return {};
    if (!parent.isValid()) return row < m_sections.size() ? createIndex(row, column, kHeading) : QModelIndex();
    if (parent.column() != 0 || parent.internalId() != kHeading || parent.row() >= m_sections.size()) return {};
    if (row >= m_sections[parent.row()].rows.size()) return {};
    return createIndex(row, column, quintptr(parent.row() + 1));
}

QModelIndex SectionedTableModel::parent(const QModelIndex& child) const {
    if (!child.isValid() || child.internalId() == kHeading) return {};
    return createIndex(int(child.internalId() - 1), 0, kHeading);
}

int SectionedTableModel::rowCount(const QModelIndex& parent) const {
    if (!parent.isValid()) return int(m_sections.size());
    if (parent.column() != 0 || parent.internalId() != kHeading) return 0;
    return int(m_sections.value(parent.row()).rows.size());
}

int SectionedTableModel::columnCount(const QModelIndex&) const { return int(m_columns.size()); }

QVariant SectionedTableModel::data(const QModelIndex& index, int role) const {
    if (!index.isValid()) return {};
    if (index.internalId() == kHeading) {
        const Section& s = m_sections.at(index.row());
        switch (role) {
        case Qt::DisplayRole:
        case Qt::AccessibleTextRole: return index.column() == 0 ? QVariant(s.title) : QVariant();
        case Qt::FontRole: {
            QFont f = QApplication::font();
            f.setBold(true);
            return f;
        }
        case kRecordIdRole: return s.id;
        case kIsSectionRole: return true;
        default: return {};
        }
    }
    const Row* row = rowFor(index);
    if (!row) return {};
    const Column& c = m_columns.at(index.column());
    switch (role) {
    case Qt::DisplayRole:
    case Qt::AccessibleTextRole: {
        const QVariant extra = m_extra ? m_extra(*row, index.column(), role) : QVariant();
        return extra.isValid() ? extra : c.display(*row);
    }
    case Qt::TextAlignmentRole: return int(c.alignment);
    case kRecordIdRole: return row->value("id");
    case kIsSectionRole: return false;
    default: return m_extra ? m_extra(*row, index.column(), role) : QVariant();
    }
}

QVariant SectionedTableModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation == Qt::Horizontal && role == Qt::DisplayRole && section >= 0 && section < m_columns.size())
        return m_columns[section].header;
    return {};
}

Qt::ItemFlags SectionedTableModel::flags(const QModelIndex& index) const {
    return index.isValid() ? Qt::ItemIsEnabled | Qt::ItemIsSelectable : Qt::NoItemFlags;
}

// ---- term bars --------------------------------------------------------------------------------------

QString termText(const QDate& end, const QDate& today) {
    if (!end.isValid()) return QStringLiteral("no end date");
    const qint64 days = today.daysTo(end);
    if (days == 0) return QStringLiteral("ends today (%1)").arg(fmt::date(end));
    if (days > 0) return QStringLiteral("ends %1 (%2 day%3)").arg(fmt::date(end)).arg(days).arg(days == 1 ? "" : "s");
    return QStringLiteral("ended %1 (%2 day%3 ago)").arg(fmt::date(end)).arg(-days).arg(days == -1 ? "" : "s");
}

void TermBarDelegate::paint(QPainter* painter, const QStyleOptionViewItem& option, const QModelIndex& index) const {
    const QVariant elapsed = index.data(kTermElapsedRole);
    if (!elapsed.isValid()) {
        QStyledItemDelegate::paint(painter, option, index);
        return;
    }
    QStyleOptionViewItem opt(option);
    initStyleOption(&opt, index);
    opt.text.clear();
    const QWidget* w = option.widget;
    QStyle* style = w ? w->style() : QApplication::style();
    style->drawControl(QStyle::CE_ItemViewItem, &opt, painter, w); // selection and alternating background

    const QPalette& pal = option.palette;
    const bool dark = pal.color(QPalette::Base).lightness() < 128;
    const QRect bar = option.rect.adjusted(3, 3, -3, -3);
    const double share = std::clamp(elapsed.toDouble(), 0.0, 1.0);
    const QString text = index.data(kTermTextRole).toString();
    const QString state = index.data(kTermStateRole).toString();
    // Served part: a muted fill (amber when ending soon, red once ended); the rest stays the base
    // colour with an outline. The words on the bar carry the meaning; colour only adds to it.
    QColor served = dark ? QColor("#3d5a80") : QColor("#c5d7ee");
    if (state == QLatin1String("ending")) served = dark ? QColor("#7a5a12") : QColor("#f6d58e");
    if (state == QLatin1String("ended")) served = dark ? QColor("#8c3b36") : QColor("#f2b8b5");
    painter->save();
    painter->setRenderHint(QPainter::Antialiasing, false);
    painter->setPen(Qt::NoPen);
    painter->setBrush(pal.color(QPalette::Base));
    painter->drawRect(bar);
    QRect done = bar;
    done.setWidth(int(bar.width() * share));
    painter->setBrush(served);
    painter->drawRect(done);
    painter->setPen(pal.color(QPalette::Mid));
    painter->setBrush(Qt::NoBrush);
    painter->drawRect(bar.adjusted(0, 0, -1, -1));
    painter->setPen(pal.color(QPalette::Text));
    painter->drawText(bar.adjusted(6, 0, -6, 0), Qt::AlignVCenter | Qt::AlignLeft, text);
    painter->restore();
}

QSize TermBarDelegate::sizeHint(const QStyleOptionViewItem& option, const QModelIndex& index) const {
    QSize s = QStyledItemDelegate::sizeHint(option, index);
    const QString text = index.data(kTermTextRole).toString();
    if (!text.isEmpty()) s.setWidth(std::max(s.width(), option.fontMetrics.horizontalAdvance(text) + 24));
    s.setHeight(std::max(s.height(), option.fontMetrics.height() + 8));
    return s;
}

} // namespace cb::ui
