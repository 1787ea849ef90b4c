#include "shell/SafeApplication.h"

#include "common/Ask.h"
#include "common/Errors.h"

#include <QPointer>
#include <QTimer>
#include <cstdio>

namespace cb::ui {

namespace {
bool g_showing = false;    // one message at a time, even if the same failure repeats
QStringList g_waiting;     // messages not yet shown

void showLater(const QString& message) {
    std::fprintf(stderr, "Casebook: %s\n", qPrintable(message));
    if (g_waiting.contains(message)) return;
    g_waiting << message;
    if (g_showing) return;
    // Not from inside notify(): the event being delivered finishes first.
    QTimer::singleShot(0, qApp, [] {
        if (g_showing) return;
        g_showing = true;
        while (!g_waiting.isEmpty()) {
            const QString text = g_waiting.takeFirst();
            Ask::error(QApplication::activeWindow(), QStringLiteral("Something went wrong"), text);
        }
        g_showing = false;
    });
}
} // namespace

SafeApplication::SafeApplication(int& argc, char** argv) : QApplication(argc, argv) {}

QString SafeApplication::explanation(const QString& detail) {
    return QStringLiteral("%1\n\nCasebook is still running and nothing you had already saved is lost. If you were "
                          "saving, check the record and save it again.").arg(detail);
}

bool SafeApplication::deliverSafely(const std::function<bool()>& deliver, bool* result) {
    try {
        const bool r = deliver();
        if (result) *result = r;
        return true;
    } catch (const Error& e) {
        showLater(explanation(e.message()));
    } catch (const std::exception& e) {
        showLater(explanation(QString::fromUtf8(e.what())));
    } catch (...) {
        showLater(explanation(QStringLiteral("An unexpected problem stopped the last action.")));
    }
    if (result) *result = false;
    return false;
}

bool SafeApplication::notify(QObject* receiver, QEvent* event) {
    bool result = false;
    deliverSafely([&] { return QApplication::notify(receiver, event); }, &result);
    return result;
}

} // namespace cb::ui
