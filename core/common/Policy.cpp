#include "common/Policy.h"

namespace cb::policy {

namespace {
QString days(int n) { return QStringLiteral("%1 days").arg(n); }
QString months(int n) { return QStringLiteral("%1 months").arg(n); }
QString percent(double p) { return QStringLiteral("%1%").arg(p); }
QString hours(double h) { return QStringLiteral("%1 hours a week").arg(h); }
} // namespace

QList<Figure> figures() {
    const QString gms = QStringLiteral("GMS Contracts Regulations 2015 (and the PMS/APMS equivalents)");
    const QString pharmacy = QStringLiteral("NHS (Pharmaceutical and Local Pharmaceutical Services) Regulations 2013");
    const QString dental = QStringLiteral("GDS Contracts Regulations 2005 / PDS Agreements Regulations 2005, "
                                          "year-end reconciliation guidance");
    const QString performers = QStringLiteral("NHS (Performers Lists) (England) Regulations 2013");
    const QString local = QStringLiteral("Casebook default for the commissioner's local policy (framework for "
                                         "managing performance: support to improve before sanctions)");
    return {
        {"Contract events", "Remedial notice period, GP and other contracts (at least)", days(kRemedialNoticeMinDaysGp), gms},
        {"Contract events", "Remedial notice period, pharmacy and appliance contractors (at least)",
         days(kRemedialNoticeMinDaysPharmacy), pharmacy + QStringLiteral(", Schedule 4")},
        {"Contract events", "Notice of a variation the commissioner imposes (at least)", days(kUnilateralVariationMinDays), gms},
        {"Contract events", "Notice of a sole practitioner becoming a partnership (at least)",
         days(kPartnershipChangeMinDays), gms},
        {"List closure", "Closure period (shortest)", months(kListClosureMinMonths), gms + QStringLiteral(", Schedule 3")},
        {"List closure", "Closure period (longest)", months(kListClosureMaxMonths), gms + QStringLiteral(", Schedule 3")},
        {"List closure", "Application acknowledged within", days(kListClosureAcknowledgeDays), gms + QStringLiteral(", Schedule 3")},
        {"List closure", "No new application after a rejection for", months(kListClosureReapplyMonths),
         gms + QStringLiteral(", Schedule 3")},
        {"Procurement", "Flag APMS, PDS and LPS contracts ending within", months(kProcurementLeadMonths),
         QStringLiteral("NHS England primary care policy book (procurement lead time)")},
        {"Dental", "Clawback below", percent(kDentalClawbackBelowPercent), dental},
        {"Dental", "Shortfall carried forward up to", percent(kDentalFullDeliveryPercent), dental},
        {"Dental", "Over-delivery carried forward up to", percent(kDentalCarryForwardUpToPercent), dental},
        {"Dental", "Mid-year review where delivered by 30 September is under", percent(kDentalMidYearMinPercent), dental},
        {"Dental", "Mid-year review held by",
         QStringLiteral("%1/%2").arg(kDentalMidYearReviewDay).arg(kDentalMidYearReviewMonth, 2, 10, QLatin1Char('0')), dental},
        {"Pharmacy", "Core opening hours (at least)", hours(kPharmacyMinCoreHours), pharmacy + QStringLiteral(", Schedule 4")},
        {"Pharmacy", "Core hours of a former 100-hour pharmacy (at least)", hours(kPharmacy100HourMinCoreHours),
         QStringLiteral("NHS (Pharmaceutical and Local Pharmaceutical Services) (Amendment) Regulations 2023")},
        {"Pharmacy", "Opening hours in a week (at most)", hours(kPharmacyMaxWeeklyHours), QStringLiteral("Hours in a week")},
        {"Eye health", "Contract compliance checklist every", QStringLiteral("%1 years").arg(kEyeHealthComplianceYears),
         QStringLiteral("NHS England eye health policy book")},
        {"Eye health", "Notice of changes (relocation, hours, directors), about", days(kEyeHealthChangeNoticeDays),
         QStringLiteral("GOS Contracts Regulations 2008")},
        {"Performance", "Support to improve before a notice or formal action (at least)", days(kSupportToImproveMinDays), local},
        {"Performance", "A reason that waives a rule has at least", QStringLiteral("%1 words").arg(kReasonMinWords), local},
        {"Performers", "Suspension reviews shown on the worklist within", days(kSuspensionReviewDueWithinDays),
         performers + QStringLiteral(", regulation 12")},
    };
}

} // namespace cb::policy
