#include "contracts/ProcedureForms.h"
#include "contracts/UnitsInput.h"

#include "common/Identifiers.h"
#include "common/Policy.h"
#include "common/Workspace.h"

#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>

namespace cb::ui {

namespace {
QLabel* liveNote(const QString& name, const QString& accessibleName) {
    auto* l = new QLabel;
    l->setObjectName(name);
    l->setAccessibleName(accessibleName);
    l->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    l->setWordWrap(true);
    // Room for a sentence a line, in the font's own width (so it holds at any scale).
    l->setMinimumWidth(l->fontMetrics().averageCharWidth() * 60);
    return l;
}
} // namespace

// ---- dental mid-year review ------------------------------------------------------------------------

MidYearReviewForm::MidYearReviewForm(Workspace& ws, const DentalActivity& a, QWidget* parent)
    : RecordForm(ws, QStringLiteral("Mid-year review %1").arg(a.yearLabel()), parent)
    , m_record(a) {
    setObjectName(QStringLiteral("midYearReviewForm"));
    m_held = new DateField(false);
    m_udaH1 = new QLineEdit(unitsText(a.udaDeliveredH1));
    m_udaH1->setPlaceholderText(QStringLiteral("by 30 September"));
    m_uoaH1 = new QLineEdit(unitsText(a.uoaDeliveredH1));
    m_uoaH1->setPlaceholderText(QStringLiteral("by 30 September"));
    m_delivery = liveNote(QStringLiteral("midYearDelivery"), QStringLiteral("Delivery by 30 September"));
    addField("midYearReviewDate", "Review held on", m_held);
    // Only the units the year has a target for are asked (the other box is kept, hidden, empty).
    if (a.udaTarget > 0 || a.uoaTarget <= 0)
        addField("udaDeliveredH1", QStringLiteral("UDAs by 30 September (of %1)").arg(a.udaTarget.display()), m_udaH1);
    else {
        m_udaH1->setParent(this);
        m_udaH1->hide();
    }
    if (a.uoaTarget > 0)
        addField("uoaDeliveredH1", QStringLiteral("UOAs by 30 September (of %1)").arg(a.uoaTarget.display()), m_uoaH1);
    else {
        m_uoaH1->setParent(this);
        m_uoaH1->hide();
    }
    addSection(m_delivery); // below the figures, the width of the form
    m_held->setDate(a.midYearReviewDate.isValid() ? a.midYearReviewDate : ws.db().clock().today());
    for (QLineEdit* e : {m_udaH1, m_uoaH1})
        connect(e, &QLineEdit::textChanged, this, &MidYearReviewForm::updateDelivery);
    updateDelivery();
    markClean();
}

QString MidYearReviewForm::deliveryText() const {
    return m_delivery->text();
}

void MidYearReviewForm::updateDelivery() {
    Issues ignored;
    QStringList lines;
    const QString uda = midYearDelivery(QStringLiteral("UDA"), m_record.udaTarget, readUnits(m_udaH1, "x", ignored));
    const QString uoa = midYearDelivery(QStringLiteral("UOA"), m_record.uoaTarget, readUnits(m_uoaH1, "x", ignored));
    for (const QString& s : {uda, uoa})
        if (!s.isEmpty()) lines << s;
    if (m_record.midYearReviewDate.isValid())
        lines << QStringLiteral("A review was recorded on %1.").arg(fmt::date(m_record.midYearReviewDate));
    m_delivery->setText(lines.join(QLatin1Char('\n')));
}

void MidYearReviewForm::commit() {
    DentalActivity a = m_record;
    Issues parse;
    if (m_record.udaTarget > 0 || m_record.uoaTarget <= 0)
        a.udaDeliveredH1 = readUnits(m_udaH1, "udaDeliveredH1", parse);
    if (m_record.uoaTarget > 0) a.uoaDeliveredH1 = readUnits(m_uoaH1, "uoaDeliveredH1", parse);
    parse.throwIfAny();
    m_record = recordMidYearReview(m_ws.db(), a, m_held->date());
    m_ws.notifyChanged();
}

// ---- applications ----------------------------------------------------------------------------------

ApplicationForm::ApplicationForm(Workspace& ws, const ContractEvent& e, QWidget* parent)
    : RecordForm(ws,
                 e.id.isEmpty()
                     ? QStringLiteral("New %1").arg(labelFor(contractEventKinds(), e.kind).toLower())
                     : QStringLiteral("%1 of %2").arg(labelFor(contractEventKinds(), e.kind), fmt::date(e.eventDate)),
                 parent)
    , m_record(e) {
    setObjectName(QStringLiteral("applicationForm"));
    const bool closure = e.kind == QLatin1String("list_closure");
    const ApplicationDetails d = ApplicationDetails::parse(e.description);
    m_applied = new DateField(false);
    m_decision = choiceCombo(eventDecisions(), QStringLiteral("Not decided yet"));
    m_decided = new DateField;
    m_status = choiceCombo(contractEventStatuses());
    m_summary = new QPlainTextEdit(d.summary);
    m_summary->setTabChangesFocus(true);
    m_summary->setMaximumHeight(80);
    m_reason = new QLineEdit(d.rejectionReason);
    m_reason->setPlaceholderText(QStringLiteral("when rejected: why, in words the applicant can act on"));
    m_step = liveNote(QStringLiteral("applicationStep"), QStringLiteral("Where the application stands"));

    if (!closure) {
        m_kind = new QComboBox;
        for (const char* k : {"market_entry", "change_of_ownership"})
            m_kind->addItem(labelFor(contractEventKinds(), QLatin1String(k)), QString::fromLatin1(k));
        addField("kind", "Application", m_kind);
    }
    addField("eventDate", "Application received", m_applied);
    if (closure) {
        m_acknowledged = new DateField;
        m_closes = new DateField;
        m_reopens = new DateField;
        addField("acknowledgedDate", "Acknowledged", m_acknowledged);
        addField("effectiveDate", "List closes from", m_closes);
        addField("deadline", "List reopens on", m_reopens);
    } else {
        m_needs = choiceCombo(needsAssessmentOutcomes(), QStringLiteral("Not tested yet"));
        addField("needsAssessment", "Needs assessment test", m_needs);
    }
    addField("decision", "Decision", m_decision, 1);
    addField("decisionDate", "Decided on", m_decided, 1);
    if (closure) {
        m_lmc = new DateField;
        addField("lrcCopiedDate", "Decision copied to the LMC", m_lmc, 1);
    } else {
        m_appeal = new DateField;
        addField("appealDate", "Appealed to NHS Resolution", m_appeal, 1);
    }
    addField("status", "Status", m_status, 1);
    addSection(m_step); // where the procedure stands, between the dates and the words
    addWide("description", "What is applied for", m_summary);
    addWide("rejectionReason", "Why rejected", m_reason);

    if (m_kind) setCode(m_kind, e.kind);
    m_applied->setDate(e.eventDate);
    setCode(m_decision, e.decision);
    m_decided->setDate(e.decisionDate);
    setCode(m_status, e.status);
    if (closure) {
        m_acknowledged->setDate(e.acknowledgedDate);
        m_closes->setDate(e.effectiveDate);
        m_reopens->setDate(e.deadline);
        m_lmc->setDate(e.lrcCopiedDate);
    } else {
        setCode(m_needs, d.needsAssessment);
        m_appeal->setDate(e.appealDate);
    }
    for (DateField* f : {m_applied, m_acknowledged, m_decided, m_closes, m_reopens, m_lmc, m_appeal})
        if (f) connect(f, &DateField::changed, this, &ApplicationForm::updateStep);
    for (QComboBox* c : {m_kind, m_decision, m_needs})
        if (c) connect(c, &QComboBox::currentIndexChanged, this, &ApplicationForm::updateStep);
    updateStep();
    markClean();
}

QString ApplicationForm::stepText() const {
    return m_step->text();
}

// Says what the next step is, with its date, as the dates are typed.
void ApplicationForm::updateStep() {
    const QDate applied = m_applied->date();
    const QString decision = code(m_decision);
    const QDate decided = m_decided->date();
    const QDate today = m_ws.db().clock().today();
    QString text;
    if (m_acknowledged) {
        ContractEvent e;
        e.eventDate = applied;
        const QDate due = acknowledgementDue(e);
        const QDate ack = m_acknowledged->date();
        if (!applied.isValid())
            text = QStringLiteral("Enter the date the application was received.");
        else if (!ack.isValid())
            text = QStringLiteral("Acknowledge within %1 days, by %2%3.")
                       .arg(policy::kListClosureAcknowledgeDays)
                       .arg(fmt::date(due))
                       .arg(due < today ? QStringLiteral(" — overdue") : QString());
        else if (decision.isEmpty())
            text = QStringLiteral("Acknowledged on %1%2. Next: the decision — approved with the dates the list closes "
                                  "and reopens (%3 to %4 months), copied to the LMC; or rejected, saying why.")
                       .arg(fmt::date(ack))
                       .arg(ack > due ? QStringLiteral(" (later than the %1 days allowed)")
                                            .arg(policy::kListClosureAcknowledgeDays)
                                      : QString())
                       .arg(policy::kListClosureMinMonths)
                       .arg(policy::kListClosureMaxMonths);
        else if (decision == QLatin1String("approved"))
            text = QStringLiteral("Approved: the list closes from %1 and reopens on %2.")
                       .arg(fmt::date(m_closes->date()), fmt::date(m_reopens->date()));
        else
            text =
                QStringLiteral("Rejected%1: the practice may apply again %2 months after the rejection%3.")
                    .arg(decided.isValid() ? QStringLiteral(" on %1").arg(fmt::date(decided)) : QString())
                    .arg(policy::kListClosureReapplyMonths)
                    .arg(decided.isValid() ? QStringLiteral(", from %1")
                                                 .arg(fmt::date(decided.addMonths(policy::kListClosureReapplyMonths)))
                                           : QString());
    } else {
        const bool entry = code(m_kind) == QLatin1String("market_entry");
        m_needs->setEnabled(entry && !m_ws.isReadOnly());
        if (decision.isEmpty())
            text = entry ? QStringLiteral("Apply the pharmaceutical needs assessment test, then record the decision.")
                         : QStringLiteral("Record the decision on the change of ownership.");
        else if (m_appeal->date().isValid())
            text = QStringLiteral("Appealed to NHS Resolution on %1: record its outcome in the description.")
                       .arg(fmt::date(m_appeal->date()));
        else
            text = QStringLiteral("%1%2: the applicant may appeal to NHS Resolution.")
                       .arg(labelFor(eventDecisions(), decision))
                       .arg(decided.isValid() ? QStringLiteral(" on %1").arg(fmt::date(decided)) : QString());
    }
    m_step->setText(text);
}

void ApplicationForm::commit() {
    ContractEvent e = m_record;
    if (m_kind) e.kind = code(m_kind);
    e.eventDate = m_applied->date();
    e.decision = code(m_decision);
    e.decisionDate = m_decided->date();
    e.status = code(m_status);
    ApplicationDetails d;
    d.summary = m_summary->toPlainText();
    d.rejectionReason = m_reason->text();
    if (m_acknowledged) {
        e.acknowledgedDate = m_acknowledged->date();
        e.effectiveDate = m_closes->date();
        e.deadline = m_reopens->date();
        e.lrcCopiedDate = m_lmc->date();
    } else {
        d.needsAssessment = e.kind == QLatin1String("market_entry") ? code(m_needs) : QString();
        e.appealDate = m_appeal->date();
    }
    m_record = saveApplication(m_ws.db(), e, d);
    m_ws.notifyChanged();
}

} // namespace cb::ui
