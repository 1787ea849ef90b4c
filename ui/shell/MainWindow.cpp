#include "shell/MainWindow.h"

#include "common/Ask.h"
#include "common/ScreenFit.h"
#include "common/Workspace.h"
#include "contractors/ContractorList.h"
#include "contractors/PracticeFile.h"
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
#include <QMenuBar>
#include <QSettings>
#include <QSplitter>
#include <QStackedWidget>
#include <QStatusBar>

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
        if (row >= 0) {
            const QString id = m_nav->item(row)->data(Qt::UserRole).toString();
            if (QWidget* p = page(id)) m_stack->setCurrentWidget(p);
        }
    });

    m_list = new ContractorList(ws, this);
    m_practice = new PracticeFile(ws, this);
    addPage(QStringLiteral("contractors"), QStringLiteral("Contractors"), m_list, QKeySequence(Qt::CTRL | Qt::Key_1));
    addPage(QStringLiteral("practice"), QString(), m_practice); // reached from the list, not the navigation
    connect(m_list, &ContractorList::openRequested, this, [this](const QString& id) { openContractor(id); });
    connect(&ws, &Workspace::openContractorRequested, this, [this](const QString& id) { openContractor(id); });
    connect(m_practice, &PracticeFile::backRequested, this, [this] {
        showPage(QStringLiteral("contractors"));
        m_list->focusList();
    });
    connect(m_practice, &PracticeFile::contractorDeleted, this, [this] { showPage(QStringLiteral("contractors")); });
    buildMenus();
    installFeaturePages(*this);

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
        auto* go = new QAction(title, this);
        go->setShortcut(shortcut);
        connect(go, &QAction::triggered, this, [this, id] { showPage(id); });
        if (QMenu* m = menu(QStringLiteral("go"))) m->addAction(go);
        else addAction(go);
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
    m_stack->setCurrentWidget(p);
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

void MainWindow::openContractor(const QString& contractorId, const QString& tab) {
    if (contractorId.isEmpty()) return;
    m_practice->open(contractorId);
    if (m_practice->contractorId() != contractorId) return;
    m_practice->showTab(tab.isEmpty() ? QStringLiteral("details") : tab);
    showPage(QStringLiteral("practice"));
    m_practice->tabs()->setFocus(Qt::OtherFocusReason);
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
    QMenu* file = menuBar()->addMenu(QStringLiteral("&File"));
    m_menus.insert(QStringLiteral("file"), file);
    file->addAction(QStringLiteral("&New database…"), this, [this] {
        const QString path = QFileDialog::getSaveFileName(this, QStringLiteral("New Casebook database"), QString(),
                                                          QStringLiteral("Casebook databases (*.db)"));
        if (!path.isEmpty()) emit newDatabaseRequested(path);
    });
    file->addAction(QStringLiteral("&Open…"), QKeySequence::Open, this, [this] {
        const QString path = QFileDialog::getOpenFileName(this, QStringLiteral("Open a Casebook database"), QString(),
                                                          QStringLiteral("Casebook databases (*.db);;All files (*)"));
        if (!path.isEmpty()) emit openDatabaseRequested(path, false);
    });
    file->addAction(QStringLiteral("Open a shared copy &read-only…"), this, [this] {
        const QString path = QFileDialog::getOpenFileName(this, QStringLiteral("Open a shared copy read-only"), QString(),
                                                          QStringLiteral("Casebook databases (*.db);;All files (*)"));
        if (!path.isEmpty()) emit openDatabaseRequested(path, true);
    });
    QMenu* recent = file->addMenu(QStringLiteral("Open &recent"));
    for (const QString& path : QSettings().value(QStringLiteral("recentDatabases")).toStringList()) {
        if (path == m_ws.db().path()) continue;
        recent->addAction(QDir::toNativeSeparators(path), this, [this, path] { emit openDatabaseRequested(path, false); });
    }
    recent->setEnabled(!recent->isEmpty());
    file->addSeparator();
    file->addAction(QStringLiteral("&Backup…"), this, &MainWindow::backupDatabase);
    file->addAction(QStringLiteral("&Check database"), this, &MainWindow::checkDatabase);
    file->addSeparator();
    file->addAction(QStringLiteral("&Quit"), QKeySequence::Quit, this, &QWidget::close);

    QMenu* records = menuBar()->addMenu(QStringLiteral("&Records"));
    m_menus.insert(QStringLiteral("records"), records);
    QAction* search = records->addAction(QStringLiteral("&Find…"), this, &MainWindow::openSearch);
    search->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_K));
    search->setStatusTip(QStringLiteral("Find a contractor or performer by code, name, postcode or registration number"));
    QAction* add = records->addAction(QStringLiteral("&New contractor…"), this, [this] {
        showPage(QStringLiteral("contractors"));
        m_list->newContractor();
    });
    add->setShortcut(QKeySequence::New);
    m_ws.guard(add);
    QAction* refresh = records->addAction(QStringLiteral("&Refresh"), this, [this] { m_ws.notifyChanged(); });
    refresh->setShortcut(QKeySequence(Qt::Key_F5));

    m_menus.insert(QStringLiteral("go"), menuBar()->addMenu(QStringLiteral("&Go")));
    QAction* filterKey = new QAction(QStringLiteral("Filter the list"), this);
    filterKey->setShortcut(QKeySequence::Find);
    connect(filterKey, &QAction::triggered, this, [this] {
        showPage(QStringLiteral("contractors"));
        m_list->setFocus(Qt::ShortcutFocusReason);
    });
    m_menus.value(QStringLiteral("go"))->addAction(filterKey);

    QMenu* help = menuBar()->addMenu(QStringLiteral("&Help"));
    m_menus.insert(QStringLiteral("help"), help);
    help->addAction(QStringLiteral("&About Casebook"), this, &MainWindow::about);
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
