#pragma once

#include <QString>
#include <QStringList>
#include <functional>

class QWidget;

namespace cb::ui {

// Every modal question Casebook asks (confirmations, unsaved changes, errors) goes through ask(),
// so widget tests can answer without timers: Ask::setHandler([](const Question&) { ... }).
struct Question {
    enum class Kind { Information, Warning, Error, Question };
    Kind kind = Kind::Question;
    QString title;
    QString text;
    QStringList buttons; // first is the default; empty: a single "OK"
};

class Ask {
public:
    using Handler = std::function<int(QWidget* parent, const Question&)>; // returns the button index, -1 if dismissed

    // Shows the question; returns the index of the chosen button (-1 when dismissed with Esc).
    static int ask(QWidget* parent, const Question& q);
    static void error(QWidget* parent, const QString& title, const QString& text);
    static void info(QWidget* parent, const QString& title, const QString& text);
    static bool confirm(QWidget* parent, const QString& title, const QString& text, const QString& yes,
                        const QString& no = QStringLiteral("Cancel"));

    // Replaces the handler (tests); returns the previous one. An empty handler restores message boxes.
    static Handler setHandler(Handler handler);
    // The last question asked (tests check what the user would have read).
    static Question lastQuestion();
};

} // namespace cb::ui
