#pragma once

#include <QList>
#include <QStringList>

class QWidget;

namespace cb::ui {

// Help > User guide (F1) and Help > Keyboard shortcuts. Both are plain windows (not modal), so the
// caseworker can keep the guide open beside the record she is working on. The guide is
// docs/user-guide.md compiled into the program (a Qt resource), so it works offline.
class HelpWindows {
public:
    static constexpr const char* kGuideUrl = "qrc:/casebook/help/user-guide.md";
    // Opens (or brings forward) the guide, a child of parent's window. Returns it.
    static QWidget* showGuide(QWidget* parent);
    // rows: (where, what, keys), e.g. ("Go", "Back", "Alt+Left").
    static QWidget* showShortcuts(QWidget* parent, const QList<QStringList>& rows);
};

} // namespace cb::ui
