#pragma once

#include "reports/ReportTable.h"
#include "store/Database.h"

namespace cb {

struct ConcernReportOptions {
    bool includeConfidential = false; // confidential concerns never leave the tool unless asked
    bool includeClosed = false;
};

// Open concerns (newest first) with grading, band, stage, owner and actions.
ReportTable concernReport(Database& db, const ConcernReportOptions& options);

struct TierReportOptions {
    bool differsOnly = false; // only contractors whose suggested tier differs from their current one
    QString group;            // contractor group code; empty for all
};

// Each open contractor's current tier and latest decision beside Casebook's suggestion and reasons.
ReportTable tierReport(Database& db, const TierReportOptions& options);

} // namespace cb
