#pragma once

namespace cb::ui {

class MainWindow;

// Where features plug into the shell. Each feature adds one line to each function in Features.cpp:
// its practice-file tabs (PracticeFile::addTabFactory) and its pages (MainWindow::addPage).
void installPracticeTabs();
void installFeaturePages(MainWindow& window);

} // namespace cb::ui
