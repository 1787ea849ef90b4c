#include "shell/MainWindow.h"

#include "common/Ask.h"
#include "common/ScreenFit.h"
#include "common/TableModels.h"
#include "common/Workspace.h"
#include "contractors/ContractorList.h"
#include "contractors/PracticeFile.h"
#include "help/HelpWindows.h"
#include "help/StartPage.h"
#include "shell/App.h"
#include "shell/Features.h"
#include "shell/SearchDialog.h"
#include "store/IntegrityCheck.h"

#include <QAction>
#include <QApplication>
#include <QCloseEvent>
#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QLabel>
#include <QListWidget>
#include <QLocale>
#include <QMenuBar>
#include <QSettings>
#include <QSplitter>
#include <QStackedWidget>
#include <QPushButton>
#include <QScopedValueRollback>
#include <QStatusBar>
#include <QTabWidget>
#include <optional>

namespace cb::ui {

MainWindow::MainWindow(Workspace& ws, QWidget* parent) : QMainWindow(parent), m_ws(ws) {
    setObjectName(QStringLiteral("mainWindow"));
    installPracticeTabs();
    setWindowTitle(QStringLiteral("Casebook — %1%2")
                       .arg(QFileInfo(ws.db().path()).fileName(), ws.isReadOnly() ? QStringLiteral(" (read-only)") : QString()));
    auto* split = new QSplitter(this);
    split->setObjectName(QStringLiteral("shellSplitter"));
    m_nav = new QListWidget(split);
    m_nav->setObjectName(QStringLiteral("navigation"));
    m_nav->setAccessibleName(QStringLiteral("Navigation"));
    m_nav->setMinimumWidth(120);
    m_nav->setSpacing(3);
    m_nav->setMaximumWidth(260);
    m_stack = new QStackedWidget(split);
    m_stack->setObjectName(QStringLiteral("pages"));
    split->addWidget(m_nav);
    split->addWidget(m_stack);
    split->setStretchFactor(1, 1);
    split->setChildrenCollapsible(false);
    setCentralWidget(split);
    connect(m_nav, &QListWidget::currentRowChanged, this, [this](int row) {
        if (row >= 0) showPage(m_nav->item(row)->data(Qt::UserRole).toString()); // remembered for Back
    });
    buildMenus(); // before the first page, so the Go menu lists every page (Contractors too)
    connect(m_stack, &QStackedWidget::currentChanged, this, [this](int i) { releaseHeldLists(m_stack->widget(i)); });
    std::optional<PagedTableModel::HoldScope> hold(std::in_place);

    m_list = new ContractorList(ws, this);
    m_practice = new PracticeFile(ws, this);
    addPage(QStringLiteral("contractors"), QStringLiteral("Contractors"), m_list, QKeySequence(Qt::CTRL | Qt::Key_1));
    addPage(QStringLiteral("practice"), QString(), m_practice); // reached from the list, not the navigation
    connect(m_list, &ContractorList::openRequested, this, [this](const QString& id) { openContractor(id); });
    connect(&ws, &Workspace::openContractorRequested, this, [this](const QString& id) { openContractor(id); });
    connect(m_practice, &PracticeFile::backRequested, this, [this] {
        if (canGoBack()) return goBack();
        showPage(QStringLiteral("contractors"));
        m_list->focusList();
    });
    // The practice file's button goes back to where the caseworker came from, through the one
    // history (its own Alt+Left would be an ambiguous shortcut beside Go > Back).
    if (auto* back = m_practice->findChild<QPushButton*>(QStringLiteral("backButton"))) {
        back->setShortcut({});
        back->setText(QStringLiteral("← Back"));
        back->setAccessibleName(QStringLiteral("Back to where you were"));
        back->setToolTip(QStringLiteral("Back to where you were (Alt+Left)"));
    }
    connect(m_practice, &PracticeFile::contractorDeleted, this, [this] { showPage(QStringLiteral("contractors")); });
    installFeaturePages(*this);
    installStartPage();
    hold.reset();

    auto* where = new QLabel(QDir::toNativeSeparators(ws.db().path()), this);
    where->setAccessibleName(QStringLiteral("Database file"));
    where->setToolTip(where->text());
    where->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred); // a long path must not widen the window
    statusBar()->addPermanentWidget(where);
    if (ws.isReadOnly()) {
        auto* ro = new QLabel(QStringLiteral("<b>Read-only</b>"), this);
        ro->setObjectName(QStringLiteral("readOnlyIndicator"));
        ro->setToolTip(Workspace::readOnlyReason());
        ro->setAccessibleName(Workspace::readOnlyReason());
        statusBar()->addPermanentWidget(ro);
        statusBar()->showMessage(Workspace::readOnlyReason());
    }

