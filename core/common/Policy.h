#pragma once

#include <QList>
#include <QString>

// The numbers policy sets (PRIMER sections 3 and 4). Policy changes: keep every one here, named,
// and listed in policyFigures() with the regulation or policy it comes from, so Settings > Policy
// shows a manager what Casebook checks. Messages take their figures from these constants, never
// from a literal.
namespace cb::policy {

// ---- contract events ------------------------------------------------------------------------------
constexpr int kRemedialNoticeMinDaysGp = 28;       // GMS/PMS/APMS and other non-pharmacy contracts
constexpr int kRemedialNoticeMinDaysPharmacy = 30; // pharmacy and appliance contractors
constexpr int kUnilateralVariationMinDays = 14;
constexpr int kPartnershipChangeMinDays = 28; // sole practitioner becoming a partnership
constexpr int kListClosureMinMonths = 3;
constexpr int kListClosureMaxMonths = 12;
constexpr int kListClosureAcknowledgeDays = 7;
constexpr int kListClosureReapplyMonths = 3; // after a rejection
constexpr int kEyeHealthChangeNoticeDays = 90;
constexpr int kEyeHealthComplianceYears = 3;

// ---- dental year end ------------------------------------------------------------------------------
constexpr double kDentalClawbackBelowPercent = 96.0;
constexpr double kDentalFullDeliveryPercent = 100.0;
constexpr double kDentalCarryForwardUpToPercent = 102.0;
constexpr double kDentalMidYearMinPercent = 30.0; // delivered by 30 September
constexpr int kDentalMidYearReviewMonth = 10;     // review by 31 October
constexpr int kDentalMidYearReviewDay = 31;

constexpr int kProcurementLeadMonths = 18; // flag time-limited contracts ending within this

// ---- pharmacy -------------------------------------------------------------------------------------
constexpr double kPharmacyMaxWeeklyHours = 168.0;
constexpr double kPharmacyMinCoreHours = 40.0;
constexpr double kPharmacy100HourMinCoreHours = 72.0;

// ---- proportionate process ------------------------------------------------------------------------
// Support to improve must run for this long before a notice or formal action (unless the concern is
// serious): one stage move the day before is not support.
constexpr int kSupportToImproveMinDays = 28;
// A reason that lets a caseworker go past a rule has at least this many words and is not a
// placeholder ("n/a", "none"...).
constexpr int kReasonMinWords = 3;

// ---- performers lists -----------------------------------------------------------------------------
constexpr int kSuspensionReviewDueWithinDays = 14; // the worklist shows reviews due this soon

// One figure as Settings > Policy shows it.
struct Figure {
    QString area;   // "Contract events", "Dental"...
    QString name;   // what the figure is
    QString value;  // with its unit: "28 days"
    QString source; // the regulation or policy it comes from
};

// Every figure above, in the order a manager reads them.
QList<Figure> figures();

} // namespace cb::policy
