#pragma once

#include "contractors/Contractor.h"

#include <QWidget>

class QComboBox;
class QLabel;
class QLineEdit;
class QTableView;
class QTimer;

namespace cb::ui {

class PagedTableModel;
class Workspace;

// The contractor register: type-to-filter, filters for group, status, tier and commissioner,
// sortable columns; everything runs in SQL so 50,000 contractors stay smooth.
class ContractorList : public QWidget {
    Q_OBJECT
public:
    explicit ContractorList(Workspace& ws, QWidget* parent = nullptr);

    PagedTableModel* model() const { return m_model; }
    QTableView* view() const { return m_view; }
    ContractorFilter filter() const;
    void applyFilter(); // now, without waiting for typing to pause
    void refresh();
    void newContractor();
    void focusList();

signals:
    void openRequested(const QString& contractorId);

private:
    void selectId(const QString& id, int column); // if the rows hold it
    void showNoMatch(); // says so when a filter leaves no contractor

    Workspace& m_ws;
    PagedTableModel* m_model;
    QLineEdit* m_search;
    QComboBox *m_group, *m_status, *m_tier, *m_commissioner;
    QLabel* m_count;
    QLabel* m_noMatch;
    QTableView* m_view;
    QTimer* m_typing;
};

} // namespace cb::ui