    QSettings settings;
    if (!restoreGeometry(settings.value(QStringLiteral("window/geometry")).toByteArray())) resize(1280, 800);
    keepOnScreen(this); // a geometry saved on a larger screen (or with a larger font) must not hide the window's edges
    if (!split->restoreState(settings.value(QStringLiteral("window/navSplitter")).toByteArray()))
        split->setSizes({m_nav->fontMetrics().horizontalAdvance(QStringLiteral("M")) * 14, width()});
    connect(split, &QSplitter::splitterMoved, this, [split] {
        QSettings().setValue(QStringLiteral("window/navSplitter"), split->saveState());
    });
    showPage(m_home);
    m_building = false;
    releaseHeldLists(m_stack->currentWidget()); // the home page may have been current from the start
    m_back.clear(); // the first page is where history starts
    updateHistoryActions();
}

void MainWindow::releaseHeldLists(QWidget* page) {
    if (m_building || !page) return;
    for (PagedTableModel* model : page->findChildren<PagedTableModel*>()) model->release();
}

MainWindow::~MainWindow() = default;

void MainWindow::setHomePage(const QString& id) {
    for (int i = 0; i < m_nav->count(); ++i)
        if (m_nav->item(i)->data(Qt::UserRole).toString() == id) {
            const QSignalBlocker block(m_nav);
            m_nav->insertItem(0, m_nav->takeItem(i));
        }
    m_home = id;
}

void MainWindow::addPage(const QString& id, const QString& title, QWidget* page, const QKeySequence& shortcut) {
    page->setParent(m_stack);
    page->setProperty("pageId", id);
    m_stack->addWidget(page);
    m_pageIds << id;
    if (title.isEmpty()) return;
    m_titles.insert(id, title);
    auto* item = new QListWidgetItem(title, m_nav);
    item->setData(Qt::UserRole, id);
    if (!shortcut.isEmpty()) {
        item->setToolTip(QStringLiteral("%1 (%2)").arg(title, shortcut.toString(QKeySequence::NativeText)));
        item->setData(Qt::UserRole + 1, item->toolTip());
        addShellAction({QStringLiteral("go"), QStringLiteral("go-") + id, title, shortcut, [this, id] {
                            showPage(id);
                            if (QWidget* p = this->page(id)) p->setFocus(Qt::ShortcutFocusReason);
                        }});
    }
}

void MainWindow::setBadge(const QString& id, int count, const QString& detail) {
    m_badges.insert(id, count);
    m_badgeDetails.insert(id, detail);
    updateNavTitle(id);
}

void MainWindow::updateNavTitle(const QString& id) {
    for (int i = 0; i < m_nav->count(); ++i) {
        QListWidgetItem* item = m_nav->item(i);
        if (item->data(Qt::UserRole).toString() != id) continue;
        const int n = m_badges.value(id, -1);
        item->setText(n >= 0 ? QStringLiteral("%1  (%L2)").arg(m_titles.value(id)).arg(n) : m_titles.value(id));
        const QString detail = m_badgeDetails.value(id);
        const QString base = item->data(Qt::UserRole + 1).toString();
        item->setToolTip(detail.isEmpty() ? base : base.isEmpty() ? detail : base + QLatin1Char('\n') + detail);
        item->setData(Qt::AccessibleDescriptionRole, detail);
    }
}

bool MainWindow::showPage(const QString& id) {
    QWidget* p = page(id);
    if (!p) return false;
    const Place before = here();
    m_stack->setCurrentWidget(p);
    recordMove(before);
    // The practice file belongs to Contractors in the navigation.
    const QString navId = id == QLatin1String("practice") ? QStringLiteral("contractors") : id;
    for (int i = 0; i < m_nav->count(); ++i)
        if (m_nav->item(i)->data(Qt::UserRole).toString() == navId) {
            const QSignalBlocker block(m_nav);
            m_nav->setCurrentRow(i);
        }
    return true;
}

