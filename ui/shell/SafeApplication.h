#pragma once

#include <QApplication>
#include <functional>

namespace cb::ui {

// The GUI's QApplication. An exception that escapes an event handler or a slot (a database that
// went away, a disk I/O error while another program holds the file) must not end the program and
// lose the caseworker's work: notify() catches it and tells her in words what happened, once, after
// the event in hand is finished.
class SafeApplication : public QApplication {
    Q_OBJECT
public:
    SafeApplication(int& argc, char** argv);
    bool notify(QObject* receiver, QEvent* event) override;

    // Runs deliver, catching anything it throws and reporting it; returns false if it threw.
    // (notify() in one place, testable without a second QApplication.)
    static bool deliverSafely(const std::function<bool()>& deliver, bool* result = nullptr);

    // What the caseworker reads for an error that reached the event loop.
    static QString explanation(const QString& detail);
};

} // namespace cb::ui
