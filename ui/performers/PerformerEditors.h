#pragma once

#include "common/RecordForm.h"
#include "performers/Performer.h"

class QLineEdit;
class QPlainTextEdit;

namespace cb::ui {

class PerformerEditor : public RecordForm {
    Q_OBJECT
public:
    PerformerEditor(Workspace& ws, const Performer& performer, QWidget* parent = nullptr);
    QString performerId() const { return m_record.id; }

protected:
    void commit() override;
    CB_RELOADS_RECORD(m_record)

private:
    Performer m_record;
    QLineEdit *m_given, *m_family, *m_number, *m_email, *m_phone;
    QComboBox *m_profession, *m_body, *m_listStatus;
    QPlainTextEdit* m_notes;
};

// Where a performer works: choose the performer (when adding at a contractor) or the contractor
// (when adding from a performer), the role and the dates.
class PerformerLinkEditor : public RecordForm {
    Q_OBJECT
public:
    PerformerLinkEditor(Workspace& ws, const PerformerLink& link, QWidget* parent = nullptr);

protected:
    void commit() override;
    CB_RELOADS_RECORD(m_record)

private:
    PerformerLink m_record;
    QComboBox *m_performer, *m_contractor, *m_role;
    DateField *m_from, *m_to;
};

} // namespace cb::ui
