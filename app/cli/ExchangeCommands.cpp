// import ... and export ...: shared files in and out (issue 6). The work is done in core/exchange;
// these commands only parse words and print the preview or result.
#include "cli/Cli.h"

#include "exchange/Import.h"
#include "exchange/PracticeFileReport.h"
#include "exchange/RecordExchange.h"
#include "exchange/XlsxExport.h"
#include "store/Database.h"

#ifdef CASEBOOK_HAS_PDF
#include "exchange/PdfReport.h"
#endif

namespace cb::cli {

namespace {

using namespace cb::exchange;

int runImport(Context& ctx) {
    // --preview is the dental activity file's word for it (journey 7); both mean "change nothing".
    const bool previewFlag = ctx.args.flag("--preview");
    const bool dryRun = ctx.args.flag("--dry-run") || previewFlag;
    const QString format = ctx.args.option("--format", "text", {"text", "json"});
    const QStringList words = ctx.args.positionals(2, -1);
    const QString kind = words.first();
    if (kind == QLatin1String("payments") && words.size() != 2)
        throw UsageError(QStringLiteral("import payments takes one file."));
    if (kind == QLatin1String("json") && words.size() != 2) throw UsageError(QStringLiteral("import json takes one file."));
    if (kind == QLatin1String("csv") && words.size() != 3)
        throw UsageError(QStringLiteral("import csv takes a record type and one file."));
    if (kind == QLatin1String("dental-activity") && words.size() != 2)
        throw UsageError(QStringLiteral("import dental-activity takes one file."));
    if (!QStringList{"ods", "payments", "dental-activity", "json", "csv"}.contains(kind))
        throw UsageError(QStringLiteral("Import what? Use ods, payments, dental-activity, json or csv (not \"%1\").").arg(kind));
    auto db = ctx.open(); // before the files: a mistyped --db is the first thing to hear about
    ImportJob job;
    if (kind == QLatin1String("ods")) job = ImportJob::ods(words.mid(1));
    else if (kind == QLatin1String("payments")) job = ImportJob::payments(words[1]);
    else if (kind == QLatin1String("dental-activity")) job = ImportJob::dentalActivity(words[1]);
    else if (kind == QLatin1String("json")) job = ImportJob::json(words[1]);
    else job = ImportJob::csv(words[1], words[2]);
    const ImportSummary summary = dryRun ? job.preview(*db) : job.commit(*db);
    if (format == QLatin1String("json")) {
        QJsonObject o = summary.toJson();
        o.insert("dryRun", dryRun);
        writeJson(ctx.out, o);
    } else {
        ctx.out << summary.toText();
    }
    // Rows were offered and none could be used: the run did nothing, and a script must know.
    const int usable = summary.added() + summary.updated() + summary.unchanged() + summary.skipped();
    if (summary.rejected() > 0 && usable == 0) {
        ctx.err << (dryRun ? "Nothing would be imported" : "Nothing was imported")
                << (kind == QLatin1String("dental-activity")
                        ? ": a dental activity file is imported whole or not at all, and lines were rejected (the "
                          "reasons are listed above). Correct them and try again.\n"
                        : ": every row was rejected (the reasons are listed above). Correct the file and try again.\n");
        return Rejected;
    }
    return Done;
}

QString recordsLine(const ExportResult& r) {
    QString s = QStringLiteral("Wrote %1 record%2 to %3\n").arg(r.records).arg(r.records == 1 ? "" : "s").arg(r.path);
    if (r.confidential) s += QStringLiteral("CONFIDENTIAL: the file includes confidential records.\n");
    if (r.confidentialLeftOut > 0)
        s += QStringLiteral("%1 confidential record%2 left out (--include-confidential to include them).\n")
                 .arg(r.confidentialLeftOut).arg(r.confidentialLeftOut == 1 ? " was" : "s were");
    return s;
}

int runExport(Context& ctx) {
    if (ctx.args.peekSubcommand() == QLatin1String("roster")) return rosterExport(ctx); // LpnCommands.cpp
    ExportOptions options;
    options.includeConfidential = ctx.args.flag("--include-confidential");
    const QStringList words = ctx.args.positionals(2, 3);
    const QString kind = words.first();
    auto need = [&](int n) {
        if (words.size() != n) throw UsageError(QStringLiteral("Wrong number of arguments for export %1.").arg(kind));
    };
    if (kind == QLatin1String("csv")) {
        need(3);
        ctx.checkOutput(words[2]);
        auto db = ctx.openForReading();
        ctx.out << recordsLine(exportCsv(*db, words[1], words[2], options));
    } else if (kind == QLatin1String("xlsx")) {
        need(2);
        ctx.checkOutput(words[1]);
        auto db = ctx.openForReading();
        ctx.out << recordsLine(exportXlsx(*db, words[1], options));
    } else if (kind == QLatin1String("json")) {
        need(2);
        ctx.checkOutput(words[1]);
        auto db = ctx.openForReading();
        ctx.out << recordsLine(exportJson(*db, words[1], options));
    } else if (kind == QLatin1String("pdf")) {
        need(3);
        if (options.includeConfidential)
            throw UsageError(QStringLiteral("The practice file never shows confidential details; drop "
                                            "--include-confidential."));
        ctx.checkOutput(words[2]);
#ifdef CASEBOOK_HAS_PDF
        auto db = ctx.openForReading();
        const PracticeFile file = practiceFile(*db, words[1]);
        ui::writePracticeFilePdf(file, words[2]);
        ctx.out << "Wrote " << file.title << " to " << words[2] << '\n';
#else
        throw Error(QStringLiteral("This build of casebook-cli has no PDF support (built without the GUI)."));
#endif
    } else {
        throw UsageError(QStringLiteral("Export as what? Use csv, xlsx, json or pdf (not \"%1\").").arg(kind));
    }
    return Done;
}

} // namespace

void addExchangeCommands(QList<Command>& commands) {
    commands.append({QStringLiteral("import"),
                     QStringLiteral("import ods FILE... [--dry-run] [--format json]\n"
                                    "import payments FILE [--dry-run] [--format json]\n"
                                    "import dental-activity FILE [--preview|--dry-run] [--format json]\n"
                                    "import json FILE [--dry-run] [--format json]\n"
                                    "import csv TYPE FILE [--dry-run] [--format json]"),
                     runImport});
    commands.append({QStringLiteral("export"),
                     QStringLiteral("export csv TYPE FILE [--include-confidential]\n"
                                    "export xlsx FILE [--include-confidential]\n"
                                    "export json FILE [--include-confidential]\n"
                                    "export pdf ODS_CODE FILE\n"
                                    "export roster --network NAME FILE.csv|FILE.xlsx [--include-declarations]"),
                     runExport});
}

} // namespace cb::cli
