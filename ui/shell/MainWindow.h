#pragma once

#include <QKeySequence>
#include <QMainWindow>
#include <QMap>
#include <QPointer>
#include <functional>

class QListWidget;
class QStackedWidget;
class QLabel;
class QMenu;

namespace cb::ui {

class Workspace;
class ContractorList;
class PracticeFile;

// One entry of the shell's action table: the menus are built from it and Help > Keyboard shortcuts
// lists it, so a shortcut can never be in one and not the other.
struct ShellAction {
    QString menu;          // "file", "records", "go", "help"; empty: a window shortcut with no menu entry
    QString id;            // object name of the QAction ("backAction")
    QString text;          // "&Back"
    QKeySequence shortcut; // may be empty
    std::function<void()> handler;
    QString statusTip = {};
};

// Where the caseworker is: a page, and on the practice file which contractor and tab.
struct Place {
    QString page;
    QString contractorId;
    QString tab;
    QPointer<QWidget> focus; // the control that had the keyboard, to give it back
    bool sameAs(const Place& o) const { return page == o.page && contractorId == o.contractorId && tab == o.tab; }
};

// The shell: a navigation list on the left and one page at a time on the right.
//
// Extension point: a feature adds its screen with
//   window.addPage("concerns", "Concerns", new ConcernsPage(ws), QKeySequence("Ctrl+3"));
// from its install function (ui/shell/Features.cpp), and may show a count beside the title with
// setBadge("concerns", 12). Pages added with a title appear in the navigation in order.
class MainWindow : public QMainWindow {
    Q_OBJECT
public:
    explicit MainWindow(Workspace& ws, QWidget* parent = nullptr);
    ~MainWindow() override;

    void addPage(const QString& id, const QString& title, QWidget* page, const QKeySequence& shortcut = {});
    void setBadge(const QString& id, int count, const QString& detail = {}); // negative: no badge; detail: tooltip
    // The page shown when the window opens, moved to the top of the navigation (default: contractors).
    void setHomePage(const QString& id);
    bool showPage(const QString& id);
    QString currentPage() const;
    QWidget* page(const QString& id) const;
    QMenu* menu(const QString& name) const; // "file", "go", "records", "help": features may add actions
    // A feature's own group in the File menu, after the database's (Backup, Check, Compact) and
    // before Quit, which stays last in a group of its own.
    void addFileMenuGroup(const QList<QAction*>& actions);

    Workspace& workspace() { return m_ws; }
    ContractorList* contractorList() const { return m_list; }
    PracticeFile* practiceFile() const { return m_practice; }
    void openContractor(const QString& contractorId, const QString& tab = {});
    void openSearch();

    // Navigation history across pages (Alt+Left / Alt+Right, the Back button of the practice file).
    bool canGoBack() const { return !m_back.isEmpty(); }
    bool canGoForward() const { return !m_forward.isEmpty(); }
    void goBack();
    void goForward();
    Place here() const;

    // The shell's action table (menus and the keyboard shortcuts list are built from it). Features
    // add their entries with addShellAction(); entries already in menus are listed too.
    const QList<ShellAction>& shellActions() const { return m_actions; }
    QAction* addShellAction(const ShellAction& action);
    // Every shortcut the window answers to, as (where, what, keys) rows for Help > Keyboard shortcuts:
    // the table's entries, then any other menu action with a shortcut, then keys inside lists.
    QList<QStringList> shortcutRows() const;
    void showUserGuide();
    void showShortcuts();
    // True when the database holds no contractors: the start page is the home screen.
    bool isStartingEmpty() const { return m_startingEmpty; }

signals:
    // Handled by the application, which owns the database.
    void openDatabaseRequested(const QString& path, bool readOnly);
    void newDatabaseRequested(const QString& path);

protected:
    void closeEvent(QCloseEvent* event) override;

private:
    void buildMenus();
    void recordMove(const Place& before);
    void restore(const Place& place);
    void updateHistoryActions();
    void installStartPage();
    void openDemo();
    void updateNavTitle(const QString& id);
    void backupDatabase();
    void checkDatabase();
    void compactDatabase();
    void about();
    Workspace& m_ws;
    QListWidget* m_nav;
    QStackedWidget* m_stack;
    QStringList m_pageIds;
    QMap<QString, QString> m_titles;
    QMap<QString, int> m_badges;
    QMap<QString, QString> m_badgeDetails;
    QString m_home = QStringLiteral("contractors");
    // Pages are built with their lists held (PagedTableModel::HoldScope) and each page's lists are
    // read when it first becomes the current page: opening a register reads only what is shown.
    void releaseHeldLists(QWidget* page);
    bool m_building = true;
    ContractorList* m_list = nullptr;
    PracticeFile* m_practice = nullptr;
    QMap<QString, QMenu*> m_menus;
    QList<ShellAction> m_actions;
    QList<Place> m_back, m_forward;
    bool m_navigating = false;
    bool m_startingEmpty = false;
};

} // namespace cb::ui
