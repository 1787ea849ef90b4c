#pragma once

#include "contractors/PracticeFile.h"

namespace cb::ui {

class Workspace;
class PagedTableModel;

// The practice file's Contracts tab: contracts, then the selected contract's services, events and
// (dental) activity per year with its year-end outcome.
PracticeTab* makeContractsTab(Workspace& ws);

// The Contracts screen: every contract in the area, filtered and sorted in SQL.
class ContractsPage : public QWidget {
    Q_OBJECT
public:
    explicit ContractsPage(Workspace& ws, QWidget* parent = nullptr);
    PagedTableModel* model() const { return m_model; }
    void refresh();

private:
    void applyFilter();
    Workspace& m_ws;
    PagedTableModel* m_model;
    class QLineEdit* m_search;
    class QComboBox *m_route, *m_status;
    class QLabel* m_count;
    class QTableView* m_view;
};

} // namespace cb::ui
