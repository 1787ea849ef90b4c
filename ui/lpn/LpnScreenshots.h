#pragma once

#include <QStringList>

namespace cb::ui {

class MainWindow;

// The LPN screens for `casebook --screenshot DIR`: roster, review, meetings, member editor (with
// declarations), meeting editor, export dialog and the practice file's LPN tab. Returns the PNG
// files; also writes lpn-roster.pdf, the shared roster as it goes into meeting papers.
QStringList renderLpnScreenshots(MainWindow& window, const QString& dir);

} // namespace cb::ui
