#pragma once

#include "concerns/Concern.h"
#include "common/TableModels.h"

#include <QWidget>

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QTableView;
class QTimer;

namespace cb::ui {

class MainWindow;
class PracticeTab;
class Workspace;

// The concerns list: filters for band, stage, owner, overdue actions and confidentiality, paged
// from SQL. Rows with overdue actions are coloured and say "overdue". Enter opens the concern.
class ConcernsPage : public QWidget {
    Q_OBJECT
public:
    explicit ConcernsPage(Workspace& ws, QWidget* parent = nullptr);

    PagedTableModel* model() const { return m_model; }
    QTableView* view() const { return m_view; }
    ConcernFilter filter() const;
    void applyFilter();
    void newConcern();

private:
    void openCurrent();
    void refreshOwners();
    Workspace& m_ws;
    QLineEdit* m_search;
    QComboBox *m_band, *m_stage, *m_owner, *m_confidential;
    QCheckBox* m_overdue;
    QLabel* m_count;
    PagedTableModel* m_model;
    QTableView* m_view;
    QTimer* m_typing;
};

// The columns of a concerns list (page and practice-file tab) and the row they read.
QList<Column> concernColumns();
int concernActionsColumn(); // the column saying "n overdue", for OverdueDelegate
Row concernListRow(const ConcernListItem& item);

// Starts a new concern (the editor), then opens it once saved. Returns the new concern's id or "".
QString startNewConcern(Workspace& ws, const QString& contractorId, QWidget* parent);

// Practice-file tab: this contractor's concerns, open ones first.
PracticeTab* makeConcernsTab(Workspace& ws);

// File > Settings…: the risk bands used to colour and filter concerns.
void addConcernSettings(MainWindow& window);

} // namespace cb::ui
