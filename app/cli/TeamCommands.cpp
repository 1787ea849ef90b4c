// team init|join, sync and conflicts: a replica exchanging change packages through a team folder
// (issue 12, docs/exchange.md). The work is done in core/team; these commands parse words and print.
#include "cli/Cli.h"

#include "common/FileSafety.h"
#include "store/Database.h"
#include "team/Team.h"

#include <QDateTime>
#include <QFile>
#include <QJsonArray>
#include <QJsonObject>

#include <cstdio>
#include <termios.h>
#include <unistd.h>

namespace cb::cli {

namespace {

void printReport(Context& ctx, const team::SyncReport& report) {
    ctx.out << report.summary(QDateTime::currentDateTime().toString(QStringLiteral("HH:mm"))) << '\n';
    for (const QString& p : report.problems) ctx.err << p << '\n';
    if (report.newConflicts > 0)
        ctx.out << report.newConflicts << " new conflict(s) to decide: run casebook-cli conflicts to see them.\n";
}

// One line typed on the terminal without echo; empty when stdin is not a terminal.
QString promptHidden(Context& ctx, const QString& prompt) {
    if (!::isatty(STDIN_FILENO)) return {};
    ctx.err << prompt;
    ctx.err.flush();
    termios saved{};
    const bool hide = ::tcgetattr(STDIN_FILENO, &saved) == 0;
    if (hide) {
        termios quiet = saved;
        quiet.c_lflag &= ~tcflag_t(ECHO);
        ::tcsetattr(STDIN_FILENO, TCSAFLUSH, &quiet);
    }
    char line[1024];
    const bool read = std::fgets(line, sizeof line, stdin) != nullptr;
    if (hide) ::tcsetattr(STDIN_FILENO, TCSAFLUSH, &saved);
    ctx.err << '\n';
    ctx.err.flush();
    QString typed = read ? QString::fromLocal8Bit(line) : QString();
    while (typed.endsWith(QLatin1Char('\n')) || typed.endsWith(QLatin1Char('\r'))) typed.chop(1);
    return typed;
}

// The team passphrase from --passphrase-file FILE (its first line), CASEBOOK_TEAM_PASSPHRASE, or
// typed on the terminal without echo (twice for a new team); never from the command line itself,
// where other users of the computer could see it.
QString teamPassphrase(Context& ctx, const QString& file, bool confirm) {
    if (!file.isEmpty()) {
        // An ordinary file of at most 64 KB: a pipe would wait for ever, a device never ends.
        if (const QString why = files::whyNotReadable(file, 64 * 1024); !why.isEmpty())
            throw UsageError(QStringLiteral("Could not read the passphrase file: %1").arg(why));
        QFile f(file);
        if (!f.open(QIODevice::ReadOnly))
            throw UsageError(QStringLiteral("Could not read the passphrase file %1 (%2): check the name.")
                                 .arg(file, f.errorString()));
        QString first = QString::fromUtf8(f.readLine(64 * 1024));
        while (first.endsWith(QLatin1Char('\n')) || first.endsWith(QLatin1Char('\r'))) first.chop(1);
        if (first.isEmpty())
            throw UsageError(QStringLiteral("The passphrase file %1 is empty: put the team passphrase on its first line.")
                                 .arg(file));
        return first;
    }
    const QString env = qEnvironmentVariable("CASEBOOK_TEAM_PASSPHRASE");
    if (!env.isEmpty()) return env;
    const QString typed = promptHidden(ctx, QStringLiteral("Team passphrase: "));
    if (typed.isEmpty())
        throw UsageError(QStringLiteral("Give the team passphrase: type it when asked, or put it in "
                                        "CASEBOOK_TEAM_PASSPHRASE, or in a file named with --passphrase-file FILE."));
    if (confirm && promptHidden(ctx, QStringLiteral("The same passphrase again: ")) != typed)
        throw UsageError(QStringLiteral("The two passphrases were not the same: nothing was set up. Try again."));
    return typed;
}

int runTeam(Context& ctx) {
    const QString name = ctx.args.option("--name");
    const QString passphraseFile = ctx.args.option("--passphrase-file");
    const bool encrypt = ctx.args.flag("--encrypt");
    const QString sub = ctx.args.takeSubcommand();
    const QStringList words = ctx.args.positionals(sub == QLatin1String("members") ? 0 : 1, sub == QLatin1String("members") ? 0 : 1);
    if (sub == QLatin1String("init")) {
        if (!encrypt && !passphraseFile.isEmpty())
            throw UsageError(QStringLiteral("A passphrase file was given without --encrypt: add --encrypt to protect the "
                                            "team folder with a passphrase."));
        auto db = ctx.open();
        const QString passphrase = encrypt ? teamPassphrase(ctx, passphraseFile, true) : QString();
        const team::ReplicaInfo info = team::initTeam(*db, words.first(), name, passphrase);
        ctx.out << "Started the team folder " << info.folder << (info.encrypted ? " (encrypted)" : "")
                << " with this database as \"" << info.name
                << "\". Colleagues join it with: casebook-cli --db NEW.db team join " << info.folder << '\n';
        if (info.encrypted)
            ctx.out << "Give colleagues the passphrase in person or by phone, never in the team folder. Casebook cannot "
                       "recover a forgotten passphrase.\n";
        return Done;
    }
    if (sub == QLatin1String("join")) {
        if (encrypt) throw UsageError(QStringLiteral("--encrypt is for team init; team join asks for the passphrase "
                                                     "when the folder is encrypted."));
        const QString passphrase =
            team::folderIsEncrypted(words.first()) ? teamPassphrase(ctx, passphraseFile, false) : QString();
        const team::SyncReport report = team::joinTeam(words.first(), ctx.dbPath, name, passphrase);
        ctx.out << "Joined the team folder: " << ctx.dbPath << " is your copy.\n";
        printReport(ctx, report);
        return report.problems.isEmpty() ? Done : Rejected;
    }
    if (sub == QLatin1String("members")) {
        auto db = ctx.openForReading();
        const QList<team::Member> list = team::members(*db);
        for (const team::Member& m : list) {
            ctx.out << m.replicaId.left(8) << "  " << m.name << (m.self ? " (this database)" : "") << '\n'
                    << "    joined " << m.joined.left(10) << (m.who.isEmpty() ? QString() : " by " + m.who)
                    << "; last synced " << (m.lastSync.isEmpty() ? QStringLiteral("never") : m.lastSync.left(16).replace('T', ' '))
                    << '\n';
            if (m.retired) ctx.out << "    retired by " << m.retiredBy << " on " << m.retiredAt.left(10) << '\n';
        }
        ctx.out << list.size() << " member(s). A member that will never sync again: casebook-cli team retire ID\n";
        return Done;
    }
    if (sub == QLatin1String("retire")) {
        auto db = ctx.open();
        const team::Member m = team::retireMember(*db, words.first());
        ctx.out << "Retired " << m.name << ". Compaction no longer waits for it; if it comes back it can still sync, "
                << "but changes it never synced stay on that computer.\n";
        return Done;
    }
    throw UsageError(QStringLiteral("team what? Use init, join, members or retire (not \"%1\").").arg(sub));
}

int runSync(Context& ctx) {
    const bool compact = ctx.args.flag("--compact");
    ctx.args.positionals(0, 0);
    auto db = ctx.open();
    if (!compact) {
        const team::SyncReport report = team::sync(*db);
        printReport(ctx, report);
        return report.problems.isEmpty() ? Done : Rejected;
    }
    const team::CompactReport c = team::compact(*db);
    printReport(ctx, c.sync);
    ctx.out << "Wrote the snapshot " << c.snapshot << " (new colleagues start from it).\n";
    ctx.out << "Moved " << c.archived.size() << " of your files to the archive folder.\n";
    if (!c.waitingFor.isEmpty())
        ctx.out << "Waiting for " << c.waitingFor.join(QStringLiteral(", "))
                << " to sync: nothing they have not seen was archived.\n";
    if (c.deletable.isEmpty()) {
        ctx.out << "No package has been applied by every member yet: nothing may be deleted.\n";
    } else {
        ctx.out << c.deletable.size() << " package(s) have been applied by every member and may be deleted from "
                << "the team folder:\n";
        for (const QString& name : c.deletable) ctx.out << "  " << name << '\n';
    }
    return c.sync.problems.isEmpty() ? Done : Rejected;
}

int runConflicts(Context& ctx) {
    const QString format = ctx.args.option("--format", "text", {"text", "json"});
    const QString keep = ctx.args.option("--keep", {}, {"mine", "theirs"});
    const bool merge = ctx.args.flag("--merge");
    const QString sub = ctx.args.takeSubcommand();
    if (sub == QLatin1String("resolve")) {
        const QStringList words = ctx.args.positionals(1, 1);
        if (merge && !keep.isEmpty())
            throw UsageError(QStringLiteral("Give either --merge or --keep, not both."));
        if (merge) {
            auto db = ctx.open();
            const team::MergeResult m = team::mergeConflictRecords(*db, words.first());
            ctx.out << "Merged the two records into " << m.label << ". Their linked records are all on it now.\n";
            if (m.fieldConflicts > 0)
                ctx.out << m.fieldConflicts << " field(s) differed between them: each is a conflict to decide (run "
                        << "casebook-cli conflicts).\n";
            ctx.out << "The merge goes to your colleagues at the next sync.\n";
            return Done;
        }
        if (keep.isEmpty())
            throw UsageError(QStringLiteral("Say which value to keep: --keep mine or --keep theirs (or --merge for two "
                                            "records with the same key)."));
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
                                 {"detail", c.detail}, {"canMerge", c.canMerge},
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
        if (c.canMerge)
            ctx.out << "    to make them one record: casebook-cli conflicts resolve " << c.id << " --merge\n";
    }
    ctx.out << list.size() << " conflict(s) to decide: casebook-cli conflicts resolve ID --keep mine|theirs\n";
    return Done;
}

} // namespace

void addTeamCommands(QList<Command>& commands) {
    commands.append({QStringLiteral("team"),
                     QStringLiteral("team init FOLDER [--name NAME] [--encrypt [--passphrase-file FILE]]\n"
                                    "--db NEW_FILE team join FOLDER [--name NAME] [--passphrase-file FILE]\n"
                                    "team members\n"
                                    "team retire MEMBER"),
                     runTeam});
    commands.append({QStringLiteral("sync"), QStringLiteral("sync [--compact]"), runSync});
    commands.append({QStringLiteral("conflicts"),
                     QStringLiteral("conflicts [--format text|json]\n"
                                    "conflicts resolve ID --keep mine|theirs|--merge"),
                     runConflicts});
}

} // namespace cb::cli