QString MainWindow::currentPage() const {
    return m_stack->currentWidget() ? m_stack->currentWidget()->property("pageId").toString() : QString();
}

QWidget* MainWindow::page(const QString& id) const {
    for (int i = 0; i < m_stack->count(); ++i)
        if (m_stack->widget(i)->property("pageId").toString() == id) return m_stack->widget(i);
    return nullptr;
}

QMenu* MainWindow::menu(const QString& name) const { return m_menus.value(name); }

void MainWindow::addFileMenuGroup(const QList<QAction*>& actions) {
    QMenu* file = menu(QStringLiteral("file"));
    if (!file || actions.isEmpty()) return;
    for (QAction* a : actions) file->removeAction(a);
    const QList<QAction*> all = file->actions();
    qsizetype quit = all.size();
    for (qsizetype i = 0; i < all.size(); ++i)
        if (all.at(i)->objectName() == QLatin1String("quitAction")) quit = i;
    // Before the separator that opens Quit's group (or before Quit, or at the end).
    QAction* before = quit < all.size() ? all.at(quit) : nullptr;
    if (quit > 0 && quit < all.size() && all.at(quit - 1)->isSeparator()) before = all.at(quit - 1);
    file->insertSeparator(before);
    file->insertActions(before, actions);
}

void MainWindow::openContractor(const QString& contractorId, const QString& tab) {
    if (contractorId.isEmpty()) return;
    const Place before = here();
    {
        const QScopedValueRollback<bool> quiet(m_navigating, true); // one move, recorded below
        m_practice->open(contractorId);
        if (m_practice->contractorId() != contractorId) return;
        m_practice->showTab(tab.isEmpty() ? QStringLiteral("details") : tab);
        showPage(QStringLiteral("practice"));
    }
    m_practice->tabs()->setFocus(Qt::OtherFocusReason);
    recordMove(before);
}

Place MainWindow::here() const {
    Place p;
    p.page = currentPage();
    if (p.page == QLatin1String("practice")) {
        p.contractorId = m_practice->contractorId();
        const int i = m_practice->tabs()->currentIndex();
        p.tab = i >= 0 && i < m_practice->tabIds().size() ? m_practice->tabIds().at(i) : QString();
    }
    QWidget* f = QApplication::focusWidget();
    if (f && m_stack->currentWidget() && m_stack->currentWidget()->isAncestorOf(f)) p.focus = f;
    return p;
}

void MainWindow::recordMove(const Place& before) {
    if (m_navigating || before.page.isEmpty() || before.sameAs(here())) return;
    m_back << before;
    if (m_back.size() > 50) m_back.removeFirst();
    m_forward.clear();
    updateHistoryActions();
}

void MainWindow::restore(const Place& place) {
    const QScopedValueRollback<bool> quiet(m_navigating, true);
    if (place.page == QLatin1String("practice") && !place.contractorId.isEmpty()) {
        if (m_practice->contractorId() != place.contractorId) m_practice->open(place.contractorId);
        if (!place.tab.isEmpty()) m_practice->showTab(place.tab);
    }
    showPage(place.page);
    if (place.focus && m_stack->currentWidget() && m_stack->currentWidget()->isAncestorOf(place.focus))
        place.focus->setFocus(Qt::OtherFocusReason);
    else if (QWidget* p = m_stack->currentWidget())
        p->setFocus(Qt::OtherFocusReason);
}

void MainWindow::goBack() {
    if (m_back.isEmpty()) return;
    m_forward << here();
    restore(m_back.takeLast());
    updateHistoryActions();
}

void MainWindow::goForward() {
    if (m_forward.isEmpty()) return;
    m_back << here();
    restore(m_forward.takeLast());
    updateHistoryActions();
}

void MainWindow::updateHistoryActions() {
    if (auto* back = findChild<QAction*>(QStringLiteral("backAction"))) back->setEnabled(canGoBack());
    if (auto* fwd = findChild<QAction*>(QStringLiteral("forwardAction"))) fwd->setEnabled(canGoForward());
}

