#pragma once

#include "common/RecordForm.h"
#include "contracts/Contract.h"

class QCheckBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QSpinBox;

namespace cb::ui {

// A contract: the routes offered are those the contractor's group may hold.
class ContractEditor : public RecordForm {
    Q_OBJECT
public:
    ContractEditor(Workspace& ws, const Contract& contract, const QString& contractorGroup, QWidget* parent = nullptr);

protected:
    void commit() override;
    CB_RELOADS_RECORD(m_record)

private:
    Contract m_record;
    QComboBox *m_route, *m_status;
    QLineEdit *m_reference, *m_value, *m_listSize, *m_uda, *m_uoa, *m_coreHours, *m_totalHours;
    QCheckBox *m_dispensing, *m_hundredHour;
    DateField *m_start, *m_end;
    QPlainTextEdit* m_notes;
    QString m_group;
    QLabel* m_hoursRule = nullptr;
    void updateHoursRule();
    Contract fromFields(Issues& parse) const;

public:
    QString hoursRuleText() const;
};

class ServiceEditor : public RecordForm {
    Q_OBJECT
public:
    ServiceEditor(Workspace& ws, const ContractedService& service, QWidget* parent = nullptr);

protected:
    void commit() override;
    CB_RELOADS_RECORD(m_record)

private:
    ContractedService m_record;
    QComboBox* m_category;
    QLineEdit* m_name;
    QCheckBox* m_optedOut;
    DateField *m_start, *m_end;
};

class EventEditor : public RecordForm {
    Q_OBJECT
public:
    EventEditor(Workspace& ws, const ContractEvent& event, QWidget* parent = nullptr);

protected:
    void commit() override;
    CB_RELOADS_RECORD(m_record)

private:
    ContractEvent m_record;
    QComboBox *m_kind, *m_status;
    DateField *m_date, *m_effective, *m_deadline;
    QPlainTextEdit* m_description;
    QCheckBox *m_unilateral, *m_urgent;
    QLineEdit* m_urgentReason;
    QComboBox* m_absorbed;
    QLineEdit* m_withheld;
    QString m_group;
};

// One financial year of dental activity; the year-end outcome and the mid-year flag update as
// the figures are typed.
class ActivityEditor : public RecordForm {
    Q_OBJECT
public:
    ActivityEditor(Workspace& ws, const DentalActivity& activity, QWidget* parent = nullptr);
    QString outcomeText() const;

protected:
    void commit() override;
    CB_RELOADS_RECORD(m_record)

private:
    void updateOutcome();
    DentalActivity m_record;
    QSpinBox* m_year;
    QLineEdit *m_udaTarget, *m_udaDone, *m_udaH1, *m_uoaTarget, *m_uoaDone, *m_uoaH1, *m_udaValue;
    QLabel* m_outcome;
};

} // namespace cb::ui
