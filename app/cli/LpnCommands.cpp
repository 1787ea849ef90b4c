// casebook-cli commands for Local Professional Networks: the roster review report and roster export.
#include "cli/Cli.h"
#include "cli/ReportCommands.h"
#include "lpn/NetworkService.h"
#include "lpn/RosterExport.h"
#include "lpn/RosterReview.h"
#include "store/Database.h"

#include <QFileInfo>
#include <QJsonArray>
#include <QJsonObject>

namespace cb::cli {

namespace {

Network networkNamed(Database& db, const QString& name) {
    if (name.isEmpty()) throw UsageError(QStringLiteral("--network NAME is required."));
    NetworkService service(db);
    if (auto n = service.networkByName(name)) return *n;
    QStringList names;
    for (const Network& n : service.networks()) names << QStringLiteral("\"%1\"").arg(n.name);
    throw ValidationError("network", names.isEmpty()
                                         ? QStringLiteral("There is no network called \"%1\": this database has no networks yet.").arg(name)
                                         : QStringLiteral("There is no network called \"%1\". The networks are: %2.")
                                               .arg(name, names.join(QStringLiteral(", "))));
}

// The word naming the sub-command may already have been taken by a dispatcher, or not.
void acceptSubcommand(Args& args, const QString& word, int files) {
    const QStringList rest = args.positionals(files, files + 1);
    if (rest.size() == files + 1 && rest.first() != word)
        throw UsageError(QStringLiteral("Unknown report \"%1\".").arg(rest.first()));
}

QStringList positionalsAfter(Args& args, const QString& word, int files) {
    QStringList rest = args.positionals(files, files + 1);
    if (rest.size() == files + 1) {
        if (rest.first() != word) throw UsageError(QStringLiteral("Unknown export \"%1\".").arg(rest.first()));
        rest.removeFirst();
    }
    return rest;
}

} // namespace

int rosterReviewReport(Context& ctx) {
    const QString networkName = ctx.args.option("--network");
    const QString format = ctx.args.option("--format", "text", {"text", "csv", "json"});
    int days = ctx.args.intOption("--within-days", -1, 0, lpn::kTermEndingMaxDays); // -1: not given
    acceptSubcommand(ctx.args, QStringLiteral("roster-review"), 0);
    auto db = ctx.openForReading();
    if (days < 0) days = termEndingWarningDays(*db); // the database's setting, else the policy default
    const Network network = networkNamed(*db, networkName);
    RosterReviewOptions options;
    options.termEndingWithinDays = days;
    const QList<RosterFinding> findings = reviewRoster(*db, network.id, options);
    auto memberName = [&](const QString& id) {
        if (id.isEmpty()) return QString();
        return db->scalar(QStringLiteral("SELECT given_name || ' ' || family_name FROM lpn_member WHERE id = ?"), {id}).toString();
    };
    if (format == QLatin1String("json")) {
        QJsonArray array;
        for (const RosterFinding& f : findings)
            array.append(QJsonObject{{"kind", kindCode(f.kind)},
                                     {"severity", severityCode(f.severity)},
                                     {"message", f.message},
                                     {"member", memberName(f.memberId)},
                                     {"memberId", f.memberId},
                                     {"groupId", f.groupId},
                                     {"declarationId", f.declarationId},
                                     {"contractorId", f.contractorId},
                                     {"date", f.date.isValid() ? f.date.toString(Qt::ISODate) : QString()}});
        writeJson(ctx.out, QJsonObject{{"network", network.name},
                                       {"date", db->clock().today().toString(Qt::ISODate)},
                                       {"findings", array}});
    } else if (format == QLatin1String("csv")) {
        ctx.out << "kind,severity,member,message,member_id,group_id,date\r\n";
        for (const RosterFinding& f : findings)
            ctx.out << rosterCsvCell(kindCode(f.kind)) << ',' << severityCode(f.severity) << ','
                    << rosterCsvCell(memberName(f.memberId)) << ',' << rosterCsvCell(f.message) << ',' << f.memberId << ','
                    << f.groupId << ',' << (f.date.isValid() ? f.date.toString(Qt::ISODate) : QString()) << "\r\n";
    } else {
        ctx.out << "Roster review: " << network.name << " (" << findings.size() << " finding"
                << (findings.size() == 1 ? "" : "s") << ")\n";
        for (const RosterFinding& f : findings)
            ctx.out << "  [" << severityCode(f.severity) << "] " << kindLabel(f.kind) << ": " << f.message << '\n';
        if (findings.isEmpty()) ctx.out << "  Nothing to review: every seat is filled and every declaration is current.\n";
    }
    return Done;
}

int rosterExport(Context& ctx) {
    const QString networkName = ctx.args.option("--network");
    RosterExportOptions options;
    options.includeDeclarations = ctx.args.flag("--include-declarations");
    const QStringList files = positionalsAfter(ctx.args, QStringLiteral("roster"), 1);
    if (!rosterFormatFor(files.first()))
        throw UsageError(QStringLiteral("The roster file must end in .csv or .xlsx (not \"%1\").").arg(files.first()));
    ctx.checkOutput(files.first());
    auto db = ctx.openForReading();
    const Network network = networkNamed(*db, networkName);
    const RosterExportResult r = exportRoster(*db, network.id, files.first(), options);
    ctx.out << "Exported " << r.seats << " roster row" << (r.seats == 1 ? "" : "s");
    if (options.includeDeclarations) ctx.out << " and " << r.declarations << " declaration" << (r.declarations == 1 ? "" : "s");
    ctx.out << " of " << network.name << " to " << QFileInfo(r.path).absoluteFilePath() << '\n';
    if (options.includeDeclarations) ctx.out << "The file is CONFIDENTIAL: it includes declarations of interest.\n";
    return Done;
}

void addLpnReports(QList<Report>& reports) {
    reports << Report{"roster-review", "report roster-review --network NAME [--within-days N] [--format text|csv|json]",
                      rosterReviewReport};
}

} // namespace cb::cli
