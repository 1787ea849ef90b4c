#pragma once

#include <QStringList>

namespace cb::ui {

class MainWindow;

// The LPN screens for `casebook --screenshot DIR`: roster, review, meetings, member editor (with
// declarations), meeting editor, export dialog and the practice file's LPN tab. Returns the files.
QStringList renderLpnScreenshots(MainWindow& window, const QString& dir);

} // namespace cb::ui
