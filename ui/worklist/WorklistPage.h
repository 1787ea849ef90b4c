#pragma once

#include "worklist/Worklist.h"

#include <QSet>
#include <QWidget>

class QLabel;
class QPushButton;
class QTreeView;

namespace cb::ui {

class MainWindow;
class RowLoader;
class Workspace;
class WorklistModel;

// The home screen: what needs attention today, grouped by urgency (overdue, due this week, the rest,
// and "for information" folded) with counts. Enter (or a double-click) opens an item's record with
// the keyboard on it; Alt+Left comes back. The list reloads whenever records change and on F5.
class WorklistPage : public QWidget {
    Q_OBJECT
public:
    explicit WorklistPage(Workspace& ws, QWidget* parent = nullptr);

    WorklistModel* model() const { return m_model; }
    QTreeView* view() const { return m_view; }
    // Rebuilds the list now, on this thread (Refresh, F5, tests).
    void reload();
    // Rebuilds it as records change: on this thread for a register of ordinary size; for a large
    // one (building its worklist takes a second or more) on a worker thread with its own read
    // connection, so opening the file and saving a record never wait for it. Until the answer
    // comes the page says the worklist is being built and keeps what it showed.
    void reloadSoon();
    bool isBuilding() const; // a background build is under way (tests, the benchmark)
    void editThresholds();

signals:
    void openRequested(const WorklistItem& item);
    void reloaded(int total, const QMap<QString, int>& perCategory);

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    void showCurrent();
    void fitColumns();
    void showItems(const QList<WorklistItem>& items, const QString& error);
    Workspace& m_ws;
    WorklistModel* m_model;
    QTreeView* m_view;
    QLabel* m_summary;
    QLabel* m_empty;
    QLabel* m_detail;
    RowLoader* m_loader = nullptr;
    quint64 m_ticket = 0;
    bool m_reloadQueued = false;
    bool m_reloading = false;
    QSet<QString> m_expandedByUser, m_collapsedByUser; // band codes the caseworker opened or folded
};

// Adds the worklist as the first page and the home screen (Ctrl+0), keeps its count in the
// navigation, and opens each item's record: the practice file on the right tab, the Networks
// page for an LPN item when there is one (else the finding's full text).
void installWorklistPage(MainWindow& window);

} // namespace cb::ui
