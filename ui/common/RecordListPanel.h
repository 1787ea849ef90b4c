#pragma once

#include "common/TableModels.h"

#include <QWidget>

class QLabel;
class QPushButton;
class QTableView;

namespace cb::ui {

class Workspace;

// A titled table of a few records with Add / Edit / Delete buttons (Enter or double-click edits).
// Used by the practice file's tabs; the owner connects the signals to its editors.
class RecordListPanel : public QWidget {
    Q_OBJECT
public:
    RecordListPanel(Workspace& ws, const QString& name, const QString& title, const QString& noun, QList<Column> columns,
                    QWidget* parent = nullptr);

    void setRows(QList<Row> rows);
    RecordTableModel* model() const { return m_model; }
    QTableView* view() const { return m_view; }
    QString currentId() const;
    Row currentRow() const;
    void selectId(const QString& id);
    QPushButton* addButton() const { return m_add; }
    QPushButton* addExtraButton(const QString& text, const QString& accessibleName, bool edits);
    void setAddEnabled(bool enabled, const QString& why = {});

signals:
    void addRequested();
    void editRequested(const QString& id);
    void deleteRequested(const QString& id);
    void currentChanged(const QString& id);

private:
    void updateButtons();
    void fitColumns(); // to their contents, until she sizes one herself
    Workspace& m_ws;
    RecordTableModel* m_model;
    QTableView* m_view;
    QLabel* m_title;
    QPushButton *m_add, *m_edit, *m_delete;
    QList<QPushButton*> m_needsSelection;
    bool m_columnsSized = false; // she has sized a column (now or in an earlier session)
};

// Tables remember their column widths between sessions.
void rememberColumns(QTableView* view, const QString& key);
// The one way Casebook's record tables look and behave: whole rows, read-only cells, no row
// numbers, Tab leaves the table, column widths remembered under `name`.
void setUpRecordTable(QTableView* view, const QString& name, const QString& accessibleName, QAbstractItemModel* model,
                      int columnWidth = 130);
// A filter drop-down: "all" first (empty code), then the choices.
class QComboBox* filterCombo(const QString& name, const QString& accessibleName, const QString& all,
                             const QList<Choice>& choices, QWidget* parent);

} // namespace cb::ui
