#include "contractors/ContractorList.h"
#include "common/FlowLayout.h"

#include "common/RecordListPanel.h"
#include "common/TableModels.h"
#include "common/Workspace.h"
#include "contractors/ContractorEditors.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QMainWindow>
#include <QPushButton>
#include <QStatusBar>
#include <QScrollBar>
#include <QSignalBlocker>
#include <QTableView>
#include <QTimer>

namespace cb::ui {

namespace {
// Down from the filter box moves into the list; Enter in the list opens the contractor.
class KeyRouter : public QObject {
public:
    KeyRouter(QObject* parent, std::function<bool(QObject*, int)> handler) : QObject(parent), m_handler(std::move(handler)) {}
    bool eventFilter(QObject* o, QEvent* e) override {
        return e->type() == QEvent::KeyPress && m_handler(o, static_cast<QKeyEvent*>(e)->key());
    }

private:
    std::function<bool(QObject*, int)> m_handler;
};

// The columns follow the view's width: the name takes the room the others leave, and when they do
// not fit (a 1280-wide screen at 150 % leaves the list about 600 pixels) the others narrow in
// proportion, their headings and cells elided, rather than the list scrolling sideways; they widen
// again, up to the widths she gave them, when there is room.
class ColumnFitter : public QObject {
public:
    ColumnFitter(QTableView* view, int nameColumn) : QObject(view), m_view(view), m_name(nameColumn) {
        QHeaderView* header = view->horizontalHeader();
        header->setStretchLastSection(false);
        header->setSectionResizeMode(nameColumn, QHeaderView::Stretch);
        header->setTextElideMode(Qt::ElideRight);
        for (int i = 0; i < header->count(); ++i) m_wanted << header->sectionSize(i);
        connect(header, &QHeaderView::sectionResized, this, [this](int i, int, int size) {
            if (i != m_name && i < m_wanted.size()) m_wanted[i] = size; // she resized it (fit() is not heard)
        });
        view->viewport()->installEventFilter(this);
    }
    bool eventFilter(QObject*, QEvent* e) override {
        if (e->type() == QEvent::Resize) fit();
        return false;
    }

private:
    void fit() {
        QHeaderView* header = m_view->horizontalHeader();
        const QFontMetrics fm = m_view->fontMetrics();
        const int room = m_view->viewport()->width() - fm.horizontalAdvance(QStringLiteral("Abbey Health Centre Pharmacy"));
        const int least = qMax(header->minimumSectionSize(), fm.horizontalAdvance(QStringLiteral("Status")));
        qint64 wanted = 0;
        for (int i = 0; i < m_wanted.size(); ++i)
            if (i != m_name && !header->isSectionHidden(i)) wanted += m_wanted.at(i);
        if (wanted == 0) return;
        // The header does not announce these widths: they are not hers, so they are not remembered as
        // the columns' widths (the list's settings hear sectionResized); the view is told directly.
        QList<std::tuple<int, int, int>> changed;
        {
            const QSignalBlocker quiet(header);
            for (int i = 0; i < m_wanted.size() && i < header->count(); ++i) {
                if (i == m_name || header->isSectionHidden(i)) continue;
                const int before = header->sectionSize(i);
                const int after = wanted <= room ? m_wanted.at(i) : qMax(least, int(m_wanted.at(i) * qMax(0, room) / wanted));
                if (after == before) continue;
                header->resizeSection(i, after);
                changed.append({i, before, after});
            }
        }
        for (const auto& [i, before, after] : changed)
            QMetaObject::invokeMethod(m_view, "columnResized", Q_ARG(int, i), Q_ARG(int, before), Q_ARG(int, after));
    }

