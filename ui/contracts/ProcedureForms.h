#pragma once

#include "common/RecordForm.h"
#include "contracts/Procedures.h"

class QLabel;
class QLineEdit;
class QPlainTextEdit;

namespace cb::ui {

// The mid-year review of a dental year: the day it was held and the activity delivered by
// 30 September, with the delivery against the target worked out as the figures are typed.
// Saving clears the worklist's "mid-year review due".
class MidYearReviewForm : public RecordForm {
    Q_OBJECT
public:
    MidYearReviewForm(Workspace& ws, const DentalActivity& activity, QWidget* parent = nullptr);
    QString deliveryText() const;

protected:
    void commit() override;

private:
    void updateDelivery();
    DentalActivity m_record;
    DateField* m_held;
    QLineEdit *m_udaH1, *m_uoaH1;
    QLabel* m_delivery;
};

// An application on a contract, walked through in one place: a GP list closure (application,
// acknowledgement within 7 days, decision with closure and reopening dates copied to the LMC, or a
// rejection with its reason) or a pharmacy market entry or change of ownership (needs assessment
// test, decision, appeal to NHS Resolution). Which fields show follows the kind.
class ApplicationForm : public RecordForm {
    Q_OBJECT
public:
    ApplicationForm(Workspace& ws, const ContractEvent& application, QWidget* parent = nullptr);
    const ContractEvent& record() const { return m_record; }
    QString stepText() const; // the note on where the procedure stands

protected:
    void commit() override;

private:
    void updateStep();
    ContractEvent m_record;
    QComboBox *m_kind = nullptr, *m_decision, *m_status, *m_needs = nullptr;
    DateField *m_applied, *m_acknowledged = nullptr, *m_decided, *m_closes = nullptr, *m_reopens = nullptr,
                          *m_lmc = nullptr, *m_appeal = nullptr;
    QPlainTextEdit* m_summary;
    QLineEdit* m_reason;
    QLabel* m_step;
};

} // namespace cb::ui
