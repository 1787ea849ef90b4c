#pragma once
// Runs casebook-cli in-process against a test database and captures what it writes.
#include "TestSupport.h"
#include "cli/Cli.h"

namespace cbtest {

struct CliResult {
    int status;
    QString out, err;
};

// casebook-cli with exactly these arguments.
inline CliResult runCliArgs(const QStringList& args) {
    QString out, err;
    QTextStream o(&out), e(&err);
    const int status = cb::cli::run(args, o, e);
    o.flush();
    e.flush();
    return {status, out, err};
}

inline CliResult runCli(const TempDb& t, QStringList args) {
    args.prepend(t.path());
    args.prepend(QStringLiteral("--db"));
    return runCliArgs(args);
}

} // namespace cbtest