    QTableView* m_view;
    int m_name;
    QList<int> m_wanted; // each column's width when there is room: hers, or the default
};
} // namespace

ContractorList::ContractorList(Workspace& ws, QWidget* parent) : QWidget(parent), m_ws(ws) {
    setObjectName(QStringLiteral("contractorList"));
    auto* v = new QVBoxLayout(this);
    auto* filters = new FlowLayout; // wraps on a narrow screen rather than widening the window
    m_search = new QLineEdit(this);
    m_search->setObjectName(QStringLiteral("contractorFilter"));
    m_search->setPlaceholderText(QStringLiteral("Type to filter: ODS code, name, postcode or town"));
    m_search->setAccessibleName(QStringLiteral("Filter contractors"));
    m_search->setClearButtonEnabled(true);
    m_group = filterCombo(QStringLiteral("groupFilter"), QStringLiteral("Contractor group"), QStringLiteral("All groups"),
                          contractorGroups(), this);
    m_status = filterCombo(QStringLiteral("statusFilter"), QStringLiteral("Status"), QStringLiteral("Any status"),
                           contractorStatuses(), this);
    QList<Choice> tiers = assuranceTiers();
    tiers.append({QStringLiteral("none"), QStringLiteral("Not yet assessed")});
    m_tier = filterCombo(QStringLiteral("tierFilter"), QStringLiteral("Assurance tier"), QStringLiteral("Any assurance tier"),
                         tiers, this);
    QList<Choice> commissioners;
    for (const QString& code : ContractorService(ws.db()).commissionerCodes()) commissioners.append({code, code});
    m_commissioner = filterCombo(QStringLiteral("commissionerFilter"), QStringLiteral("Commissioner"),
                                 QStringLiteral("All commissioners"), commissioners, this);
    m_count = new QLabel(this);
    m_count->setObjectName(QStringLiteral("contractorCount"));
    m_count->setAccessibleName(QStringLiteral("Number of contractors"));
    m_count->setMinimumWidth(m_count->fontMetrics().horizontalAdvance(QStringLiteral("00,000 contractors")));
    auto* add = new QPushButton(QStringLiteral("&New contractor…"), this);
    add->setObjectName(QStringLiteral("newContractorButton"));
    add->setAccessibleName(QStringLiteral("New contractor"));
    add->setToolTip(QStringLiteral("Add a contractor (Ctrl+N)"));
    ws.guard(add);
    filters->addStretchWidget(m_search);
    for (QComboBox* c : {m_group, m_status, m_tier, m_commissioner}) filters->addWidget(c);
    filters->addWidget(m_count);
    filters->addWidget(add);
    v->addLayout(filters);

    m_model = new PagedTableModel(ws.db(),
                                  {textColumn("ODS code", "ods_code"), textColumn("Name", "name"),
                                   choiceColumn("Group", "contractor_group", contractorGroups()),
                                   textColumn("Town", "address4"), textColumn("Postcode", "postcode"),
                                   choiceColumn("Status", "status", contractorStatuses()),
                                   textColumn("Commissioner", "commissioner_code"),
                                   choiceColumn("Assurance tier", "assurance_tier", assuranceTiers()),
                                   choiceColumn("CQC rating", "cqc_rating", cqcRatings())},
                                  this);
    m_view = new QTableView(this);
    setUpRecordTable(m_view, QStringLiteral("contractorTable"), QStringLiteral("Contractors"), m_model, 120);
    m_view->setItemDelegate(new PlainTextDelegate(m_view)); // names shaped once, not at every key
    m_view->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed); // rows all one height: none measured
    new ColumnFitter(m_view, 1); // the name stretches: it needs the room
    m_view->verticalHeader()->setDefaultSectionSize(m_view->fontMetrics().height() + 8);
    m_view->setSortingEnabled(true);
    m_view->sortByColumn(1, Qt::AscendingOrder);
    m_noMatch = new QLabel(this);
    m_noMatch->setObjectName(QStringLiteral("contractorNoMatch"));
    m_noMatch->setWordWrap(true);
    m_noMatch->setTextFormat(Qt::PlainText); // what she typed, shown as typed
    m_noMatch->hide();
    v->addWidget(m_noMatch);
    v->addWidget(m_view, 1);

    setTabOrder(m_search, m_group);
    setTabOrder(m_group, m_status);
    setTabOrder(m_status, m_tier);
    setTabOrder(m_tier, m_commissioner);
    setTabOrder(m_commissioner, add);
    setTabOrder(add, m_view);

    // Each key is applied on the next turn of the event loop, not after a pause: a page of the
    // register is read in a few milliseconds, and keys typed while one is read are applied together.
    m_typing = new QTimer(this);
    m_typing->setSingleShot(true);
    m_typing->setInterval(0);
    connect(m_typing, &QTimer::timeout, this, &ContractorList::applyFilter);
    connect(m_search, &QLineEdit::textChanged, m_typing, qOverload<>(&QTimer::start));
    for (QComboBox* c : {m_group, m_status, m_tier, m_commissioner})
        connect(c, &QComboBox::currentIndexChanged, this, &ContractorList::applyFilter);
    // The count reads every match: it starts once typing settles, never for each key (the first
    // page never waits for it).
    m_model->setCountDelay(300);
    connect(m_model, &PagedTableModel::totalCountChanged, this, [this](int n) {
        m_count->setText(n < 0 ? QStringLiteral("counting…")
                               : QStringLiteral("%L1 contractor%2").arg(n).arg(n == 1 ? "" : "s"));
    });
    connect(m_model, &PagedTableModel::loadFailed, this, [this](const QString& message) {
        m_count->setText(QStringLiteral("not counted"));
        m_count->setToolTip(message);
        if (auto* w = qobject_cast<QMainWindow*>(window())) w->statusBar()->showMessage(message, 20000);
    });
    connect(m_view, &QTableView::doubleClicked, this, [this](const QModelIndex& i) {
        emit openRequested(m_model->idAt(i.row()));
    });
    connect(add, &QPushButton::clicked, this, &ContractorList::newContractor);
    auto* router = new KeyRouter(this, [this](QObject* o, int key) {
        if (o == m_search && key == Qt::Key_Down) {
            if (m_typing->isActive()) applyFilter();
            focusList();
            return true;
        }
        if (o == m_search && (key == Qt::Key_Return || key == Qt::Key_Enter)) {
            applyFilter();
            if (m_model->rowCount() == 1) emit openRequested(m_model->idAt(0));
            else focusList();
            return true;
        }
        if (o == m_view && (key == Qt::Key_Return || key == Qt::Key_Enter)) {
            const QModelIndex i = m_view->currentIndex();
            if (i.isValid()) emit openRequested(m_model->idAt(i.row()));
            return true;
        }
        return false;
    });
    m_search->installEventFilter(router);
    m_view->installEventFilter(router);
    connect(&ws, &Workspace::changed, this, [this] { refresh(); });
    setFocusProxy(m_search);
    applyFilter();
}

