#include "team/ConflictsDialog.h"

#include "common/Workspace.h"

#include <QDateTime>
#include <QDialogButtonBox>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QTableWidget>
#include <QVBoxLayout>

namespace cb::ui {

namespace {

QString when(const QString& utc) {
    const QDateTime t = QDateTime::fromString(utc, Qt::ISODate);
    return t.isValid() ? t.toLocalTime().toString(QStringLiteral("dd/MM/yyyy HH:mm")) : utc;
}

QLabel* valueLabel(const QString& name, const QString& accessible, QWidget* parent) {
    auto* l = new QLabel(parent);
    l->setObjectName(name);
    l->setAccessibleName(accessible);
    l->setWordWrap(true);
    l->setTextInteractionFlags(Qt::TextSelectableByMouse);
    l->setTextFormat(Qt::PlainText);
    return l;
}

} // namespace

ConflictsDialog::ConflictsDialog(Workspace& ws, QWidget* parent) : QDialog(parent), m_ws(ws) {
    setObjectName(QStringLiteral("conflictsDialog"));
    setWindowTitle(QStringLiteral("Conflicts to decide"));
    auto* layout = new QVBoxLayout(this);
    m_summary = new QLabel(this);
    m_summary->setObjectName(QStringLiteral("conflictSummary"));
    m_summary->setWordWrap(true);
    layout->addWidget(m_summary);

    m_list = new QTableWidget(0, 4, this);
    m_list->setObjectName(QStringLiteral("conflictList"));
    m_list->setAccessibleName(QStringLiteral("Conflicts"));
    m_list->setHorizontalHeaderLabels({QStringLiteral("Record"), QStringLiteral("Field"), QStringLiteral("Yours"),
                                       QStringLiteral("Colleague's")});
    m_list->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_list->setSelectionMode(QAbstractItemView::SingleSelection);
    m_list->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_list->verticalHeader()->hide();
    m_list->horizontalHeader()->setStretchLastSection(true);
    m_list->horizontalHeader()->setSectionResizeMode(QHeaderView::Interactive);
    m_list->setMinimumHeight(fontMetrics().height() * 6);
    layout->addWidget(m_list, 1);
    connect(m_list, &QTableWidget::currentCellChanged, this, [this] { showCurrent(); });

    m_heading = valueLabel(QStringLiteral("conflictHeading"), QStringLiteral("Conflict"), this);
    m_heading->setTextFormat(Qt::AutoText);
    layout->addWidget(m_heading);
    m_detail = valueLabel(QStringLiteral("conflictDetail"), QStringLiteral("What happened"), this);
    layout->addWidget(m_detail);

    auto* sides = new QHBoxLayout;
    auto side = [&](QGroupBox*& box, QLabel*& value, QLabel*& who, QPushButton*& keep, const QString& tag,
                    const QString& keepText) {
        box = new QGroupBox(this);
        box->setObjectName(tag + QStringLiteral("Box"));
        auto* v = new QVBoxLayout(box);
        value = valueLabel(tag + QStringLiteral("Value"), tag == QLatin1String("mine") ? QStringLiteral("Your value")
                                                                                      : QStringLiteral("Colleague's value"), box);
        QFont big = value->font();
        big.setBold(true);
        value->setFont(big);
        who = valueLabel(tag + QStringLiteral("Who"), tag == QLatin1String("mine") ? QStringLiteral("Who changed yours")
                                                                                  : QStringLiteral("Who changed theirs"), box);
        who->setWordWrap(false); // one short line: "Changed by alice on 30/11/2026 09:00"
        keep = new QPushButton(keepText, box);
        keep->setObjectName(tag == QLatin1String("mine") ? QStringLiteral("keepMineButton") : QStringLiteral("keepTheirsButton"));
        v->addWidget(value);
        v->addWidget(who);
        v->addStretch();
        v->addWidget(keep, 0, Qt::AlignLeft);
        sides->addWidget(box, 1);
    };
    side(m_mineBox, m_mineValue, m_mineWho, m_keepMine, QStringLiteral("mine"), QStringLiteral("Keep &mine"));
    side(m_theirsBox, m_theirsValue, m_theirsWho, m_keepTheirs, QStringLiteral("theirs"), QStringLiteral("Keep &theirs"));
    layout->addLayout(sides);

    auto* third = new QHBoxLayout;
    auto* typedLabel = new QLabel(QStringLiteral("Or &another value:"), this);
    m_typed = new QLineEdit(this);
    m_typed->setObjectName(QStringLiteral("thirdValue"));
    m_typed->setAccessibleName(QStringLiteral("Another value to keep"));
    m_typed->setPlaceholderText(QStringLiteral("type the value to keep instead"));
    typedLabel->setBuddy(m_typed);
    m_keepTyped = new QPushButton(QStringLiteral("Keep &this value"), this);
    m_keepTyped->setObjectName(QStringLiteral("keepTypedButton"));
    third->addWidget(typedLabel);
    third->addWidget(m_typed, 1);
    third->addWidget(m_keepTyped);
    layout->addLayout(third);

    auto* mergeRow = new QHBoxLayout;
    m_merge = new QPushButton(QStringLiteral("Merge the two &records into one"), this);
    m_merge->setObjectName(QStringLiteral("mergeRecordsButton"));
    m_merge->setToolTip(QStringLiteral("They are the same: keep the one added first, move the other's linked records to "
                                       "it, and list each detail they hold differently as a conflict to decide."));
    mergeRow->addWidget(m_merge);
    mergeRow->addStretch();
    layout->addLayout(mergeRow);

    m_error = valueLabel(QStringLiteral("conflictError"), QStringLiteral("What went wrong"), this);
    m_error->setStyleSheet(QStringLiteral("font-weight: bold;"));
    m_error->hide();
    layout->addWidget(m_error);

    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    buttons->setObjectName(QStringLiteral("conflictButtons"));
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    layout->addWidget(buttons);

    connect(m_keepMine, &QPushButton::clicked, this, [this] { keepMine(); });
    connect(m_keepTheirs, &QPushButton::clicked, this, [this] { keepTheirs(); });
    connect(m_keepTyped, &QPushButton::clicked, this, [this] { keepTyped(m_typed->text()); });
    connect(m_typed, &QLineEdit::returnPressed, this, [this] { keepTyped(m_typed->text()); });
    connect(m_merge, &QPushButton::clicked, this, [this] { mergeRecords(); });
    for (QWidget* w : {static_cast<QWidget*>(m_keepMine), static_cast<QWidget*>(m_keepTheirs),
                       static_cast<QWidget*>(m_typed), static_cast<QWidget*>(m_keepTyped), static_cast<QWidget*>(m_merge)})
        ws.guard(w);
    setTabOrder(m_list, m_keepMine);
    setTabOrder(m_keepMine, m_keepTheirs);
    setTabOrder(m_keepTheirs, m_typed);
    setTabOrder(m_typed, m_keepTyped);
    setTabOrder(m_keepTyped, m_merge);
    resize(860, 560);
    reload();
}

void ConflictsDialog::reload() {
    const QString keep = m_list->currentRow() >= 0 && m_list->currentRow() < m_conflicts.size()
                             ? m_conflicts.at(m_list->currentRow()).id
                             : QString();
    try {
        m_conflicts = team::isMember(m_ws.db()) ? team::conflicts(m_ws.db()) : QList<team::Conflict>{};
        m_error->hide();
    } catch (const Error& e) {
        m_conflicts.clear();
        m_error->setText(QStringLiteral("The conflicts could not be read: %1").arg(e.message()));
        m_error->show();
    }
    const QSignalBlocker block(m_list);
    m_list->setRowCount(int(m_conflicts.size()));
    int current = m_conflicts.isEmpty() ? -1 : 0;
    for (int i = 0; i < m_conflicts.size(); ++i) {
        const team::Conflict& c = m_conflicts.at(i);
        const QString field = c.kind == QLatin1String("field") ? c.fieldLabel
                              : c.kind == QLatin1String("delete") ? QStringLiteral("(deleted on one side)")
                                                                  : QStringLiteral("(a rule after merging)");
        const QStringList cells{c.recordLabel, field, c.mineValue, c.theirsValue};
        for (int col = 0; col < cells.size(); ++col) m_list->setItem(i, col, new QTableWidgetItem(cells.at(col)));
        if (c.id == keep) current = i;
    }
    m_list->resizeColumnsToContents();
    if (current >= 0) m_list->setCurrentCell(current, 0);
    const int n = int(m_conflicts.size());
    bool member = false;
    try {
        member = team::isMember(m_ws.db());
    } catch (const Error&) {
    }
    m_summary->setText(!member ? QStringLiteral("This database is not in a team, so there is nothing to decide. File > Team "
                                                "folder… starts a team folder or joins one.")
                       : n == 0 ? QStringLiteral("No conflicts to decide: every change you and your colleagues made has merged.")
                              : QStringLiteral("%1 to decide. You and a colleague changed the same thing differently; "
                                               "until you decide, the most recent value is shown on every database.")
                                    .arg(n == 1 ? QStringLiteral("1 conflict") : QStringLiteral("%1 conflicts").arg(n)));
    showCurrent();
}

bool ConflictsDialog::select(int row) {
    if (row < 0 || row >= m_conflicts.size()) return false;
    m_list->setCurrentCell(row, 0);
    showCurrent();
    return true;
}

void ConflictsDialog::showCurrent() {
    const int row = m_list->currentRow();
    const bool any = row >= 0 && row < m_conflicts.size();
    for (QWidget* w : {static_cast<QWidget*>(m_mineBox), static_cast<QWidget*>(m_theirsBox)}) w->setEnabled(any);
    if (!m_ws.isReadOnly()) {
        m_typed->setEnabled(any && m_conflicts.at(row).kind == QLatin1String("field"));
        m_keepTyped->setEnabled(m_typed->isEnabled());
    }
    const bool mergeable = any && m_conflicts.at(row).canMerge;
    m_merge->setVisible(mergeable);
    m_merge->setEnabled(!m_ws.isReadOnly() && mergeable);
    if (!any) {
        m_heading->setText(QString());
        m_mineBox->setTitle(QStringLiteral("Yours"));
        m_theirsBox->setTitle(QStringLiteral("Colleague's"));
        for (QLabel* l : {m_mineValue, m_mineWho, m_theirsValue, m_theirsWho, m_detail}) l->clear();
        return;
    }
    const team::Conflict& c = m_conflicts.at(row);
    const QString what = c.kind == QLatin1String("field")    ? c.fieldLabel
                         : c.kind == QLatin1String("delete") ? QStringLiteral("deleted on one machine, kept on another")
                         : c.canMerge                        ? QStringLiteral("added on two machines")
                                                             : QStringLiteral("a change that broke a rule");
    m_heading->setText(QStringLiteral("<b>%1</b> — %2").arg(c.recordLabel.toHtmlEscaped(), what.toHtmlEscaped()));
    m_detail->setText(detailText());
    m_mineBox->setTitle(QStringLiteral("Yours (%1)").arg(team::replicaName(m_ws.db(), c.mineReplica)));
    m_theirsBox->setTitle(QStringLiteral("Colleague's (%1)").arg(team::replicaName(m_ws.db(), c.theirsReplica)));
    m_mineValue->setText(c.mineValue.isEmpty() ? QStringLiteral("(empty)") : c.mineValue);
    m_theirsValue->setText(c.theirsValue.isEmpty() ? QStringLiteral("(empty)") : c.theirsValue);
    m_mineWho->setText(QStringLiteral("Changed by %1 on %2").arg(c.mineWho, when(c.mineAt)));
    m_theirsWho->setText(QStringLiteral("Changed by %1 on %2").arg(c.theirsWho, when(c.theirsAt)));
    // A long value wraps: the two sides keep the height it needs however small the window.
    for (QGroupBox* box : {m_mineBox, m_theirsBox}) box->setMinimumHeight(box->sizeHint().height());
}

bool ConflictsDialog::decide(const std::function<void(const team::Conflict&)>& how) {
    const int row = m_list->currentRow();
    if (m_ws.isReadOnly() || row < 0 || row >= m_conflicts.size()) return false;
    m_error->hide();
    try {
        how(m_conflicts.at(row));
    } catch (const Error& e) {
        m_error->setText(QStringLiteral("Not decided: %1").arg(e.message()));
        m_error->show();
        return false;
    }
    m_typed->clear();
    reload();
    m_ws.notifyChanged(); // open lists and the worklist show the kept value
    emit decided();
    return true;
}

bool ConflictsDialog::keepMine() {
    return decide([this](const team::Conflict& c) { team::resolveConflict(m_ws.db(), c.id, true); });
}

bool ConflictsDialog::keepTheirs() {
    return decide([this](const team::Conflict& c) { team::resolveConflict(m_ws.db(), c.id, false); });
}

bool ConflictsDialog::keepTyped(const QString& value) {
    return decide([this, value](const team::Conflict& c) { team::resolveConflictWith(m_ws.db(), c.id, value); });
}

bool ConflictsDialog::mergeRecords() {
    return decide([this](const team::Conflict& c) { team::mergeConflictRecords(m_ws.db(), c.id); });
}

QString ConflictsDialog::detailText() const {
    const int row = m_list->currentRow();
    if (row < 0 || row >= m_conflicts.size()) return {};
    const team::Conflict& c = m_conflicts.at(row);
    const auto by = [this](const QString& who, const QString& at, const QString& replica) {
        return QStringLiteral("%1 on %2 (%3)").arg(who.isEmpty() ? QStringLiteral("someone") : who, when(at),
                                                   team::replicaName(m_ws.db(), replica));
    };
    const QString mine = by(c.mineWho, c.mineAt, c.mineReplica);
    const QString theirs = by(c.theirsWho, c.theirsAt, c.theirsReplica);
    if (c.kind == QLatin1String("field"))
        return QStringLiteral("%1: yours was set by %2, your colleague's by %3. Until you decide, the most recent value is "
                              "shown everywhere.").arg(c.detail, mine, theirs);
    if (c.kind == QLatin1String("delete")) {
        const bool mineDeleted = c.mineValue == QLatin1String("(deleted)");
        return QStringLiteral("Deleted by %1; meanwhile kept, changed or added to by %2. %3 Keep the side you agree "
                              "with: the deletion, or the record.")
            .arg(mineDeleted ? mine : theirs, mineDeleted ? theirs : mine, c.detail);
    }
    if (c.canMerge)
        return QStringLiteral("%1 Added here by %2 and by %3. If they are the same, merge them into one; otherwise keep "
                              "yours.").arg(c.detail, c.mineWho.isEmpty() ? QStringLiteral("you") : mine, theirs);
    return QStringLiteral("What broke: %1 The change came from %2 and is held here, not saved; keep theirs to try it again "
                          "or keep yours to leave the record as it is.").arg(c.detail, theirs);
}

QString ConflictsDialog::error() const { return m_error->isHidden() ? QString() : m_error->text(); }

} // namespace cb::ui