QAction* MainWindow::addShellAction(const ShellAction& a) {
    m_actions << a;
    QMenu* m = a.menu.isEmpty() ? nullptr : menu(a.menu);
    if (a.id == QLatin1String("-")) {
        if (m) m->addSeparator();
        return nullptr;
    }
    auto* act = new QAction(a.text, this);
    act->setObjectName(a.id);
    if (!a.shortcut.isEmpty()) act->setShortcut(a.shortcut);
    if (!a.statusTip.isEmpty()) act->setStatusTip(a.statusTip);
    const auto handler = a.handler;
    connect(act, &QAction::triggered, this, [handler] {
        if (handler) handler();
    });
    if (m) m->addAction(act);
    else addAction(act); // a window shortcut with no menu entry
    return act;
}

QList<QStringList> MainWindow::shortcutRows() const {
    QList<QStringList> rows;
    auto plain = [](QString t) { return t.remove(QLatin1Char('&')).remove(QStringLiteral("…")); };
    auto menuTitle = [this](const QString& name) {
        QMenu* m = menu(name);
        return m ? m->title().remove(QLatin1Char('&')) : QStringLiteral("Window");
    };
    QList<QKeySequence> listed;
    for (const ShellAction& a : m_actions) {
        if (a.shortcut.isEmpty() || a.id == QLatin1String("-")) continue;
        rows << QStringList{menuTitle(a.menu), plain(a.text), a.shortcut.toString(QKeySequence::NativeText)};
        listed << a.shortcut;
    }
    // Actions features put straight into the menus (Import, Export, PDF...): listed from the menus themselves.
    for (auto it = m_menus.cbegin(); it != m_menus.cend(); ++it)
        for (QAction* act : it.value()->actions())
            if (!act->shortcut().isEmpty() && !listed.contains(act->shortcut())) {
                rows << QStringList{menuTitle(it.key()), plain(act->text()), act->shortcut().toString(QKeySequence::NativeText)};
                listed << act->shortcut();
            }
    // Keys that work inside lists and forms rather than from a menu.
    const QList<QStringList> inLists = {
        {"Lists", "Open the selected record (edit it in a practice file tab)", "Enter"},
        {"Lists", "Move from the filter box into the list", "Down"},
        {"Worklist", "Show or fold a group (For information is folded at first)", "Right / Left"},
        {"Practice file", "Edit the contractor", QKeySequence(Qt::CTRL | Qt::Key_E).toString(QKeySequence::NativeText)},
        {"Concern", "Move around the risk matrix; Space or Enter grades the cell", "Arrow keys"},
        {"Visit checklist", "Choose met, partly met or not met", "Arrow keys"},
        {"Import preview", "Copy the selected rejections", QKeySequence(QKeySequence::Copy).toString(QKeySequence::NativeText)},
        {"Forms", "Save", QKeySequence(QKeySequence::Save).toString(QKeySequence::NativeText)},
        {"Forms", "Cancel (asks when something is unsaved)", "Esc"},
        {"Forms", "Next / previous field", "Tab / Shift+Tab"},
    };
    rows << inLists;
    return rows;
}

void MainWindow::showUserGuide() { HelpWindows::showGuide(this); }
void MainWindow::showShortcuts() { HelpWindows::showShortcuts(this, shortcutRows()); }

void MainWindow::installStartPage() {
    // On an empty database the worklist and dashboard have nothing to say: offer the ways in instead.
    m_startingEmpty = !m_ws.db().scalar(QStringLiteral("SELECT EXISTS (SELECT 1 FROM contractor)")).toBool();
    if (!m_startingEmpty) return;
    auto* start = new StartPage(m_ws.isReadOnly(), this);
    connect(start, &StartPage::importRequested, this, [this] {
        if (auto* a = findChild<QAction*>(QStringLiteral("importAction"))) a->trigger();
    });
    connect(start, &StartPage::newContractorRequested, this, [this] {
        if (auto* a = findChild<QAction*>(QStringLiteral("newContractorAction"))) a->trigger();
    });
    connect(start, &StartPage::demoRequested, this, &MainWindow::openDemo);
    connect(start, &StartPage::guideRequested, this, &MainWindow::showUserGuide);
    addPage(QStringLiteral("start"), QStringLiteral("Start"), start);
    setHomePage(QStringLiteral("start"));
}

void MainWindow::openDemo() {
    QString path;
    QApplication::setOverrideCursor(Qt::WaitCursor);
    try {
        path = App::createDemoDatabase();
    } catch (const Error& e) {
        QApplication::restoreOverrideCursor();
        Ask::error(this, QStringLiteral("Demo not opened"),
                   QStringLiteral("The demo database could not be created: %1\nYour own database is unchanged.").arg(e.message()));
        return;
    }
    QApplication::restoreOverrideCursor();
    emit openDatabaseRequested(path, false);
}

