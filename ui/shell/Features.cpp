#include "shell/Features.h"

#include "common/Workspace.h"
#include "contractors/PracticeFile.h"
#include "contracts/ContractViews.h"
#include "dashboard/DashboardPage.h"
#include "performers/PerformerViews.h"
#include "shell/MainWindow.h"
#include "worklist/WorklistPage.h"

namespace cb::ui {

// Practice-file tabs, in the order they appear. Later features (concerns, visits, LPN) add a line.
void installPracticeTabs() {
    PracticeFile::addTabFactory(QStringLiteral("details"), QStringLiteral("&Details"), makeDetailsTab);
    PracticeFile::addTabFactory(QStringLiteral("sites"), QStringLiteral("&Sites"), makeSitesTab);
    PracticeFile::addTabFactory(QStringLiteral("contracts"), QStringLiteral("&Contracts"), makeContractsTab);
    PracticeFile::addTabFactory(QStringLiteral("performers"), QStringLiteral("&Performers"), makePerformersTab);
    PracticeFile::addTabFactory(QStringLiteral("history"), QStringLiteral("&History"), makeHistoryTab);
}

// Pages after Contractors, in navigation order. Later features (worklist, concerns, visits,
// networks, dashboard) add a line; the worklist may also call window.showPage() to be the home screen.
void installFeaturePages(MainWindow& w) {
    Workspace& ws = w.workspace();
    w.addPage(QStringLiteral("contracts"), QStringLiteral("Contracts"), new ContractsPage(ws), QKeySequence(Qt::CTRL | Qt::Key_2));
    w.addPage(QStringLiteral("performers"), QStringLiteral("Performers"), new PerformersPage(ws), QKeySequence(Qt::CTRL | Qt::Key_3));
    installWorklistPage(w);  // first in the navigation and the home screen, Ctrl+0
    installDashboardPage(w); // Ctrl+8
}

} // namespace cb::ui
