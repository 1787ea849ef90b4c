#pragma once

#include "contractors/PracticeFile.h"
#include "lpn/RosterReview.h"

#include <QWidget>

class QComboBox;
class QLabel;
class QPushButton;
class QSpinBox;
class QTabWidget;
class QTreeView;

namespace cb::ui {

class RecordListPanel;
class SectionedTableModel;

// The Networks page: choose a network, then its roster (members by group and role, with term
// bars), the roster review (findings by kind, each opening its member or group) and its meetings.
class NetworksPage : public QWidget {
    Q_OBJECT
public:
    explicit NetworksPage(Workspace& ws, QWidget* parent = nullptr);

    void refresh();
    bool selectNetwork(const QString& networkId);
    QString networkId() const;
    void showReview();
    // The roster review with the member's finding selected and the keyboard on it (Enter opens the
    // member); the roster, on the member, when the review does not list them. False when neither does.
    bool showFinding(const QString& memberId);

    SectionedTableModel* rosterModel() const { return m_roster; }
    SectionedTableModel* reviewModel() const { return m_review; }
    QTreeView* rosterView() const { return m_rosterView; }
    QTreeView* reviewView() const { return m_reviewView; }
    QSpinBox* withinDays() const { return m_withinDays; }
    RecordListPanel* meetings() const { return m_meetings; }
    QTabWidget* tabs() const { return m_tabs; }

    // Actions (buttons and tests).
    void openMember(const QString& memberId);
    void openGroup(const QString& groupId);
    void openRosterItem(const QModelIndex& index);
    void openFinding(const QModelIndex& index);
    void exportRoster();

private:
    void loadNetworks(const QString& keep);
    void loadRoster();
    void loadReview();
    void loadMeetings();
    void updateButtons();
    void newNetwork();
    void editNetwork();
    void newGroup();
    void newMember();
    void addSeat();
    void editSeat();
    QString currentSeatId() const;

    Workspace& m_ws;
    QComboBox* m_network;
    QLabel* m_summary;
    QTabWidget* m_tabs;
    SectionedTableModel *m_roster, *m_review;
    QTreeView *m_rosterView, *m_reviewView;
    QSpinBox* m_withinDays;
    QLabel* m_reviewCount;
    RecordListPanel* m_meetings;
    QList<QPushButton*> m_needNetwork;
    QPushButton *m_editSeat, *m_export;
    QList<RosterFinding> m_findings;
};

// The practice file's LPN tab: the contractor's people who sit on networks.
PracticeTab* makeLpnTab(Workspace& ws);

} // namespace cb::ui
