#pragma once

#include "contractors/PracticeFile.h"

class QComboBox;
class QLabel;
class QLineEdit;
class QTableView;

namespace cb::ui {

class PagedTableModel;

// The practice file's Performers tab: who works at this contractor, in what role, since when.
PracticeTab* makePerformersTab(Workspace& ws);

// The Performers screen: every performer, filtered by profession and name or registration number.
class PerformersPage : public QWidget {
    Q_OBJECT
public:
    explicit PerformersPage(Workspace& ws, QWidget* parent = nullptr);
    PagedTableModel* model() const { return m_model; }
    void refresh();
    void newPerformer();
    void editPerformer(const QString& id);

private:
    void applyFilter();
    Workspace& m_ws;
    PagedTableModel* m_model;
    QLineEdit* m_search;
    QComboBox* m_profession;
    QLabel* m_count;
    QTableView* m_view;
};

} // namespace cb::ui
