// casebook-cli commands for the database itself and the contractor register.
#include "cli/Cli.h"
#include "contractors/Contractor.h"
#include "demo/DemoSeeder.h"
#include "reports/Stats.h"
#include "store/Database.h"
#include "store/IntegrityCheck.h"

#include <QFileInfo>
#include <QJsonArray>
#include <QJsonObject>

namespace cb::cli {

namespace {

int init(Context& ctx) {
    ctx.args.positionals(0, 0);
    const bool existed = QFileInfo::exists(ctx.dbPath) && QFileInfo(ctx.dbPath).size() > 0;
    auto db = ctx.openOrCreate();
    ctx.out << (existed ? "Opened " : "Created ") << db->path() << " (schema " << db->fileSchemaVersion() << ")\n";
    return Done;
}

int seed(Context& ctx) {
    SeedOptions options;
    options.contractors = ctx.args.intOption("--contractors", 400, 0, 1'000'000);
    options.seed = quint32(ctx.args.intOption("--seed", 1, 0, 2'000'000'000));
    ctx.args.positionals(0, 0);
    auto db = ctx.openOrCreate();
    const SeedSummary summary = seedDemo(*db, options);
    ctx.out << "Seeded " << db->path() << ":\n";
    for (auto it = summary.added.begin(); it != summary.added.end(); ++it)
        ctx.out << "  " << it.key().leftJustified(18) << ' ' << it.value() << '\n';
    return Done;
}

int check(Context& ctx) {
    const bool repair = ctx.args.flag("--repair");
    ctx.args.positionals(0, 0);
    auto db = repair ? ctx.open() : ctx.openForReading(); // checking works on a read-only copy too
    if (repair) {
        db->write([&] {
            db->exec(QStringLiteral("INSERT INTO contractor_fts(contractor_fts) VALUES('rebuild')"));
            db->exec(QStringLiteral("INSERT INTO performer_fts(performer_fts) VALUES('rebuild')"));
        });
        ctx.out << "Search indexes rebuilt.\n";
    }
    const IntegrityReport report = checkIntegrity(*db);
    if (report.ok()) {
        ctx.out << "OK: " << db->path() << " passed SQLite's checks and " << report.rowsChecked
                << " records passed Casebook's rules.\n";
        return Done;
    }
    ctx.err << report.findings.size() << " problem(s) found in " << db->path() << ":\n";
    for (const IntegrityFinding& f : report.findings) {
        ctx.err << "  ";
        if (!f.table.isEmpty()) ctx.err << f.table << (f.recordId.isEmpty() ? "" : " " + f.recordId) << ": ";
        ctx.err << f.message << '\n';
    }
    return Rejected;
}

int backup(Context& ctx) {
    const QStringList files = ctx.args.positionals(1, 1);
    auto db = ctx.openForReading();
    db->backupTo(files.first());
    ctx.out << "Backed up " << db->path() << " to " << QFileInfo(files.first()).absoluteFilePath() << '\n';
    return Done;
}

int compact(Context& ctx) {
    ctx.args.positionals(0, 0);
    auto db = ctx.open();
    const Database::Compaction c = db->compact();
    const auto mib = [](qint64 bytes) { return QString::number(double(bytes) / (1024.0 * 1024.0), 'f', 1); };
    ctx.out << "Compacted " << db->path() << ": " << mib(c.before) << " MiB before, " << mib(c.after) << " MiB now ("
            << mib(std::max<qint64>(0, c.before - c.after)) << " MiB of free space given back).\n";
    return Done;
}

int stats(Context& ctx) {
    const QString format = ctx.args.option("--format", "text", {"text", "json"});
    ctx.args.positionals(0, 0);
    auto db = ctx.openForReading();
    const DatabaseStats s = collectStats(*db);
    if (format == QLatin1String("json")) writeJson(ctx.out, s.toJson());
    else ctx.out << s.toText();
    return Done;
}

int list(Context& ctx) {
    const QString format = ctx.args.option("--format", "tsv", {"tsv", "json"});
    ContractorFilter filter;
    const QString group = ctx.args.option("--group");
    filter.search = ctx.args.option("--search");
    const QStringList what = ctx.args.positionals(1, 1);
    if (what.first() != QLatin1String("contractors"))
        throw UsageError(QStringLiteral("Only \"list contractors\" is available (not \"%1\").").arg(what.first()));
    if (!group.isEmpty()) {
        filter.group = codeFor(contractorGroups(), group);
        if (filter.group.isEmpty())
            throw UsageError(QStringLiteral("--group must be one of: %1 (not \"%2\").")
                                 .arg(QStringList{"general_practice", "dental", "eye_health", "pharmacy", "appliance"}.join(", "), group));
    }
    auto db = ctx.openForReading();
    ContractorService service(*db);
    const QList<Contractor> rows = service.list(filter);
    if (format == QLatin1String("json")) {
        QJsonArray array;
        for (const Contractor& c : rows)
            array.append(QJsonObject{{"id", c.id},
                                     {"odsCode", c.odsCode},
                                     {"name", c.name},
                                     {"group", c.group},
                                     {"status", c.status},
                                     {"postcode", c.postcode},
                                     {"town", c.address4},
                                     {"commissionerCode", c.commissionerCode},
                                     {"assuranceTier", c.assuranceTier}});
        writeJson(ctx.out, array);
    } else {
        ctx.out << "ods_code\tname\tgroup\tstatus\tpostcode\ttown\tcommissioner\tassurance_tier\n";
        for (const Contractor& c : rows)
            ctx.out << tsvField(c.odsCode) << '\t' << tsvField(c.name) << '\t' << c.group << '\t' << c.status << '\t'
                    << tsvField(c.postcode) << '\t' << tsvField(c.address4) << '\t' << c.commissionerCode << '\t'
                    << c.assuranceTier << '\n';
    }
    return Done;
}

} // namespace

void addRegisterCommands(QList<Command>& commands) {
    commands << Command{"init", "init", init}
             << Command{"seed", "seed [--contractors N] [--seed S]", seed}
             << Command{"check", "check [--repair]", check}
             << Command{"backup", "backup FILE", backup}
             << Command{"compact", "compact", compact}
             << Command{"stats", "stats [--format text|json]", stats}
             << Command{"list", "list contractors [--group G] [--search TEXT] [--format tsv|json]", list};
}

} // namespace cb::cli
