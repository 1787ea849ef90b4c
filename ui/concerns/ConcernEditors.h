#pragma once

#include "common/RecordForm.h"
#include "concerns/Concern.h"

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QSpinBox;

namespace cb::ui {

// A concern's descriptive fields and referrals. New: ConcernService::create, then the referrals
// entered; existing: update, then each changed referral through its own core step (so each one
// reaches the timeline), all in one transaction.
class ConcernEditor : public RecordForm {
    Q_OBJECT
public:
    ConcernEditor(Workspace& ws, const Concern& concern, QWidget* parent = nullptr);
    QString concernId() const { return m_concern.id; }

protected:
    void commit() override;

private:
    void subjectChanged();
    void performerChanged();
    void applyReferrals(const Concern& before, const Concern& wanted);
    Concern m_concern;
    QLineEdit *m_ods, *m_summary, *m_seriousReason;
    QLabel *m_contractorName, *m_lrc;
    QComboBox *m_performer, *m_level, *m_source, *m_category, *m_owner, *m_regulator, *m_panelOutcome;
    DateField *m_received, *m_lrcDate, *m_regulatorDate, *m_pagDate, *m_panelDate, *m_suspensionStart, *m_suspensionReview,
        *m_nhsResolution;
    QCheckBox *m_confidential, *m_serious;
    QPlainTextEdit* m_details;
    QList<QWidget*> m_performerOnly;
};

// Moves a concern to another stage with the reason, and whatever the rules ask for at that stage:
// the notice and "serious" for formal action, the reason for acting before the LRC is informed,
// the outcome for closing. Core's messages appear beside the fields; nothing is written on error.
class StageChangeForm : public RecordForm {
    Q_OBJECT
public:
    StageChangeForm(Workspace& ws, const Concern& concern, QWidget* parent = nullptr);
    void setStage(const QString& stage);
    bool isFieldShown(const QString& field) const;

protected:
    void commit() override;

private:
    void stageChanged();
    void setFieldShown(const QString& field, bool shown);
    Concern m_concern;
    QComboBox *m_stage, *m_notice;
    DateField* m_date;
    QPlainTextEdit *m_reason, *m_outcome;
    QCheckBox* m_serious;
    QLineEdit *m_seriousReason, *m_lrcReason;
    // The notice recorded in place with formal action.
    QComboBox *m_noticeKind, *m_noticeContract;
    DateField *m_noticeDate, *m_noticeDeadline;
    QPlainTextEdit* m_noticeDescription;
    QLineEdit* m_cancelOpenActions;
    int m_openActions = 0;
};

// Adds an action to a concern, edits it, or completes it (date and result).
class ConcernActionForm : public RecordForm {
    Q_OBJECT
public:
    enum class Mode { Add, Edit, Complete };
    ConcernActionForm(Workspace& ws, const ConcernAction& action, Mode mode, QWidget* parent = nullptr);

protected:
    void commit() override;

private:
    ConcernAction m_action;
    Mode m_mode;
    QLineEdit *m_description, *m_owner, *m_result;
    DateField *m_due, *m_completed;
};

// A dated note on the concern's timeline.
class ConcernNoteForm : public RecordForm {
    Q_OBJECT
public:
    ConcernNoteForm(Workspace& ws, const Concern& concern, QWidget* parent = nullptr);

protected:
    void commit() override;

private:
    Concern m_concern;
    QPlainTextEdit* m_note;
    DateField* m_date;
};

// Settings > Risk bands: the highest score of the low, moderate and high bands (risk::saveBands).
class RiskBandsForm : public RecordForm {
    Q_OBJECT
public:
    explicit RiskBandsForm(Workspace& ws, QWidget* parent = nullptr);

protected:
    void commit() override;

private:
    void updatePreview();
    QSpinBox *m_low, *m_moderate, *m_high;
    QLabel* m_preview;
};

} // namespace cb::ui
