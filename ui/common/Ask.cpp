#include "common/Ask.h"

#include <QMessageBox>
#include <QPushButton>

namespace cb::ui {

namespace {
Ask::Handler& handler() {
    static Ask::Handler h;
    return h;
}
Question& last() {
    static Question q;
    return q;
}

int messageBox(QWidget* parent, const Question& q) {
    QMessageBox box(parent);
    box.setWindowTitle(q.title.isEmpty() ? QStringLiteral("Casebook") : q.title);
    box.setText(q.text);
    box.setIcon(q.kind == Question::Kind::Error     ? QMessageBox::Critical
                : q.kind == Question::Kind::Warning ? QMessageBox::Warning
                : q.kind == Question::Kind::Question ? QMessageBox::Question
                                                     : QMessageBox::Information);
    const QStringList buttons = q.buttons.isEmpty() ? QStringList{QStringLiteral("OK")} : q.buttons;
    QList<QAbstractButton*> made;
    for (int i = 0; i < buttons.size(); ++i) {
        const auto role = i == buttons.size() - 1 && buttons.size() > 1 ? QMessageBox::RejectRole
                                                                         : QMessageBox::AcceptRole;
        QPushButton* b = box.addButton(buttons[i], role);
        b->setAccessibleName(buttons[i]);
        made << b;
        if (i == 0) box.setDefaultButton(b);
    }
    if (buttons.size() > 1) box.setEscapeButton(made.last());
    box.exec();
    const int index = made.indexOf(box.clickedButton());
    return index;
}
} // namespace

int Ask::ask(QWidget* parent, const Question& q) {
    last() = q;
    if (handler()) return handler()(parent, q);
    return messageBox(parent, q);
}

void Ask::error(QWidget* parent, const QString& title, const QString& text) {
    ask(parent, {Question::Kind::Error, title, text, {}});
}

void Ask::info(QWidget* parent, const QString& title, const QString& text) {
    ask(parent, {Question::Kind::Information, title, text, {}});
}

bool Ask::confirm(QWidget* parent, const QString& title, const QString& text, const QString& yes, const QString& no) {
    return ask(parent, {Question::Kind::Question, title, text, {yes, no}}) == 0;
}

Ask::Handler Ask::setHandler(Handler h) {
    Handler old = std::move(handler());
    handler() = std::move(h);
    return old;
}

Question Ask::lastQuestion() { return last(); }

} // namespace cb::ui
