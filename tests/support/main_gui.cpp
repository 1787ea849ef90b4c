// Catch2 runner for widget tests: offscreen QApplication unless a platform is set.
#define CATCH_CONFIG_RUNNER
#include <QApplication>
#include <QStandardPaths>
#include <catch2/catch.hpp>

#include "TestSupport.h"

int main(int argc, char** argv) {
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM")) qputenv("QT_QPA_PLATFORM", "offscreen");
    QStandardPaths::setTestModeEnabled(true);
    QApplication app(argc, argv);
    QApplication::setOrganizationName(QStringLiteral("CasebookTests"));
    QApplication::setApplicationName(QStringLiteral("casebook-tests"));
    return cbtest::runnerExitCode(Catch::Session().run(argc, argv));
}
