#include "shell/Features.h"

#include "common/Workspace.h"
#include "concerns/ConcernViews.h"
#include "contractors/PracticeFile.h"
#include "contracts/ContractViews.h"
#include "dashboard/DashboardPage.h"
#include "exchange/ExchangeActions.h"
#include "lpn/NetworksPage.h"
#include "performers/PerformerViews.h"
#include "shell/MainWindow.h"
#include "team/TeamActions.h"
#include "tiers/TierHistory.h"
#include "visits/VisitViews.h"
#include "worklist/WorklistPage.h"

namespace cb::ui {

// Practice-file tabs, in the order they appear. Later features (concerns, visits, LPN) add a line.
void installPracticeTabs() {
    PracticeFile::addTabFactory(QStringLiteral("details"), QStringLiteral("&Details"), makeDetailsTab);
    PracticeFile::addTabFactory(QStringLiteral("sites"), QStringLiteral("&Sites"), makeSitesTab);
    PracticeFile::addTabFactory(QStringLiteral("contracts"), QStringLiteral("&Contracts"), makeContractsTab);
    PracticeFile::addTabFactory(QStringLiteral("performers"), QStringLiteral("&Performers"), makePerformersTab);
    PracticeFile::addTabFactory(QStringLiteral("concerns"), QStringLiteral("C&oncerns"), makeConcernsTab);
    PracticeFile::addTabFactory(QStringLiteral("visits"), QStringLiteral("&Visits"), makeVisitsTab);
    PracticeFile::addTabFactory(QStringLiteral("lpn"), QStringLiteral("&LPN"), makeLpnTab);
    PracticeFile::addTabFactory(QStringLiteral("history"), QStringLiteral("&History"), makeHistoryTab);
}

// Pages after Contractors, in navigation order. Later features (worklist, concerns, visits,
// networks, dashboard) add a line; the worklist may also call window.showPage() to be the home screen.
void installFeaturePages(MainWindow& w) {
    Workspace& ws = w.workspace();
    w.addPage(QStringLiteral("contracts"), QStringLiteral("Contracts"), new ContractsPage(ws), QKeySequence(Qt::CTRL | Qt::Key_2));
    w.addPage(QStringLiteral("performers"), QStringLiteral("Performers"), new PerformersPage(ws), QKeySequence(Qt::CTRL | Qt::Key_3));
    installWorklistPage(w);  // first in the navigation and the home screen, Ctrl+0
    w.addPage(QStringLiteral("concerns"), QStringLiteral("Concerns"), new ConcernsPage(ws), QKeySequence(Qt::CTRL | Qt::Key_4));
    addConcernSettings(w);
    installTierHistory(w);
    w.addPage(QStringLiteral("networks"), QStringLiteral("Networks"), new NetworksPage(ws), QKeySequence(Qt::CTRL | Qt::Key_5));
    installDashboardPage(w); // Ctrl+8
    installExchange(w);      // File > Import… (Ctrl+I), Export…, Practice file as PDF… (Ctrl+P)
    installTeam(w);          // File > Team folder…, Sync now (Ctrl+Shift+S), Go > Conflicts to decide, the sync status
}

} // namespace cb::ui
