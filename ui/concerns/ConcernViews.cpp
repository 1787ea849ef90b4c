#include "concerns/ConcernViews.h"
#include "common/FlowLayout.h"

#include "common/Ask.h"
#include "common/Identifiers.h"
#include "common/RecordListPanel.h"
#include "common/Workspace.h"
#include "concerns/ConcernEditors.h"
#include "concerns/ConcernFile.h"
#include "concerns/ConcernWidgets.h"
#include "concerns/PolicyPage.h"
#include "contractors/PracticeFile.h"
#include "shell/MainWindow.h"

#include <QAction>
#include <QCheckBox>
#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QPushButton>
#include <QTableView>
#include <QTimer>

namespace cb::ui {

Row concernListRow(const ConcernListItem& item) {
    Row r = item.concern.toRow();
    QString subject = item.contractorLabel;
    if (!item.performerName.isEmpty()) subject = subject.isEmpty() ? item.performerName : item.performerName + QStringLiteral(" at ") + subject;
    r.insert(QStringLiteral("subject"), subject);
    r.insert(QStringLiteral("band"), item.band);
    r.insert(QStringLiteral("score"), item.concern.score());
    r.insert(QStringLiteral("open_actions"), item.openActions);
    r.insert(QStringLiteral("overdue_actions"), item.overdueActions);
    r.insert(QStringLiteral("next_due"), item.nextDue.isValid() ? item.nextDue.toString(Qt::ISODate) : QString());
    return r;
}

int concernActionsColumn() { return 5; }

QList<Column> concernColumns() {
    return {dateColumn("Received", "received_date", false),
            textColumn("Subject", "subject", false),
            textColumn("Summary", "summary", false),
            choiceColumn("Stage", "stage", concernStages(), false),
            {"Risk", [](const Row& r) -> QVariant {
                 const int s = r.value("score").toInt();
                 return s > 0 ? QStringLiteral("%1 %2").arg(s).arg(labelFor(risk::bands(), r.value("band").toString()))
                              : QStringLiteral("Not graded");
             }},
            {"Actions", [](const Row& r) -> QVariant {
                 const int open = r.value("open_actions").toInt(), overdue = r.value("overdue_actions").toInt();
                 if (open == 0) return QStringLiteral("None open");
                 return overdue > 0 ? QStringLiteral("%1 open, %2 overdue").arg(open).arg(overdue) : QStringLiteral("%1 open").arg(open);
             }},
            dateColumn("Next due", "next_due", false),
            textColumn("Owner", "owner", false),
            {"Confidential", [](const Row& r) -> QVariant {
                 return r.value("confidential").toLongLong() ? QStringLiteral("Confidential") : QString();
             }}};
}

QString startNewConcern(Workspace& ws, const QString& contractorId, QWidget* parent) {
    if (ws.isReadOnly()) return {};
    ConcernEditor editor(ws, ConcernService(ws.db()).draft(contractorId), parent);
    if (editor.run() != QDialog::Accepted || editor.concernId().isEmpty()) return {};
    ConcernFile::open(ws, editor.concernId(), parent);
    return editor.concernId();
}

// ---- ConcernsPage -------------------------------------------------------------------------------

ConcernsPage::ConcernsPage(Workspace& ws, QWidget* parent) : QWidget(parent), m_ws(ws) {
    setObjectName(QStringLiteral("concernsPage"));
    auto* v = new QVBoxLayout(this);
    auto* filters = new FlowLayout; // wraps on a narrow screen rather than widening the window
    m_search = new QLineEdit(this);
    m_search->setObjectName(QStringLiteral("concernSearch"));
    m_search->setPlaceholderText(QStringLiteral("Filter by summary, ODS code or contractor"));
    m_search->setAccessibleName(QStringLiteral("Filter concerns"));
    m_search->setClearButtonEnabled(true);
    QList<Choice> bands = risk::bands();
    bands.append({QStringLiteral("ungraded"), QStringLiteral("Not graded")});
    m_band = filterCombo(QStringLiteral("bandFilter"), QStringLiteral("Risk band"), QStringLiteral("Any risk band"), bands, this);
    QList<Choice> stages{{QStringLiteral("open"), QStringLiteral("Open (not closed)")}};
    stages.append(concernStages());
    m_stage = filterCombo(QStringLiteral("stageFilter"), QStringLiteral("Stage"), QStringLiteral("Any stage"), stages, this);
    m_stage->setCurrentIndex(1); // open concerns first: what a caseworker works on
    m_owner = filterCombo(QStringLiteral("ownerFilter"), QStringLiteral("Owner"), QStringLiteral("Any owner"), {}, this);
    refreshOwners();
    m_overdue = new QCheckBox(QStringLiteral("&Overdue actions only"), this);
    m_overdue->setObjectName(QStringLiteral("overdueFilter"));
    m_confidential = filterCombo(QStringLiteral("confidentialFilter"), QStringLiteral("Confidential"),
                                 QStringLiteral("Confidential or not"),
                                 {{QStringLiteral("yes"), QStringLiteral("Confidential only")},
                                  {QStringLiteral("no"), QStringLiteral("Not confidential")}},
                                 this);
    m_count = new QLabel(this);
    m_count->setObjectName(QStringLiteral("concernCount"));
    m_count->setAccessibleName(QStringLiteral("Number of concerns"));
    m_count->setMinimumWidth(m_count->fontMetrics().horizontalAdvance(QStringLiteral("0,000 concerns")));
    auto* add = new QPushButton(QStringLiteral("&New concern…"), this);
    add->setObjectName(QStringLiteral("newConcernButton"));
    add->setAccessibleName(QStringLiteral("New concern"));
    ws.guard(add);
    filters->addStretchWidget(m_search);
    for (QWidget* w : {static_cast<QWidget*>(m_band), static_cast<QWidget*>(m_stage), static_cast<QWidget*>(m_owner),
                       static_cast<QWidget*>(m_confidential)})
        filters->addWidget(w);
    filters->addWidget(m_overdue);
    filters->addWidget(m_count);
    filters->addWidget(add);
    v->addLayout(filters);

    m_model = new PagedTableModel(ws.db(), concernColumns(), this);
    m_view = new QTableView(this);
    setUpRecordTable(m_view, QStringLiteral("concernsTable"), QStringLiteral("Concerns"), m_model, 110);
    m_view->horizontalHeader()->resizeSection(1, 230);
    m_view->horizontalHeader()->resizeSection(2, 260);
    m_view->horizontalHeader()->resizeSection(concernActionsColumn(), 140);
    m_view->setItemDelegate(new OverdueDelegate(concernActionsColumn(), m_view));
    v->addWidget(m_view, 1);
    auto* legend = new QLabel(QStringLiteral("Rows in red have overdue actions. Enter opens a concern."), this);
    legend->setObjectName(QStringLiteral("concernLegend"));
    v->addWidget(legend);

    setTabOrder(m_search, m_band);
    setTabOrder(m_band, m_stage);
    setTabOrder(m_stage, m_owner);
    setTabOrder(m_owner, m_confidential);
    setTabOrder(m_confidential, m_overdue);
    setTabOrder(m_overdue, add);
    setTabOrder(add, m_view);

    m_typing = new QTimer(this);
    m_typing->setSingleShot(true);
    m_typing->setInterval(200);
    connect(m_typing, &QTimer::timeout, this, &ConcernsPage::applyFilter);
    connect(m_search, &QLineEdit::textChanged, m_typing, qOverload<>(&QTimer::start));
    for (QComboBox* c : {m_band, m_stage, m_owner, m_confidential})
        connect(c, &QComboBox::currentIndexChanged, this, &ConcernsPage::applyFilter);
    connect(m_overdue, &QCheckBox::toggled, this, &ConcernsPage::applyFilter);
    connect(m_model, &PagedTableModel::totalCountChanged, this, [this](int n) {
        m_count->setText(n < 0 ? QStringLiteral("counting…") : QStringLiteral("%L1 concern%2").arg(n).arg(n == 1 ? "" : "s"));
    });
    connect(m_view, &QTableView::activated, this, &ConcernsPage::openCurrent);
    connect(add, &QPushButton::clicked, this, &ConcernsPage::newConcern);
    connect(&ws, &Workspace::changed, this, [this] {
        refreshOwners();
        const QString keep = m_view->currentIndex().isValid() ? m_model->idAt(m_view->currentIndex().row()) : QString();
        m_model->reload();
        const int row = m_model->rowOfId(keep);
        if (row >= 0) m_view->setCurrentIndex(m_model->index(row, 0));
    });
    setFocusProxy(m_search);
    applyFilter();
}

void ConcernsPage::refreshOwners() {
    const QString keep = m_owner->currentData().toString();
    const QSignalBlocker block(m_owner);
    while (m_owner->count() > 1) m_owner->removeItem(1);
    for (const QString& o : ConcernService(m_ws.db()).owners()) m_owner->addItem(o, o);
    const int i = m_owner->findData(keep);
    m_owner->setCurrentIndex(i >= 0 ? i : 0);
}

ConcernFilter ConcernsPage::filter() const {
    ConcernFilter f;
    f.search = m_search->text();
    f.band = m_band->currentData().toString();
    f.stage = m_stage->currentData().toString();
    f.owner = m_owner->currentData().toString();
    f.overdueOnly = m_overdue->isChecked();
    const QString conf = m_confidential->currentData().toString();
    if (!conf.isEmpty()) f.confidential = conf == QLatin1String("yes");
    return f;
}

void ConcernsPage::applyFilter() {
    const ConcernFilter f = filter();
    m_model->setQuery(
        [f](Database& db, const QString&, bool, int offset, int limit) {
            QList<Row> rows;
            for (const ConcernListItem& item : ConcernService(db).list(f, offset, limit)) rows << concernListRow(item);
            return rows;
        },
        [f](Database& db) { return ConcernService(db).count(f); });
}

void ConcernsPage::openCurrent() {
    const QModelIndex i = m_view->currentIndex();
    if (i.isValid()) ConcernFile::open(m_ws, m_model->idAt(i.row()), this);
}

void ConcernsPage::newConcern() { startNewConcern(m_ws, QString(), this); }

// ---- practice-file tab --------------------------------------------------------------------------

namespace {
class ConcernsTab : public PracticeTab {
public:
    explicit ConcernsTab(Workspace& ws) : PracticeTab(ws) {
        auto* v = new QVBoxLayout(this);
        m_panel = new RecordListPanel(ws, QStringLiteral("concerns"), QStringLiteral("Concerns, open first"),
                                      QStringLiteral("concern"), concernColumns(), this);
        m_panel->view()->setItemDelegate(new OverdueDelegate(concernActionsColumn(), m_panel->view()));
        m_panel->view()->horizontalHeader()->resizeSection(2, 300);
        if (auto* del = m_panel->findChild<QPushButton*>(QStringLiteral("concernsDelete"))) del->hide(); // concerns are closed, not deleted
        if (auto* edit = m_panel->findChild<QPushButton*>(QStringLiteral("concernsEdit"))) {
            edit->setText(QStringLiteral("&Open…"));
            edit->setAccessibleName(QStringLiteral("Open the selected concern"));
        }
        v->addWidget(m_panel);
        connect(m_panel, &RecordListPanel::addRequested, this, [this] { startNewConcern(m_ws, m_contractor.id, this); });
        connect(m_panel, &RecordListPanel::editRequested, this, [this](const QString& id) { ConcernFile::open(m_ws, id, this); });
    }
    void load(const Contractor& c) override {
        m_contractor = c;
        ConcernFilter f;
        f.contractorId = c.id;
        QList<ConcernListItem> items = ConcernService(m_ws.db()).list(f);
        std::stable_sort(items.begin(), items.end(), [](const ConcernListItem& a, const ConcernListItem& b) {
            return a.concern.isOpen() && !b.concern.isOpen();
        });
        QList<Row> rows;
        for (const ConcernListItem& i : items) rows << concernListRow(i);
        m_panel->setRows(rows);
    }

private:
    RecordListPanel* m_panel;
    Contractor m_contractor;
};
} // namespace

PracticeTab* makeConcernsTab(Workspace& ws) { return new ConcernsTab(ws); }

void addConcernSettings(MainWindow& w) {
    QMenu* file = w.menu(QStringLiteral("file"));
    if (!file) return;
    auto* settings = new QAction(QStringLiteral("&Settings: risk bands…"), &w);
    settings->setObjectName(QStringLiteral("riskBandsAction"));
    QObject::connect(settings, &QAction::triggered, &w, [&w] { RiskBandsForm(w.workspace(), &w).run(); });
    auto* policy = new QAction(QStringLiteral("Settings: &policy figures…"), &w);
    policy->setObjectName(QStringLiteral("policyAction"));
    w.addFileMenuGroup({settings, policy});
    QObject::connect(policy, &QAction::triggered, &w, [&w] { PolicyPage(&w).exec(); });
}

} // namespace cb::ui
