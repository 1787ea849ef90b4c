// casebook-cli: the headless front end (scripting, tests, benchmarks).
#include "cli/Cli.h"

#include <QCoreApplication>
#include <cstdio>

int main(int argc, char** argv) {
    QCoreApplication app(argc, argv);
    QCoreApplication::setOrganizationName(QStringLiteral("Casebook"));
    QCoreApplication::setApplicationName(QStringLiteral("Casebook"));
    QCoreApplication::setApplicationVersion(QStringLiteral(CASEBOOK_VERSION));
    QTextStream out(stdout);
    QTextStream err(stderr);
    return cb::cli::run(app.arguments().mid(1), out, err);
}