ContractorFilter ContractorList::filter() const {
    ContractorFilter f;
    f.search = m_search->text();
    f.group = m_group->currentData().toString();
    f.status = m_status->currentData().toString();
    f.tier = m_tier->currentData().toString();
    f.commissioner = m_commissioner->currentData().toString();
    return f;
}

void ContractorList::applyFilter() {
    m_typing->stop(); // applied now: the key's timer has nothing left to do
    const ContractorFilter f = filter();
    // The contractor she had selected stays selected while the new rows still hold it.
    const QModelIndex current = m_view->currentIndex();
    const QString keep = current.isValid() ? m_model->idAt(current.row()) : QString();
    m_model->setQuery(
        [f](Database& db, const QString& key, bool desc, int offset, int limit) {
            ContractorFilter g = f;
            if (!key.isEmpty()) g.sortColumn = key;
            g.descending = desc;
            QList<Row> rows;
            for (const Contractor& c : ContractorService(db).list(g, offset, limit)) rows << c.toRow();
            return rows;
        },
        [f](Database& db) { return ContractorService(db).count(f); });
    selectId(keep, current.isValid() ? current.column() : 1);
    showNoMatch();
}

void ContractorList::showNoMatch() {
    const ContractorFilter f = filter();
    const QString search = f.search.trimmed();
    const bool chosen = !f.group.isEmpty() || !f.status.isEmpty() || !f.tier.isEmpty() || !f.commissioner.isEmpty();
    const bool none = m_model->rowCount() == 0 && (chosen || !search.isEmpty());
    if (none) {
        const QString what = search.isEmpty() ? QStringLiteral("No contractor matches these filters.")
                             : chosen        ? QStringLiteral("No contractor matches \u201c%1\u201d with these filters.").arg(search)
                                             : QStringLiteral("No contractor matches \u201c%1\u201d.").arg(search);
        // What to do depends on what narrowed the list: spelling matters only for a search.
        const QString advice = search.isEmpty() ? QStringLiteral(" Clear the filters to see every contractor.")
                               : chosen ? QStringLiteral(" Check the spelling, or clear the search and the filters to "
                                                         "see every contractor.")
                                        : QStringLiteral(" Check the spelling, or clear the search to see every "
                                                         "contractor.");
        m_noMatch->setText(what + advice);
    }
    if (m_noMatch->isHidden() == none) m_noMatch->setVisible(none);
}

void ContractorList::selectId(const QString& id, int column) {
    const int row = id.isEmpty() ? -1 : m_model->rowOfId(id);
    if (row >= 0)
        m_view->selectionModel()->setCurrentIndex(m_model->index(row, column),
                                                  QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
}

void ContractorList::refresh() {
    // A save here or a commit by another Casebook: the caseworker keeps her row and her place.
    const QModelIndex current = m_view->currentIndex();
    const QString keep = current.isValid() ? m_model->idAt(current.row()) : QString();
    const int column = current.isValid() ? current.column() : 1;
    const int scroll = m_view->verticalScrollBar()->value();
    m_model->reload();
    selectId(keep, column);
    showNoMatch();
    m_view->verticalScrollBar()->setValue(scroll);
}

void ContractorList::focusList() {
    m_view->setFocus(Qt::TabFocusReason);
    if (!m_view->currentIndex().isValid() && m_model->rowCount() > 0) m_view->setCurrentIndex(m_model->index(0, 1));
}

void ContractorList::newContractor() {
    if (m_ws.isReadOnly()) return;
    ContractorEditor editor(m_ws, Contractor{}, this);
    if (editor.run() == QDialog::Accepted && !editor.contractorId().isEmpty()) emit openRequested(editor.contractorId());
}

} // namespace cb::ui