void MainWindow::openSearch() {
    SearchDialog dialog(m_ws, this);
    connect(&dialog, &SearchDialog::picked, this, [this](const SearchHit& hit) {
        if (hit.kind == SearchHit::Kind::Contractor) openContractor(hit.id);
        else emit m_ws.openPerformerRequested(hit.id);
    });
    dialog.exec();
}

void MainWindow::buildMenus() {
    for (const auto& [name, title] : {std::pair{"file", "&File"}, std::pair{"records", "&Records"}, std::pair{"go", "&Go"},
                                      std::pair{"help", "&Help"}})
        m_menus.insert(QString::fromLatin1(name), menuBar()->addMenu(QString::fromUtf8(title)));
    const QString file = QStringLiteral("file"), records = QStringLiteral("records"), go = QStringLiteral("go"),
                  help = QStringLiteral("help"), sep = QStringLiteral("-");
    auto chooseDb = [this](bool readOnly) {
        const QString path = QFileDialog::getOpenFileName(
            this, readOnly ? QStringLiteral("Open a shared copy read-only") : QStringLiteral("Open a Casebook database"),
            QString(), QStringLiteral("Casebook databases (*.db);;All files (*)"));
        if (!path.isEmpty()) emit openDatabaseRequested(path, readOnly);
    };
    // The one table of the shell's actions: text, shortcut, handler. Pages add their Go entries in addPage().
    const QList<ShellAction> table = {
        {file, "newDatabaseAction", "&New database…", {}, [this] {
             const QString path = QFileDialog::getSaveFileName(this, QStringLiteral("New Casebook database"), QString(),
                                                               QStringLiteral("Casebook databases (*.db)"));
             if (!path.isEmpty()) emit newDatabaseRequested(path);
         }},
        {file, "openAction", "&Open…", QKeySequence::Open, [chooseDb] { chooseDb(false); }},
        {file, "openReadOnlyAction", "Open a shared copy &read-only…", {}, [chooseDb] { chooseDb(true); }},
    };
    for (const ShellAction& a : table) addShellAction(a);
    QMenu* recent = menu(file)->addMenu(QStringLiteral("Open &recent"));
    for (const QString& path : QSettings().value(QStringLiteral("recentDatabases")).toStringList()) {
        if (path == m_ws.db().path()) continue;
        recent->addAction(QDir::toNativeSeparators(path), this, [this, path] { emit openDatabaseRequested(path, false); });
    }
    recent->setEnabled(!recent->isEmpty());
    const QList<ShellAction> rest = {
        {file, sep, {}, {}, {}},
        {file, "backupAction", "&Backup…", {}, [this] { backupDatabase(); }},
        {file, "checkDatabaseAction", "&Check database", {}, [this] { checkDatabase(); }},
        {file, "compactDatabaseAction", "Co&mpact database", {}, [this] { compactDatabase(); },
         "Give back the free space inside the database file"},
        {file, sep, {}, {}, {}},
        {file, "quitAction", "&Quit", QKeySequence::Quit, [this] { close(); }},

        {records, "findAction", "&Find…", QKeySequence(Qt::CTRL | Qt::Key_K), [this] { openSearch(); },
         "Find a contractor or performer by code, name, postcode or registration number"},
        {records, "newContractorAction", "&New contractor…", QKeySequence::New, [this] {
             showPage(QStringLiteral("contractors"));
             m_list->newContractor();
         }},
        {records, "refreshAction", "&Refresh", QKeySequence(Qt::Key_F5), [this] { m_ws.notifyChanged(); }},

        {go, "backAction", "&Back", QKeySequence(Qt::ALT | Qt::Key_Left), [this] { goBack(); },
         "Back to where you were"},
        {go, "forwardAction", "F&orward", QKeySequence(Qt::ALT | Qt::Key_Right), [this] { goForward(); }},
        {go, "filterListAction", "Filter the list", QKeySequence::Find, [this] {
             showPage(QStringLiteral("contractors"));
             m_list->setFocus(Qt::ShortcutFocusReason);
         }},
        {go, sep, {}, {}, {}},

        {help, "userGuideAction", "&User guide", QKeySequence(Qt::Key_F1), [this] { showUserGuide(); },
         "The Casebook user guide, for caseworkers"},
        {help, "shortcutsAction", "&Keyboard shortcuts", {}, [this] { showShortcuts(); }},
        {help, sep, {}, {}, {}},
        {help, "aboutAction", "&About Casebook", {}, [this] { about(); }},
    };
    for (const ShellAction& a : rest) addShellAction(a);
    if (auto* add = findChild<QAction*>(QStringLiteral("newContractorAction"))) m_ws.guard(add);
    if (auto* compact = findChild<QAction*>(QStringLiteral("compactDatabaseAction"))) m_ws.guard(compact);
}

