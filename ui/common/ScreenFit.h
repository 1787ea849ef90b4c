#pragma once

class QWidget;

namespace cb::ui {

// Brings a window back onto the screen it is on: no larger than the space the screen leaves free
// (never smaller than the window's minimum), and moved so its title bar can be reached. Used after
// restoring a saved geometry, which may come from a larger screen or a larger system font.
void keepOnScreen(QWidget* window);

} // namespace cb::ui
