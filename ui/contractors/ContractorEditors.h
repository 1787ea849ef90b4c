#pragma once

#include "common/RecordForm.h"
#include "contractors/Contractor.h"
#include "contractors/Site.h"

class QLineEdit;
class QPlainTextEdit;

namespace cb::ui {

// Edits one contractor (or creates one when given an empty record).
class ContractorEditor : public RecordForm {
    Q_OBJECT
public:
    ContractorEditor(Workspace& ws, const Contractor& contractor, QWidget* parent = nullptr);
    QString contractorId() const { return m_record.id; }

protected:
    void commit() override;
    CB_RELOADS_RECORD(m_record)

private:
    Contractor m_record;
    QLineEdit *m_ods, *m_name, *m_a1, *m_a2, *m_a3, *m_town, *m_county, *m_postcode, *m_phone, *m_email,
        *m_commissioner, *m_parent, *m_cqcId;
    QComboBox *m_group, *m_status, *m_cqc, *m_tier;
    QLineEdit* m_tierRationale;
    DateField *m_open, *m_close, *m_cqcDate;
    QPlainTextEdit* m_notes;
};

// Edits one of a contractor's sites.
class SiteEditor : public RecordForm {
    Q_OBJECT
public:
    SiteEditor(Workspace& ws, const Site& site, QWidget* parent = nullptr);

protected:
    void commit() override;
    CB_RELOADS_RECORD(m_record)

private:
    Site m_record;
    QLineEdit *m_code, *m_name, *m_a1, *m_a2, *m_a3, *m_town, *m_postcode;
    QComboBox* m_status;
    DateField *m_open, *m_close;
};

} // namespace cb::ui