void MainWindow::backupDatabase() {
    const QString suggested = QFileInfo(m_ws.db().path()).completeBaseName() +
                              m_ws.db().clock().today().toString(QStringLiteral("-yyyy-MM-dd")) + QStringLiteral(".db");
    const QString path = QFileDialog::getSaveFileName(this, QStringLiteral("Back up the database"), suggested,
                                                      QStringLiteral("Casebook databases (*.db)"));
    if (path.isEmpty()) return;
    try {
        m_ws.db().backupTo(path);
        statusBar()->showMessage(QStringLiteral("Backed up to %1").arg(QDir::toNativeSeparators(path)), 8000);
    } catch (const Error& e) {
        Ask::error(this, QStringLiteral("Backup failed"), e.message());
    }
}

void MainWindow::checkDatabase() {
    QApplication::setOverrideCursor(Qt::WaitCursor);
    const IntegrityReport report = checkIntegrity(m_ws.db());
    QApplication::restoreOverrideCursor();
    if (report.ok()) {
        Ask::info(this, QStringLiteral("Database check"),
                  QStringLiteral("No problems found in %L1 records.").arg(report.rowsChecked));
        return;
    }
    QStringList lines;
    for (const IntegrityFinding& f : report.findings.mid(0, 20))
        lines << (f.table.isEmpty() ? f.message : QStringLiteral("%1: %2").arg(f.table, f.message));
    if (report.findings.size() > 20) lines << QStringLiteral("…and %1 more (casebook-cli check lists them all).").arg(report.findings.size() - 20);
    Ask::ask(this, {Question::Kind::Warning, QStringLiteral("Database check"),
                    QStringLiteral("%1 problem(s) found:\n\n%2").arg(report.findings.size()).arg(lines.join('\n')), {}});
}

void MainWindow::compactDatabase() {
    QApplication::setOverrideCursor(Qt::WaitCursor);
    statusBar()->showMessage(QStringLiteral("Compacting the database…"));
    std::optional<Database::Compaction> c;
    QString failure;
    try {
        c = m_ws.db().compact();
    } catch (const Error& e) {
        failure = e.message();
    }
    QApplication::restoreOverrideCursor();
    statusBar()->clearMessage();
    if (!c) {
        Ask::error(this, QStringLiteral("Compacting failed"), failure);
        return;
    }
    const auto size = [](qint64 bytes, int decimals) {
        return QLocale().formattedDataSize(bytes, decimals, QLocale::DataSizeTraditionalFormat);
    };
    Ask::info(this, QStringLiteral("Compact database"),
              c->after < c->before
                  ? QStringLiteral("The database file went from %1 to %2: %3 of free space given back. Nothing in it "
                                   "changed.").arg(size(c->before, 2), size(c->after, 2), size(c->before - c->after, 0))
                  : QStringLiteral("The database file had no free space to give back (%1). Nothing in it changed.")
                        .arg(size(c->after, 2)));
}

void MainWindow::about() {
    Ask::info(this, QStringLiteral("About Casebook"),
              QStringLiteral("Casebook %1\n\nDatabase: %2\nSchema version: %3 (this build writes version %4)%5")
                  .arg(QStringLiteral(CASEBOOK_VERSION), QDir::toNativeSeparators(m_ws.db().path()))
                  .arg(m_ws.db().fileSchemaVersion())
                  .arg(Database::schemaVersion())
                  .arg(m_ws.isReadOnly() ? QStringLiteral("\nOpened read-only.") : QString()));
}

void MainWindow::closeEvent(QCloseEvent* event) {
    QSettings().setValue(QStringLiteral("window/geometry"), saveGeometry());
    QMainWindow::closeEvent(event);
}

} // namespace cb::ui
