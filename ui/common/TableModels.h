#pragma once

#include "common/Vocabulary.h"
#include "store/Database.h"

#include <QAbstractTableModel>
#include <QHash>
#include <QStaticText>
#include <QStyledItemDelegate>
#include <functional>

class QTimer;

namespace cb::ui {

class RowLoader;

// One column of a table: its header, how to show a row, and (optionally) the SQL column it sorts by.
struct Column {
    QString header;
    std::function<QVariant(const Row&)> display;
    QString sortKey; // empty: not sortable
    Qt::Alignment alignment = Qt::AlignLeft | Qt::AlignVCenter;
    // What a RecordTableModel sorts the column by (kSortRole): a number for a count shown "1,234.5", so
    // 980 comes before 1,234.5. Unset: the text shown.
    std::function<QVariant(const Row&)> sortValue = {};
};
constexpr int kSortRole = Qt::UserRole + 1;

// A table fed page by page from SQL: the first page when the query changes, then further pages as
// the view scrolls (fetchMore); pages are indexed LIMIT queries of a few milliseconds. The total
// count, which reads every matching row, runs on the model's one RowLoader (a long-lived worker
// thread with its own connection); a new filter cancels the count still running. Filtering and
// sorting happen in the query. A database error never escapes: the model empties and says why
// (loadFailed).
class PagedTableModel : public QAbstractTableModel {
    Q_OBJECT
public:
    // A page is about two screens of rows: a new filter reads, converts and lays out only what the
    // caseworker can see (and a little more); the view asks for the next page as she scrolls.
    static constexpr int kPageSize = 50;

    using Fetch = std::function<QList<Row>(Database& db, const QString& sortKey, bool descending, int offset, int limit)>;
    using Count = std::function<int(Database& db)>;

    PagedTableModel(Database& db, QList<Column> columns, QObject* parent = nullptr);
    ~PagedTableModel() override;

    // While a HoldScope is alive, models made on this thread start held: they remember what they
    // are asked to show (setQuery, reload, sort) but read nothing, not even a count, until
    // release(). The main window builds every page inside one, so opening a register reads only
    // the page the caseworker sees; a page's lists are read when it is first shown.
    class HoldScope {
    public:
        HoldScope();
        ~HoldScope();
        HoldScope(const HoldScope&) = delete;
        HoldScope& operator=(const HoldScope&) = delete;
    };
    bool isHeld() const { return m_held; }
    void release(); // a held model reads now what it was last asked to show; otherwise nothing

    // Sets what to show: rows come from fetch, the total from count (run off the UI thread).
    void setQuery(Fetch fetch, Count count);
    // The count starts this long after the last setQuery or reload rather than at once (0, the
    // default): while someone types, each key's count would read every match only to be cancelled
    // by the next key, on the core the page needs. Meanwhile totalCount() is -1 ("counting…").
    void setCountDelay(int milliseconds);
    // Same query, fresh rows (after a save here or a commit elsewhere): as many rows as were loaded,
    // so a view keeps its place.
    void reload();

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    bool canFetchMore(const QModelIndex& parent) const override;
    void fetchMore(const QModelIndex& parent) override;
    void sort(int column, Qt::SortOrder order = Qt::AscendingOrder) override;

    QString idAt(int row) const;
    int rowOfId(const QString& id) const;
    int totalCount() const { return m_total; } // -1 while counting
    void waitForCount(); // starts a delayed count now and waits for it (tests and the benchmark)
    RowLoader* loader() const { return m_loader; }

signals:
    void totalCountChanged(int total);
    void loadFailed(const QString& message); // the rows or the count could not be read

private:
    void startCount();
    void submitCount();
    void applyCount(int total);
    QList<Row> fetchRows(int offset, int limit);

    Database& m_db;
    QList<Column> m_columns;
    Fetch m_fetch;
    Count m_count;
    QList<Row> m_rows;
    bool m_atEnd = true;
    bool m_fetching = false; // inside fetchMore: a view or tester asking again mid-insert waits its turn
    bool m_failed = false; // the last page could not be read
    int m_total = -1;
    quint64 m_countTicket = 0;
    int m_sortColumn = -1;
    bool m_descending = false;
    RowLoader* m_loader;
    QTimer* m_countDelay; // a count waiting for typing to settle
    bool m_held = false;        // see HoldScope
    bool m_heldReload = false;  // asked to read while held
};

// A small list held in memory (a contractor's sites, contracts, performers...).
class RecordTableModel : public QAbstractTableModel {
    Q_OBJECT
public:
    RecordTableModel(QList<Column> columns, QObject* parent = nullptr);
    void setRows(QList<Row> rows);
    const Row& rowAt(int row) const { return m_rows.at(row); }
    QString idAt(int row) const;

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    // Sorts the rows held (a view with sorting enabled calls it on a header click) by kSortRole, blanks
    // last; rows set later keep the order.
    void sort(int column, Qt::SortOrder order = Qt::AscendingOrder) override;

private:
    void sortRows();

    QList<Column> m_columns;
    QList<Row> m_rows;
    int m_sortColumn = -1;
    Qt::SortOrder m_sortOrder = Qt::AscendingOrder;
};

// Draws a cell of plain text as a QStyledItemDelegate does (the row's background, selection and
// focus from the style, the text elided on the right, in the column's alignment), keeping the text
// laid out (shaped) once per string rather than at every paint: a list repainted at each key typed
// spent about a third of its time shaping the same names again. For lists of text cells only (no
// icon, check box, font or colour roles).
class PlainTextDelegate : public QStyledItemDelegate {
public:
    using QStyledItemDelegate::QStyledItemDelegate;
    void paint(QPainter* painter, const QStyleOptionViewItem& option, const QModelIndex& index) const override;

private:
    const QStaticText& laidOut(const QString& text, const QFont& font, int width) const;

    struct Key {
        QString text;
        int width; // -1: the whole text; otherwise elided to fit this width
        bool operator==(const Key& o) const { return width == o.width && text == o.text; }
    };
    friend size_t qHash(const Key& k, size_t seed) { return qHashMulti(seed, k.text, k.width); }
    mutable QHash<Key, QStaticText> m_cache;
    mutable QFont m_font; // the cache holds text laid out in this font
};

// Column helpers: plain text, a date column shown dd/MM/yyyy, a code shown as its label.
Column textColumn(const QString& header, const QString& key, bool sortable = true);
Column dateColumn(const QString& header, const QString& key, bool sortable = true);
Column moneyColumn(const QString& header, const QString& key, bool sortable = true);
Column numberColumn(const QString& header, const QString& key, bool sortable = true);
Column choiceColumn(const QString& header, const QString& key, const QList<Choice>& choices, bool sortable = true);

} // namespace cb::ui
