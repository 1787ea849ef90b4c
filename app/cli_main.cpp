// casebook-cli: the headless front end (scripting, tests, benchmarks).
#include "cli/Cli.h"

#include <QCoreApplication>
#include <cstdio>
#include <cstring>
#include <memory>
#ifdef CASEBOOK_HAS_PDF
#include <QGuiApplication>
#endif

namespace {
// "export pdf" renders with QtGui, which needs a QGuiApplication (offscreen: no display needed).
[[maybe_unused]] bool wantsGui(int argc, char** argv) {
    QStringList words;
    for (int i = 1; i < argc; ++i) {
        if (std::strcmp(argv[i], "--db") == 0) {
            ++i;
            continue;
        }
        words << QString::fromLocal8Bit(argv[i]);
    }
    return words.size() >= 2 && words[0] == QLatin1String("export") && words[1] == QLatin1String("pdf");
}
} // namespace

int main(int argc, char** argv) {
    std::unique_ptr<QCoreApplication> application;
#ifdef CASEBOOK_HAS_PDF
    if (wantsGui(argc, argv)) {
        if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM")) qputenv("QT_QPA_PLATFORM", "offscreen");
        application = std::make_unique<QGuiApplication>(argc, argv);
    }
#endif
    if (!application) application = std::make_unique<QCoreApplication>(argc, argv);
    QCoreApplication& app = *application;
    QCoreApplication::setOrganizationName(QStringLiteral("Casebook"));
    QCoreApplication::setApplicationName(QStringLiteral("Casebook"));
    QCoreApplication::setApplicationVersion(QStringLiteral(CASEBOOK_VERSION));
    QTextStream out(stdout);
    QTextStream err(stderr);
    return cb::cli::run(app.arguments().mid(1), out, err);
}
