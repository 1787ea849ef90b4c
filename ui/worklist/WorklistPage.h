#pragma once

#include "worklist/Worklist.h"

#include <QSet>
#include <QWidget>

class QLabel;
class QPushButton;
class QTreeView;

namespace cb::ui {

class MainWindow;
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
    void reload();
    void editThresholds();

signals:
    void openRequested(const WorklistItem& item);
    void reloaded(int total, const QMap<QString, int>& perCategory);

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    void showCurrent();
    void fitColumns();
    Workspace& m_ws;
    WorklistModel* m_model;
    QTreeView* m_view;
    QLabel* m_summary;
    QLabel* m_empty;
    QLabel* m_detail;
    bool m_reloadQueued = false;
    bool m_reloading = false;
    QSet<QString> m_expandedByUser, m_collapsedByUser; // band codes the caseworker opened or folded
};

// Adds the worklist as the first page and the home screen (Ctrl+0), keeps its count in the
// navigation, and opens each item's record: the practice file on the right tab, the Networks
// page for an LPN item when there is one (else the finding's full text).
void installWorklistPage(MainWindow& window);

} // namespace cb::ui
