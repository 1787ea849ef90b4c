#pragma once

#include <QStringList>
#include <QTextStream>

namespace cb::cli {

// Exit statuses of casebook-cli.
enum Exit { Done = 0, Rejected = 1, Usage = 2, DatabaseFailure = 3 };

// Runs one casebook-cli command (arguments without the program name). Writes results to out and
// reasons to err; returns an Exit status.
int run(const QStringList& args, QTextStream& out, QTextStream& err);

} // namespace cb::cli
