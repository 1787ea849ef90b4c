#include "worklist/WorklistPage.h"

#include "common/Ask.h"
#include "common/RecordListPanel.h"
#include "common/RowLoader.h"
#include "lpn/NetworksPage.h"
#include "common/Workspace.h"
#include "contractors/PracticeFile.h"
#include "shell/MainWindow.h"
#include "worklist/WorklistModel.h"
#include "worklist/WorklistSettingsForm.h"
#include "store/Settings.h"

#include <QEvent>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QKeyEvent>
#include <QLabel>
#include <QMenu>
#include <QPushButton>
#include <QScopedValueRollback>
#include <QTabWidget>
#include <QTableView>
#include <QTimer>
#include <QTreeView>
#include <QVBoxLayout>

Q_DECLARE_METATYPE(QList<cb::WorklistItem>)

namespace cb::ui {

namespace {
// Enter opens on every platform (QAbstractItemView leaves it to the style on some).
class WorklistTree : public QTreeView {
public:
    using QTreeView::QTreeView;
    std::function<void(const QModelIndex&)> onOpen;

protected:
    void keyPressEvent(QKeyEvent* e) override {
        if ((e->key() == Qt::Key_Return || e->key() == Qt::Key_Enter) && currentIndex().isValid() && onOpen) {
            onOpen(currentIndex());
            return;
        }
        QTreeView::keyPressEvent(e);
    }
};
} // namespace

WorklistPage::WorklistPage(Workspace& ws, QWidget* parent) : QWidget(parent), m_ws(ws) {
    setObjectName(QStringLiteral("worklistPage"));
    auto* v = new QVBoxLayout(this);
    auto* top = new QHBoxLayout;
    m_summary = new QLabel(this);
    m_summary->setObjectName(QStringLiteral("worklistSummary"));
    QFont big = m_summary->font();
    big.setPointSizeF(big.pointSizeF() * 1.25);
    big.setBold(true);
    m_summary->setFont(big);
    top->addWidget(m_summary, 1);
    auto* refresh = new QPushButton(QStringLiteral("&Refresh"), this);
    refresh->setObjectName(QStringLiteral("worklistRefresh"));
    refresh->setToolTip(QStringLiteral("Rebuild the worklist (F5)"));
    connect(refresh, &QPushButton::clicked, this, &WorklistPage::reload);
    auto* thresholds = new QPushButton(QStringLiteral("&Thresholds…"), this);
    thresholds->setObjectName(QStringLiteral("worklistThresholds"));
    thresholds->setToolTip(QStringLiteral("How far ahead each part of the worklist looks"));
    connect(thresholds, &QPushButton::clicked, this, &WorklistPage::editThresholds);
    top->addWidget(refresh);
    top->addWidget(thresholds);
    v->addLayout(top);

    m_model = new WorklistModel(this);
    auto* tree = new WorklistTree(this);
    tree->onOpen = [this](const QModelIndex& index) {
        if (const WorklistItem* i = m_model->itemAt(index)) emit openRequested(*i);
        else m_view->setExpanded(index.siblingAtColumn(0), !m_view->isExpanded(index.siblingAtColumn(0)));
    };
    m_view = tree;
    m_view->setObjectName(QStringLiteral("worklist"));
    m_view->setAccessibleName(QStringLiteral("Worklist"));
    m_view->setAccessibleDescription(QStringLiteral("Press Enter to open the selected item's record"));
    m_view->setModel(m_model);
    m_view->setUniformRowHeights(true);
    m_view->setAlternatingRowColors(true);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->header()->setStretchLastSection(true);
    m_view->header()->setSectionResizeMode(WorklistModel::TitleColumn, QHeaderView::Interactive);
    connect(m_view, &QTreeView::doubleClicked, this, [this](const QModelIndex& index) {
        if (const WorklistItem* i = m_model->itemAt(index)) emit openRequested(*i);
    });
    v->addWidget(m_view, 1);
    m_empty = new QLabel(QStringLiteral("Nothing needs your attention today."), this);
    m_empty->setObjectName(QStringLiteral("worklistEmpty"));
    m_empty->setAlignment(Qt::AlignCenter);
    v->addWidget(m_empty, 1);
    m_detail = new QLabel(this);
    m_detail->setObjectName(QStringLiteral("worklistDetail"));
    m_detail->setWordWrap(true);
    m_detail->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_detail->setMinimumHeight(m_detail->fontMetrics().lineSpacing() * 3);
    m_detail->setAlignment(Qt::AlignTop | Qt::AlignLeft);
    v->addWidget(m_detail);
    setFocusProxy(m_view);
    m_view->viewport()->installEventFilter(this); // the title column follows the list's width

    connect(m_view->selectionModel(), &QItemSelectionModel::currentChanged, this, &WorklistPage::showCurrent);
    // Folding is the caseworker's choice once made: kept when the list is rebuilt.
    connect(m_view, &QTreeView::expanded, this, [this](const QModelIndex& i) {
        if (m_reloading) return;
        const QString code = i.data(Qt::UserRole).toString();
        m_collapsedByUser.remove(code);
        m_expandedByUser.insert(code);
    });
    connect(m_view, &QTreeView::collapsed, this, [this](const QModelIndex& i) {
        if (m_reloading) return;
        const QString code = i.data(Qt::UserRole).toString();
        m_expandedByUser.remove(code);
        m_collapsedByUser.insert(code);
    });
    // Saves elsewhere may come in bursts: rebuild once after them.
    connect(&ws, &Workspace::changed, this, [this] {
        if (m_reloadQueued) return;
        m_reloadQueued = true;
        QTimer::singleShot(0, this, &WorklistPage::reloadSoon);
    });
    reloadSoon();
}

bool WorklistPage::isBuilding() const { return m_loader && m_loader->isBusy(); }

void WorklistPage::reload() {
    m_reloadQueued = false;
    if (m_loader) m_loader->cancel(); // a background answer now would be older than this one
    QList<WorklistItem> items;
    QString error;
    try {
        items = todaysWorklist(m_ws.db());
    } catch (const Error& e) {
        error = e.message();
    }
    showItems(items, error);
}

void WorklistPage::reloadSoon() {
    m_reloadQueued = false;
    if (!m_ws.isLargeRegister()) {
        reload();
        return;
    }
    if (!m_loader) {
        m_loader = new RowLoader(m_ws.db(), this);
        connect(m_loader, &RowLoader::done, this, [this](quint64 ticket, const QVariant& result) {
            if (ticket == m_ticket) showItems(result.value<QList<WorklistItem>>(), QString());
        });
        connect(m_loader, &RowLoader::failed, this, [this](quint64 ticket, const QString&) {
            if (ticket == m_ticket) reload(); // on this thread: slower, but the answer is right
        });
    }
    // Today and the thresholds from the caseworker's own connection (and clock); the rest is reading.
    const QDate today = m_ws.db().clock().today();
    WorklistThresholds thresholds;
    try {
        Settings settings(m_ws.db());
        thresholds = loadWorklistThresholds(settings);
    } catch (const Error&) {
    }
    m_summary->setText(m_model->rowCount() == 0 ? QStringLiteral("Building the worklist…")
                                                : m_summary->text().section(QStringLiteral(" (updating"), 0, 0) +
                                                      QStringLiteral(" (updating…)"));
    m_ticket = m_loader->submit([today, thresholds](Database& db) {
        return QVariant::fromValue(buildWorklist(db, today, thresholds));
    });
}

void WorklistPage::showItems(const QList<WorklistItem>& items, const QString& error) {
    const QScopedValueRollback<bool> reloading(m_reloading, true);
    const QString currentId = [&] {
        const WorklistItem* i = m_model->itemAt(m_view->currentIndex());
        return i ? i->recordId + i->title : QString();
    }();
    const QDate today = m_ws.db().clock().today();
    m_model->setItems(items, today);
    // Groups open, except those shown folded (for information) unless the caseworker opened them.
    for (int g = 0; g < m_model->rowCount(); ++g) {
        const QModelIndex group = m_model->index(g, 0);
        const QString code = group.data(Qt::UserRole).toString();
        const bool folded = group.data(WorklistModel::CollapsedRole).toBool();
        m_view->setExpanded(group, m_expandedByUser.contains(code) || (!folded && !m_collapsedByUser.contains(code)));
    }
    fitColumns();
    const int overdue = m_model->overdueCount();
    m_summary->setText(QStringLiteral("%1 — %2 item%3, %4 overdue")
                           .arg(QLocale(QLocale::English, QLocale::UnitedKingdom).toString(today, QStringLiteral("dddd d MMMM yyyy")))
                           .arg(items.size())
                           .arg(items.size() == 1 ? "" : "s")
                           .arg(overdue));
    m_view->setVisible(!items.isEmpty());
    m_empty->setVisible(items.isEmpty());
    // Keep the caseworker's place when the list is rebuilt; else start at the first item.
    QModelIndex keep;
    for (int g = 0; g < m_model->rowCount() && !keep.isValid(); ++g) {
        const QModelIndex group = m_model->index(g, 0);
        for (int r = 0; r < m_model->rowCount(group); ++r) {
            const QModelIndex index = m_model->index(r, 0, group);
            const WorklistItem* i = m_model->itemAt(index);
            if (!keep.isValid() && (currentId.isEmpty() || i->recordId + i->title == currentId)) keep = index;
        }
    }
    if (keep.isValid() && !m_view->isExpanded(keep.parent())) keep = keep.parent(); // never inside a folded group
    if (!keep.isValid() && m_model->rowCount() > 0) {
        const QModelIndex group = m_model->index(0, 0);
        keep = m_view->isExpanded(group) ? m_model->index(0, 0, group) : group;
    }
    if (keep.isValid()) m_view->setCurrentIndex(keep);
    showCurrent();
    if (!error.isEmpty()) { // said after the list, so nothing below overwrites it
        m_summary->setText(QStringLiteral("The worklist could not be built: press Refresh (F5) to try again"));
        m_detail->setText(error);
    }
    emit reloaded(items.size(), countByCategory(items));
}

// Columns as wide as their text, but the item's title never so wide that when it is due goes off
// the right edge (on a laptop, or with a larger font).
void WorklistPage::fitColumns() {
    for (int c = WorklistModel::TitleColumn; c < WorklistModel::DetailColumn; ++c) m_view->resizeColumnToContents(c);
    int others = 0;
    for (int c = WorklistModel::TitleColumn + 1; c < WorklistModel::DetailColumn; ++c) others += m_view->columnWidth(c);
    // The detail is shown in full below the list, so it is the column that gives way.
    const int room = m_view->viewport()->width() - others - m_view->fontMetrics().averageCharWidth() * 4;
    const int cap = std::min(560, std::max(room, m_view->fontMetrics().averageCharWidth() * 30));
    m_view->setColumnWidth(WorklistModel::TitleColumn, std::min(m_view->columnWidth(WorklistModel::TitleColumn), cap));
}

bool WorklistPage::eventFilter(QObject* watched, QEvent* event) {
    if (watched == m_view->viewport() && event->type() == QEvent::Resize) fitColumns();
    return QWidget::eventFilter(watched, event);
}

void WorklistPage::showCurrent() {
    const WorklistItem* i = m_model->itemAt(m_view->currentIndex());
    m_detail->setText(i ? QStringLiteral("<b>%1</b><br>%2").arg(i->title.toHtmlEscaped(), i->detail.toHtmlEscaped()) : QString());
}

void WorklistPage::editThresholds() {
    WorklistSettingsForm form(m_ws, this);
    form.run();
}

namespace {

// Selects a record in one of the practice file's record lists (by the panel's name) and gives
// that list the keyboard; returns the panel, or nullptr when the record is not there.
RecordListPanel* selectIn(QWidget* root, const QString& panelName, const QString& id) {
    auto* panel = root->findChild<RecordListPanel*>(panelName);
    if (!panel || id.isEmpty()) return nullptr;
    panel->selectId(id);
    return panel->currentId() == id ? panel : nullptr;
}

// After the practice file opened on the item's tab: the item's own record selected with the keyboard
// on it (the concern, the visit, the site, the contract and then its event or dental year on the
// right sub-tab), so Enter opens it and nothing needs the mouse. An item that asks for a form (an
// application's procedure, a mid-year review) opens that form straight away, over its record.
void focusRecord(MainWindow& w, const WorklistItem& i) {
    QWidget* file = w.practiceFile();
    Database& db = w.workspace().db();
    RecordListPanel* target = nullptr;
    if (i.table == QLatin1String("concern")) {
        target = selectIn(file, QStringLiteral("concerns"), i.recordId);
    } else if (i.table == QLatin1String("visit")) {
        target = selectIn(file, QStringLiteral("visits"), i.recordId);
    } else if (i.table == QLatin1String("site")) {
        target = selectIn(file, QStringLiteral("sites"), i.recordId);
    } else if (i.table == QLatin1String("contractor") && i.category == QLatin1String("visits")) {
        target = file->findChild<RecordListPanel*>(QStringLiteral("visits")); // where the check is planned
    } else if (i.table == QLatin1String("contract")) {
        target = selectIn(file, QStringLiteral("contracts"), i.recordId);
    } else if (i.table == QLatin1String("contract_event") || i.table == QLatin1String("dental_activity")) {
        const QString contractId =
            db.scalar(QStringLiteral("SELECT contract_id FROM %1 WHERE id = ?").arg(i.table), {i.recordId}).toString();
        target = selectIn(file, QStringLiteral("contracts"), contractId);
        const QString sub = i.table == QLatin1String("contract_event") ? QStringLiteral("events") : QStringLiteral("activity");
        auto* details = file->findChild<QTabWidget*>(QStringLiteral("contractDetails"));
        auto* panel = file->findChild<RecordListPanel*>(sub);
        if (target && details && panel) {
            details->setCurrentWidget(panel);
            if (RecordListPanel* inner = selectIn(file, sub, i.recordId)) target = inner;
        }
    }
    if (!target) {
        // The record is not in a list (a contractor's own details): the keyboard on the file's tabs.
        w.practiceFile()->tabs()->setFocus(Qt::OtherFocusReason);
        return;
    }
    target->view()->setFocus(Qt::OtherFocusReason);
    if (target->currentId() != i.recordId || i.form.isEmpty()) return;
    if (i.form == QLatin1String("application")) {
        emit target->editRequested(i.recordId); // the events list opens an application's procedure
    } else if (i.form == QLatin1String("mid_year_review")) {
        auto* review = file->findChild<QPushButton*>(QStringLiteral("midYearReviewButton"));
        if (review && review->isEnabled()) review->click();
    }
}

// The practice-file tab an item belongs on, when the file has it.
QString tabFor(const WorklistItem& i) {
    if (i.table == QLatin1String("concern")) return QStringLiteral("concerns");
    if (i.table == QLatin1String("visit")) return QStringLiteral("visits");
    if (i.table == QLatin1String("site")) return QStringLiteral("sites");
    if (i.table == QLatin1String("contractor"))
        return i.category == QLatin1String("visits") ? QStringLiteral("visits") : QStringLiteral("details");
    return QStringLiteral("contracts");
}

// A data-quality line stands for the notes with one problem: it opens the record of the first of
// them, in its practice file.
WorklistItem noteRecord(Database& db, WorklistItem i) {
    const auto note = db.queryOne(QStringLiteral("SELECT record_table, record_id, contractor_id FROM data_quality_note "
                                                 "WHERE id = ?"),
                                  {i.recordId});
    if (!note) return i;
    i.table = note->value("record_table").toString();
    i.recordId = note->value("record_id").toString();
    i.contractorId = note->value("contractor_id").toString();
    if (i.contractorId.isEmpty() && i.table == QLatin1String("contractor")) i.contractorId = i.recordId;
    return i;
}

} // namespace

void installWorklistPage(MainWindow& w) {
    auto* page = new WorklistPage(w.workspace());
    w.addPage(QStringLiteral("worklist"), QStringLiteral("Worklist"), page, QKeySequence(Qt::CTRL | Qt::Key_0));
    w.setHomePage(QStringLiteral("worklist"));
    page->view()->setFocus(); // Enter opens the first item as soon as the window shows
    auto badge = [&w](int total, const QMap<QString, int>& perCategory) {
        QStringList lines;
        for (const WorklistCategory& c : worklistCategories())
            if (perCategory.value(c.code) > 0) lines << QStringLiteral("%1: %2").arg(c.label).arg(perCategory.value(c.code));
        w.setBadge(QStringLiteral("worklist"), total, lines.join(QLatin1Char('\n')));
    };
    QObject::connect(page, &WorklistPage::reloaded, &w, badge);
    badge(page->model()->items().size(), countByCategory(page->model()->items()));
    QObject::connect(page, &WorklistPage::openRequested, &w, [&w, page](const WorklistItem& item) {
        const WorklistItem i = item.table == QLatin1String("data_quality_note") ? noteRecord(w.workspace().db(), item) : item;
        if (!i.contractorId.isEmpty()) {
            const QString tab = tabFor(i);
            w.openContractor(i.contractorId, w.practiceFile()->tabIds().contains(tab) ? tab : QString());
            if (w.practiceFile()->contractorId() == i.contractorId) focusRecord(w, i);
            return;
        }
        if (i.category == QLatin1String("lpn")) {
            // The member's network on the Networks page, at its roster review where the finding is.
            if (auto* networks = qobject_cast<NetworksPage*>(w.page(QStringLiteral("networks")))) {
                const QString networkId = w.workspace().db().scalar(
                    QStringLiteral("SELECT network_id FROM lpn_member WHERE id = ?"), {i.recordId}).toString();
                w.showPage(QStringLiteral("networks"));
                if (!networkId.isEmpty() && networks->selectNetwork(networkId)) networks->showFinding(i.recordId);
                return;
            }
        }
        if (i.table == QLatin1String("exchange_conflict")) return; // the team feature opens its Conflicts view
        // No screen for this record yet: show everything the worklist knows about it.
        Ask::info(page, i.title, i.detail);
    });
    if (QMenu* records = w.menu(QStringLiteral("records"))) {
        QAction* edit = records->addAction(QStringLiteral("&Worklist thresholds…"), page, &WorklistPage::editThresholds);
        edit->setObjectName(QStringLiteral("worklistThresholdsAction"));
    }
}

} // namespace cb::ui
