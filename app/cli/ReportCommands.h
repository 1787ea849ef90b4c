#pragma once

#include "cli/Cli.h"

namespace cb {
struct ReportTable;
}

namespace cb::cli {

// One `casebook-cli report NAME ...` subcommand. Each feature adds its reports with one line in
// allReports() (ReportCommands.cpp) calling its own addXxxReports.
struct Report {
    QString name;  // "concerns"
    QString usage; // "report concerns [--format text|csv|json] [--include-confidential]"
    std::function<int(Context&)> run;
};

void addConcernReports(QList<Report>& reports); // ConcernCommands.cpp
void addLpnReports(QList<Report>& reports);     // LpnCommands.cpp
void addWorklistReports(QList<Report>& reports); // WorklistCommands.cpp

// Takes --format (text|csv|json) and writes the table in it.
QString takeFormat(Context& ctx);
void writeReport(Context& ctx, const ReportTable& table, const QString& format);

} // namespace cb::cli
