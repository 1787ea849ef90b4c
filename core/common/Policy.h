#pragma once

// The numbers policy sets (PRIMER sections 3 and 4). Policy changes: keep every one here, named.
namespace cb::policy {

constexpr int kRemedialNoticeMinDaysGp = 28;       // GMS/PMS/APMS and other non-pharmacy contracts
constexpr int kRemedialNoticeMinDaysPharmacy = 30; // pharmacy and appliance contractors
constexpr int kUnilateralVariationMinDays = 14;
constexpr int kListClosureMinMonths = 3;
constexpr int kListClosureMaxMonths = 12;

constexpr double kDentalClawbackBelowPercent = 96.0;
constexpr double kDentalFullDeliveryPercent = 100.0;
constexpr double kDentalCarryForwardUpToPercent = 102.0;
constexpr double kDentalMidYearMinPercent = 30.0; // delivered by 30 September
constexpr int kDentalMidYearReviewMonth = 10;     // review by 31 October
constexpr int kDentalMidYearReviewDay = 31;

constexpr int kProcurementLeadMonths = 18; // flag time-limited contracts ending within this
constexpr double kPharmacyMaxWeeklyHours = 168.0;

} // namespace cb::policy
