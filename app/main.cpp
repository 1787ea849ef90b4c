// The Casebook desktop application. Everything lives in casebook_ui; see ui/shell/App.h.
// This file only decides, before any QApplication exists, what needs no window at all.
#include "shell/App.h"

#include <QtGlobal>
#include <cstdio>
#include <cstring>

namespace {
bool hasArgument(int argc, char** argv, const char* name) {
    for (int i = 1; i < argc; ++i)
        if (std::strcmp(argv[i], name) == 0) return true;
    return false;
}

// Qt's default platform on Linux needs an X11 or Wayland display; without one it aborts.
bool noDisplay() {
#if defined(Q_OS_UNIX) && !defined(Q_OS_DARWIN)
    return qEnvironmentVariableIsEmpty("DISPLAY") && qEnvironmentVariableIsEmpty("WAYLAND_DISPLAY");
#else
    return false;
#endif
}
} // namespace

int main(int argc, char** argv) {
    if (hasArgument(argc, argv, "--version")) {
        std::printf("casebook %s\n", CASEBOOK_VERSION);
        return 0;
    }
    // Screenshots and --help show no window: draw offscreen, so they work on a machine (or in CI)
    // with no display. An explicit QT_QPA_PLATFORM is respected.
    const bool headless = hasArgument(argc, argv, "--screenshot") || hasArgument(argc, argv, "--help") ||
                          hasArgument(argc, argv, "-h");
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM")) {
        if (headless) {
            qputenv("QT_QPA_PLATFORM", "offscreen");
        } else if (noDisplay()) {
            std::fprintf(stderr, "Casebook needs a desktop to show its window, and none was found (DISPLAY and "
                                 "WAYLAND_DISPLAY are not set). Start it from your desktop session, or use "
                                 "casebook-cli for work without a window.\n");
            return 2;
        }
    }
    return cb::ui::runCasebook(argc, argv);
}
