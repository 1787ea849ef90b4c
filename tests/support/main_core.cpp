// Catch2 runner for headless tests: a QCoreApplication, nothing printed before Catch runs
// (catch_discover_tests reads this binary's output at build time).
#define CATCH_CONFIG_RUNNER
#include <QCoreApplication>
#include <QStandardPaths>
#include <catch2/catch.hpp>

#include "TestSupport.h"

int main(int argc, char** argv) {
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM")) qputenv("QT_QPA_PLATFORM", "offscreen");
    QStandardPaths::setTestModeEnabled(true); // never the user's settings or database
    QCoreApplication app(argc, argv);
    QCoreApplication::setOrganizationName(QStringLiteral("CasebookTests"));
    QCoreApplication::setApplicationName(QStringLiteral("casebook-tests"));
    return cbtest::runnerExitCode(Catch::Session().run(argc, argv));
}
