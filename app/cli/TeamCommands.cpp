// team init|join, sync and conflicts: a replica exchanging change packages through a team folder
// (issue 12, docs/exchange.md). The work is done in core/team; these commands parse words and print.
#include "cli/Cli.h"

#include "store/Database.h"
#include "team/Team.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonObject>

namespace cb::cli {

namespace {

void printReport(Context& ctx, const team::SyncReport& report) {
    ctx.out << report.summary(QDateTime::currentDateTime().toString(QStringLiteral("HH:mm"))) << '\n';
    for (const QString& p : report.problems) ctx.err << p << '\n';
    if (report.newConflicts > 0)
        ctx.out << report.newConflicts << " new conflict(s) to decide: run casebook-cli conflicts to see them.\n";
}

int runTeam(Context& ctx) {
    const QString name = ctx.args.option("--name");
    const QString sub = ctx.args.takeSubcommand();
    const QStringList words = ctx.args.positionals(1, 1);
    if (sub == QLatin1String("init")) {
        auto db = ctx.open();
        const team::ReplicaInfo info = team::initTeam(*db, words.first(), name);
        ctx.out << "Started the team folder " << info.folder << " with this database as \"" << info.name
                << "\". Colleagues join it with: casebook-cli --db NEW.db team join " << info.folder << '\n';
        return Done;
    }
    if (sub == QLatin1String("join")) {
        const team::SyncReport report = team::joinTeam(words.first(), ctx.dbPath, name);
        ctx.out << "Joined the team folder: " << ctx.dbPath << " is your copy.\n";
        printReport(ctx, report);
        return report.problems.isEmpty() ? Done : Rejected;
    }
    throw UsageError(QStringLiteral("team what? Use init or join (not \"%1\").").arg(sub));
}

int runSync(Context& ctx) {
    ctx.args.positionals(0, 0);
    auto db = ctx.open();
    const team::SyncReport report = team::sync(*db);
    printReport(ctx, report);
    return report.problems.isEmpty() ? Done : Rejected;
}

int runConflicts(Context& ctx) {
    const QString format = ctx.args.option("--format", "text", {"text", "json"});
    const QString keep = ctx.args.option("--keep", {}, {"mine", "theirs"});
    const QString sub = ctx.args.takeSubcommand();
    if (sub == QLatin1String("resolve")) {
        const QStringList words = ctx.args.positionals(1, 1);
        if (keep.isEmpty()) throw UsageError(QStringLiteral("Say which value to keep: --keep mine or --keep theirs."));
        auto db = ctx.open();
        team::resolveConflict(*db, words.first(), keep == QLatin1String("mine"));
        ctx.out << "Conflict " << words.first() << " decided (kept " << keep
                << "). The choice goes to your colleagues at the next sync.\n";
        return Done;
    }
    if (!sub.isEmpty()) throw UsageError(QStringLiteral("conflicts what? Use resolve (not \"%1\").").arg(sub));
    ctx.args.positionals(0, 0);
    auto db = ctx.openForReading();
    const QList<team::Conflict> list = team::conflicts(*db);
    if (format == QLatin1String("json")) {
        QJsonArray a;
        for (const team::Conflict& c : list)
            a.append(QJsonObject{{"id", c.id}, {"kind", c.kind}, {"table", c.table}, {"recordId", c.record},
                                 {"record", c.recordLabel}, {"field", c.field}, {"fieldLabel", c.fieldLabel},
                                 {"detail", c.detail},
                                 {"mine", QJsonObject{{"value", c.mineValue}, {"who", c.mineWho}, {"when", c.mineAt},
                                                      {"replica", c.mineReplica}}},
                                 {"theirs", QJsonObject{{"value", c.theirsValue}, {"who", c.theirsWho},
                                                        {"when", c.theirsAt}, {"replica", c.theirsReplica}}}});
        writeJson(ctx.out, a);
        return Done;
    }
    if (list.isEmpty()) {
        ctx.out << "No conflicts to decide.\n";
        return Done;
    }
    for (const team::Conflict& c : list) {
        ctx.out << c.id << "  " << c.recordLabel << (c.fieldLabel.isEmpty() ? QString() : " — " + c.fieldLabel) << '\n'
                << "    " << c.detail << '\n'
                << "    mine:   " << c.mineValue << "  (" << c.mineWho << ", " << c.mineAt << ")\n"
                << "    theirs: " << c.theirsValue << "  (" << c.theirsWho << ", " << c.theirsAt << ")\n";
    }
    ctx.out << list.size() << " conflict(s) to decide: casebook-cli conflicts resolve ID --keep mine|theirs\n";
    return Done;
}

} // namespace

void addTeamCommands(QList<Command>& commands) {
    commands.append({QStringLiteral("team"),
                     QStringLiteral("team init FOLDER [--name NAME]\n"
                                    "--db NEW_FILE team join FOLDER [--name NAME]"),
                     runTeam});
    commands.append({QStringLiteral("sync"), QStringLiteral("sync"), runSync});
    commands.append({QStringLiteral("conflicts"),
                     QStringLiteral("conflicts [--format text|json]\n"
                                    "conflicts resolve ID --keep mine|theirs"),
                     runConflicts});
}

} // namespace cb::cli
