#pragma once

#include <QKeySequence>
#include <QMainWindow>
#include <QMap>

class QListWidget;
class QStackedWidget;
class QLabel;
class QMenu;

namespace cb::ui {

class Workspace;
class ContractorList;
class PracticeFile;

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

    Workspace& workspace() { return m_ws; }
    ContractorList* contractorList() const { return m_list; }
    PracticeFile* practiceFile() const { return m_practice; }
    void openContractor(const QString& contractorId, const QString& tab = {});
    void openSearch();

signals:
    // Handled by the application, which owns the database.
    void openDatabaseRequested(const QString& path, bool readOnly);
    void newDatabaseRequested(const QString& path);

protected:
    void closeEvent(QCloseEvent* event) override;

private:
    void buildMenus();
    void updateNavTitle(const QString& id);
    void backupDatabase();
    void checkDatabase();
    void about();
    Workspace& m_ws;
    QListWidget* m_nav;
    QStackedWidget* m_stack;
    QStringList m_pageIds;
    QMap<QString, QString> m_titles;
    QMap<QString, int> m_badges;
    QMap<QString, QString> m_badgeDetails;
    QString m_home = QStringLiteral("contractors");
    ContractorList* m_list = nullptr;
    PracticeFile* m_practice = nullptr;
    QMap<QString, QMenu*> m_menus;
};

} // namespace cb::ui
