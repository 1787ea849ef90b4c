#pragma once

#include "common/RecordForm.h"
#include "visits/Visit.h"

class QButtonGroup;
class QCheckBox;
class QComboBox;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;
class QRadioButton;
class QVBoxLayout;

namespace cb::ui {

class PracticeTab;

// A visit, quick to fill in on a laptop: date, type, announced, attendees, status, report date,
// then the checklist of findings (prefilled from the contractor group's default areas; Met / Partly
// met / Not met are radio buttons, arrow keys choose) and the actions. A partly met or not met
// finding can raise a concern in one step ("Raise concern…"), which then opens.
class VisitEditor : public RecordForm {
    Q_OBJECT
public:
    VisitEditor(Workspace& ws, const Visit& visit, QWidget* parent = nullptr);

    struct FindingRow {
        QString id, concernId;
        QLineEdit *area, *note;
        QRadioButton* ratings[3]; // met, partly met, not met (findingRatings() order)
        QPushButton* raise;
        VisitFinding saved; // as last stored ("" id when new)
        QString rating() const;
        void setRating(const QString& code);
    };
    struct ActionRow {
        VisitAction saved;
        QLineEdit *description, *owner, *result;
        DateField *due, *completed;
    };

    QString visitId() const { return m_visit.id; }
    int findingCount() const { return int(m_findings.size()); }
    FindingRow& finding(int i) { return m_findings[i]; }
    FindingRow& addFindingRow(const VisitFinding& f);
    ActionRow& addActionRow(const VisitAction& a);
    int actionCount() const { return int(m_actions.size()); }
    ActionRow& action(int i) { return m_actions[i]; }
    bool saveInPlace(); // saves without closing (before raising a concern); false when core refused
    void raiseConcern(int findingIndex);

protected:
    void commit() override;

private:
    void updateRaiseButton(FindingRow& row);
    Visit m_visit;
    QString m_group;
    DateField *m_date, *m_reportSent;
    QComboBox *m_type, *m_status;
    QCheckBox* m_announced;
    QLineEdit* m_attendees;
    QPlainTextEdit* m_notes;
    QWidget *m_findingsBox, *m_actionsBox;
    QVBoxLayout *m_findingsLayout, *m_actionsLayout;
    QList<FindingRow> m_findings;
    QList<ActionRow> m_actions;
};

// Practice-file tab: the contractor's visits, newest first, with add / edit / delete.
PracticeTab* makeVisitsTab(Workspace& ws);

} // namespace cb::ui
