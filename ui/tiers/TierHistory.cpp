#include "tiers/TierHistory.h"

#include "common/Identifiers.h"
#include "common/RecordListPanel.h"
#include "common/TableModels.h"
#include "common/Workspace.h"
#include "contractors/PracticeFile.h"
#include "shell/MainWindow.h"
#include "tiers/AssuranceTier.h"

#include <QComboBox>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QTableView>

namespace cb::ui {

namespace {
TierHistoryDialog::Runner& runner() {
    static TierHistoryDialog::Runner r;
    return r;
}
} // namespace

void TierHistoryDialog::open(Workspace& ws, const Contractor& contractor, QWidget* parent) {
    TierHistoryDialog dialog(ws, contractor, parent);
    if (runner()) runner()(dialog);
    else dialog.exec();
}

TierHistoryDialog::Runner TierHistoryDialog::setRunner(Runner r) {
    Runner old = std::move(runner());
    runner() = std::move(r);
    return old;
}

TierHistoryDialog::TierHistoryDialog(Workspace& ws, const Contractor& contractor, QWidget* parent)
    : QDialog(parent), m_ws(ws), m_contractor(contractor) {
    setObjectName(QStringLiteral("tierHistory"));
    setWindowTitle(QStringLiteral("Assurance tier: %1").arg(contractor.label()));
    auto* v = new QVBoxLayout(this);
    m_current = new QLabel(this);
    m_current->setObjectName(QStringLiteral("currentTier"));
    QFont bold = m_current->font();
    bold.setBold(true);
    bold.setPointSizeF(bold.pointSizeF() * 1.2);
    m_current->setFont(bold);
    v->addWidget(m_current);

    auto* suggestBox = new QGroupBox(QStringLiteral("Casebook's suggestion (the caseworker decides)"), this);
    auto* sv = new QVBoxLayout(suggestBox);
    m_suggestion = new QLabel(suggestBox);
    m_suggestion->setObjectName(QStringLiteral("tierSuggestion"));
    m_suggestion->setWordWrap(true);
    m_suggestion->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    m_suggestion->setFocusPolicy(Qt::StrongFocus);
    m_suggestion->setAccessibleName(QStringLiteral("Suggested tier and reasons"));
    sv->addWidget(m_suggestion);
    v->addWidget(suggestBox);

    v->addWidget(new QLabel(QStringLiteral("<b>History</b> (newest first)"), this));
    m_model = new RecordTableModel({choiceColumn("Tier", "tier", assuranceTiers(), false), dateColumn("Decided on", "decided_on", false),
                                    textColumn("Decided by", "decided_by", false), textColumn("Rationale", "rationale", false)},
                                   this);
    m_view = new QTableView(this);
    setUpRecordTable(m_view, QStringLiteral("tierHistoryTable"), QStringLiteral("Tier history"), m_model, 140);
    m_view->horizontalHeader()->resizeSection(0, 170);
    m_view->setWordWrap(true);
    v->addWidget(m_view, 1);

    auto* buttons = new QHBoxLayout;
    m_decide = new QPushButton(QStringLiteral("&Decide tier…"), this);
    m_decide->setObjectName(QStringLiteral("decideTierButton"));
    m_decide->setAccessibleName(QStringLiteral("Decide tier"));
    m_decide->setAutoDefault(false);
    ws.guard(m_decide);
    auto* close = new QPushButton(QStringLiteral("Close"), this);
    close->setAutoDefault(false);
    buttons->addWidget(m_decide);
    buttons->addStretch(1);
    buttons->addWidget(close);
    v->addLayout(buttons);
    connect(m_decide, &QPushButton::clicked, this, &TierHistoryDialog::decide);
    connect(close, &QPushButton::clicked, this, &QDialog::accept);
    reload();
    resize(820, 560);
}

void TierHistoryDialog::reload() {
    if (const auto c = ContractorService(m_ws.db()).get(m_contractor.id)) m_contractor = *c;
    TierService tiers(m_ws.db());
    m_current->setText(QStringLiteral("Current tier: %1").arg(m_contractor.assuranceTier.isEmpty()
                                                                   ? QStringLiteral("not assessed")
                                                                   : labelFor(assuranceTiers(), m_contractor.assuranceTier)));
    const TierSuggestion s = tiers.suggest(m_contractor.id);
    m_suggestedTier = s.tier;
    QString text = QStringLiteral("Suggested: <b>%1</b>%2<ul>")
                       .arg(labelFor(assuranceTiers(), s.tier).toHtmlEscaped(),
                            s.differsFromCurrent() ? QStringLiteral(" — differs from the current tier") : QStringLiteral(" — same as the current tier"));
    for (const QString& r : s.reasons()) text += QStringLiteral("<li>%1</li>").arg(r.toHtmlEscaped());
    m_suggestion->setText(text + QStringLiteral("</ul>"));
    QList<Row> rows;
    for (const TierDecision& d : tiers.history(m_contractor.id))
        rows << Row{{"id", d.id}, {"tier", d.tier}, {"decided_on", d.decidedOn.toString(Qt::ISODate)},
                    {"decided_by", d.decidedBy}, {"rationale", d.rationale}};
    m_model->setRows(rows);
    m_view->resizeRowsToContents();
}

QString TierHistoryDialog::suggestionText() const { return m_suggestion->text(); }

void TierHistoryDialog::decide() {
    if (m_ws.isReadOnly()) return;
    TierDecisionForm(m_ws, m_contractor, m_suggestedTier, this).run();
    reload();
}

// ---- TierDecisionForm ---------------------------------------------------------------------------

TierDecisionForm::TierDecisionForm(Workspace& ws, const Contractor& contractor, const QString& suggestedTier, QWidget* parent)
    : RecordForm(ws, QStringLiteral("Decide tier: %1").arg(contractor.label()), parent), m_contractor(contractor) {
    setObjectName(QStringLiteral("tierDecisionForm"));
    m_tier = choiceCombo(assuranceTiers(), QStringLiteral("Choose…"));
    setCode(m_tier, suggestedTier.isEmpty() ? contractor.assuranceTier : suggestedTier);
    m_rationale = new QPlainTextEdit;
    m_rationale->setTabChangesFocus(true);
    m_rationale->setFixedHeight(m_rationale->fontMetrics().lineSpacing() * 5 + 12);
    m_date = new DateField(false);
    m_date->setDate(ws.db().clock().today());
    auto* hint = new QLabel(QStringLiteral("The suggestion is filled in: change it if your judgement differs, and say why."));
    addNote(hint);
    addField("tier", QStringLiteral("Tier"), m_tier);
    addField("decidedOn", QStringLiteral("Decided on"), m_date);
    addField("rationale", QStringLiteral("Rationale"), m_rationale);
    markClean();
    resize(560, sizeHint().height());
}

void TierDecisionForm::commit() {
    TierService(m_ws.db()).decide(m_contractor.id, code(m_tier), m_rationale->toPlainText(), m_date->date());
    m_ws.notifyChanged(m_contractor.id);
}

void installTierHistory(MainWindow& w) {
    QObject::connect(w.practiceFile(), &PracticeFile::tierBadgeClicked, &w, [&w] {
        if (!w.practiceFile()->contractorId().isEmpty())
            TierHistoryDialog::open(w.workspace(), w.practiceFile()->contractor(), &w);
    });
}

} // namespace cb::ui
