#include "visits/VisitViews.h"

#include "common/Ask.h"
#include "common/Identifiers.h"
#include "common/RecordListPanel.h"
#include "common/Workspace.h"
#include "concerns/ConcernFile.h"
#include "contractors/PracticeFile.h"

#include <QCheckBox>
#include <QComboBox>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QRadioButton>
#include <QRegularExpression>
#include <QScrollArea>

namespace cb::ui {

namespace {
// Re-labels a core message about one finding or action with the row it came from.
[[noreturn]] void rethrowFor(const ValidationError& e, const QString& field, const QString& row) {
    QList<FieldIssue> issues;
    for (const FieldIssue& i : e.issues()) issues.append({field, QStringLiteral("%1: %2").arg(row, i.message)});
    throw ValidationError(issues);
}

constexpr int kAreaWidth = 230;
} // namespace

QString VisitEditor::FindingRow::rating() const {
    for (int i = 0; i < 3; ++i)
        if (ratings[i]->isChecked()) return findingRatings().at(i).code;
    return {};
}

void VisitEditor::FindingRow::setRating(const QString& code) {
    for (int i = 0; i < 3; ++i) ratings[i]->setChecked(findingRatings().at(i).code == code);
}

VisitEditor::VisitEditor(Workspace& ws, const Visit& visit, QWidget* parent)
    : RecordForm(ws, visit.id.isEmpty() ? QStringLiteral("New visit") : QStringLiteral("Visit"), parent), m_visit(visit) {
    setObjectName(QStringLiteral("visitEditor"));
    if (const auto k = ContractorService(ws.db()).get(visit.contractorId)) {
        m_group = k->group;
        setWindowTitle(QStringLiteral("%1: %2").arg(windowTitle(), k->label()));
    }
    m_date = new DateField(true);
    m_date->setDate(visit.visitDate);
    m_type = choiceCombo(visitTypes());
    setCode(m_type, visit.type);
    m_announced = new QCheckBox(QStringLiteral("Announced (the contractor was told in advance)"));
    m_announced->setChecked(visit.announced);
    m_attendees = new QLineEdit(visit.attendees.join(QStringLiteral(", ")));
    m_attendees->setPlaceholderText(QStringLiteral("Names, separated by commas"));
    m_status = choiceCombo(visitStatuses());
    setCode(m_status, visit.status);
    m_reportSent = new DateField(true);
    m_reportSent->setDate(visit.reportSentDate);
    m_notes = new QPlainTextEdit(visit.notes);
    m_notes->setTabChangesFocus(true);
    m_notes->setFixedHeight(m_notes->fontMetrics().lineSpacing() * 2 + 12);
    addField("visitDate", QStringLiteral("Date"), m_date);
    addField("type", QStringLiteral("Type"), m_type);
    addField("announced", QStringLiteral("Announced"), m_announced);
    addField("attendees", QStringLiteral("Attendees"), m_attendees, 1);
    addField("status", QStringLiteral("Status"), m_status, 1);
    addField("reportSentDate", QStringLiteral("Report sent"), m_reportSent, 1);

    // Checklist: one row per area.
    auto* findings = new QWidget;
    auto* fv = new QVBoxLayout(findings);
    fv->setContentsMargins(0, 0, 0, 0);
    fv->setSpacing(2);
    auto* header = new QHBoxLayout;
    auto* areaHead = new QLabel(QStringLiteral("<b>Area</b>"));
    areaHead->setFixedWidth(kAreaWidth);
    header->addWidget(areaHead);
    auto* ratingHead = new QLabel(QStringLiteral("<b>Met · Partly met · Not met</b> (arrow keys)"));
    ratingHead->setFixedWidth(300);
    header->addWidget(ratingHead);
    header->addWidget(new QLabel(QStringLiteral("<b>What was found</b> (needed unless met)")), 1);
    fv->addLayout(header);
    m_findingsBox = new QWidget;
    m_findingsLayout = new QVBoxLayout(m_findingsBox);
    m_findingsLayout->setContentsMargins(0, 0, 0, 0);
    m_findingsLayout->setSpacing(2);
    m_findingsLayout->addStretch(1); // rows stay together at the top
    auto* scroll = new QScrollArea;
    scroll->setWidget(m_findingsBox);
    scroll->setWidgetResizable(true);
    scroll->setMinimumHeight(260);
    scroll->setFocusPolicy(Qt::NoFocus);
    fv->addWidget(scroll, 1);
    auto* addArea = new QPushButton(QStringLiteral("Add a&rea"));
    addArea->setObjectName(QStringLiteral("addAreaButton"));
    addArea->setAutoDefault(false);
    ws.guard(addArea);
    fv->addWidget(addArea, 0, Qt::AlignLeft);
    addWide("findings", QStringLiteral("Findings"), findings);
    connect(addArea, &QPushButton::clicked, this, [this] {
        // No rating until the caseworker chooses one: a default would record "met" for an area nobody checked.
        FindingRow& row = addFindingRow(VisitFinding{QString(), m_visit.id, QString(), QString(), QString(), QString()});
        row.area->setFocus();
    });

    // Actions: one row each.
    auto* actions = new QWidget;
    auto* av = new QVBoxLayout(actions);
    av->setContentsMargins(0, 0, 0, 0);
    m_actionsBox = new QWidget;
    m_actionsLayout = new QVBoxLayout(m_actionsBox);
    m_actionsLayout->setContentsMargins(0, 0, 0, 0);
    av->addWidget(m_actionsBox);
    auto* addAction = new QPushButton(QStringLiteral("Add ac&tion"));
    addAction->setObjectName(QStringLiteral("addVisitActionButton"));
    addAction->setAutoDefault(false);
    ws.guard(addAction);
    av->addWidget(addAction, 0, Qt::AlignLeft);
    addWide("actions", QStringLiteral("Actions"), actions);
    connect(addAction, &QPushButton::clicked, this, [this] {
        VisitAction a;
        a.owner = m_ws.db().actor();
        addActionRow(a).description->setFocus();
    });
    addWide("notes", QStringLiteral("Notes"), m_notes);

    VisitService visits(ws.db());
    if (!visit.id.isEmpty()) {
        for (const VisitFinding& f : visits.findings(visit.id)) addFindingRow(f);
        for (const VisitAction& a : visits.actions(visit.id)) addActionRow(a);
    }
    // A visit with nothing recorded yet (new, or planned and saved) shows the checklist unrated.
    if (m_findings.isEmpty())
        for (const QString& area : defaultChecklist(m_group))
            addFindingRow(VisitFinding{QString(), visit.id, area, QString(), QString(), QString()});
    markClean();
    resize(1000, 760);
}

VisitEditor::FindingRow& VisitEditor::addFindingRow(const VisitFinding& f) {
    const int index = int(m_findings.size());
    auto* line = new QWidget(m_findingsBox);
    line->setObjectName(QStringLiteral("finding%1").arg(index));
    auto* h = new QHBoxLayout(line);
    h->setContentsMargins(0, 0, 0, 0);
    FindingRow row;
    row.saved = f;
    row.id = f.id;
    row.concernId = f.concernId;
    row.area = new QLineEdit(f.area, line);
    row.area->setFixedWidth(kAreaWidth);
    row.area->setAccessibleName(QStringLiteral("Area %1").arg(index + 1));
    h->addWidget(row.area);
    auto* ratings = new QWidget(line); // radio buttons in their own box: exclusive per row, arrow keys move
    ratings->setFixedWidth(300);
    auto* rh = new QHBoxLayout(ratings);
    rh->setContentsMargins(0, 0, 0, 0);
    for (int i = 0; i < 3; ++i) {
        row.ratings[i] = new QRadioButton(findingRatings().at(i).label, ratings);
        row.ratings[i]->setAccessibleName(QStringLiteral("%1: %2").arg(f.area.isEmpty() ? row.area->accessibleName() : f.area,
                                                                       findingRatings().at(i).label));
        rh->addWidget(row.ratings[i]);
    }
    h->addWidget(ratings);
    row.note = new QLineEdit(f.note, line);
    row.note->setCursorPosition(0); // a long note shows its start, not its end
    row.note->setAccessibleName(QStringLiteral("What was found: %1").arg(f.area.isEmpty() ? row.area->accessibleName() : f.area));
    h->addWidget(row.note, 1);
    row.raise = new QPushButton(line);
    row.raise->setAutoDefault(false);
    row.raise->setObjectName(QStringLiteral("raiseConcern%1").arg(index));
    h->addWidget(row.raise);
    row.setRating(f.rating);
    m_findingsLayout->insertWidget(m_findingsLayout->count() - 1, line);
    for (QWidget* w : {static_cast<QWidget*>(row.area), static_cast<QWidget*>(ratings), static_cast<QWidget*>(row.note)})
        if (m_ws.isReadOnly()) m_ws.guard(w);
    m_findings.append(row);
    connect(row.area, &QLineEdit::textEdited, this, &VisitEditor::markDirty);
    connect(row.note, &QLineEdit::textEdited, this, &VisitEditor::markDirty);
    for (QRadioButton* r : row.ratings)
        connect(r, &QRadioButton::toggled, this, [this, index](bool on) {
            if (!on) return;
            markDirty();
            updateRaiseButton(m_findings[index]);
        });
    connect(row.raise, &QPushButton::clicked, this, [this, index] { raiseConcern(index); });
    updateRaiseButton(m_findings[index]);
    return m_findings[index];
}

void VisitEditor::updateRaiseButton(FindingRow& row) {
    const QString area = row.area->text().trimmed().isEmpty() ? QStringLiteral("this area") : row.area->text().trimmed();
    if (!row.concernId.isEmpty()) {
        row.raise->setText(QStringLiteral("Open concern"));
        row.raise->setAccessibleName(QStringLiteral("Open the concern raised about %1").arg(area));
        row.raise->setEnabled(true);
        return;
    }
    row.raise->setText(QStringLiteral("Raise concern…"));
    row.raise->setAccessibleName(QStringLiteral("Raise a concern about %1").arg(area));
    // Not rated yet counts as nothing to raise, like "met".
    const bool met = row.rating().isEmpty() || row.rating() == QLatin1String("met");
    row.raise->setEnabled(!met && !m_ws.isReadOnly());
    row.raise->setToolTip(m_ws.isReadOnly() ? Workspace::readOnlyReason()
                          : met              ? QStringLiteral("Only a partly met or not met finding raises a concern.")
                                             : QStringLiteral("Save the visit and raise a concern carrying this finding"));
}

VisitEditor::ActionRow& VisitEditor::addActionRow(const VisitAction& a) {
    const int index = int(m_actions.size());
    auto* line = new QWidget(m_actionsBox);
    auto* h = new QHBoxLayout(line);
    h->setContentsMargins(0, 0, 0, 0);
    ActionRow row;
    row.saved = a;
    row.description = new QLineEdit(a.description, line);
    row.description->setPlaceholderText(QStringLiteral("Action"));
    row.description->setAccessibleName(QStringLiteral("Action %1").arg(index + 1));
    row.owner = new QLineEdit(a.owner, line);
    row.owner->setPlaceholderText(QStringLiteral("Owner"));
    row.owner->setAccessibleName(QStringLiteral("Owner of action %1").arg(index + 1));
    row.owner->setFixedWidth(130);
    row.due = new DateField(true, line);
    row.due->setDate(a.dueDate);
    row.due->editor()->setAccessibleName(QStringLiteral("Due date of action %1").arg(index + 1));
    row.completed = new DateField(true, line);
    row.completed->setDate(a.completedDate);
    row.completed->editor()->setAccessibleName(QStringLiteral("Completed date of action %1").arg(index + 1));
    row.result = new QLineEdit(a.result, line);
    for (QLineEdit* e : {row.description, row.result}) e->setCursorPosition(0); // long text shows its start
    for (DateField* d : {row.due, row.completed}) // room for a date and for the "dd/mm/yyyy or empty" hint
        d->editor()->setMinimumWidth(d->editor()->fontMetrics().horizontalAdvance(d->editor()->placeholderText()) + 12);
    row.result->setPlaceholderText(QStringLiteral("Result"));
    row.result->setAccessibleName(QStringLiteral("Result of action %1").arg(index + 1));
    h->addWidget(row.description, 2);
    h->addWidget(row.owner);
    h->addWidget(new QLabel(QStringLiteral("due"), line));
    h->addWidget(row.due);
    h->addWidget(new QLabel(QStringLiteral("done"), line));
    h->addWidget(row.completed);
    h->addWidget(row.result, 1);
    if (a.isOverdue(m_ws.db().clock().today())) {
        auto* overdue = new QLabel(QStringLiteral("<b>Overdue</b>"), line);
        overdue->setStyleSheet(QStringLiteral("color: #b3261e;"));
        h->addWidget(overdue);
    }
    m_actionsLayout->addWidget(line);
    if (m_ws.isReadOnly()) m_ws.guard(line);
    for (QLineEdit* e : {row.description, row.owner, row.result}) connect(e, &QLineEdit::textEdited, this, &VisitEditor::markDirty);
    for (DateField* d : {row.due, row.completed}) connect(d, &DateField::changed, this, &VisitEditor::markDirty);
    m_actions.append(row);
    return m_actions[index];
}

void VisitEditor::commit() {
    Visit v = m_visit;
    v.visitDate = m_date->date();
    v.type = code(m_type);
    v.announced = m_announced->isChecked();
    v.attendees.clear();
    for (const QString& name : m_attendees->text().split(QRegularExpression(QStringLiteral("[,;\\n]"))))
        if (!name.trimmed().isEmpty()) v.attendees << name.trimmed();
    v.status = code(m_status);
    v.reportSentDate = m_reportSent->date();
    v.notes = m_notes->toPlainText();
    VisitService service(m_ws.db());
    QList<VisitFinding> storedFindings;
    QList<VisitAction> storedActions;
    m_ws.db().write([&] {
        if (v.id.isEmpty()) v = service.create(v);
        else service.update(v);
        for (const FindingRow& row : std::as_const(m_findings)) {
            VisitFinding f{row.id, v.id, row.area->text(), row.rating(), row.note->text(), row.concernId};
            const QString label = f.area.trimmed().isEmpty() ? QStringLiteral("A finding") : f.area.trimmed();
            try {
                // Cleared, or an area of the checklist not rated and not written about: not checked on this visit.
                if ((f.area.trimmed().isEmpty() || f.rating.isEmpty()) && f.note.trimmed().isEmpty()) {
                    if (!f.id.isEmpty()) service.removeFinding(f.id);
                    f.id.clear();
                } else if (f.id.isEmpty()) {
                    f = service.addFinding(f);
                } else if (f.area != row.saved.area || f.rating != row.saved.rating || f.note != row.saved.note) {
                    service.updateFinding(f);
                }
            } catch (const ValidationError& e) {
                rethrowFor(e, QStringLiteral("findings"), label);
            }
            storedFindings << f;
        }
        for (const ActionRow& row : std::as_const(m_actions)) {
            VisitAction a = row.saved;
            a.visitId = v.id;
            a.description = row.description->text();
            a.owner = row.owner->text();
            a.dueDate = row.due->date();
            a.completedDate = row.completed->date();
            a.result = row.result->text();
            const QString label = a.description.trimmed().isEmpty() ? QStringLiteral("An action") : a.description.trimmed();
            try {
                if (a.id.isEmpty()) {
                    if (!a.description.trimmed().isEmpty() || a.dueDate.isValid()) a = service.addAction(a);
                } else if (a.description != row.saved.description || a.owner != row.saved.owner || a.dueDate != row.saved.dueDate ||
                           a.completedDate != row.saved.completedDate || a.result != row.saved.result) {
                    service.updateAction(a);
                }
            } catch (const ValidationError& e) {
                rethrowFor(e, QStringLiteral("actions"), label);
            }
            storedActions << a;
        }
    });
    // Stored: the rows now stand for their records.
    m_visit = v;
    for (int i = 0; i < m_findings.size(); ++i) {
        m_findings[i].id = storedFindings.at(i).id;
        m_findings[i].saved = storedFindings.at(i);
    }
    for (int i = 0; i < m_actions.size(); ++i) m_actions[i].saved = storedActions.at(i);
    m_ws.notifyChanged(v.contractorId);
}

bool VisitEditor::saveInPlace() { return store(); }

void VisitEditor::raiseConcern(int index) {
    if (index < 0 || index >= m_findings.size()) return;
    if (!m_findings[index].concernId.isEmpty()) {
        ConcernFile::open(m_ws, m_findings[index].concernId, this);
        return;
    }
    if (m_ws.isReadOnly()) return;
    if (isDirty() || m_findings[index].id.isEmpty()) {
        if (!Ask::confirm(this, QStringLiteral("Save the visit first"),
                          QStringLiteral("The visit is saved first, so the concern carries the finding as you have "
                                         "recorded it. Save the visit and raise the concern?"),
                          QStringLiteral("Save and raise concern")))
            return;
        if (!saveInPlace()) return;
    }
    FindingRow& row = m_findings[index];
    try {
        const Concern c = VisitService(m_ws.db()).raiseConcernFromFinding(row.id);
        row.concernId = c.id;
        row.saved.concernId = c.id;
        updateRaiseButton(row);
        m_ws.notifyChanged(m_visit.contractorId);
        ConcernFile::open(m_ws, c.id, this);
    } catch (const Error& e) {
        Ask::error(this, QStringLiteral("Concern not raised"), e.message());
    }
}

// ---- practice-file tab --------------------------------------------------------------------------

namespace {
class VisitsTab : public PracticeTab {
public:
    explicit VisitsTab(Workspace& ws) : PracticeTab(ws) {
        auto* v = new QVBoxLayout(this);
        m_panel = new RecordListPanel(
            ws, QStringLiteral("visits"), QStringLiteral("Visits, newest first"), QStringLiteral("visit"),
            {dateColumn("Date", "visit_date", false), choiceColumn("Type", "visit_type", visitTypes(), false),
             {"Announced", [](const Row& r) -> QVariant {
                  return r.value("announced").toLongLong() ? QStringLiteral("Announced") : QStringLiteral("Unannounced");
              }},
             choiceColumn("Status", "status", visitStatuses(), false), dateColumn("Report sent", "report_sent_date", false),
             textColumn("Attendees", "attendees_text", false), textColumn("Findings", "findings_text", false),
             textColumn("Concerns raised", "concerns_text", false)},
            this);
        v->addWidget(m_panel);
        connect(m_panel, &RecordListPanel::addRequested, this, [this] {
            Visit visit;
            visit.contractorId = m_contractor.id;
            visit.visitDate = m_ws.db().clock().today();
            VisitEditor(m_ws, visit, this).run();
        });
        connect(m_panel, &RecordListPanel::editRequested, this, [this](const QString& id) {
            if (const auto visit = VisitService(m_ws.db()).get(id)) VisitEditor(m_ws, *visit, this).run();
        });
        connect(m_panel, &RecordListPanel::deleteRequested, this, [this](const QString& id) {
            if (!Ask::confirm(this, QStringLiteral("Delete visit"),
                              QStringLiteral("Delete this visit with its findings and actions? The audit trail keeps a record."),
                              QStringLiteral("Delete visit")))
                return;
            try {
                VisitService(m_ws.db()).remove(id);
                m_ws.notifyChanged(m_contractor.id);
            } catch (const Error& e) {
                Ask::error(this, QStringLiteral("Not deleted"), e.message());
            }
        });
    }
    void load(const Contractor& c) override {
        m_contractor = c;
        VisitService visits(m_ws.db());
        VisitFilter f;
        f.contractorId = c.id;
        QList<Row> rows;
        for (const Visit& visit : visits.list(f)) {
            Row r = visit.toRow();
            r.insert(QStringLiteral("attendees_text"), visit.attendees.join(QStringLiteral(", ")));
            QMap<QString, int> counts;
            int raised = 0;
            for (const VisitFinding& finding : visits.findings(visit.id)) {
                ++counts[finding.rating];
                if (!finding.concernId.isEmpty()) ++raised;
            }
            QStringList parts;
            for (const Choice& rating : findingRatings())
                if (counts.value(rating.code)) parts << QStringLiteral("%1 %2").arg(counts.value(rating.code)).arg(rating.label.toLower());
            r.insert(QStringLiteral("findings_text"), parts.isEmpty() ? QStringLiteral("None recorded") : parts.join(QStringLiteral(", ")));
            r.insert(QStringLiteral("concerns_text"), raised ? QString::number(raised) : QString());
            rows << r;
        }
        m_panel->setRows(rows);
    }

private:
    RecordListPanel* m_panel;
    Contractor m_contractor;
};
} // namespace

PracticeTab* makeVisitsTab(Workspace& ws) { return new VisitsTab(ws); }

} // namespace cb::ui
