#pragma once

#include "common/RecordForm.h"
#include "lpn/Network.h"

class QLineEdit;
class QListWidget;
class QPlainTextEdit;

namespace cb::ui {

class RecordListPanel;

// A searchable combo: type part of a name and pick from the matches.
QComboBox* searchableCombo(const QString& emptyLabel);

class NetworkEditor : public RecordForm {
    Q_OBJECT
public:
    NetworkEditor(Workspace& ws, const Network& network, QWidget* parent = nullptr);
    QString networkId() const { return m_record.id; }

protected:
    void commit() override;
    CB_RELOADS_RECORD(m_record)

private:
    Network m_record;
    QComboBox* m_kind;
    QLineEdit *m_name, *m_area;
    DateField* m_established;
    QPlainTextEdit* m_notes;
};

class GroupEditor : public RecordForm {
    Q_OBJECT
public:
    GroupEditor(Workspace& ws, const NetworkGroup& group, QWidget* parent = nullptr);
    QString groupId() const { return m_record.id; }

protected:
    void commit() override;
    CB_RELOADS_RECORD(m_record)

private:
    NetworkGroup m_record;
    QComboBox *m_kind, *m_hub;
    QLineEdit* m_name;
    DateField *m_start, *m_end;
    QPlainTextEdit* m_notes;
};

// A member of a network: their details, an optional link to their performer record (whose
// registration and workplaces are then shown), and their declarations of interest, which are
// saved as they are added or changed (once the member has been saved).
class MemberEditor : public RecordForm {
    Q_OBJECT
public:
    MemberEditor(Workspace& ws, const NetworkMember& member, QWidget* parent = nullptr);
    QString memberId() const { return m_record.id; }
    RecordListPanel* declarations() const { return m_declarations; }
    void markSelectedReviewedToday();

protected:
    void commit() override;
    CB_RELOADS_RECORD(m_record)

private:
    void loadDeclarations();
    void showPerformer();
    NetworkMember m_record;
    QLineEdit *m_given, *m_family, *m_organisation, *m_email, *m_phone;
    QComboBox *m_profession, *m_status, *m_performer;
    QLabel* m_performerInfo;
    QPlainTextEdit* m_notes;
    RecordListPanel* m_declarations;
};

// A member's seat in a group: role and term (the term end defaults to three years).
class MembershipEditor : public RecordForm {
    Q_OBJECT
public:
    MembershipEditor(Workspace& ws, const Membership& membership, const QString& networkId, QWidget* parent = nullptr);

protected:
    void commit() override;
    CB_RELOADS_RECORD(m_record)

private:
    Membership m_record;
    QComboBox *m_member, *m_group, *m_role;
    DateField *m_start, *m_end;
};

// A meeting of a group and who attended (ticked); apologies recorded earlier are kept.
class MeetingEditor : public RecordForm {
    Q_OBJECT
public:
    MeetingEditor(Workspace& ws, const Meeting& meeting, const QString& networkId, QWidget* parent = nullptr);
    QListWidget* attendance() const { return m_attendance; }

protected:
    void commit() override;
    CB_RELOADS_RECORD(m_record)

private:
    Meeting m_record;
    QComboBox* m_group;
    DateField* m_date;
    QLineEdit* m_title;
    QListWidget* m_attendance;
    QPlainTextEdit* m_notes;
};

class DeclarationEditor : public RecordForm {
    Q_OBJECT
public:
    DeclarationEditor(Workspace& ws, const Declaration& declaration, QWidget* parent = nullptr);

protected:
    void commit() override;
    CB_RELOADS_RECORD(m_record)

private:
    Declaration m_record;
    DateField *m_declared, *m_reviewed;
    QComboBox *m_kind, *m_contractor;
    QPlainTextEdit *m_description, *m_managed;
};

} // namespace cb::ui
