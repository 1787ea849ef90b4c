// casebook-cli reports on performance concerns and assurance tiers.
#include "cli/ReportCommands.h"

#include "contractors/Contractor.h"
#include "reports/ConcernReports.h"
#include "store/Database.h"

namespace cb::cli {

namespace {

int concerns(Context& ctx) {
    const QString format = takeFormat(ctx);
    ConcernReportOptions options;
    options.includeConfidential = ctx.args.flag("--include-confidential");
    options.includeClosed = ctx.args.flag("--include-closed");
    ctx.args.positionals(0, 0);
    auto db = ctx.openForReading();
    writeReport(ctx, concernReport(*db, options), format);
    return Done;
}

int tiers(Context& ctx) {
    const QString format = takeFormat(ctx);
    TierReportOptions options;
    options.differsOnly = ctx.args.flag("--differs");
    const QString group = ctx.args.option("--group");
    ctx.args.positionals(0, 0);
    if (!group.isEmpty()) {
        options.group = codeFor(contractorGroups(), group);
        if (options.group.isEmpty())
            throw UsageError(QStringLiteral("--group must be one of: general_practice, dental, eye_health, pharmacy, "
                                            "appliance (not \"%1\").").arg(group));
    }
    auto db = ctx.openForReading();
    writeReport(ctx, tierReport(*db, options), format);
    return Done;
}

} // namespace

void addConcernReports(QList<Report>& reports) {
    reports << Report{"concerns", "report concerns [--format text|csv|json] [--include-confidential] [--include-closed]", concerns}
            << Report{"tiers", "report tiers [--format text|csv|json] [--differs] [--group G]", tiers};
}

} // namespace cb::cli
