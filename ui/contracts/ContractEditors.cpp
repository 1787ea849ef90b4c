#include "contracts/ContractEditors.h"
#include "contracts/UnitsInput.h"

#include "common/Identifiers.h"
#include "common/Policy.h"
#include "common/Workspace.h"

#include <QCheckBox>
#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QRegularExpression>
#include <QSpinBox>

namespace cb::ui {

namespace {
QString number(const std::optional<qint64>& v) { return v ? QString::number(*v) : QString(); }
QString number(const std::optional<double>& v) { return v ? QString::number(*v) : QString(); }
// A contract's UDA or UOA target as typed ("3500.5"; blank is none), in the core's words when it is
// not a number of units to the hundredth; the typed text stays in the field.
std::optional<Units> readTarget(QLineEdit* edit, const QString& field, const QString& unit, Issues& issues) {
    if (edit->text().trimmed().isEmpty()) return std::nullopt;
    const auto u = Units::parse(edit->text());
    if (!u) issues.add(field, unreadableTargetMessage(unit, edit->text()));
    return u;
}
QLineEdit* line(const QString& text, const QString& placeholder = {}) {
    auto* e = new QLineEdit(text);
    e->setPlaceholderText(placeholder);
    return e;
}
QPlainTextEdit* text(const QString& value) {
    auto* t = new QPlainTextEdit(value);
    t->setTabChangesFocus(true);
    t->setMaximumHeight(90);
    return t;
}
// Shows a financial year as 2025/26; typing 2025 or 2025/26 both work.
class FinancialYearSpin : public QSpinBox {
protected:
    QString textFromValue(int v) const override {
        return QStringLiteral("%1/%2").arg(v).arg((v + 1) % 100, 2, 10, QLatin1Char('0'));
    }
    int valueFromText(const QString& text) const override { return text.section(QLatin1Char('/'), 0, 0).toInt(); }
    QValidator::State validate(QString& input, int&) const override {
        static const QRegularExpression re(QStringLiteral("^\\d{0,4}(/\\d{0,2})?$"));
        static const QRegularExpression full(QStringLiteral("^\\d{4}(/\\d{2})?$"));
        if (full.match(input).hasMatch()) {
            const int year = valueFromText(input);
            return year >= minimum() && year <= maximum() ? QValidator::Acceptable : QValidator::Intermediate;
        }
        return re.match(input).hasMatch() ? QValidator::Intermediate : QValidator::Invalid;
    }
};
} // namespace

// ---- contract -----------------------------------------------------------------------------------

ContractEditor::ContractEditor(Workspace& ws, const Contract& c, const QString& group, QWidget* parent)
    : RecordForm(ws, c.id.isEmpty() ? QStringLiteral("New contract") : c.label(), parent), m_record(c), m_group(group) {
    setObjectName(QStringLiteral("contractEditor"));
    m_route = choiceCombo(routesForGroup(group), QStringLiteral("Choose a route"));
    m_reference = line(c.reference);
    m_start = new DateField(true);
    m_end = new DateField(true);
    m_status = choiceCombo(contractStatuses());
    m_value = line(c.annualValuePence ? fmt::money(*c.annualValuePence) : QString(), QStringLiteral("£"));
    m_listSize = line(number(c.listSize));
    m_uda = line(unitsText(c.udaTarget));
    m_uoa = line(unitsText(c.uoaTarget));
    m_coreHours = line(number(c.coreHours));
    m_totalHours = line(number(c.totalHours));
    m_notes = text(c.notes);
    addField("route", "Route", m_route);
    addField("reference", "Reference", m_reference);
    addField("startDate", "Start date", m_start);
    addField("endDate", "End date", m_end);
    addField("status", "Status", m_status);
    addField("annualValue", "Annual value", m_value, 1);
    // Only the figures that apply to this group are offered.
    m_dispensing = new QCheckBox(QStringLiteral("The practice dispenses (dispensing doctor arrangements)"));
    m_dispensing->setChecked(c.dispensing);
    if (group == QLatin1String("general_practice")) {
        addField("listSize", "Registered list size", m_listSize, 1);
        addField("dispensing", "Dispensing", m_dispensing, 1);
    }
    if (group == QLatin1String("dental")) {
        addField("udaTarget", "UDA target", m_uda, 1);
        addField("uoaTarget", "UOA target", m_uoa, 1);
    }
    m_hundredHour = new QCheckBox(QStringLiteral("Opened under the 100-hour exemption"));
    m_hundredHour->setChecked(c.hundredHour);
    if (group == QLatin1String("pharmacy") || group == QLatin1String("appliance")) {
        addField("coreHours", "Core hours a week", m_coreHours, 1);
        addField("totalHours", "Total hours a week", m_totalHours, 1);
        if (group == QLatin1String("pharmacy")) addField("hundredHour", "100-hour pharmacy", m_hundredHour, 1);
        // The core's own hours rules, said beside the hours as they are typed.
        m_hoursRule = new QLabel;
        m_hoursRule->setObjectName(QStringLiteral("hoursRule"));
        m_hoursRule->setAccessibleName(QStringLiteral("Opening hours rule"));
        m_hoursRule->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
        addNote(m_hoursRule, 1);
        for (QLineEdit* e : {m_coreHours, m_totalHours})
            connect(e, &QLineEdit::textChanged, this, &ContractEditor::updateHoursRule);
        connect(m_hundredHour, &QCheckBox::toggled, this, &ContractEditor::updateHoursRule);
    }
    auto* hint = new QLabel;
    hint->setObjectName(QStringLiteral("routeHint"));
    addNote(hint, 0);
    auto updateHint = [this, hint] {
        const QString route = code(m_route);
        hint->setText(route.isEmpty()             ? QString()
                      : isTimeLimitedRoute(route) ? QStringLiteral("Time-limited: enter the end date.")
                                                  : QStringLiteral("Open-ended: leave the end date empty."));
    };
    connect(m_route, &QComboBox::currentIndexChanged, this, updateHint);
    addWide("notes", "Notes", m_notes);
    setCode(m_route, c.route);
    setCode(m_status, c.status);
    m_start->setDate(c.startDate);
    m_end->setDate(c.endDate);
    updateHint();
    if (m_hoursRule) {
        connect(m_route, &QComboBox::currentIndexChanged, this, &ContractEditor::updateHoursRule);
        updateHoursRule();
    }
    markClean();
}

QString ContractEditor::hoursRuleText() const { return m_hoursRule ? m_hoursRule->text() : QString(); }

void ContractEditor::updateHoursRule() {
    Issues parse, issues;
    const Contract c = fromFields(parse);
    validate(c, m_group, issues);
    QStringList lines;
    for (const FieldIssue& i : parse.list() + issues.list())
        if (i.field == QLatin1String("coreHours") || i.field == QLatin1String("totalHours") ||
            i.field == QLatin1String("hundredHour"))
            lines << i.message;
    if (lines.isEmpty())
        lines << (c.hundredHour ? QStringLiteral("A 100-hour pharmacy keeps at least %1 core hours a week.")
                                      .arg(policy::kPharmacy100HourMinCoreHours)
                                : QStringLiteral("A pharmacy opens at least %1 core hours a week (%2 for a 100-hour "
                                                 "pharmacy).").arg(policy::kPharmacyMinCoreHours)
                                      .arg(policy::kPharmacy100HourMinCoreHours));
    m_hoursRule->setText(lines.join(QLatin1Char('\n')));
}

Contract ContractEditor::fromFields(Issues& parse) const {
    Contract c = m_record;
    c.route = code(m_route);
    c.reference = m_reference->text();
    c.startDate = m_start->date();
    c.endDate = m_end->date();
    c.status = code(m_status);
    c.annualValuePence = readMoney(m_value, "annualValue", parse);
    c.listSize = readInteger(m_listSize, "listSize", parse);
    c.udaTarget = readTarget(m_uda, QStringLiteral("udaTarget"), QStringLiteral("UDA"), parse);
    c.uoaTarget = readTarget(m_uoa, QStringLiteral("uoaTarget"), QStringLiteral("UOA"), parse);
    c.coreHours = readNumber(m_coreHours, "coreHours", parse);
    c.totalHours = readNumber(m_totalHours, "totalHours", parse);
    c.dispensing = m_dispensing->isChecked();
    c.hundredHour = m_group == QLatin1String("pharmacy") && m_hundredHour->isChecked();
    c.notes = m_notes->toPlainText().trimmed();
    return c;
}

void ContractEditor::commit() {
    Issues parse;
    const Contract c = fromFields(parse);
    parse.throwIfAny();
    ContractBook book(m_ws.db());
    if (c.id.isEmpty()) m_record = book.create(c);
    else book.update(c);
    m_ws.notifyChanged(c.contractorId);
}

// ---- service ------------------------------------------------------------------------------------

ServiceEditor::ServiceEditor(Workspace& ws, const ContractedService& s, QWidget* parent)
    : RecordForm(ws, s.id.isEmpty() ? QStringLiteral("New service") : QStringLiteral("Service %1").arg(s.name), parent),
      m_record(s) {
    setObjectName(QStringLiteral("serviceEditor"));
    m_category = choiceCombo(serviceCategories());
    m_name = line(s.name, QStringLiteral("e.g. Extended access"));
    m_optedOut = new QCheckBox(QStringLiteral("The contractor has opted out of this service"));
    m_start = new DateField;
    m_end = new DateField;
    addField("category", "Kind of service", m_category);
    addField("name", "Name", m_name);
    addField("optedOut", "Opted out", m_optedOut);
    addField("startDate", "Start date", m_start);
    addField("endDate", "End date", m_end);
    setCode(m_category, s.category);
    m_optedOut->setChecked(s.optedOut);
    m_start->setDate(s.startDate);
    m_end->setDate(s.endDate);
    markClean();
}

void ServiceEditor::commit() {
    ContractedService s = m_record;
    s.category = code(m_category);
    s.name = m_name->text();
    s.optedOut = m_optedOut->isChecked();
    s.startDate = m_start->date();
    s.endDate = m_end->date();
    ContractBook book(m_ws.db());
    if (s.id.isEmpty()) m_record = book.addService(s);
    else book.updateService(s);
    m_ws.notifyChanged();
}

// ---- event --------------------------------------------------------------------------------------

EventEditor::EventEditor(Workspace& ws, const ContractEvent& e, QWidget* parent)
    : RecordForm(ws, e.id.isEmpty() ? QStringLiteral("New contract event")
                                    : QStringLiteral("%1 of %2").arg(labelFor(contractEventKinds(), e.kind), fmt::date(e.eventDate)),
                 parent),
      m_record(e) {
    setObjectName(QStringLiteral("eventEditor"));
    m_kind = choiceCombo(contractEventKinds(), QStringLiteral("Choose the kind of event"));
    m_date = new DateField;
    m_effective = new DateField;
    m_deadline = new DateField;
    m_status = choiceCombo(contractEventStatuses());
    m_description = text(e.description);
    m_unilateral = new QCheckBox(QStringLiteral("Imposed by the commissioner (unilateral variation)"));
    m_urgent = new QCheckBox(QStringLiteral("Urgent: patient safety or material financial loss"));
    m_urgentReason = line(e.urgentReason);
    m_withheld = line(e.withheldPence ? fmt::money(*e.withheldPence) : QString(), QStringLiteral("£"));
    m_group = ws.db()
                  .scalar(QStringLiteral("SELECT c.contractor_group FROM contract k JOIN contractor c ON c.id = "
                                         "k.contractor_id WHERE k.id = ?"),
                          {e.contractId})
                  .toString();
    // A merger names the contract it absorbs (which ends): the contractor's other contracts.
    m_absorbed = new QComboBox;
    m_absorbed->addItem(QStringLiteral("Not a merger"), QString());
    ContractBook book(ws.db());
    if (const auto self = book.get(e.contractId))
        for (const Contract& k : book.forContractor(self->contractorId))
            if (k.id != e.contractId) m_absorbed->addItem(k.label(), k.id);
    addField("kind", "Kind", m_kind);
    addField("eventDate", "Issued or received", m_date);
    addField("effectiveDate", "Takes effect", m_effective);
    addField("deadline", "Deadline / reopens", m_deadline);
    addField("status", "Status", m_status);
    addField("unilateral", "Unilateral", m_unilateral, 1);
    addField("urgent", "Urgent", m_urgent, 1);
    addField("urgentReason", "Why urgent", m_urgentReason, 1);
    addField("relatedContractId", "Absorbs contract", m_absorbed, 1);
    // A pharmacy breach notice may withhold payment.
    if (m_group == QLatin1String("pharmacy") || m_group == QLatin1String("appliance"))
        addField("withheldPence", "Payment withheld (breach notice)", m_withheld, 1);
    addWide("description", "Description", m_description);
    setCode(m_absorbed, e.relatedContractId);
    setCode(m_kind, e.kind);
    setCode(m_status, e.status);
    m_date->setDate(e.eventDate);
    m_effective->setDate(e.effectiveDate);
    m_deadline->setDate(e.deadline);
    m_unilateral->setChecked(e.unilateral);
    m_urgent->setChecked(e.urgent);
    m_urgentReason->setEnabled(e.urgent && !ws.isReadOnly());
    connect(m_urgent, &QCheckBox::toggled, m_urgentReason, &QWidget::setEnabled);
    auto breachOnly = [this] {
        m_withheld->setEnabled(code(m_kind) == QLatin1String("breach_notice") && !m_ws.isReadOnly());
    };
    connect(m_kind, &QComboBox::currentIndexChanged, this, breachOnly);
    breachOnly();
    markClean();
}

void EventEditor::commit() {
    ContractEvent e = m_record;
    e.kind = code(m_kind);
    e.eventDate = m_date->date();
    e.effectiveDate = m_effective->date();
    e.deadline = m_deadline->date();
    e.status = code(m_status);
    e.description = m_description->toPlainText().trimmed();
    e.unilateral = m_unilateral->isChecked();
    e.urgent = m_urgent->isChecked();
    e.urgentReason = e.urgent ? m_urgentReason->text().trimmed() : QString();
    e.relatedContractId = e.kind == QLatin1String("merger") ? code(m_absorbed) : QString();
    Issues parse;
    e.withheldPence = e.kind == QLatin1String("breach_notice") ? readMoney(m_withheld, "withheldPence", parse) : std::nullopt;
    parse.throwIfAny();
    ContractBook book(m_ws.db());
    if (e.id.isEmpty()) m_record = book.addEvent(e);
    else book.updateEvent(e);
    m_ws.notifyChanged();
}

// ---- dental activity ----------------------------------------------------------------------------

ActivityEditor::ActivityEditor(Workspace& ws, const DentalActivity& a, QWidget* parent)
    : RecordForm(ws, a.id.isEmpty() ? QStringLiteral("New dental activity year")
                                    : QStringLiteral("Dental activity %1").arg(a.yearLabel()),
                 parent),
      m_record(a) {
    setObjectName(QStringLiteral("activityEditor"));
    m_year = new FinancialYearSpin;
    m_year->setRange(2006, 2100);
    m_year->setValue(a.yearStart > 0 ? a.yearStart : ws.db().clock().today().addMonths(-3).year());
    m_udaTarget = line(a.udaTarget != 0 ? a.udaTarget.toText() : QString());
    m_udaDone = line(unitsText(a.udaDelivered), QStringLiteral("at year end"));
    m_udaH1 = line(unitsText(a.udaDeliveredH1), QStringLiteral("by 30 September"));
    m_uoaTarget = line(a.uoaTarget != 0 ? a.uoaTarget.toText() : QString());
    m_uoaDone = line(unitsText(a.uoaDelivered), QStringLiteral("at year end"));
    m_uoaH1 = line(unitsText(a.uoaDeliveredH1), QStringLiteral("by 30 September"));
    m_udaValue = line(a.udaValuePence ? fmt::money(*a.udaValuePence) : QString(), QStringLiteral("£ per UDA"));
    m_outcome = new QLabel;
    m_outcome->setObjectName(QStringLiteral("activityOutcome"));
    m_outcome->setAccessibleName(QStringLiteral("Year-end outcome"));
    m_outcome->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    addField("yearStart", "Financial year starting April", m_year);
    addField("udaTarget", "UDA target", m_udaTarget);
    addField("udaDelivered", "UDAs delivered", m_udaDone);
    addField("udaDeliveredH1", "UDAs by 30 September", m_udaH1);
    addField("uoaTarget", "UOA target", m_uoaTarget, 1);
    addField("uoaDelivered", "UOAs delivered", m_uoaDone, 1);
    addField("uoaDeliveredH1", "UOAs by 30 September", m_uoaH1, 1);
    addField("udaValuePence", "UDA value", m_udaValue);
    addNote(m_outcome, 0);
    for (QLineEdit* e : {m_udaTarget, m_udaDone, m_udaH1, m_uoaTarget, m_uoaDone, m_uoaH1, m_udaValue})
        connect(e, &QLineEdit::textChanged, this, &ActivityEditor::updateOutcome);
    connect(m_year, &QSpinBox::valueChanged, this, &ActivityEditor::updateOutcome);
    updateOutcome();
    markClean();
}

QString ActivityEditor::outcomeText() const { return m_outcome->text(); }

void ActivityEditor::updateOutcome() {
    Issues ignored;
    const Units udaTarget = readUnits(m_udaTarget, "udaTarget", ignored).value_or(Units());
    const Units uoaTarget = readUnits(m_uoaTarget, "uoaTarget", ignored).value_or(Units());
    const auto udaValue = readMoney(m_udaValue, "x", ignored);
    QStringList lines;
    DentalActivity year;
    year.yearStart = m_year->value();
    lines << QStringLiteral("Financial year %1").arg(year.yearLabel());
    auto describeUnits = [&](const QString& unit, Units target, QLineEdit* done, QLineEdit* h1) {
        if (target <= 0) return;
        const auto delivered = readUnits(done, "x", ignored);
        const DeliveryResult r = yearEndOutcome(target, delivered, ActivityValue{unit == QLatin1String("UDA") ? udaValue : std::nullopt, {}});
        QString line = QStringLiteral("%1s: ").arg(unit);
        if (r.percent) line += QStringLiteral("%1 delivered — ").arg(r.percentText);
        line += describe(r.outcome);
        if (r.units > 0)
            line += r.pence ? QStringLiteral(" (%1 %2s, %3)").arg(r.units.display(), unit, fmt::money(*r.pence))
                            : QStringLiteral(" (%1 %2s)").arg(r.units.display(), unit);
        lines << line;
        if (midYearReviewDue(target, readUnits(h1, "x", ignored)))
            lines << QStringLiteral("%1s: under %2% delivered by 30 September — mid-year review due")
                         .arg(unit)
                         .arg(policy::kDentalMidYearMinPercent);
    };
    describeUnits(QStringLiteral("UDA"), udaTarget, m_udaDone, m_udaH1);
    describeUnits(QStringLiteral("UOA"), uoaTarget, m_uoaDone, m_uoaH1);
    m_outcome->setText(lines.join(QLatin1Char('\n')));
}

void ActivityEditor::commit() {
    DentalActivity a = m_record;
    Issues parse;
    a.yearStart = m_year->value();
    a.udaTarget = readUnits(m_udaTarget, "udaTarget", parse).value_or(Units());
    a.uoaTarget = readUnits(m_uoaTarget, "uoaTarget", parse).value_or(Units());
    a.udaDelivered = readUnits(m_udaDone, "udaDelivered", parse);
    a.udaDeliveredH1 = readUnits(m_udaH1, "udaDeliveredH1", parse);
    a.uoaDelivered = readUnits(m_uoaDone, "uoaDelivered", parse);
    a.uoaDeliveredH1 = readUnits(m_uoaH1, "uoaDeliveredH1", parse);
    a.udaValuePence = readMoney(m_udaValue, "udaValuePence", parse);
    parse.throwIfAny();
    m_record = ContractBook(m_ws.db()).saveActivity(a);
    m_ws.notifyChanged();
}

} // namespace cb::ui
