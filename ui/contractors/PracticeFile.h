#pragma once

#include "contractors/Contractor.h"

#include <QWidget>
#include <functional>

class QLabel;
class QPushButton;
class QTabWidget;

namespace cb::ui {

class Workspace;

// One tab of the practice file. load() is called with the contractor whenever the file opens or
// anything in it changes.
class PracticeTab : public QWidget {
    Q_OBJECT
public:
    explicit PracticeTab(Workspace& ws, QWidget* parent = nullptr) : QWidget(parent), m_ws(ws) {}
    virtual void load(const Contractor& contractor) = 0;

protected:
    Workspace& m_ws;
};

// Everything about one contractor: a header, then tabs.
//
// Extension point: a feature adds a tab with PracticeFile::addTabFactory("concerns", "Concerns",
// [](Workspace& ws) { return new ConcernsTab(ws); }) from its install function (see
// ui/shell/Features.cpp). Tabs appear in the order their factories were added.
class PracticeFile : public QWidget {
    Q_OBJECT
public:
    using TabFactory = std::function<PracticeTab*(Workspace&)>;
    static void addTabFactory(const QString& id, const QString& title, TabFactory make);

    explicit PracticeFile(Workspace& ws, QWidget* parent = nullptr);

    void open(const QString& contractorId);
    void reload();
    QString contractorId() const { return m_contractor.id; }
    const Contractor& contractor() const { return m_contractor; }
    QTabWidget* tabs() const { return m_tabs; }
    bool showTab(const QString& id);
    QStringList tabIds() const { return m_tabIds; }

    // Actions on the contractor (also used by the list and menus).
    void editContractor();
    void closeContractor();
    void deleteContractor();

signals:
    void backRequested();
    void tierBadgeClicked(); // the assurance tier badge in the header was pressed (opens the tier history)
    void contractorDeleted();

private:
    void updateHeader();
    Workspace& m_ws;
    Contractor m_contractor;
    QLabel *m_title, *m_subtitle, *m_cqc;
    QPushButton* m_tier; // a flat button styled as a badge
    QTabWidget* m_tabs;
    QStringList m_tabIds;
    QList<PracticeTab*> m_tabWidgets;
    QPushButton *m_edit, *m_close, *m_delete;
};

// The built-in tabs: Details, Sites and History (Contracts and Performers live with their features).
PracticeTab* makeDetailsTab(Workspace& ws);
PracticeTab* makeSitesTab(Workspace& ws);
PracticeTab* makeHistoryTab(Workspace& ws);

} // namespace cb::ui
