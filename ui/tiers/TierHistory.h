#pragma once

#include "common/RecordForm.h"
#include "contractors/Contractor.h"

class QComboBox;
class QLabel;
class QPlainTextEdit;
class QPushButton;
class QTableView;

namespace cb::ui {

class MainWindow;
class RecordTableModel;

// A contractor's assurance tier: every decision (tier, rationale, date, who), Casebook's
// suggestion with its reasons, and "Decide tier…". Opened from the tier badge in the practice file.
class TierHistoryDialog : public QDialog {
    Q_OBJECT
public:
    TierHistoryDialog(Workspace& ws, const Contractor& contractor, QWidget* parent = nullptr);
    RecordTableModel* model() const { return m_model; }
    QString suggestionText() const;
    void decide();
    void reload();

    // Opens the dialog (modal); tests replace the runner.
    using Runner = std::function<void(TierHistoryDialog&)>;
    static void open(Workspace& ws, const Contractor& contractor, QWidget* parent);
    static Runner setRunner(Runner runner);

private:
    Workspace& m_ws;
    Contractor m_contractor;
    QLabel *m_current, *m_suggestion;
    RecordTableModel* m_model;
    QTableView* m_view;
    QPushButton* m_decide;
    QString m_suggestedTier;
};

// Records a tier decision with its rationale (TierService::decide).
class TierDecisionForm : public RecordForm {
    Q_OBJECT
public:
    TierDecisionForm(Workspace& ws, const Contractor& contractor, const QString& suggestedTier, QWidget* parent = nullptr);

protected:
    void commit() override;

private:
    Contractor m_contractor;
    QComboBox* m_tier;
    QPlainTextEdit* m_rationale;
    DateField* m_date;
};

// The practice file's tier badge opens the tier history of the contractor shown.
void installTierHistory(MainWindow& window);

} // namespace cb::ui
