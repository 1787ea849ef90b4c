#include "contracts/Contract.h"

#include "common/Identifiers.h"
#include "common/Policy.h"
#include "contractors/Contractor.h"
#include "store/RecordType.h"
#include "store/RowValues.h"

#include <cmath>

namespace cb {

using namespace rowval;

namespace {
bool isPharmacyGroup(const QString& g) { return g == QLatin1String("pharmacy") || g == QLatin1String("appliance"); }
} // namespace

// ---- vocabularies -------------------------------------------------------------------------------

const QList<Choice>& contractRoutes() {
    static const QList<Choice> list = {{"gms", "GMS"},
                                       {"pms", "PMS"},
                                       {"apms", "APMS"},
                                       {"dispensing_doctor", "Dispensing doctor arrangements"},
                                       {"gds", "GDS contract"},
                                       {"pds", "PDS agreement"},
                                       {"gos_mandatory", "GOS mandatory services"},
                                       {"gos_additional", "GOS additional services"},
                                       {"pharmacy_list", "Pharmaceutical list inclusion"},
                                       {"distance_selling", "Distance-selling pharmacy"},
                                       {"lps", "LPS contract"},
                                       {"appliance_list", "Dispensing appliance contractor"},
                                       {"nhs_standard", "NHS Standard Contract"}};
    return list;
}

QList<Choice> routesForGroup(const QString& group) {
    QStringList codes;
    if (group == QLatin1String("general_practice")) codes = {"gms", "pms", "apms", "dispensing_doctor"};
    else if (group == QLatin1String("dental")) codes = {"gds", "pds"};
    else if (group == QLatin1String("eye_health")) codes = {"gos_mandatory", "gos_additional"};
    else if (group == QLatin1String("pharmacy")) codes = {"pharmacy_list", "distance_selling", "lps"};
    else if (group == QLatin1String("appliance")) codes = {"appliance_list"};
    codes << QStringLiteral("nhs_standard"); // enhanced and local services, any group
    QList<Choice> out;
    for (const Choice& c : contractRoutes())
        if (codes.contains(c.code)) out << c;
    return out;
}

bool isTimeLimitedRoute(const QString& route) {
    return route == QLatin1String("apms") || route == QLatin1String("pds") || route == QLatin1String("lps") ||
           route == QLatin1String("nhs_standard");
}

const QList<Choice>& contractStatuses() {
    static const QList<Choice> list = {{"active", "Active"},
                                       {"notice_served", "Notice served"},
                                       {"terminated", "Terminated"},
                                       {"expired", "Expired"},
                                       {"handed_back", "Handed back"}};
    return list;
}

const QList<Choice>& serviceCategories() {
    static const QList<Choice> list = {{"essential", "Essential"},
                                       {"additional", "Additional"},
                                       {"enhanced", "Enhanced"},
                                       {"advanced", "Advanced"},
                                       {"out_of_hours", "Out-of-hours"}};
    return list;
}

const QList<Choice>& contractEventKinds() {
    static const QList<Choice> list = {{"variation", "Variation"},
                                       {"remedial_notice", "Remedial notice"},
                                       {"breach_notice", "Breach notice"},
                                       {"termination_notice", "Termination notice"},
                                       {"list_closure", "List closure"},
                                       {"merger", "Merger"},
                                       {"relocation", "Relocation"},
                                       {"change_of_ownership", "Change of ownership"},
                                       {"opening_hours_change", "Opening hours change"},
                                       {"handback", "Handback"}};
    return list;
}

const QList<Choice>& contractEventStatuses() {
    static const QList<Choice> list = {
        {"in_progress", "In progress"}, {"completed", "Completed"}, {"withdrawn", "Withdrawn"}};
    return list;
}

// ---- rows ---------------------------------------------------------------------------------------

ContractOwner contractOwner(Database& db, const QString& contractId) {
    const auto row = db.queryOne(QStringLiteral("SELECT k.contractor_id, c.contractor_group, k.route, k.reference FROM "
                                                "contract k JOIN contractor c ON c.id = k.contractor_id WHERE k.id = ?"),
                                 {contractId});
    if (!row) return {};
    Contract k;
    k.route = row->value("route").toString();
    k.reference = row->value("reference").toString();
    return {row->value("contractor_id").toString(), row->value("contractor_group").toString(), k.label()};
}

namespace {
QString ownerOfContract(Database& db, const Row& r) { return contractOwner(db, r.value("contract_id").toString()).contractorId; }
} // namespace

const RecordModel<Contract>& contractRecord() {
    static const RecordModel<Contract> model = [] {
        RecordModel<Contract> t("contract", "Contract", &Contract::id);
        t.ref("contractor_id", &Contract::contractorId, "contractor").required()
            .code("route", &Contract::route, contractRoutes).required()
            .text("reference", &Contract::reference)
            .date("start_date", &Contract::startDate, "start date").required()
            .date("end_date", &Contract::endDate, "end date")
            .code("status", &Contract::status, contractStatuses).required()
            .money("annual_value_pence", &Contract::annualValuePence, "annual value").as("annualValue")
            .integer("list_size", &Contract::listSize, "list size")
            .integer("uda_target", &Contract::udaTarget, "UDA target")
            .integer("uoa_target", &Contract::uoaTarget, "UOA target")
            .real("core_hours", &Contract::coreHours, "core hours")
            .real("total_hours", &Contract::totalHours, "total hours")
            .text("notes", &Contract::notes)
            .version(&Contract::rowVersion);
        t.recordType = QStringLiteral("contracts");
        t.title = QStringLiteral("Contracts");
        t.validate = [](Database& db, const Row& r, Issues& i) {
            validate(Contract::fromRow(r), contractorGroupOf(db, r.value("contractor_id").toString()), i);
        };
        t.owner = [](Database&, const Row& r) { return r.value("contractor_id").toString(); };
        t.label = [](Database&, const Row& r) { return Contract::fromRow(r).label(); };
        return t;
    }();
    return model;
}

const RecordModel<ContractedService>& contractedServiceRecord() {
    static const RecordModel<ContractedService> model = [] {
        RecordModel<ContractedService> t("contract_service", "Service", &ContractedService::id);
        t.ref("contract_id", &ContractedService::contractId, "contract").required()
            .code("category", &ContractedService::category, serviceCategories).required()
            .text("name", &ContractedService::name).required()
            .flag("opted_out", &ContractedService::optedOut, "opted out")
            .date("start_date", &ContractedService::startDate, "start date")
            .date("end_date", &ContractedService::endDate, "end date")
            .version(&ContractedService::rowVersion);
        t.recordType = QStringLiteral("services");
        t.title = QStringLiteral("Contracted services");
        t.validate = [](Database& db, const Row& r, Issues& i) {
            validate(ContractedService::fromRow(r), contractOwner(db, r.value("contract_id").toString()).group, i);
        };
        t.owner = ownerOfContract;
        t.label = [](Database& db, const Row& r) {
            return contractOwner(db, r.value("contract_id").toString()).label + QStringLiteral(": ") + r.value("name").toString();
        };
        return t;
    }();
    return model;
}

const RecordModel<ContractEvent>& contractEventRecord() {
    static const RecordModel<ContractEvent> model = [] {
        RecordModel<ContractEvent> t("contract_event", "Contract event", &ContractEvent::id);
        t.ref("contract_id", &ContractEvent::contractId, "contract").required()
            .code("kind", &ContractEvent::kind, contractEventKinds).required()
            .date("event_date", &ContractEvent::eventDate, "date").required()
            .date("effective_date", &ContractEvent::effectiveDate, "effective date")
            .date("deadline", &ContractEvent::deadline)
            .text("description", &ContractEvent::description).required()
            .code("status", &ContractEvent::status, contractEventStatuses).required()
            .flag("unilateral", &ContractEvent::unilateral)
            .flag("urgent", &ContractEvent::urgent)
            .text("urgent_reason", &ContractEvent::urgentReason, "reason for urgency")
            .version(&ContractEvent::rowVersion);
        t.recordType = QStringLiteral("events");
        t.title = QStringLiteral("Contract events");
        t.validate = [](Database& db, const Row& r, Issues& i) {
            validate(ContractEvent::fromRow(r), contractOwner(db, r.value("contract_id").toString()).group, i);
        };
        t.owner = ownerOfContract;
        t.label = [](Database& db, const Row& r) {
            return labelFor(contractEventKinds(), r.value("kind").toString()) + QStringLiteral(" on ") +
                   contractOwner(db, r.value("contract_id").toString()).label;
        };
        return t;
    }();
    return model;
}

const RecordModel<DentalActivity>& dentalActivityRecord() {
    static const RecordModel<DentalActivity> model = [] {
        RecordModel<DentalActivity> t("dental_activity", "Dental activity", &DentalActivity::id);
        t.ref("contract_id", &DentalActivity::contractId, "contract").required()
            .year("year_start", &DentalActivity::yearStart, "financial year").required()
            .integer("uda_target", &DentalActivity::udaTarget, "UDA target")
            .integer("uda_delivered", &DentalActivity::udaDelivered, "UDAs delivered")
            .integer("uda_delivered_h1", &DentalActivity::udaDeliveredH1, "UDAs delivered by 30 September")
            .integer("uoa_target", &DentalActivity::uoaTarget, "UOA target")
            .integer("uoa_delivered", &DentalActivity::uoaDelivered, "UOAs delivered")
            .integer("uoa_delivered_h1", &DentalActivity::uoaDeliveredH1, "UOAs delivered by 30 September")
            .version(&DentalActivity::rowVersion);
        t.recordType = QStringLiteral("dental-activity");
        t.title = QStringLiteral("Dental activity");
        t.validate = [](Database&, const Row& r, Issues& i) { validate(DentalActivity::fromRow(r), i); };
        t.owner = ownerOfContract;
        t.label = [](Database& db, const Row& r) {
            return QStringLiteral("%1 on %2").arg(DentalActivity::fromRow(r).yearLabel(),
                                                  contractOwner(db, r.value("contract_id").toString()).label);
        };
        return t;
    }();
    return model;
}

Row Contract::toRow() const { return contractRecord().toRow(*this); }
Contract Contract::fromRow(const Row& r) { return contractRecord().fromRow(r); }
Row ContractedService::toRow() const { return contractedServiceRecord().toRow(*this); }
ContractedService ContractedService::fromRow(const Row& r) { return contractedServiceRecord().fromRow(r); }
Row ContractEvent::toRow() const { return contractEventRecord().toRow(*this); }
ContractEvent ContractEvent::fromRow(const Row& r) { return contractEventRecord().fromRow(r); }
Row DentalActivity::toRow() const { return dentalActivityRecord().toRow(*this); }
DentalActivity DentalActivity::fromRow(const Row& r) { return dentalActivityRecord().fromRow(r); }

QString Contract::label() const {
    // "GMS contract GMS-1", but "PDS agreement PDS-1" and "NHS Standard Contract SC-1": only the bare
    // route acronyms need the word "contract".
    QString name = labelFor(contractRoutes(), route);
    if (name == name.toUpper()) name += QStringLiteral(" contract");
    return reference.isEmpty() ? name : QStringLiteral("%1 %2").arg(name, reference);
}

QString DentalActivity::yearLabel() const {
    return QStringLiteral("%1/%2").arg(yearStart).arg((yearStart + 1) % 100, 2, 10, QLatin1Char('0'));
}

// ---- dental year end ----------------------------------------------------------------------------

DeliveryResult yearEndOutcome(qint64 target, std::optional<qint64> delivered) {
    DeliveryResult r;
    if (target <= 0 || !delivered) return r;
    const double pct = 100.0 * double(*delivered) / double(target);
    r.percent = pct;
    if (pct < policy::kDentalClawbackBelowPercent) {
        r.outcome = YearEndOutcome::Clawback;
        r.units = target - *delivered;
    } else if (pct < policy::kDentalFullDeliveryPercent) {
        r.outcome = YearEndOutcome::ShortfallCarriedForward;
        r.units = target - *delivered;
    } else if (*delivered == target) {
        r.outcome = YearEndOutcome::DeliveredInFull;
    } else if (pct <= policy::kDentalCarryForwardUpToPercent) {
        r.outcome = YearEndOutcome::OverDeliveryCarriedForward;
        r.units = *delivered - target;
    } else {
        r.outcome = YearEndOutcome::ExcessNotCarried;
        // Only up to 102% carries forward; the rest is not paid or carried.
        r.units = static_cast<qint64>(std::floor(target * policy::kDentalCarryForwardUpToPercent / 100.0)) - target;
    }
    return r;
}

QString describe(YearEndOutcome outcome) {
    switch (outcome) {
    case YearEndOutcome::NotKnown: return QStringLiteral("Not yet known");
    case YearEndOutcome::Clawback: return QStringLiteral("Below 96%: shortfall clawed back");
    case YearEndOutcome::ShortfallCarriedForward: return QStringLiteral("96–100%: shortfall carried forward");
    case YearEndOutcome::DeliveredInFull: return QStringLiteral("Delivered in full");
    case YearEndOutcome::OverDeliveryCarriedForward: return QStringLiteral("100–102%: over-delivery carried forward");
    case YearEndOutcome::ExcessNotCarried: return QStringLiteral("Above 102%: excess not carried forward");
    }
    return {};
}

bool midYearReviewDue(qint64 target, std::optional<qint64> deliveredH1) {
    if (target <= 0 || !deliveredH1) return false;
    return 100.0 * double(*deliveredH1) / double(target) < policy::kDentalMidYearMinPercent;
}

// ---- validation ---------------------------------------------------------------------------------

void validate(const Contract& c, const QString& group, Issues& issues) {
    if (!hasCode(contractRoutes(), c.route)) {
        issues.add("route", QStringLiteral("Choose the contract route."));
    } else if (!hasCode(routesForGroup(group), c.route)) {
        issues.add("route", QStringLiteral("A %1 contractor cannot hold a %2 contract. Choose one of: %3.")
                                .arg(labelFor(contractorGroups(), group).toLower(), labelFor(contractRoutes(), c.route),
                                     describeChoices(routesForGroup(group))));
    }
    if (!c.startDate.isValid()) issues.add("startDate", QStringLiteral("Enter the date the contract started."));
    if (isTimeLimitedRoute(c.route) && !c.endDate.isValid())
        issues.add("endDate", QStringLiteral("A %1 contract is time-limited: enter its end date.")
                                  .arg(labelFor(contractRoutes(), c.route)));
    if (!isTimeLimitedRoute(c.route) && hasCode(contractRoutes(), c.route) && c.endDate.isValid() &&
        c.status == QLatin1String("active"))
        issues.add("endDate", QStringLiteral("A %1 contract is open-ended: leave the end date empty while it is "
                                             "active (record a termination notice or handback instead).")
                                  .arg(labelFor(contractRoutes(), c.route)));
    if (c.startDate.isValid() && c.endDate.isValid() && c.endDate <= c.startDate)
        issues.add("endDate", QStringLiteral("The end date (%1) must be after the start date (%2).")
                                  .arg(fmt::date(c.endDate), fmt::date(c.startDate)));
    if (!hasCode(contractStatuses(), c.status))
        issues.add("status", QStringLiteral("Choose a status: %1.").arg(describeChoices(contractStatuses())));
    if (c.annualValuePence && *c.annualValuePence < 0)
        issues.add("annualValue", QStringLiteral("The annual value cannot be negative."));
    if (c.listSize) {
        if (group != QLatin1String("general_practice"))
            issues.add("listSize", QStringLiteral("Only GP contracts have a registered list size."));
        else if (*c.listSize < 0 || *c.listSize > 500000)
            issues.add("listSize", QStringLiteral("The list size must be between 0 and 500,000 patients."));
    }
    for (const auto& [field, value] : {std::pair{"udaTarget", c.udaTarget}, std::pair{"uoaTarget", c.uoaTarget}}) {
        if (!value) continue;
        if (group != QLatin1String("dental"))
            issues.add(field, QStringLiteral("Only dental contracts have UDA and UOA targets."));
        else if (*value < 0)
            issues.add(field, QStringLiteral("Activity targets cannot be negative."));
    }
    if (c.coreHours || c.totalHours) {
        if (!isPharmacyGroup(group)) {
            issues.add("coreHours", QStringLiteral("Only pharmacy and appliance contracts record weekly opening hours."));
        } else {
            if (c.coreHours && (*c.coreHours < 0 || *c.coreHours > policy::kPharmacyMaxWeeklyHours))
                issues.add("coreHours", QStringLiteral("Core hours must be between 0 and 168 a week."));
            if (c.totalHours && (*c.totalHours < 0 || *c.totalHours > policy::kPharmacyMaxWeeklyHours))
                issues.add("totalHours", QStringLiteral("Total hours must be between 0 and 168 a week."));
            if (c.coreHours && c.totalHours && *c.totalHours < *c.coreHours)
                issues.add("totalHours", QStringLiteral("Total opening hours (%1) cannot be fewer than core hours (%2).")
                                             .arg(*c.totalHours).arg(*c.coreHours));
        }
    }
}

void validate(const ContractedService& s, const QString& group, Issues& issues) {
    if (!hasCode(serviceCategories(), s.category))
        issues.add("category", QStringLiteral("Choose the kind of service: %1.").arg(describeChoices(serviceCategories())));
    if (s.name.trimmed().isEmpty()) issues.add("name", QStringLiteral("Enter the service's name."));
    if (s.category == QLatin1String("advanced") && !isPharmacyGroup(group))
        issues.add("category", QStringLiteral("Advanced services are pharmacy services."));
    if ((s.category == QLatin1String("additional") || s.category == QLatin1String("out_of_hours")) &&
        group != QLatin1String("general_practice"))
        issues.add("category", QStringLiteral("Additional and out-of-hours services belong to GP contracts."));
    if (s.optedOut && s.category != QLatin1String("additional") && s.category != QLatin1String("out_of_hours"))
        issues.add("optedOut", QStringLiteral("Only additional and out-of-hours services can be opted out of."));
    if (s.startDate.isValid() && s.endDate.isValid() && s.endDate < s.startDate)
        issues.add("endDate", QStringLiteral("The service's end date is before its start date."));
}

void validate(const ContractEvent& e, const QString& group, Issues& issues) {
    if (!hasCode(contractEventKinds(), e.kind)) {
        issues.add("kind", QStringLiteral("Choose what kind of event this is."));
        return;
    }
    const QString kindName = labelFor(contractEventKinds(), e.kind);
    if (!e.eventDate.isValid()) issues.add("eventDate", QStringLiteral("Enter the date of the %1.").arg(kindName.toLower()));
    if (e.description.trimmed().isEmpty())
        issues.add("description", QStringLiteral("Describe the %1 (for a notice: the breach and the steps required).")
                                      .arg(kindName.toLower()));
    if (!hasCode(contractEventStatuses(), e.status))
        issues.add("status", QStringLiteral("Choose a status: %1.").arg(describeChoices(contractEventStatuses())));
    if (e.eventDate.isValid() && e.effectiveDate.isValid() && e.effectiveDate < e.eventDate)
        issues.add("effectiveDate", QStringLiteral("The effective date is before the date of the %1.").arg(kindName.toLower()));
    if (e.eventDate.isValid() && e.deadline.isValid() && e.deadline < e.eventDate)
        issues.add("deadline", QStringLiteral("The deadline is before the date of the %1.").arg(kindName.toLower()));
    if (e.urgent && e.urgentReason.trimmed().isEmpty())
        issues.add("urgentReason", QStringLiteral("Say why this is urgent (patient safety or material financial loss)."));

    if (e.kind == QLatin1String("remedial_notice")) {
        const int minDays = isPharmacyGroup(group) ? policy::kRemedialNoticeMinDaysPharmacy
                                                   : policy::kRemedialNoticeMinDaysGp;
        if (!e.deadline.isValid()) {
            issues.add("deadline", QStringLiteral("Enter the date by which the breach must be remedied."));
        } else if (e.eventDate.isValid() && !e.urgent && e.eventDate.daysTo(e.deadline) < minDays) {
            issues.add("deadline",
                       QStringLiteral("A remedial notice must give at least %1 days to put the breach right (this "
                                      "gives %2). Set the deadline on or after %3, or mark it urgent for patient "
                                      "safety or financial loss and say why.")
                           .arg(minDays)
                           .arg(e.eventDate.daysTo(e.deadline))
                           .arg(fmt::date(e.eventDate.addDays(minDays))));
        }
    }
    if (e.kind == QLatin1String("list_closure")) {
        if (group != QLatin1String("general_practice"))
            issues.add("kind", QStringLiteral("Only GP practices close their lists."));
        if (!e.effectiveDate.isValid())
            issues.add("effectiveDate", QStringLiteral("Enter the date the list closes."));
        if (!e.deadline.isValid())
            issues.add("deadline", QStringLiteral("Enter the date the list reopens."));
        if (e.effectiveDate.isValid() && e.deadline.isValid()) {
            const QDate minEnd = e.effectiveDate.addMonths(policy::kListClosureMinMonths);
            const QDate maxEnd = e.effectiveDate.addMonths(policy::kListClosureMaxMonths);
            if (e.deadline < minEnd || e.deadline > maxEnd)
                issues.add("deadline", QStringLiteral("A list closure lasts 3 to 12 months: the reopening date must "
                                                      "be between %1 and %2.")
                                           .arg(fmt::date(minEnd), fmt::date(maxEnd)));
        }
    }
    if (e.kind == QLatin1String("variation") && e.unilateral) {
        if (!e.effectiveDate.isValid())
            issues.add("effectiveDate", QStringLiteral("Enter the date the variation takes effect."));
        else if (e.eventDate.isValid() && e.eventDate.daysTo(e.effectiveDate) < policy::kUnilateralVariationMinDays)
            issues.add("effectiveDate",
                       QStringLiteral("A variation imposed by the commissioner needs at least 14 days' notice: it can "
                                      "take effect on %1 at the earliest.")
                           .arg(fmt::date(e.eventDate.addDays(policy::kUnilateralVariationMinDays))));
    }
    if (e.kind == QLatin1String("termination_notice") && !e.effectiveDate.isValid())
        issues.add("effectiveDate", QStringLiteral("Enter the date the contract terminates."));
}

void validate(const DentalActivity& a, Issues& issues) {
    if (a.yearStart < 2006 || a.yearStart > 2100)
        issues.add("yearStart", QStringLiteral("Enter the financial year, like 2025/26."));
    if (a.udaTarget < 0 || a.uoaTarget < 0)
        issues.add("udaTarget", QStringLiteral("Targets cannot be negative."));
    if (a.udaTarget == 0 && a.uoaTarget == 0)
        issues.add("udaTarget", QStringLiteral("Enter the UDA target, the UOA target, or both."));
    for (const auto& [field, v] : {std::pair{"udaDelivered", a.udaDelivered}, std::pair{"uoaDelivered", a.uoaDelivered},
                                   std::pair{"udaDeliveredH1", a.udaDeliveredH1},
                                   std::pair{"uoaDeliveredH1", a.uoaDeliveredH1}})
        if (v && *v < 0) issues.add(field, QStringLiteral("Delivered activity cannot be negative."));
    if (a.udaDelivered && a.udaDeliveredH1 && *a.udaDeliveredH1 > *a.udaDelivered)
        issues.add("udaDeliveredH1", QStringLiteral("UDAs delivered by 30 September cannot exceed the year's total."));
    if (a.uoaDelivered && a.uoaDeliveredH1 && *a.uoaDeliveredH1 > *a.uoaDelivered)
        issues.add("uoaDeliveredH1", QStringLiteral("UOAs delivered by 30 September cannot exceed the year's total."));
    if (a.udaTarget == 0 && a.udaDelivered && *a.udaDelivered > 0)
        issues.add("udaDelivered", QStringLiteral("UDAs were delivered but there is no UDA target: enter the target."));
}

// ---- service ------------------------------------------------------------------------------------

ContractBook::Owner ContractBook::ownerOfContractor(const QString& contractorId) {
    const auto row = m_db.queryOne(QStringLiteral("SELECT contractor_group FROM contractor WHERE id = ?"), {contractorId});
    if (!row) throw ValidationError("contractorId", QStringLiteral("The contractor no longer exists."));
    return {contractorId, row->value("contractor_group").toString(), {}};
}

ContractBook::Owner ContractBook::ownerOfContract(const QString& contractId) {
    const ContractOwner owner = contractOwner(m_db, contractId);
    if (owner.contractorId.isEmpty()) throw ValidationError("contractId", QStringLiteral("The contract no longer exists."));
    return {owner.contractorId, owner.group, owner.label};
}

Contract ContractBook::create(Contract c) {
    if (c.id.isEmpty()) c.id = Database::newId();
    c.reference = c.reference.trimmed();
    const Owner owner = ownerOfContractor(c.contractorId);
    Issues issues;
    validate(c, owner.group, issues);
    issues.throwIfAny();
    m_db.save("contract", c.toRow(), Database::SaveMode::New);
    return c;
}

void ContractBook::update(Contract c) {
    c.reference = c.reference.trimmed();
    const Owner owner = ownerOfContractor(c.contractorId);
    Issues issues;
    validate(c, owner.group, issues);
    issues.throwIfAny();
    m_db.write([&] { m_db.save("contract", c.toRow(), Database::SaveMode::Existing); });
}

void ContractBook::remove(const QString& id) {
    const auto c = get(id);
    if (!c) return;
    const qint64 dependents =
        m_db.scalar(QStringLiteral("SELECT (SELECT count(*) FROM contract_event WHERE contract_id = ?1) + "
                                   "(SELECT count(*) FROM contract_service WHERE contract_id = ?1) + "
                                   "(SELECT count(*) FROM dental_activity WHERE contract_id = ?1)"),
                    {id})
            .toLongLong();
    if (dependents > 0)
        throw ValidationError(QString(), QStringLiteral("This contract cannot be deleted because it has services, "
                                                        "events or activity recorded against it. Mark it terminated, "
                                                        "expired or handed back instead."));
    try {
        m_db.remove("contract", id);
    } catch (const DatabaseError&) {
        throw ValidationError(QString(), QStringLiteral("This contract cannot be deleted because other records refer "
                                                        "to it. Mark it terminated or expired instead."));
    }
}

std::optional<Contract> ContractBook::get(const QString& id) {
    const auto row = m_db.fetchRecord("contract", id);
    return row ? std::optional<Contract>(Contract::fromRow(*row)) : std::nullopt;
}

QList<Contract> ContractBook::forContractor(const QString& contractorId) {
    QList<Contract> out;
    for (const Row& r : m_db.query(QStringLiteral("SELECT * FROM contract WHERE contractor_id = ? ORDER BY start_date DESC"),
                                   {contractorId}))
        out << Contract::fromRow(r);
    return out;
}

ContractedService ContractBook::addService(ContractedService s) {
    if (s.id.isEmpty()) s.id = Database::newId();
    s.name = s.name.simplified();
    const Owner owner = ownerOfContract(s.contractId);
    Issues issues;
    validate(s, owner.group, issues);
    issues.throwIfAny();
    m_db.save("contract_service", s.toRow(), Database::SaveMode::New);
    return s;
}

void ContractBook::updateService(const ContractedService& s) {
    const Owner owner = ownerOfContract(s.contractId);
    Issues issues;
    validate(s, owner.group, issues);
    issues.throwIfAny();
    m_db.write([&] { m_db.save("contract_service", s.toRow(), Database::SaveMode::Existing); });
}

void ContractBook::removeService(const QString& id) {
    const auto row = m_db.fetchRecord("contract_service", id);
    if (!row) return;
    const Owner owner = ownerOfContract(row->value("contract_id").toString());
    m_db.write([&] {
        m_db.remove("contract_service", id);
    });
}

QList<ContractedService> ContractBook::services(const QString& contractId) {
    QList<ContractedService> out;
    for (const Row& r : m_db.query(QStringLiteral("SELECT * FROM contract_service WHERE contract_id = ? ORDER BY "
                                                  "CASE category WHEN 'essential' THEN 0 WHEN 'additional' THEN 1 "
                                                  "WHEN 'enhanced' THEN 2 WHEN 'advanced' THEN 3 ELSE 4 END, name"),
                                   {contractId}))
        out << ContractedService::fromRow(r);
    return out;
}

ContractEvent ContractBook::addEvent(ContractEvent e) {
    if (e.id.isEmpty()) e.id = Database::newId();
    e.description = e.description.trimmed();
    const Owner owner = ownerOfContract(e.contractId);
    Issues issues;
    validate(e, owner.group, issues);
    issues.throwIfAny();
    m_db.write([&] {
        m_db.save("contract_event", e.toRow(), Database::SaveMode::New);
    });
    return e;
}

void ContractBook::updateEvent(const ContractEvent& e) {
    const Owner owner = ownerOfContract(e.contractId);
    Issues issues;
    validate(e, owner.group, issues);
    issues.throwIfAny();
    m_db.write([&] {
        m_db.save("contract_event", e.toRow(), Database::SaveMode::Existing);
    });
}

void ContractBook::removeEvent(const QString& id) {
    const auto e = event(id);
    if (!e) return;
    const Owner owner = ownerOfContract(e->contractId);
    try {
        m_db.write([&] {
            m_db.remove("contract_event", id);
        });
    } catch (const DatabaseError&) {
        throw ValidationError(QString(), QStringLiteral("This event cannot be deleted because other records (such as "
                                                        "a concern) refer to it. Mark it withdrawn instead."));
    }
}

std::optional<ContractEvent> ContractBook::event(const QString& id) {
    const auto row = m_db.fetchRecord("contract_event", id);
    return row ? std::optional<ContractEvent>(ContractEvent::fromRow(*row)) : std::nullopt;
}

QList<ContractEvent> ContractBook::events(const QString& contractId) {
    QList<ContractEvent> out;
    for (const Row& r : m_db.query(QStringLiteral("SELECT * FROM contract_event WHERE contract_id = ? ORDER BY event_date DESC"),
                                   {contractId}))
        out << ContractEvent::fromRow(r);
    return out;
}

DentalActivity ContractBook::saveActivity(DentalActivity a) {
    const Owner owner = ownerOfContract(a.contractId);
    Issues issues;
    if (owner.group != QLatin1String("dental"))
        issues.add("contractId", QStringLiteral("Dental activity can only be recorded on a dental contract."));
    validate(a, issues);
    const auto existing = m_db.queryOne(QStringLiteral("SELECT id FROM dental_activity WHERE contract_id = ? AND year_start = ?"),
                                        {a.contractId, a.yearStart});
    if (existing && !a.id.isEmpty() && existing->value("id").toString() != a.id)
        issues.add("yearStart", QStringLiteral("Activity for %1 is already recorded on this contract: edit that year.")
                                    .arg(a.yearLabel()));
    issues.throwIfAny();
    if (a.id.isEmpty()) a.id = existing ? existing->value("id").toString() : Database::newId();
    m_db.save(dentalActivityRecord(), a.toRow(), existing ? Database::SaveMode::Existing : Database::SaveMode::New);
    return a;
}

void ContractBook::removeActivity(const QString& id) {
    m_db.remove(dentalActivityRecord(), id);
}

QList<DentalActivity> ContractBook::activity(const QString& contractId) {
    QList<DentalActivity> out;
    for (const Row& r : m_db.query(QStringLiteral("SELECT * FROM dental_activity WHERE contract_id = ? ORDER BY year_start DESC"),
                                   {contractId}))
        out << DentalActivity::fromRow(r);
    return out;
}

} // namespace cb
