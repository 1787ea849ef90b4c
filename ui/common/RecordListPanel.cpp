#include "common/RecordListPanel.h"

#include "common/Workspace.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QKeyEvent>
#include <QLabel>
#include <QPushButton>
#include <QScrollBar>
#include <QSettings>
#include <QTableView>
#include <algorithm>

namespace cb::ui {

namespace {
// Enter on a row edits it, like a double-click.
class EnterFilter : public QObject {
public:
    EnterFilter(QTableView* view, std::function<void()> onEnter) : QObject(view), m_onEnter(std::move(onEnter)) {
        view->installEventFilter(this);
    }
    bool eventFilter(QObject*, QEvent* e) override {
        if (e->type() == QEvent::KeyPress) {
            const int key = static_cast<QKeyEvent*>(e)->key();
            if (key == Qt::Key_Return || key == Qt::Key_Enter) {
                m_onEnter();
                return true;
            }
        }
        return false;
    }

private:
    std::function<void()> m_onEnter;
};
} // namespace

// Set on a table while Casebook sizes its columns to their contents (RecordListPanel::fitColumns).
constexpr const char* kFittingColumns = "cbFittingColumns";

void rememberColumns(QTableView* view, const QString& key) {
    QHeaderView* header = view->horizontalHeader();
    const QString settingsKey = QStringLiteral("columns/") + key;
    const QByteArray state = QSettings().value(settingsKey).toByteArray();
    if (!state.isEmpty()) header->restoreState(state);
    QObject::connect(header, &QHeaderView::sectionResized, view, [view, header, settingsKey] {
        if (view->property(kFittingColumns).toBool()) return; // sized to fit, not by her: nothing to remember
        QSettings().setValue(settingsKey, header->saveState());
    });
}

void setUpRecordTable(QTableView* view, const QString& name, const QString& accessibleName, QAbstractItemModel* model,
                      int columnWidth) {
    view->setObjectName(name);
    view->setAccessibleName(accessibleName);
    view->setModel(model);
    view->setSelectionBehavior(QAbstractItemView::SelectRows);
    view->setSelectionMode(QAbstractItemView::SingleSelection);
    view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    view->setAlternatingRowColors(true);
    view->setTabKeyNavigation(false);
    view->setWordWrap(false);
    view->verticalHeader()->hide();
    view->horizontalHeader()->setStretchLastSection(true);
    view->horizontalHeader()->setDefaultSectionSize(columnWidth);
    rememberColumns(view, name);
}

QComboBox* filterCombo(const QString& name, const QString& accessibleName, const QString& all,
                       const QList<Choice>& choices, QWidget* parent) {
    auto* c = new QComboBox(parent);
    c->setObjectName(name);
    c->setAccessibleName(accessibleName);
    c->addItem(all, QString());
    for (const Choice& ch : choices) c->addItem(ch.label, ch.code);
    return c;
}

RecordListPanel::RecordListPanel(Workspace& ws, const QString& name, const QString& title, const QString& noun,
                                 QList<Column> columns, QWidget* parent)
    : QWidget(parent), m_ws(ws), m_model(new RecordTableModel(std::move(columns), this)), m_view(new QTableView(this)) {
    setObjectName(name);
    auto* v = new QVBoxLayout(this);
    v->setContentsMargins(0, 0, 0, 0);
    auto* top = new QHBoxLayout;
    m_title = new QLabel(QStringLiteral("<b>%1</b>").arg(title.toHtmlEscaped()), this);
    top->addWidget(m_title);
    top->addStretch(1);
    m_add = new QPushButton(QStringLiteral("Add %1…").arg(noun), this);
    m_edit = new QPushButton(QStringLiteral("Edit…"), this);
    m_delete = new QPushButton(QStringLiteral("Delete…"), this);
    m_add->setObjectName(name + QStringLiteral("Add"));
    m_edit->setObjectName(name + QStringLiteral("Edit"));
    m_delete->setObjectName(name + QStringLiteral("Delete"));
    m_add->setAccessibleName(QStringLiteral("Add %1").arg(noun));
    m_edit->setAccessibleName(QStringLiteral("Edit the selected %1").arg(noun));
    m_delete->setAccessibleName(QStringLiteral("Delete the selected %1").arg(noun));
    for (QPushButton* b : {m_add, m_edit, m_delete}) top->addWidget(b);
    v->addLayout(top);
    setUpRecordTable(m_view, name + QStringLiteral("Table"), title, m_model);
    // Only a column she drags herself stops the fitting: the last column is stretched by the layout,
    // and the remembered widths are saved on every resize, so neither says she chose them.
    const QString byHand = QStringLiteral("columnsSizedByHand/") + m_view->objectName();
    m_columnsSized = QSettings().value(byHand).toBool();
    connect(m_view->horizontalHeader(), &QHeaderView::sectionResized, this, [this, byHand](int column) {
        if (m_columnsSized || m_view->property(kFittingColumns).toBool() || column + 1 >= m_model->columnCount()) return;
        m_columnsSized = true;
        QSettings().setValue(byHand, true);
    });
    v->addWidget(m_view, 1);
    setTabOrder(m_delete, m_view); // the buttons above, then the table below, as they are read
    m_needsSelection = {m_edit, m_delete};
    connect(m_add, &QPushButton::clicked, this, &RecordListPanel::addRequested);
    connect(m_edit, &QPushButton::clicked, this, [this] {
        if (!currentId().isEmpty()) emit editRequested(currentId());
    });
    connect(m_delete, &QPushButton::clicked, this, [this] {
        if (!currentId().isEmpty()) emit deleteRequested(currentId());
    });
    connect(m_view, &QTableView::doubleClicked, this, [this] {
        if (!currentId().isEmpty()) emit editRequested(currentId());
    });
    new EnterFilter(m_view, [this] {
        if (!currentId().isEmpty()) emit editRequested(currentId());
    });
    connect(m_view->selectionModel(), &QItemSelectionModel::currentRowChanged, this, [this] {
        updateButtons();
        emit currentChanged(currentId());
    });
    connect(m_model, &QAbstractItemModel::modelReset, this, &RecordListPanel::updateButtons);
    ws.guard(m_add);
    ws.guard(m_delete);
    if (ws.isReadOnly()) m_edit->setText(QStringLiteral("View…"));
    updateButtons();
}

void RecordListPanel::setRows(QList<Row> rows) {
    // Reloads follow saves here and commits elsewhere: the caseworker keeps her row and her place.
    const QString keep = currentId();
    const int scroll = m_view->verticalScrollBar()->value();
    m_model->setRows(std::move(rows));
    fitColumns();
    if (!keep.isEmpty()) selectId(keep);
    m_view->verticalScrollBar()->setValue(scroll);
    if (currentId().isEmpty() && m_model->rowCount() > 0) m_view->setCurrentIndex(m_model->index(0, 0));
    updateButtons();
    emit currentChanged(currentId());
}

void RecordListPanel::fitColumns() {
    // Until she sizes a column herself, a column widens to show what it holds (never narrower than
    // usual) and the last takes the rest: a service's name is not clipped while its end date column
    // stands half empty. No column takes more than half the table (or 40 characters), so one long
    // note cannot push the others away.
    if (m_columnsSized || m_model->rowCount() == 0) return;
    QHeaderView* header = m_view->horizontalHeader();
    const int most = std::max({header->defaultSectionSize(), m_view->viewport()->width() / 2,
                               m_view->fontMetrics().averageCharWidth() * 40});
    m_view->setProperty(kFittingColumns, true);
    for (int c = 0; c + 1 < m_model->columnCount(); ++c) {
        m_view->resizeColumnToContents(c);
        header->resizeSection(c, std::clamp(header->sectionSize(c), header->defaultSectionSize(), most));
    }
    m_view->setProperty(kFittingColumns, false);
}

QString RecordListPanel::currentId() const {
    const QModelIndex i = m_view->currentIndex();
    return i.isValid() ? m_model->idAt(i.row()) : QString();
}

Row RecordListPanel::currentRow() const {
    const QModelIndex i = m_view->currentIndex();
    return i.isValid() ? m_model->rowAt(i.row()) : Row();
}

void RecordListPanel::selectId(const QString& id) {
    for (int r = 0; r < m_model->rowCount(); ++r)
        if (m_model->idAt(r) == id) m_view->setCurrentIndex(m_model->index(r, 0));
}

QPushButton* RecordListPanel::addExtraButton(const QString& text, const QString& accessibleName, bool edits) {
    auto* b = new QPushButton(text, this);
    b->setAccessibleName(accessibleName);
    static_cast<QHBoxLayout*>(static_cast<QVBoxLayout*>(layout())->itemAt(0)->layout())->addWidget(b);
    setTabOrder(b, m_view); // still before the table below
    m_needsSelection << b;
    if (edits) m_ws.guard(b);
    updateButtons();
    return b;
}

void RecordListPanel::setAddEnabled(bool enabled, const QString& why) {
    if (m_ws.isReadOnly()) return;
    m_add->setEnabled(enabled);
    m_add->setToolTip(why);
}

void RecordListPanel::updateButtons() {
    const bool has = !currentId().isEmpty();
    for (QPushButton* b : std::as_const(m_needsSelection)) {
        if (m_ws.isReadOnly() && b->toolTip() == Workspace::readOnlyReason()) continue;
        b->setEnabled(has);
    }
}

} // namespace cb::ui
