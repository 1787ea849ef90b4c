#include "common/TableModels.h"

#include "common/Identifiers.h"
#include "common/RowLoader.h"

#include <QCoreApplication>
#include <algorithm>
#include <QApplication>
#include <QLocale>
#include <QPainter>
#include <QPointer>
#include <QScopeGuard>
#include <QTimer>

namespace cb::ui {

namespace {
QVariant cellData(const QList<Column>& columns, const Row& row, int column, int role) {
    const Column& col = columns.at(column);
    switch (role) {
    case Qt::DisplayRole:
    case Qt::ToolTipRole: return col.display(row);
    case Qt::TextAlignmentRole: return int(col.alignment);
    case Qt::UserRole: return row.value(QStringLiteral("id"));
    case kSortRole: return col.sortValue ? col.sortValue(row) : col.display(row);
    default: return {};
    }
}
QVariant headerText(const QList<Column>& columns, int section, Qt::Orientation orientation, int role) {
    if (orientation == Qt::Horizontal && role == Qt::DisplayRole && section >= 0 && section < columns.size())
        return columns.at(section).header;
    return {};
}
} // namespace

namespace {
thread_local int t_holdScopes = 0;
} // namespace

PagedTableModel::HoldScope::HoldScope() { ++t_holdScopes; }
PagedTableModel::HoldScope::~HoldScope() { --t_holdScopes; }

void PagedTableModel::release() {
    if (!m_held) return;
    m_held = false;
    if (m_heldReload) {
        m_heldReload = false;
        reload();
    }
}

PagedTableModel::PagedTableModel(Database& db, QList<Column> columns, QObject* parent)
    : QAbstractTableModel(parent), m_db(db), m_columns(std::move(columns)), m_loader(new RowLoader(db, this)),
      m_countDelay(new QTimer(this)), m_held(t_holdScopes > 0) {
    m_countDelay->setSingleShot(true);
    m_countDelay->setInterval(0);
    connect(m_countDelay, &QTimer::timeout, this, &PagedTableModel::submitCount);
    connect(m_loader, &RowLoader::done, this, [this](quint64 ticket, const QVariant& total) {
        if (ticket == m_countTicket) applyCount(total.toInt());
    });
    connect(m_loader, &RowLoader::failed, this, [this](quint64 ticket, const QString& message) {
        if (ticket != m_countTicket) return;
        emit loadFailed(message);
    });
}

PagedTableModel::~PagedTableModel() = default; // the loader (a child) stops its worker first

void PagedTableModel::setQuery(Fetch fetch, Count count) {
    m_fetch = std::move(fetch);
    m_count = std::move(count);
    reload();
}

QList<Row> PagedTableModel::fetchRows(int offset, int limit) {
    if (!m_fetch) return {};
    const QString key = m_sortColumn >= 0 ? m_columns.value(m_sortColumn).sortKey : QString();
    m_failed = false;
    try {
        return m_fetch(m_db, key, m_descending, offset, limit);
    } catch (const Error& e) {
        m_failed = true;
        emit loadFailed(e.message());
    } catch (const std::exception& e) {
        m_failed = true;
        emit loadFailed(QString::fromUtf8(e.what()));
    }
    return {};
}

void PagedTableModel::reload() {
    if (m_held) {
        m_heldReload = true;
        return;
    }
    const int wanted = qMax(kPageSize, int((m_rows.size() + kPageSize - 1) / kPageSize) * kPageSize);
    beginResetModel();
    m_rows = fetchRows(0, wanted);
    m_atEnd = !m_fetch || m_rows.size() < wanted;
    endResetModel();
    startCount();
}

void PagedTableModel::setCountDelay(int milliseconds) { m_countDelay->setInterval(qMax(0, milliseconds)); }

void PagedTableModel::startCount() {
    m_total = -1;
    m_countDelay->stop();
    if (!m_count || m_failed) { // a list that could not be read has no honest count either
        m_countTicket = 0;
        m_loader->cancel();
        return;
    }
    if (m_atEnd) { // everything is already loaded: no need to ask SQLite
        m_countTicket = 0;
        m_loader->cancel();
        applyCount(int(m_rows.size()));
        return;
    }
    emit totalCountChanged(-1);
    if (m_countDelay->interval() > 0) {
        // The count of the previous filter is no longer wanted: stopped now, not when this one starts.
        m_countTicket = 0;
        m_loader->cancel();
        m_countDelay->start();
        return;
    }
    submitCount();
}

void PagedTableModel::submitCount() {
    m_countDelay->stop();
    if (!m_count) return;
    Count count = m_count;
    m_countTicket = m_loader->submit([count](Database& db) { return QVariant(count(db)); });
}

void PagedTableModel::applyCount(int total) {
    m_total = total;
    emit totalCountChanged(total);
}

void PagedTableModel::waitForCount() {
    if (m_countDelay->isActive()) submitCount(); // not waiting for typing to settle
    if (m_total >= 0 || m_countTicket == 0) return;
    m_loader->waitUntilIdle();
    QCoreApplication::sendPostedEvents(m_loader); // the answer was posted before the loader went idle
}

int PagedTableModel::rowCount(const QModelIndex& parent) const { return parent.isValid() ? 0 : int(m_rows.size()); }
int PagedTableModel::columnCount(const QModelIndex& parent) const { return parent.isValid() ? 0 : int(m_columns.size()); }

QVariant PagedTableModel::data(const QModelIndex& index, int role) const {
    if (!checkIndex(index, CheckIndexOption::IndexIsValid)) return {};
    return cellData(m_columns, m_rows.at(index.row()), index.column(), role);
}

QVariant PagedTableModel::headerData(int section, Qt::Orientation orientation, int role) const {
    const QVariant text = headerText(m_columns, section, orientation, role);
    return text.isValid() ? text : QAbstractTableModel::headerData(section, orientation, role);
}

bool PagedTableModel::canFetchMore(const QModelIndex& parent) const {
    return !parent.isValid() && !m_atEnd && !m_fetching;
}

void PagedTableModel::fetchMore(const QModelIndex& parent) {
    // Not re-entered: whoever hears rowsAboutToBeInserted (a view, a model tester) and asks for more
    // before the page is appended would read the same offset again and show every row twice.
    if (parent.isValid() || m_atEnd || !m_fetch || m_fetching) return;
    m_fetching = true;
    const auto done = qScopeGuard([this] { m_fetching = false; });
    const QList<Row> more = fetchRows(int(m_rows.size()), kPageSize);
    m_atEnd = more.size() < kPageSize;
    if (more.isEmpty()) return;
    beginInsertRows({}, int(m_rows.size()), int(m_rows.size() + more.size() - 1));
    m_rows.append(more);
    endInsertRows();
}

void PagedTableModel::sort(int column, Qt::SortOrder order) {
    if (column < 0 || column >= m_columns.size() || m_columns.at(column).sortKey.isEmpty()) return;
    if (column == m_sortColumn && m_descending == (order == Qt::DescendingOrder)) return;
    m_sortColumn = column;
    m_descending = order == Qt::DescendingOrder;
    if (m_held) { // read in this order when released
        m_heldReload = m_heldReload || m_fetch;
        return;
    }
    // Sorting changes the order only, not the total: keep the count, reload rows.
    const int total = m_total;
    beginResetModel();
    m_rows = fetchRows(0, kPageSize);
    m_atEnd = m_rows.size() < kPageSize;
    endResetModel();
    m_total = total;
}

QString PagedTableModel::idAt(int row) const {
    return row >= 0 && row < m_rows.size() ? m_rows.at(row).value(QStringLiteral("id")).toString() : QString();
}

int PagedTableModel::rowOfId(const QString& id) const {
    for (int i = 0; i < m_rows.size(); ++i)
        if (m_rows.at(i).value(QStringLiteral("id")).toString() == id) return i;
    return -1;
}

// ---- RecordTableModel -----------------------------------------------------------------------------

RecordTableModel::RecordTableModel(QList<Column> columns, QObject* parent)
    : QAbstractTableModel(parent), m_columns(std::move(columns)) {}

void RecordTableModel::setRows(QList<Row> rows) {
    beginResetModel();
    m_rows = std::move(rows);
    sortRows();
    endResetModel();
}

QString RecordTableModel::idAt(int row) const {
    return row >= 0 && row < m_rows.size() ? m_rows.at(row).value(QStringLiteral("id")).toString() : QString();
}

int RecordTableModel::rowCount(const QModelIndex& parent) const { return parent.isValid() ? 0 : int(m_rows.size()); }
int RecordTableModel::columnCount(const QModelIndex& parent) const { return parent.isValid() ? 0 : int(m_columns.size()); }

QVariant RecordTableModel::data(const QModelIndex& index, int role) const {
    if (!checkIndex(index, CheckIndexOption::IndexIsValid)) return {};
    return cellData(m_columns, m_rows.at(index.row()), index.column(), role);
}

void RecordTableModel::sort(int column, Qt::SortOrder order) {
    if (column < 0 || column >= m_columns.size()) return;
    m_sortColumn = column;
    m_sortOrder = order;
    emit layoutAboutToBeChanged({}, QAbstractItemModel::VerticalSortHint);
    // The current row and the selection follow their record: found again by id after the sort.
    const QModelIndexList before = persistentIndexList();
    QStringList ids;
    for (const QModelIndex& i : before) ids << idAt(i.row());
    sortRows();
    QModelIndexList after;
    for (int k = 0; k < before.size(); ++k) {
        int row = -1;
        for (int r = 0; r < m_rows.size() && row < 0; ++r)
            if (idAt(r) == ids.at(k)) row = r;
        after << (row < 0 ? QModelIndex() : index(row, before.at(k).column()));
    }
    changePersistentIndexList(before, after);
    emit layoutChanged({}, QAbstractItemModel::VerticalSortHint);
}

void RecordTableModel::sortRows() {
    if (m_sortColumn < 0 || m_sortColumn >= m_columns.size()) return;
    const int column = m_sortColumn;
    const bool descending = m_sortOrder == Qt::DescendingOrder;
    auto key = [&](const Row& r) { return cellData(m_columns, r, column, kSortRole); };
    std::stable_sort(m_rows.begin(), m_rows.end(), [&](const Row& a, const Row& b) {
        const QVariant x = key(a), y = key(b);
        const bool xBlank = x.isNull() || (x.typeId() == QMetaType::QString && x.toString().isEmpty());
        const bool yBlank = y.isNull() || (y.typeId() == QMetaType::QString && y.toString().isEmpty());
        if (xBlank || yBlank) return !xBlank && yBlank; // blanks last, either way round
        const QPartialOrdering c = QVariant::compare(x, y);
        if (c == QPartialOrdering::Unordered)
            return descending ? y.toString().localeAwareCompare(x.toString()) < 0
                              : x.toString().localeAwareCompare(y.toString()) < 0;
        return descending ? c == QPartialOrdering::Greater : c == QPartialOrdering::Less;
    });
}

QVariant RecordTableModel::headerData(int section, Qt::Orientation orientation, int role) const {
    const QVariant text = headerText(m_columns, section, orientation, role);
    return text.isValid() ? text : QAbstractTableModel::headerData(section, orientation, role);
}

// ---- PlainTextDelegate ---------------------------------------------------------------------------

const QStaticText& PlainTextDelegate::laidOut(const QString& text, const QFont& font, int width) const {
    if (font != m_font || m_cache.size() > 20000) { // another font, or a long session: start again
        m_cache.clear();
        m_font = font;
    }
    auto it = m_cache.find({text, width});
    if (it != m_cache.end()) return *it;
    QStaticText laid(width < 0 ? text : QFontMetrics(font).elidedText(text, Qt::ElideRight, width));
    laid.setTextFormat(Qt::PlainText);
    laid.setPerformanceHint(QStaticText::AggressiveCaching);
    laid.prepare(QTransform(), font);
    return *m_cache.insert({text, width}, laid);
}

void PlainTextDelegate::paint(QPainter* painter, const QStyleOptionViewItem& option, const QModelIndex& index) const {
    // The view has drawn the row's (alternate) background; the option carries its state, palette and font.
    const QStyleOptionViewItem& opt = option;
    const QWidget* widget = opt.widget;
    QStyle* style = widget ? widget->style() : QApplication::style();
    const QPalette::ColorGroup group = !(opt.state & QStyle::State_Enabled) ? QPalette::Disabled
                                       : (opt.state & QStyle::State_Active) ? QPalette::Normal
                                                                            : QPalette::Inactive;
    const bool selected = opt.state & QStyle::State_Selected;
    if (selected) painter->fillRect(opt.rect, opt.palette.brush(group, QPalette::Highlight));

    const QString text = index.data(Qt::DisplayRole).toString();
    if (!text.isEmpty()) {
        const QVariant align = index.data(Qt::TextAlignmentRole);
        const Qt::Alignment alignment = align.isValid() ? Qt::Alignment(align.toInt()) : (Qt::AlignLeft | Qt::AlignVCenter);
        const int margin = style->pixelMetric(QStyle::PM_FocusFrameHMargin, nullptr, widget) + 1;
        const QRect r = opt.rect.adjusted(margin, 0, -margin, 0);
        const QStaticText* laid = &laidOut(text, opt.font, -1);
        if (laid->size().width() > r.width()) laid = &laidOut(text, opt.font, r.width());
        const QSizeF size = laid->size();
        const qreal x = (alignment & Qt::AlignRight) ? r.right() + 1 - size.width()
                        : (alignment & Qt::AlignHCenter) ? r.left() + (r.width() - size.width()) / 2
                                                         : r.left();
        const qreal y = r.top() + (r.height() - size.height()) / 2;
        painter->save();
        painter->setFont(opt.font);
        painter->setPen(opt.palette.color(group, selected ? QPalette::HighlightedText : QPalette::Text));
        painter->setClipRect(r);
        painter->drawStaticText(QPointF(x, y), *laid);
        painter->restore();
    }
    if (opt.state & QStyle::State_HasFocus) {
        QStyleOptionFocusRect focus;
        focus.QStyleOption::operator=(opt);
        focus.state |= QStyle::State_KeyboardFocusChange | QStyle::State_Item;
        focus.backgroundColor = opt.palette.color(group, selected ? QPalette::Highlight : QPalette::Window);
        style->drawPrimitive(QStyle::PE_FrameFocusRect, &focus, painter, widget);
    }
}

// ---- columns --------------------------------------------------------------------------------------

Column textColumn(const QString& header, const QString& key, bool sortable) {
    return {header, [key](const Row& r) { return r.value(key); }, sortable ? key : QString()};
}

Column dateColumn(const QString& header, const QString& key, bool sortable) {
    return {header, [key](const Row& r) -> QVariant { return fmt::date(fmt::parseIsoDate(r.value(key).toString())); },
            sortable ? key : QString()};
}

Column moneyColumn(const QString& header, const QString& key, bool sortable) {
    return {header,
            [key](const Row& r) -> QVariant {
                const QVariant v = r.value(key);
                return v.isNull() ? QVariant() : QVariant(fmt::money(v.toLongLong()));
            },
            sortable ? key : QString(), Qt::AlignRight | Qt::AlignVCenter};
}

Column numberColumn(const QString& header, const QString& key, bool sortable) {
    return {header,
            [key](const Row& r) -> QVariant {
                const QVariant v = r.value(key);
                return v.isNull() ? QVariant() : QVariant(QLocale(QLocale::English, QLocale::UnitedKingdom).toString(v.toLongLong()));
            },
            sortable ? key : QString(), Qt::AlignRight | Qt::AlignVCenter};
}

Column choiceColumn(const QString& header, const QString& key, const QList<Choice>& choices, bool sortable) {
    return {header, [key, choices](const Row& r) -> QVariant { return labelFor(choices, r.value(key).toString()); },
            sortable ? key : QString()};
}

} // namespace cb::ui
