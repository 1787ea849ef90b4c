#pragma once

#include "concerns/Concern.h"

#include <QDialog>
#include <functional>

class QLabel;
class QPushButton;
class QTableView;

namespace cb::ui {

class RecordTableModel;
class RiskMatrixWidget;
class TimelineView;
class Workspace;

// One concern: what it is about, the 5x5 matrix (clicking a cell grades it), the timeline beside
// it, and its actions. Stage, details, notes and actions change through small forms.
class ConcernFile : public QDialog {
    Q_OBJECT
public:
    ConcernFile(Workspace& ws, const QString& concernId, QWidget* parent = nullptr);

    const Concern& concern() const { return m_concern; }
    RiskMatrixWidget* matrix() const { return m_matrix; }
    TimelineView* timeline() const { return m_timeline; }
    RecordTableModel* actionsModel() const { return m_actionsModel; }
    QTableView* actionsView() const { return m_actions; }

    void reload();
    void grade(int consequence, int likelihood); // asks before re-grading
    void editDetails();
    void changeStage();
    void addNote();
    void addAction();
    void completeAction();
    void editAction();

    // Opens a concern (modal); tests replace the runner to look at the file in place.
    using Runner = std::function<void(ConcernFile& file)>;
    static void open(Workspace& ws, const QString& concernId, QWidget* parent);
    static Runner setRunner(Runner runner);

private:
    QString selectedActionId() const;
    void updateButtons();
    Workspace& m_ws;
    Concern m_concern;
    QLabel *m_title, *m_subtitle, *m_details, *m_grading;
    RiskMatrixWidget* m_matrix;
    TimelineView* m_timeline;
    QTableView* m_actions;
    RecordTableModel* m_actionsModel;
    QPushButton *m_editDetails, *m_stage, *m_note, *m_addAction, *m_completeAction, *m_editAction;
};

} // namespace cb::ui
