// `casebook-cli report worklist`: today's worklist, the same items the home screen shows.
#include "cli/ReportCommands.h"

#include "store/Database.h"
#include "worklist/Worklist.h"

namespace cb::cli {

namespace {

int worklist(Context& ctx) {
    const QString format = takeFormat(ctx);
    ctx.args.positionals(0, 0);
    auto db = ctx.openForReading();
    writeReport(ctx, worklistReport(todaysWorklist(*db)), format);
    return Done;
}

} // namespace

void addWorklistReports(QList<Report>& reports) {
    reports << Report{"worklist", "report worklist [--format text|csv|json]", worklist};
}

} // namespace cb::cli
