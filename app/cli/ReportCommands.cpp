// `casebook-cli report NAME`: one command word dispatching to each feature's reports.
#include "cli/ReportCommands.h"

#include "reports/ReportTable.h"

namespace cb::cli {

namespace {

QList<Report> allReports() {
    QList<Report> reports;
    addConcernReports(reports);
    addLpnReports(reports);
    addWorklistReports(reports);
    return reports;
}

QString usageOf(const QList<Report>& reports) {
    QStringList lines;
    for (const Report& r : reports) lines << r.usage;
    return lines.join('\n');
}

int report(Context& ctx) {
    const QList<Report> reports = allReports();
    const QString name = ctx.args.takeSubcommand();
    QStringList names;
    for (const Report& r : reports) {
        names << r.name;
        if (r.name == name) return r.run(ctx);
    }
    if (name.isEmpty()) throw UsageError(QStringLiteral("Name the report: %1.").arg(names.join(", ")));
    throw UsageError(QStringLiteral("There is no \"%1\" report. Choose one of: %2.").arg(name, names.join(", ")));
}

} // namespace

QString takeFormat(Context& ctx) { return ctx.args.option("--format", "text", {"text", "csv", "json"}); }

void writeReport(Context& ctx, const ReportTable& table, const QString& format) {
    if (format == QLatin1String("json")) writeJson(ctx.out, table.toJson());
    else if (format == QLatin1String("csv")) ctx.out << table.toCsv();
    else ctx.out << table.toText();
}

void addReportCommands(QList<Command>& commands) { commands << Command{"report", usageOf(allReports()), report}; }

} // namespace cb::cli
