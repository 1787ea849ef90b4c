#include "concerns/ConcernFile.h"

#include "common/Ask.h"
#include "common/Identifiers.h"
#include "common/RecordListPanel.h"
#include "common/TableModels.h"
#include "common/Workspace.h"
#include "concerns/ConcernEditors.h"
#include "concerns/ConcernWidgets.h"
#include "contractors/Contractor.h"
#include "performers/Performer.h"

#include <QGroupBox>
#include <QHBoxLayout>
#include <QScrollArea>
#include <QStyle>
#include <QHeaderView>
#include <QKeyEvent>
#include <QLabel>
#include <QPushButton>
#include <QSplitter>
#include <QTableView>

namespace cb::ui {

namespace {
ConcernFile::Runner& runner() {
    static ConcernFile::Runner r;
    return r;
}

QPushButton* button(const QString& text, const QString& name, const QString& accessible, QWidget* parent) {
    auto* b = new QPushButton(text, parent);
    b->setObjectName(name);
    b->setAccessibleName(accessible);
    b->setAutoDefault(false);
    return b;
}

QString actionStatus(const ConcernAction& a, const QDate& today) {
    if (a.completedDate.isValid()) return QStringLiteral("Done");
    if (a.isOverdue(today)) return QStringLiteral("Overdue by %1 days").arg(a.dueDate.daysTo(today));
    return QStringLiteral("Open");
}
} // namespace

void ConcernFile::open(Workspace& ws, const QString& concernId, QWidget* parent) {
    ConcernFile file(ws, concernId, parent);
    if (file.concern().id.isEmpty()) {
        Ask::error(parent, QStringLiteral("Not found"), QStringLiteral("This concern no longer exists."));
        return;
    }
    if (runner()) runner()(file);
    else file.exec();
}

ConcernFile::Runner ConcernFile::setRunner(Runner r) {
    Runner old = std::move(runner());
    runner() = std::move(r);
    return old;
}

ConcernFile::ConcernFile(Workspace& ws, const QString& concernId, QWidget* parent) : QDialog(parent), m_ws(ws) {
    setObjectName(QStringLiteral("concernFile"));
    setWindowTitle(QStringLiteral("Concern"));
    auto* v = new QVBoxLayout(this);
    m_title = new QLabel(this);
    m_title->setObjectName(QStringLiteral("concernTitle"));
    QFont big = m_title->font();
    big.setPointSizeF(big.pointSizeF() * 1.3);
    big.setBold(true);
    m_title->setFont(big);
    m_title->setWordWrap(true);
    m_title->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_subtitle = new QLabel(this);
    m_subtitle->setObjectName(QStringLiteral("concernSubtitle"));
    m_subtitle->setWordWrap(true);
    v->addWidget(m_title);
    v->addWidget(m_subtitle);

    auto* steps = new QHBoxLayout;
    m_editDetails = button(QStringLiteral("&Edit details…"), "editConcernButton", QStringLiteral("Edit the concern's details"), this);
    m_stage = button(QStringLiteral("Change &stage…"), "changeStageButton", QStringLiteral("Change stage"), this);
    m_note = button(QStringLiteral("Add &note…"), "addNoteButton", QStringLiteral("Add a note to the timeline"), this);
    for (QPushButton* b : {m_editDetails, m_stage, m_note}) {
        steps->addWidget(b);
        ws.guard(b);
    }
    steps->addStretch(1);
    v->addLayout(steps);

    auto* split = new QSplitter(Qt::Horizontal, this);
    split->setChildrenCollapsible(false);
    // The details and the matrix scroll when the screen is short (a laptop at 150 % is 720 high).
    auto* leftScroll = new QScrollArea(split);
    leftScroll->setObjectName(QStringLiteral("concernDetailsScroll"));
    leftScroll->setWidgetResizable(true);
    leftScroll->setFrameShape(QFrame::NoFrame);
    leftScroll->setFocusPolicy(Qt::NoFocus);
    auto* left = new QWidget;
    auto* lv = new QVBoxLayout(left);
    lv->setContentsMargins(0, 0, 0, 0);
    m_details = new QLabel(left);
    m_details->setObjectName(QStringLiteral("concernDetails"));
    m_details->setWordWrap(true);
    m_details->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    m_details->setAlignment(Qt::AlignTop | Qt::AlignLeft);
    lv->addWidget(m_details);
    auto* gradingBox = new QGroupBox(QStringLiteral("Risk grading: choose a cell to grade"), left);
    auto* gv = new QVBoxLayout(gradingBox);
    m_grading = new QLabel(gradingBox);
    m_grading->setObjectName(QStringLiteral("currentGrading"));
    m_grading->setAccessibleName(QStringLiteral("Current grading"));
    m_matrix = new RiskMatrixWidget(gradingBox);
    gv->addWidget(m_grading);
    gv->addWidget(m_matrix);
    lv->addWidget(gradingBox);
    lv->addStretch(1);
    auto* timelineBox = new QGroupBox(QStringLiteral("Timeline"), split);
    auto* tv = new QVBoxLayout(timelineBox);
    m_timeline = new TimelineView(timelineBox);
    tv->addWidget(m_timeline);
    leftScroll->setWidget(left);
    leftScroll->setMinimumWidth(left->sizeHint().width() + leftScroll->style()->pixelMetric(QStyle::PM_ScrollBarExtent));
    split->addWidget(leftScroll);
    split->addWidget(timelineBox);
    split->setStretchFactor(1, 1);
    v->addWidget(split, 3);

    auto* actionsBox = new QGroupBox(QStringLiteral("Actions"), this);
    auto* av = new QVBoxLayout(actionsBox);
    auto* actionButtons = new QHBoxLayout;
    m_addAction = button(QStringLiteral("&Add action…"), "addActionButton", QStringLiteral("Add action"), actionsBox);
    m_completeAction = button(QStringLiteral("&Complete action…"), "completeActionButton",
                              QStringLiteral("Complete the selected action"), actionsBox);
    m_editAction = button(QStringLiteral("Edit ac&tion…"), "editActionButton", QStringLiteral("Edit the selected action"), actionsBox);
    for (QPushButton* b : {m_addAction, m_completeAction, m_editAction}) actionButtons->addWidget(b);
    actionButtons->addStretch(1);
    av->addLayout(actionButtons);
    const QDate today = ws.db().clock().today();
    m_actionsModel = new RecordTableModel(
        {textColumn("Action", "description", false), textColumn("Owner", "owner", false), dateColumn("Due", "due_date", false),
         dateColumn("Completed", "completed_date", false), textColumn("Result", "result", false),
         {"Status", [today](const Row& r) -> QVariant { return actionStatus(ConcernAction::fromRow(r), today); }}},
        this);
    m_actions = new QTableView(actionsBox);
    setUpRecordTable(m_actions, QStringLiteral("concernActions"), QStringLiteral("Actions"), m_actionsModel, 120);
    m_actions->horizontalHeader()->resizeSection(0, 320);
    m_actions->setItemDelegate(new OverdueDelegate(5, m_actions));
    av->addWidget(m_actions);
    v->addWidget(actionsBox, 1);

    auto* close = button(QStringLiteral("Close"), "closeConcernButton", QStringLiteral("Close the concern"), this);
    auto* bottom = new QHBoxLayout;
    bottom->addStretch(1);
    bottom->addWidget(close);
    v->addLayout(bottom);
    connect(close, &QPushButton::clicked, this, &QDialog::accept);

    connect(m_matrix, &RiskMatrixWidget::chosen, this, &ConcernFile::grade);
    connect(m_editDetails, &QPushButton::clicked, this, &ConcernFile::editDetails);
    connect(m_stage, &QPushButton::clicked, this, &ConcernFile::changeStage);
    connect(m_note, &QPushButton::clicked, this, &ConcernFile::addNote);
    connect(m_addAction, &QPushButton::clicked, this, &ConcernFile::addAction);
    connect(m_completeAction, &QPushButton::clicked, this, &ConcernFile::completeAction);
    connect(m_editAction, &QPushButton::clicked, this, &ConcernFile::editAction);
    connect(m_actions, &QTableView::doubleClicked, this, &ConcernFile::editAction);
    connect(m_actions->selectionModel(), &QItemSelectionModel::currentRowChanged, this, &ConcernFile::updateButtons);
    connect(&ws, &Workspace::changed, this, &ConcernFile::reload);

    setTabOrder(m_editDetails, m_stage);
    setTabOrder(m_stage, m_note);
    // Every cell of the matrix in the chain between the notes and the timeline: Tab stops on the
    // one cell that takes it (the grading), wherever it is.
    QWidget* previous = m_note;
    for (int c = 1; c <= 5; ++c)
        for (int l = 1; l <= 5; ++l)
            if (QPushButton* cell = m_matrix->cell(c, l)) {
                setTabOrder(previous, cell);
                previous = cell;
            }
    setTabOrder(previous, m_timeline);
    setTabOrder(m_timeline, m_addAction);
    setTabOrder(m_addAction, m_completeAction);
    setTabOrder(m_completeAction, m_editAction);
    setTabOrder(m_editAction, m_actions);
    setTabOrder(m_actions, close);

    m_concern.id = concernId;
    reload();
    resize(1180, 760);
}

void ConcernFile::reload() {
    ConcernService service(m_ws.db());
    const auto c = service.get(m_concern.id);
    if (!c) {
        m_concern = {};
        return;
    }
    m_concern = *c;
    const risk::Bands bands = service.bands();
    const QString band = bands.bandFor(c->score());
    QString subject;
    if (!c->contractorId.isEmpty())
        if (const auto k = ContractorService(m_ws.db()).get(c->contractorId)) subject = k->label();
    if (!c->performerId.isEmpty())
        if (const auto p = PerformerService(m_ws.db()).get(c->performerId))
            subject = subject.isEmpty() ? p->fullName() : QStringLiteral("%1 at %2").arg(p->fullName(), subject);
    setWindowTitle(QStringLiteral("Concern: %1").arg(c->summary.left(60)));
    m_title->setText(c->summary);
    QStringList tags{subject, QStringLiteral("Stage: ") + labelFor(concernStages(), c->stage),
                     c->isGraded() ? QStringLiteral("%1 risk (score %2)").arg(labelFor(risk::bands(), band)).arg(c->score())
                                   : QStringLiteral("Not graded")};
    if (c->confidential.value_or(false)) tags << QStringLiteral("Confidential");
    if (c->serious) tags << QStringLiteral("Serious");
    m_subtitle->setText(tags.join(QStringLiteral(" · ")));

    auto line = [](const QString& label, const QString& value) {
        return QStringLiteral("<tr><td align='right'><b>%1:</b>&nbsp;</td><td>%2</td></tr>")
            .arg(label.toHtmlEscaped(), value.isEmpty() ? QStringLiteral("—") : value.toHtmlEscaped());
    };
    QString html = QStringLiteral("<table>");
    html += line(QStringLiteral("Source"), labelFor(concernSources(), c->source));
    html += line(QStringLiteral("Category"), labelFor(concernCategories(), c->category));
    html += line(QStringLiteral("Received"), fmt::date(c->receivedDate));
    html += line(QStringLiteral("Owner"), c->owner);
    html += line(c->lrcCommittee.isEmpty() ? QStringLiteral("LRC") : c->lrcCommittee,
                 c->lrcInformedDate.isValid() ? QStringLiteral("informed ") + fmt::date(c->lrcInformedDate)
                                              : QStringLiteral("not informed yet"));
    if (!c->regulator.isEmpty())
        html += line(QStringLiteral("Regulator"), QStringLiteral("%1, referred %2").arg(c->regulator, fmt::date(c->regulatorReferralDate)));
    if (!c->performerId.isEmpty()) {
        html += line(QStringLiteral("PAG"), c->pagReferralDate.isValid() ? QStringLiteral("referred ") + fmt::date(c->pagReferralDate)
                                                                          : QStringLiteral("not referred"));
        if (!c->panelOutcome.isEmpty())
            html += line(QStringLiteral("Decision panel"), QStringLiteral("%1 on %2").arg(labelFor(panelOutcomes(), c->panelOutcome),
                                                                                         fmt::date(c->panelDate)));
    }
    if (c->serious) html += line(QStringLiteral("Why serious"), c->seriousReason);
    if (!c->isOpen()) html += line(QStringLiteral("Outcome"), QStringLiteral("%1 (closed %2)").arg(c->outcome, fmt::date(c->closedDate)));
    html += QStringLiteral("</table>");
    if (!c->details.trimmed().isEmpty())
        html += QStringLiteral("<p>%1</p>").arg(c->details.toHtmlEscaped().replace(QLatin1Char('\n'), QStringLiteral("<br>")));
    m_details->setText(html);

    m_grading->setText(QStringLiteral("Current: ") + risk::describeGrading(c->consequence, c->likelihood, bands));
    m_matrix->setBands(bands);
    m_matrix->setGrading(c->consequence, c->likelihood);
    if (m_ws.isReadOnly()) m_matrix->setEditable(false, Workspace::readOnlyReason());
    else m_matrix->setEditable(c->isOpen(), c->isOpen() ? QString() : QStringLiteral("The concern is closed: reopen it to grade it again."));
    m_timeline->setEntries(service.timeline(c->id));

    const QString keep = selectedActionId();
    QList<Row> rows;
    for (const ConcernAction& a : service.actions(c->id)) rows << a.toRow();
    m_actionsModel->setRows(rows);
    for (int r = 0; r < m_actionsModel->rowCount(); ++r)
        if (m_actionsModel->idAt(r) == keep) m_actions->setCurrentIndex(m_actionsModel->index(r, 0));
    // The first action chosen to begin with, so Edit and Complete are there from the start (Tab
    // meets the same buttons before and after the list is visited).
    if (!m_actions->currentIndex().isValid() && m_actionsModel->rowCount() > 0)
        m_actions->setCurrentIndex(m_actionsModel->index(0, 0));
    updateButtons();
}

QString ConcernFile::selectedActionId() const {
    const QModelIndex i = m_actions->currentIndex();
    return i.isValid() ? m_actionsModel->idAt(i.row()) : QString();
}

void ConcernFile::updateButtons() {
    if (m_ws.isReadOnly()) {
        for (QPushButton* b : {m_addAction, m_completeAction, m_editAction}) m_ws.guard(b);
        return;
    }
    const QString id = selectedActionId();
    bool done = false;
    if (!id.isEmpty())
        for (int r = 0; r < m_actionsModel->rowCount(); ++r)
            if (m_actionsModel->idAt(r) == id) done = ConcernAction::fromRow(m_actionsModel->rowAt(r)).completedDate.isValid();
    m_addAction->setEnabled(m_concern.isOpen());
    m_addAction->setToolTip(m_concern.isOpen() ? QString() : QStringLiteral("The concern is closed: reopen it to add actions."));
    m_completeAction->setEnabled(!id.isEmpty() && !done);
    m_editAction->setEnabled(!id.isEmpty());
}

void ConcernFile::grade(int consequence, int likelihood) {
    if (m_ws.isReadOnly() || m_concern.id.isEmpty()) return;
    ConcernService service(m_ws.db());
    const risk::Bands bands = service.bands();
    if (m_concern.isGraded() && (m_concern.consequence != consequence || m_concern.likelihood != likelihood) &&
        !Ask::confirm(this, QStringLiteral("Re-grade concern"),
                      QStringLiteral("Re-grade from %1 to %2? The earlier grading stays on the timeline.")
                          .arg(risk::describeGrading(m_concern.consequence, m_concern.likelihood, bands),
                               risk::describeGrading(consequence, likelihood, bands)),
                      QStringLiteral("Re-grade"))) {
        m_matrix->setGrading(m_concern.consequence, m_concern.likelihood);
        return;
    }
    try {
        service.grade(m_concern.id, consequence, likelihood);
        m_ws.notifyChanged(m_concern.contractorId);
    } catch (const Error& e) {
        Ask::error(this, QStringLiteral("Not graded"), e.message());
    }
    reload();
}

void ConcernFile::editDetails() {
    ConcernEditor(m_ws, m_concern, this).run();
    reload();
}

void ConcernFile::changeStage() {
    StageChangeForm(m_ws, m_concern, this).run();
    reload();
}

void ConcernFile::addNote() {
    ConcernNoteForm(m_ws, m_concern, this).run();
    reload();
}

void ConcernFile::addAction() {
    ConcernAction a;
    a.concernId = m_concern.id;
    a.owner = m_concern.owner;
    ConcernActionForm(m_ws, a, ConcernActionForm::Mode::Add, this).run();
    reload();
}

void ConcernFile::completeAction() {
    const QModelIndex i = m_actions->currentIndex();
    if (!i.isValid()) return;
    ConcernActionForm(m_ws, ConcernAction::fromRow(m_actionsModel->rowAt(i.row())), ConcernActionForm::Mode::Complete, this).run();
    reload();
}

void ConcernFile::editAction() {
    const QModelIndex i = m_actions->currentIndex();
    if (!i.isValid()) return;
    ConcernActionForm form(m_ws, ConcernAction::fromRow(m_actionsModel->rowAt(i.row())), ConcernActionForm::Mode::Edit, this);
    if (m_ws.isReadOnly()) form.setWindowTitle(QStringLiteral("Action (read-only)"));
    form.run();
    reload();
}

} // namespace cb::ui
