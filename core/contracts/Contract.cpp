#include "contracts/Contract.h"

#include "common/Identifiers.h"
#include "common/Policy.h"
#include "concerns/Proportionality.h"
#include "concerns/Reason.h"
#include "contractors/Contractor.h"
#include "store/ExportOrder.h"
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
    // Dispensing doctor arrangements are an attribute of the GP contract (Contract::dispensing), not a route.
    if (group == QLatin1String("general_practice")) codes = {"gms", "pms", "apms"};
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
                                       {"handed_back", "Handed back"},
                                       {"merged", "Merged into another contract"}};
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
                                       {"handback", "Handback"},
                                       {"branch_closure", "Branch closure"},
                                       {"retirement", "Retirement"},
                                       {"boundary_change", "Practice boundary change"},
                                       {"partnership_change", "Sole practitioner to partnership"},
                                       {"market_entry", "Market entry application"},
                                       {"local_dispute_resolution", "Local dispute resolution"},
                                       {"post_payment_verification", "Post-payment verification"}};
    return list;
}

const QList<Choice>& eventDecisions() {
    static const QList<Choice> list = {{"approved", "Approved"}, {"rejected", "Rejected"}};
    return list;
}

bool isApplicationKind(const QString& kind) {
    return kind == QLatin1String("list_closure") || kind == QLatin1String("market_entry") ||
           kind == QLatin1String("change_of_ownership");
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
            .date("start_date", &Contract::startDate, "start date")
            .date("end_date", &Contract::endDate, "end date")
            .code("status", &Contract::status, contractStatuses).required()
            .money("annual_value_pence", &Contract::annualValuePence, "annual value").as("annualValue")
            .integer("list_size", &Contract::listSize, "list size")
            .units("uda_target", &Contract::udaTarget, "UDA target")
            .units("uoa_target", &Contract::uoaTarget, "UOA target")
            .real("core_hours", &Contract::coreHours, "core hours")
            .real("total_hours", &Contract::totalHours, "total hours")
            .flag("dispensing", &Contract::dispensing, "dispensing practice")
            .flag("hundred_hour", &Contract::hundredHour, "100-hour pharmacy")
            .text("notes", &Contract::notes)
            .version(&Contract::rowVersion);
        t.recordType = QStringLiteral("contracts");
        t.orderBy = byPractice();
        t.title = QStringLiteral("Contracts");
        t.validate = [](Database& db, const Row& r, Issues& i) {
            const Contract c = Contract::fromRow(r);
            Issues all;
            // A target a file or a package gives that is not a number of units to the hundredth:
            // said in the caseworker's words (Contract::fromRow would read it as no target).
            for (const auto& [column, field, unit] : {std::tuple{"uda_target", "udaTarget", "UDA"},
                                                      std::tuple{"uoa_target", "uoaTarget", "UOA"}}) {
                const QVariant v = r.value(QLatin1String(column));
                if (!v.isNull() && v.isValid() && !Units::fromVariant(v))
                    i.add(QString::fromLatin1(field), unreadableTargetMessage(QString::fromLatin1(unit), v.toString()));
            }
            validate(c, contractorGroupOf(db, r.value("contractor_id").toString()), all);
            // A national file rarely says when a contract began, nor (APMS) when it ends: the
            // importer stores the date as unknown with a data-quality note for a person to confirm
            // (issue 13). A contract typed in a form must give both, unless a note says the date is
            // not known yet.
            const auto unknownAllowed = [&](const QString& field) {
                return RecordType::fromFile(db) ||
                       db.queryOne(QStringLiteral("SELECT 1 FROM data_quality_note WHERE record_table = 'contract' AND "
                                                  "record_id = ? AND field = ? AND status = 'open'"),
                                   {c.id, field}).has_value();
            };
            for (const FieldIssue& issue : all.list())
                if (!(((issue.field == QLatin1String("startDate") && !c.startDate.isValid()) ||
                       (issue.field == QLatin1String("endDate") && !c.endDate.isValid())) &&
                      unknownAllowed(issue.field)))
                    i.add(issue.field, issue.message);
        };
        t.fileRules = [](Database& db, const Row& r, Issues& i) { checkContractPlacement(db, Contract::fromRow(r), i); };
        t.owner = [](Database&, const Row& r) { return r.value("contractor_id").toString(); };
        t.label = [](Database&, const Row& r) { return Contract::fromRow(r).label(); };
        return t;
    }();
    return model;
}
CB_RECORD_TYPE(contractRecord)

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
        t.orderBy = byParentsPractice(t.table, "contract", "contract_id");
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
CB_RECORD_TYPE(contractedServiceRecord)

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
            .ref("concern_id", &ContractEvent::concernId, "concern")
            .ref("related_contract_id", &ContractEvent::relatedContractId, "absorbed contract")
            .date("acknowledged_date", &ContractEvent::acknowledgedDate, "acknowledged on")
            .code("decision", &ContractEvent::decision, eventDecisions)
            .date("decision_date", &ContractEvent::decisionDate, "decided on")
            .date("lrc_copied_date", &ContractEvent::lrcCopiedDate, "copied to the LMC on")
            .date("appeal_date", &ContractEvent::appealDate, "appealed on")
            .money("withheld_pence", &ContractEvent::withheldPence, "payment withheld")
            .version(&ContractEvent::rowVersion);
        t.recordType = QStringLiteral("events");
        t.orderBy = byParentsPractice(t.table, "contract", "contract_id");
        t.title = QStringLiteral("Contract events");
        // A notice issued on a confidential concern is as confidential as the concern: a shared
        // export carried it (and the concern's id), and could not then be imported on its own.
        t.confidentialWhere = QStringLiteral("concern_id IN (SELECT id FROM concern WHERE confidential = 1)");
        t.validate = [](Database& db, const Row& r, Issues& i) {
            validate(ContractEvent::fromRow(r), contractOwner(db, r.value("contract_id").toString()).group, i);
        };
        t.fileRules = checkContractEventProcess;
        t.wholeFileRule = [](Database& db, Issues& i) {
            if (const QStringList notices = noticesWithoutConcern(db); !notices.isEmpty())
                i.add(QStringLiteral("concernId"), QStringLiteral("%1 names a concern that is neither in the register nor "
                                                                  "imported from the file").arg(notices.join(QStringLiteral("; "))));
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
CB_RECORD_TYPE(contractEventRecord)

const RecordModel<DentalActivity>& dentalActivityRecord() {
    static const RecordModel<DentalActivity> model = [] {
        RecordModel<DentalActivity> t("dental_activity", "Dental activity", &DentalActivity::id);
        t.ref("contract_id", &DentalActivity::contractId, "contract").required()
            .year("year_start", &DentalActivity::yearStart, "financial year").required()
            .units("uda_target", &DentalActivity::udaTarget, "UDA target")
            .units("uda_delivered", &DentalActivity::udaDelivered, "UDAs delivered")
            .units("uda_delivered_h1", &DentalActivity::udaDeliveredH1, "UDAs delivered by 30 September")
            .units("uoa_target", &DentalActivity::uoaTarget, "UOA target")
            .units("uoa_delivered", &DentalActivity::uoaDelivered, "UOAs delivered")
            .units("uoa_delivered_h1", &DentalActivity::uoaDeliveredH1, "UOAs delivered by 30 September")
            .money("uda_value_pence", &DentalActivity::udaValuePence, "UDA value")
            .date("mid_year_review_date", &DentalActivity::midYearReviewDate, "mid-year review held on")
            .version(&DentalActivity::rowVersion);
        t.recordType = QStringLiteral("dental-activity");
        t.orderBy = byParentsPractice(t.table, "contract", "contract_id");
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
CB_RECORD_TYPE(dentalActivityRecord)

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

namespace {
// delivered / target as a percentage, cut to the fewest decimals (at least one) that do not read as
// a threshold the figure is not. Integer arithmetic on hundredths, so 95.99% can never show as 96.0%.
QString percentText(qint64 target, qint64 delivered) {
    const double thresholds[] = {policy::kDentalClawbackBelowPercent, policy::kDentalFullDeliveryPercent,
                                 policy::kDentalCarryForwardUpToPercent};
    for (int decimals = 1; decimals <= 4; ++decimals) {
        qint64 scale = 1;
        for (int i = 0; i < decimals; ++i) scale *= 10;
        const qint64 cut = delivered * 100 * scale / target; // floor for non-negative values
        bool misleading = false;
        for (double t : thresholds) {
            const qint64 at = qint64(t) * scale;
            misleading = misleading || (cut == at && delivered * 100 * scale != at * target);
        }
        if (!misleading)
            return QStringLiteral("%1.%2%").arg(cut / scale).arg(cut % scale, decimals, 10, QLatin1Char('0'));
    }
    return QString::number(100.0 * double(delivered) / double(target), 'f', 6) + QLatin1Char('%');
}

// n / d rounded to the nearest whole number, halves away from zero, for n >= 0 and d > 0.
qint64 roundedDivision(qint64 n, qint64 d) { return (2 * n + d) / (2 * d); }
} // namespace

DeliveryResult yearEndOutcome(Units targetUnits, std::optional<Units> deliveredUnits, ActivityValue value) {
    DeliveryResult r;
    if (targetUnits <= 0 || !deliveredUnits) return r;
    // In hundredths of a unit throughout: exact for every figure Casebook stores.
    const qint64 target = targetUnits.hundredths(), delivered = deliveredUnits->hundredths();
    const double pct = 100.0 * double(delivered) / double(target);
    r.percent = pct;
    r.percentText = percentText(target, delivered);
    // Thresholds compared exactly: delivered / target < p%  <=>  100 × delivered < p × target.
    const auto below = [&](double percent) { return delivered * 100 < qint64(percent) * target; };
    if (below(policy::kDentalClawbackBelowPercent)) {
        r.outcome = YearEndOutcome::Clawback;
        r.units = Units::fromHundredths(target - delivered);
    } else if (below(policy::kDentalFullDeliveryPercent)) {
        r.outcome = YearEndOutcome::ShortfallCarriedForward;
        r.units = Units::fromHundredths(target - delivered);
    } else if (delivered == target) {
        r.outcome = YearEndOutcome::DeliveredInFull;
    } else if (delivered * 100 <= qint64(policy::kDentalCarryForwardUpToPercent) * target) {
        r.outcome = YearEndOutcome::OverDeliveryCarriedForward;
        r.units = Units::fromHundredths(delivered - target);
    } else {
        r.outcome = YearEndOutcome::ExcessNotCarried;
        // Only up to 102% carries forward (cut to the hundredth); the rest is not paid or carried.
        r.units = Units::fromHundredths(target * qint64(policy::kDentalCarryForwardUpToPercent) / 100 - target);
    }
    if (r.units > 0) {
        const qint64 h = r.units.hundredths();
        if (value.perUnitPence && *value.perUnitPence >= 0)
            r.pence = roundedDivision(h * *value.perUnitPence, 100); // hundredths × pence per unit
        else if (value.annualPence && *value.annualPence >= 0)
            r.pence = roundedDivision(h * *value.annualPence, target);
    }
    return r;
}

DeliveryResult yearEndOutcome(Units target, std::optional<Units> delivered, std::optional<qint64> annualValuePence) {
    return yearEndOutcome(target, delivered, ActivityValue{std::nullopt, annualValuePence});
}

QString yearEndAdvice(const DeliveryResult& r, const QString& unit) {
    const QString money = r.pence ? QStringLiteral(" (%1)").arg(fmt::money(*r.pence)) : QString();
    if (r.outcome == YearEndOutcome::Clawback)
        return QStringLiteral("Below %1%: claw back %2 %3s%4; consider a breach notice.")
            .arg(policy::kDentalClawbackBelowPercent)
            .arg(r.units.display())
            .arg(unit, money);
    if (r.outcome == YearEndOutcome::ShortfallCarriedForward)
        return QStringLiteral("%1–%2%: carry the shortfall of %3 %4s%5 into next year.")
            .arg(policy::kDentalClawbackBelowPercent)
            .arg(policy::kDentalFullDeliveryPercent)
            .arg(r.units.display())
            .arg(unit, money);
    return {};
}

QString describe(YearEndOutcome outcome) {
    switch (outcome) {
    case YearEndOutcome::NotKnown: return QStringLiteral("Not yet known");
    case YearEndOutcome::Clawback:
        return QStringLiteral("Below %1%: shortfall clawed back").arg(policy::kDentalClawbackBelowPercent);
    case YearEndOutcome::ShortfallCarriedForward:
        return QStringLiteral("%1–%2%: shortfall carried forward")
            .arg(policy::kDentalClawbackBelowPercent)
            .arg(policy::kDentalFullDeliveryPercent);
    case YearEndOutcome::DeliveredInFull: return QStringLiteral("Delivered in full");
    case YearEndOutcome::OverDeliveryCarriedForward:
        return QStringLiteral("%1–%2%: over-delivery carried forward")
            .arg(policy::kDentalFullDeliveryPercent)
            .arg(policy::kDentalCarryForwardUpToPercent);
    case YearEndOutcome::ExcessNotCarried:
        return QStringLiteral("Above %1%: excess not carried forward").arg(policy::kDentalCarryForwardUpToPercent);
    }
    return {};
}

bool midYearReviewDue(Units target, std::optional<Units> deliveredH1) {
    if (target <= 0 || !deliveredH1) return false;
    return deliveredH1->hundredths() * 100 < qint64(policy::kDentalMidYearMinPercent) * target.hundredths();
}

// ---- validation ---------------------------------------------------------------------------------

namespace {
QString targetMessage(const QString& unit, const QString& problem) {
    return QStringLiteral("Enter the %1 target as a number of %1s, e.g. 3500 or 3500.5: %2.").arg(unit, problem);
}
} // namespace

QString unreadableTargetMessage(const QString& unit, const QString& typed) {
    return targetMessage(unit, QStringLiteral("at most two decimal places, not \"%1\"").arg(typed.trimmed()));
}

void validate(const Contract& c, const QString& group, Issues& issues) {
    if (!hasCode(contractRoutes(), c.route)) {
        issues.add("route", QStringLiteral("Choose the contract route."));
    } else if (!hasCode(routesForGroup(group), c.route)) {
        issues.add("route", QStringLiteral("A %1 contractor cannot hold a %2 contract. Choose one of: %3.")
                                .arg(labelFor(contractorGroups(), group).toLower(), labelFor(contractRoutes(), c.route),
                                     describeChoices(routesForGroup(group))));
    }
    if (c.route == QLatin1String("dispensing_doctor"))
        issues.add("route", QStringLiteral("Dispensing is part of the practice's GP contract, not a contract of its own: "
                                           "choose GMS, PMS or APMS and tick Dispensing."));
    if (c.dispensing && c.route != QLatin1String("gms") && c.route != QLatin1String("pms") &&
        c.route != QLatin1String("apms"))
        issues.add("dispensing", QStringLiteral("Only a GP contract (GMS, PMS or APMS) has dispensing doctor arrangements."));
    if (c.hundredHour && !isPharmacyGroup(group))
        issues.add("hundredHour", QStringLiteral("Only a pharmacy opens under the 100-hour exemption."));
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
    for (const auto& [field, unit, value] : {std::tuple{"udaTarget", "UDA", c.udaTarget}, std::tuple{"uoaTarget", "UOA", c.uoaTarget}}) {
        if (!value) continue;
        if (group != QLatin1String("dental"))
            issues.add(field, QStringLiteral("Only dental contracts have UDA and UOA targets."));
        else if (*value < 0)
            issues.add(field, targetMessage(QString::fromLatin1(unit), QStringLiteral("it cannot be negative (%1 was entered)").arg(value->display())));
    }
    if (c.coreHours || c.totalHours) {
        if (!isPharmacyGroup(group)) {
            issues.add("coreHours", QStringLiteral("Only pharmacy and appliance contracts record weekly opening hours."));
        } else {
            if (c.coreHours && (*c.coreHours < 0 || *c.coreHours > policy::kPharmacyMaxWeeklyHours))
                issues.add("coreHours", QStringLiteral("Core hours must be between 0 and %1 a week.")
                                            .arg(policy::kPharmacyMaxWeeklyHours));
            if (c.totalHours && (*c.totalHours < 0 || *c.totalHours > policy::kPharmacyMaxWeeklyHours))
                issues.add("totalHours", QStringLiteral("Total hours must be between 0 and %1 a week.")
                                             .arg(policy::kPharmacyMaxWeeklyHours));
            const bool listed = c.route == QLatin1String("pharmacy_list") || c.route == QLatin1String("distance_selling");
            const double minCore = c.hundredHour ? policy::kPharmacy100HourMinCoreHours : policy::kPharmacyMinCoreHours;
            if (listed && c.coreHours && *c.coreHours >= 0 && *c.coreHours < minCore)
                issues.add("coreHours", c.hundredHour
                                            ? QStringLiteral("A 100-hour pharmacy keeps at least %1 core hours a week "
                                                             "(this gives %2).").arg(minCore).arg(*c.coreHours)
                                            : QStringLiteral("A pharmacy opens at least %1 core hours a week (this gives "
                                                             "%2).").arg(minCore).arg(*c.coreHours));
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
    if (e.urgent) // a shorter notice period waives a rule: the reason must have substance
        requireReason(issues, "urgentReason", e.urgentReason,
                      QStringLiteral("why this is urgent (patient safety or material financial loss)"));

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
        // Application (event date), acknowledgement, decision: approved with closure and reopening
        // dates and copied to the LMC, or rejected.
        if (group != QLatin1String("general_practice"))
            issues.add("kind", QStringLiteral("Only GP practices close their lists."));
        const bool approved = e.decision == QLatin1String("approved");
        const bool rejected = e.decision == QLatin1String("rejected");
        if (approved || e.decision.isEmpty()) {
            // Undecided: the dates proposed, both or neither; approved: both.
            if (!e.effectiveDate.isValid() && (approved || e.deadline.isValid()))
                issues.add("effectiveDate", QStringLiteral("Enter the date the list closes."));
            if (!e.deadline.isValid() && (approved || e.effectiveDate.isValid()))
                issues.add("deadline", QStringLiteral("Enter the date the list reopens."));
        } else if (rejected && (e.effectiveDate.isValid() || e.deadline.isValid())) {
            issues.add("effectiveDate", QStringLiteral("A rejected application closes nothing: clear the closure and "
                                                       "reopening dates."));
        }
        if (e.effectiveDate.isValid() && e.deadline.isValid()) {
            const QDate minEnd = e.effectiveDate.addMonths(policy::kListClosureMinMonths);
            const QDate maxEnd = e.effectiveDate.addMonths(policy::kListClosureMaxMonths);
            if (e.deadline < minEnd || e.deadline > maxEnd)
                issues.add("deadline", QStringLiteral("A list closure lasts %1 to %2 months: the reopening date "
                                                      "must be between %3 and %4.")
                                           .arg(policy::kListClosureMinMonths)
                                           .arg(policy::kListClosureMaxMonths)
                                           .arg(fmt::date(minEnd), fmt::date(maxEnd)));
        }
        if (approved && !e.lrcCopiedDate.isValid())
            issues.add("lrcCopiedDate", QStringLiteral("Copy the decision to the LMC and enter the date it was sent."));
        if (e.lrcCopiedDate.isValid() && e.decisionDate.isValid() && e.lrcCopiedDate < e.decisionDate)
            issues.add("lrcCopiedDate", QStringLiteral("The decision is copied to the LMC on or after it is made (%1).")
                                            .arg(fmt::date(e.decisionDate)));
    } else if (e.lrcCopiedDate.isValid()) {
        issues.add("lrcCopiedDate", QStringLiteral("Only a list closure decision is copied to the LMC."));
    }
    if (isApplicationKind(e.kind)) {
        if (!e.decision.isEmpty() && !hasCode(eventDecisions(), e.decision))
            issues.add("decision", QStringLiteral("Choose the decision: %1.").arg(describeChoices(eventDecisions())));
        if (!e.decision.isEmpty() && !e.decisionDate.isValid())
            issues.add("decisionDate", QStringLiteral("Enter the date of the decision."));
        if (e.decision.isEmpty() && e.decisionDate.isValid())
            issues.add("decision", QStringLiteral("Choose the decision made on %1.").arg(fmt::date(e.decisionDate)));
        if (e.decisionDate.isValid() && e.eventDate.isValid() && e.decisionDate < e.eventDate)
            issues.add("decisionDate", QStringLiteral("The decision is dated before the application (%1).").arg(fmt::date(e.eventDate)));
        if (e.acknowledgedDate.isValid() && e.eventDate.isValid() && e.acknowledgedDate < e.eventDate)
            issues.add("acknowledgedDate", QStringLiteral("The acknowledgement is dated before the application (%1).")
                                               .arg(fmt::date(e.eventDate)));
    } else if (!e.decision.isEmpty() || e.decisionDate.isValid() || e.acknowledgedDate.isValid()) {
        issues.add("decision", QStringLiteral("Only applications (list closure, market entry, change of ownership) "
                                              "have an acknowledgement and a decision."));
    }
    if (e.appealDate.isValid()) {
        if (e.kind != QLatin1String("market_entry") && e.kind != QLatin1String("change_of_ownership"))
            issues.add("appealDate", QStringLiteral("Only a pharmacy application's decision is appealed to NHS Resolution."));
        else if (!e.decisionDate.isValid() || e.appealDate < e.decisionDate)
            issues.add("appealDate", QStringLiteral("An appeal to NHS Resolution follows the decision: record the "
                                                    "decision and date the appeal on or after it."));
    }
    const bool pharmacyOnly = e.kind == QLatin1String("market_entry") || e.kind == QLatin1String("change_of_ownership") ||
                              e.kind == QLatin1String("local_dispute_resolution");
    if (pharmacyOnly && !isPharmacyGroup(group))
        issues.add("kind", QStringLiteral("A %1 is a pharmacy event.").arg(kindName.toLower()));
    if (e.kind == QLatin1String("post_payment_verification") && group != QLatin1String("eye_health"))
        issues.add("kind", QStringLiteral("Post-payment verification here is of GOS claims: an eye health event."));
    if (e.withheldPence) {
        if (e.kind != QLatin1String("breach_notice") || !isPharmacyGroup(group))
            issues.add("withheldPence", QStringLiteral("Only a pharmacy breach notice withholds payment."));
        else if (*e.withheldPence < 0)
            issues.add("withheldPence", QStringLiteral("The payment withheld cannot be negative."));
    }
    // Eye health: changes need about 90 days' notice (shorter only when urgent, with a reason).
    if (group == QLatin1String("eye_health") &&
        (e.kind == QLatin1String("relocation") || e.kind == QLatin1String("opening_hours_change")) && !e.urgent) {
        if (!e.effectiveDate.isValid())
            issues.add("effectiveDate", QStringLiteral("Enter the date the %1 takes effect.").arg(kindName.toLower()));
        else if (e.eventDate.isValid() && e.eventDate.daysTo(e.effectiveDate) < policy::kEyeHealthChangeNoticeDays)
            issues.add("effectiveDate", QStringLiteral("An eye health contractor gives about %1 days' notice of a %2: it "
                                                       "can take effect on %3 at the earliest, or mark it urgent and say why.")
                                            .arg(policy::kEyeHealthChangeNoticeDays)
                                            .arg(kindName.toLower(),
                                                 fmt::date(e.eventDate.addDays(policy::kEyeHealthChangeNoticeDays))));
    }
    if (e.kind == QLatin1String("variation") && e.unilateral) {
        if (!e.effectiveDate.isValid())
            issues.add("effectiveDate", QStringLiteral("Enter the date the variation takes effect."));
        else if (e.eventDate.isValid() && e.eventDate.daysTo(e.effectiveDate) < policy::kUnilateralVariationMinDays)
            issues.add("effectiveDate",
                       QStringLiteral("A variation imposed by the commissioner needs at least %1 days' notice: it can "
                                      "take effect on %2 at the earliest.")
                           .arg(policy::kUnilateralVariationMinDays)
                           .arg(fmt::date(e.eventDate.addDays(policy::kUnilateralVariationMinDays))));
    }
    if (e.kind == QLatin1String("termination_notice") && !e.effectiveDate.isValid())
        issues.add("effectiveDate", QStringLiteral("Enter the date the contract terminates."));
    const bool gpOnly = e.kind == QLatin1String("branch_closure") || e.kind == QLatin1String("boundary_change") ||
                        e.kind == QLatin1String("partnership_change");
    if (gpOnly && group != QLatin1String("general_practice"))
        issues.add("kind", QStringLiteral("A %1 is a GP practice event.").arg(kindName.toLower()));
    if ((gpOnly || e.kind == QLatin1String("retirement") || e.kind == QLatin1String("merger")) && !e.effectiveDate.isValid())
        issues.add("effectiveDate", QStringLiteral("Enter the date the %1 takes effect.").arg(kindName.toLower()));
    if (e.kind == QLatin1String("partnership_change") && e.eventDate.isValid() && e.effectiveDate.isValid() &&
        e.eventDate.daysTo(e.effectiveDate) < policy::kPartnershipChangeMinDays)
        issues.add("effectiveDate", QStringLiteral("A sole practitioner becoming a partnership gives at least %1 days' "
                                                   "notice: it can take effect on %2 at the earliest.")
                                        .arg(policy::kPartnershipChangeMinDays)
                                        .arg(fmt::date(e.eventDate.addDays(policy::kPartnershipChangeMinDays))));
    if (e.kind == QLatin1String("merger")) {
        if (e.relatedContractId.isEmpty())
            issues.add("relatedContractId", QStringLiteral("Choose the contract the merger absorbs: it ends when the "
                                                           "merger takes effect."));
        else if (e.relatedContractId == e.contractId)
            issues.add("relatedContractId", QStringLiteral("A contract cannot absorb itself: choose the other contract."));
    } else if (!e.relatedContractId.isEmpty()) {
        issues.add("relatedContractId", QStringLiteral("Only a merger names another contract."));
    }
}

void checkContractPlacement(Database& db, const Contract& c, Issues& issues) {
    if (c.route != QLatin1String("gms") || c.status != QLatin1String("active")) return;
    const auto other = db.queryOne(QStringLiteral("SELECT reference FROM contract WHERE contractor_id = ? AND id <> ? AND "
                                                  "route = 'gms' AND status = 'active' LIMIT 1"),
                                   {c.contractorId, c.id});
    if (other)
        issues.add("route", QStringLiteral("The practice already holds an active GMS contract (%1). A practice holds one: "
                                           "record a merger or vary that contract instead.")
                                .arg(other->value("reference").toString()));
}

void checkEventLinks(Database& db, const ContractEvent& e, Issues& issues, bool absorbedClosedBySave) {
    if (e.kind == QLatin1String("list_closure") && e.eventDate.isValid()) {
        // After a rejection, no new application for kListClosureReapplyMonths.
        const auto last = db.queryOne(
            QStringLiteral("SELECT e.decision_date FROM contract_event e JOIN contract k ON k.id = e.contract_id "
                           "WHERE k.contractor_id = (SELECT contractor_id FROM contract WHERE id = ?) AND e.id <> ? AND "
                           "e.kind = 'list_closure' AND e.decision = 'rejected' AND e.decision_date <= ? "
                           "ORDER BY e.decision_date DESC LIMIT 1"),
            {e.contractId, e.id, fmt::dateIso(e.eventDate)});
        if (last) {
            const QDate rejected = fmt::parseIsoDate(last->value("decision_date").toString());
            const QDate from = rejected.addMonths(policy::kListClosureReapplyMonths);
            if (e.eventDate < from)
                issues.add("eventDate", QStringLiteral("The practice's last list closure application was rejected on %1: "
                                                       "a new application can be made %2 months later, from %3.")
                                            .arg(fmt::date(rejected))
                                            .arg(policy::kListClosureReapplyMonths)
                                            .arg(fmt::date(from)));
        }
    }
    if ((e.kind == QLatin1String("breach_notice") || e.kind == QLatin1String("termination_notice")) && e.eventDate.isValid()) {
        const auto k = db.queryOne(QStringLiteral("SELECT c.contractor_group FROM contract k JOIN contractor c ON "
                                                  "c.id = k.contractor_id WHERE k.id = ?"), {e.contractId});
        if (k && isPharmacyGroup(k->value("contractor_group").toString()) &&
            db.scalar(QStringLiteral("SELECT count(*) FROM contract_event WHERE contract_id = ? AND "
                                     "kind = 'local_dispute_resolution' AND event_date <= ?"),
                      {e.contractId, fmt::dateIso(e.eventDate)}).toInt() == 0)
            issues.add("kind", QStringLiteral("A pharmacy dispute goes to local dispute resolution (with the LPC) before "
                                              "a %1: record that step on the contract first.")
                                   .arg(labelFor(contractEventKinds(), e.kind).toLower()));
    }
    if (e.kind != QLatin1String("merger") || e.relatedContractId.isEmpty() || e.relatedContractId == e.contractId) return;
    const auto absorbed = db.queryOne(QStringLiteral("SELECT a.status, a.reference, ca.contractor_group AS ga, "
                                                     "cb.contractor_group AS gb FROM contract a "
                                                     "JOIN contractor ca ON ca.id = a.contractor_id, contract b "
                                                     "JOIN contractor cb ON cb.id = b.contractor_id "
                                                     "WHERE a.id = ? AND b.id = ?"),
                                      {e.relatedContractId, e.contractId});
    if (!absorbed) {
        issues.add("relatedContractId", QStringLiteral("The absorbed contract no longer exists: choose it again."));
        return;
    }
    if (absorbed->value("ga") != absorbed->value("gb"))
        issues.add("relatedContractId", QStringLiteral("A merger joins contracts of the same kind of contractor."));
    if (!absorbedClosedBySave && e.status != QLatin1String("withdrawn") &&
        absorbed->value("status").toString() == QLatin1String("active"))
        issues.add("relatedContractId", QStringLiteral("The absorbed contract %1 is still active: a merger ends it (status "
                                                       "\"Merged into another contract\").")
                                            .arg(absorbed->value("reference").toString()));
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
    if (a.udaValuePence && *a.udaValuePence < 0)
        issues.add("udaValuePence", QStringLiteral("The UDA value cannot be negative: enter what one UDA is paid, like £28.50."));
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

void ContractBook::check(Contract& c) {
    c.reference = c.reference.trimmed();
    Issues issues;
    validate(c, ownerOfContractor(c.contractorId).group, issues);
    checkContractPlacement(m_db, c, issues);
    issues.throwIfAny();
}

Contract ContractBook::create(Contract c) {
    if (c.id.isEmpty()) c.id = Database::newId();
    check(c);
    m_db.save("contract", c.toRow(), Database::SaveMode::New);
    return c;
}

void ContractBook::update(Contract c) {
    check(c);
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
    return Contract::fromRecord(m_db.fetchRecord("contract", id));
}

QList<Contract> ContractBook::forContractor(const QString& contractorId) {
    return Contract::fromRows(m_db.query(QStringLiteral("SELECT * FROM contract WHERE contractor_id = ? ORDER BY start_date DESC"),
                                         {contractorId}));
}

void ContractBook::check(const ContractedService& s) {
    Issues issues;
    validate(s, ownerOfContract(s.contractId).group, issues);
    issues.throwIfAny();
}

ContractedService ContractBook::addService(ContractedService s) {
    if (s.id.isEmpty()) s.id = Database::newId();
    s.name = s.name.simplified();
    check(s);
    m_db.save("contract_service", s.toRow(), Database::SaveMode::New);
    return s;
}

void ContractBook::updateService(const ContractedService& s) {
    check(s);
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
    return ContractedService::fromRows(m_db.query(QStringLiteral("SELECT * FROM contract_service WHERE contract_id = ? ORDER BY "
                                                                 "CASE category WHEN 'essential' THEN 0 WHEN 'additional' THEN 1 "
                                                                 "WHEN 'enhanced' THEN 2 WHEN 'advanced' THEN 3 ELSE 4 END, name"),
                                                  {contractId}));
}

void ContractBook::check(ContractEvent& e) {
    e.description = e.description.trimmed();
    Issues issues;
    validate(e, ownerOfContract(e.contractId).group, issues);
    checkNoticeProcess(m_db, e, issues);
    checkEventLinks(m_db, e, issues, true);
    issues.throwIfAny();
}

ContractEvent ContractBook::addEvent(ContractEvent e) {
    if (e.id.isEmpty()) e.id = Database::newId();
    check(e);
    m_db.write([&] {
        m_db.save("contract_event", e.toRow(), Database::SaveMode::New);
        closeAbsorbed(e);
    });
    return e;
}

void ContractBook::updateEvent(ContractEvent e) {
    check(e);
    m_db.write([&] {
        m_db.save("contract_event", e.toRow(), Database::SaveMode::Existing);
        closeAbsorbed(e);
    });
}

// A merger ends the contract it absorbs, in the same step (and the absorbed contract's end date is
// the day before the merger takes effect).
void ContractBook::closeAbsorbed(const ContractEvent& e) {
    if (e.kind != QLatin1String("merger") || e.status == QLatin1String("withdrawn") || e.relatedContractId.isEmpty()) return;
    auto absorbed = get(e.relatedContractId);
    if (!absorbed || absorbed->status == QLatin1String("merged")) return;
    absorbed->status = QStringLiteral("merged");
    const QDate end = e.effectiveDate.addDays(-1);
    if (!absorbed->endDate.isValid() || absorbed->endDate > end) absorbed->endDate = end > absorbed->startDate ? end : absorbed->startDate.addDays(1);
    m_db.save(contractRecord(), absorbed->toRow(), Database::SaveMode::Existing);
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
    return ContractEvent::fromRecord(m_db.fetchRecord("contract_event", id));
}

QList<ContractEvent> ContractBook::events(const QString& contractId) {
    return ContractEvent::fromRows(m_db.query(QStringLiteral("SELECT * FROM contract_event WHERE contract_id = ? ORDER BY event_date DESC"),
                                              {contractId}));
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

void ContractBook::recordMidYearReview(const QString& activityId, const QDate& held) {
    const auto row = m_db.fetchRecord("dental_activity", activityId);
    if (!row) throw ValidationError(QString(), QStringLiteral("This year's activity no longer exists: look it up again."));
    DentalActivity a = DentalActivity::fromRow(*row);
    Issues issues;
    if (!held.isValid()) issues.add("midYearReviewDate", QStringLiteral("Enter the date the mid-year review was held."));
    else if (held > m_db.clock().today())
        issues.add("midYearReviewDate", QStringLiteral("The date of the mid-year review cannot be in the future."));
    else if (held < QDate(a.yearStart, 4, 1) || held > QDate(a.yearStart + 1, 3, 31))
        issues.add("midYearReviewDate", QStringLiteral("The mid-year review of %1 is held within that year (01/04/%2 to "
                                                       "31/03/%3).").arg(a.yearLabel()).arg(a.yearStart).arg(a.yearStart + 1));
    issues.throwIfAny();
    a.midYearReviewDate = held;
    m_db.save(dentalActivityRecord(), a.toRow(), Database::SaveMode::Existing);
}

void ContractBook::removeActivity(const QString& id) {
    m_db.remove(dentalActivityRecord(), id);
}

QList<DentalActivity> ContractBook::activity(const QString& contractId) {
    return DentalActivity::fromRows(m_db.query(QStringLiteral("SELECT * FROM dental_activity WHERE contract_id = ? ORDER BY year_start DESC"),
                                               {contractId}));
}

} // namespace cb
