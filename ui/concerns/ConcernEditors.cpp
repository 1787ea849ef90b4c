#include "concerns/ConcernEditors.h"

#include "common/Identifiers.h"
#include "common/Workspace.h"
#include "concerns/Proportionality.h"
#include "contractors/Contractor.h"
#include "contracts/Contract.h"
#include "performers/Performer.h"
#include "store/Settings.h"

#include <QCheckBox>
#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QSpinBox>

namespace cb::ui {

namespace {
// Shows or hides a field added with addField: its editor (with the message under it) and its caption.
void showField(QWidget* form, QWidget* editor, bool shown) {
    if (!editor) return;
    editor->parentWidget()->setVisible(shown);
    for (QLabel* l : form->findChildren<QLabel*>())
        if (l->buddy() == editor) l->setVisible(shown);
}

QPlainTextEdit* textBox(int lines) {
    auto* t = new QPlainTextEdit;
    t->setTabChangesFocus(true);
    t->setFixedHeight(t->fontMetrics().lineSpacing() * lines + 12);
    return t;
}
} // namespace

// ---- ConcernEditor ------------------------------------------------------------------------------

ConcernEditor::ConcernEditor(Workspace& ws, const Concern& concern, QWidget* parent)
    : RecordForm(ws, concern.id.isEmpty() ? QStringLiteral("New concern") : QStringLiteral("Concern details"), parent),
      m_concern(concern) {
    setObjectName(QStringLiteral("concernEditor"));
    ContractorService contractors(ws.db());
    m_ods = new QLineEdit;
    m_ods->setPlaceholderText(QStringLiteral("ODS code, e.g. A81001"));
    if (!concern.contractorId.isEmpty())
        if (const auto k = contractors.get(concern.contractorId)) m_ods->setText(k->odsCode);
    m_contractorName = new QLabel;
    m_contractorName->setObjectName(QStringLiteral("subjectName"));
    m_contractorName->setWordWrap(true);
    m_performer = new QComboBox;
    m_level = choiceCombo({concernLevels().at(0), concernLevels().at(1)});
    m_source = choiceCombo(concernSources(), QStringLiteral("Choose…"));
    m_category = choiceCombo(concernCategories(), QStringLiteral("Choose…"));
    m_received = new DateField(true);
    m_owner = new QComboBox;
    m_owner->setEditable(true);
    QStringList owners = ConcernService(ws.db()).owners();
    if (!owners.contains(ws.db().actor())) owners.prepend(ws.db().actor());
    m_owner->addItems(owners);
    m_confidential = new QCheckBox(QStringLiteral("Confidential (named individual or sensitive)"));
    m_serious = new QCheckBox(QStringLiteral("Serious breach or concern"));
    m_seriousReason = new QLineEdit;
    m_summary = new QLineEdit;
    m_details = textBox(4);

    m_lrc = new QLabel;
    m_lrc->setObjectName(QStringLiteral("lrcCommittee"));
    m_lrc->setAccessibleName(QStringLiteral("Local representative committee"));
    m_lrcDate = new DateField(true);
    m_regulator = choiceCombo(regulatorBodies(), QStringLiteral("Not referred"));
    m_regulatorDate = new DateField(true);
    m_pagDate = new DateField(true);
    m_panelOutcome = choiceCombo(panelOutcomes(), QStringLiteral("No decision yet"));
    m_panelDate = new DateField(true);
    m_suspensionStart = new DateField(true);
    m_suspensionReview = new DateField(true);
    m_nhsResolution = new DateField(true);

    addField("contractorId", QStringLiteral("Contractor (ODS code)"), m_ods);
    addNote(m_contractorName);
    addField("performerId", QStringLiteral("Performer"), m_performer);
    addField("level", QStringLiteral("Level"), m_level);
    addField("source", QStringLiteral("Source"), m_source);
    addField("category", QStringLiteral("Category"), m_category);
    addField("receivedDate", QStringLiteral("Received"), m_received);
    addField("owner", QStringLiteral("Owner"), m_owner);
    addField("confidential", QStringLiteral("Confidential"), m_confidential);
    addField("serious", QStringLiteral("Serious"), m_serious);
    addField("seriousReason", QStringLiteral("Why serious"), m_seriousReason);
    // What happened belongs with the concern's own fields: Tab goes from "Serious" to the summary,
    // and only then to the referrals on the right.
    addField("summary", QStringLiteral("Summary"), m_summary);
    addField("details", QStringLiteral("Details"), m_details);

    addField("lrcCommittee", QStringLiteral("LRC"), m_lrc, 1);
    addField("lrcInformedDate", QStringLiteral("LRC informed on"), m_lrcDate, 1);
    addField("regulator", QStringLiteral("Referred to regulator"), m_regulator, 1);
    addField("regulatorReferralDate", QStringLiteral("Regulator referral date"), m_regulatorDate, 1);
    addField("pagReferralDate", QStringLiteral("PAG referral date"), m_pagDate, 1);
    addField("panelOutcome", QStringLiteral("Decision panel outcome"), m_panelOutcome, 1);
    addField("panelDate", QStringLiteral("Panel decision date"), m_panelDate, 1);
    addField("suspensionStart", QStringLiteral("Suspension starts"), m_suspensionStart, 1);
    addField("suspensionReview", QStringLiteral("Suspension review"), m_suspensionReview, 1);
    addField("nhsResolutionNotified", QStringLiteral("NHS Resolution notified"), m_nhsResolution, 1);
    m_performerOnly = {m_pagDate, m_panelOutcome, m_panelDate, m_suspensionStart, m_suspensionReview, m_nhsResolution};


    // Existing values.
    setCode(m_level, concern.level == QLatin1String("individual") ? QStringLiteral("practice") : concern.level);
    setCode(m_source, concern.source);
    setCode(m_category, concern.category);
    m_received->setDate(concern.receivedDate);
    m_owner->setCurrentText(concern.owner.isEmpty() ? ws.db().actor() : concern.owner);
    m_confidential->setChecked(concern.confidential.value_or(!concern.performerId.isEmpty()));
    m_serious->setChecked(concern.serious);
    m_seriousReason->setText(concern.seriousReason);
    m_summary->setText(concern.summary);
    m_details->setPlainText(concern.details);
    m_lrcDate->setDate(concern.lrcInformedDate);
    setCode(m_regulator, concern.regulator);
    m_regulatorDate->setDate(concern.regulatorReferralDate);
    m_pagDate->setDate(concern.pagReferralDate);
    setCode(m_panelOutcome, concern.panelOutcome);
    m_panelDate->setDate(concern.panelDate);
    m_suspensionStart->setDate(concern.suspensionStart);
    m_suspensionReview->setDate(concern.suspensionReview);
    m_nhsResolution->setDate(concern.nhsResolutionNotified);
    subjectChanged();
    setCode(m_performer, concern.performerId);
    performerChanged();
    m_confidential->setChecked(concern.confidential.value_or(!concern.performerId.isEmpty()));
    if (!concern.contractorId.isEmpty()) m_ods->setReadOnly(!concern.id.isEmpty()); // a concern stays with its contractor
    markClean();

    connect(m_ods, &QLineEdit::editingFinished, this, &ConcernEditor::subjectChanged);
    connect(m_performer, &QComboBox::currentIndexChanged, this, [this] {
        performerChanged();
        m_confidential->setChecked(!code(m_performer).isEmpty()); // on by default for a named individual
    });
    connect(m_serious, &QCheckBox::toggled, m_seriousReason, &QWidget::setEnabled);
    connect(m_panelOutcome, &QComboBox::currentIndexChanged, this, [this] {
        const bool suspension = code(m_panelOutcome) == QLatin1String("suspension");
        m_suspensionStart->setEnabled(suspension);
        m_suspensionReview->setEnabled(suspension);
    });
    m_seriousReason->setEnabled(m_serious->isChecked());
    const bool suspension = concern.panelOutcome == QLatin1String("suspension");
    m_suspensionStart->setEnabled(suspension);
    m_suspensionReview->setEnabled(suspension);
    if (ws.isReadOnly()) m_ods->setReadOnly(true);
}

// The contractor typed decides the performers offered and the LRC (derived from the group).
void ConcernEditor::subjectChanged() {
    const QString keep = code(m_performer);
    const QSignalBlocker block(m_performer);
    m_performer->clear();
    m_performer->addItem(QStringLiteral("None: about the practice or provider"), QString());
    const QString ods = m_ods->text().trimmed().toUpper();
    const auto k = ods.isEmpty() ? std::nullopt : ContractorService(m_ws.db()).findByOdsCode(ods);
    PerformerService performers(m_ws.db());
    if (k) {
        m_contractorName->setText(QStringLiteral("%1 (%2)").arg(k->name, labelFor(contractorGroups(), k->group)));
        m_lrc->setText(lrcForGroup(k->group));
        QStringList seen;
        for (const PerformerLink& link : performers.linksAtContractor(k->id)) {
            if (seen.contains(link.performerId)) continue;
            seen << link.performerId;
            if (const auto p = performers.get(link.performerId))
                m_performer->addItem(QStringLiteral("%1 (%2)").arg(p->fullName(), labelFor(professions(), p->profession)), p->id);
        }
    } else {
        m_contractorName->setText(ods.isEmpty() ? QStringLiteral("Type the ODS code of the contractor the concern is about.")
                                                : QStringLiteral("No contractor has the ODS code %1.").arg(ods));
        m_lrc->setText(m_concern.lrcCommittee.isEmpty() ? QStringLiteral("—") : m_concern.lrcCommittee);
    }
    // A performer not linked here any more still shows on their own concern.
    if (!m_concern.performerId.isEmpty() && m_performer->findData(m_concern.performerId) < 0)
        if (const auto p = performers.get(m_concern.performerId)) m_performer->addItem(p->fullName(), p->id);
    setCode(m_performer, keep);
    if (m_performer->currentIndex() < 0) m_performer->setCurrentIndex(0);
    performerChanged();
}

void ConcernEditor::performerChanged() {
    const bool individual = !code(m_performer).isEmpty();
    for (QWidget* w : std::as_const(m_performerOnly)) showField(this, w, individual);
    showField(this, m_level, !individual);
}

void ConcernEditor::commit() {
    Concern c = m_concern;
    Issues issues;
    const QString ods = m_ods->text().trimmed().toUpper();
    if (ods.isEmpty()) {
        c.contractorId.clear();
    } else if (const auto k = ContractorService(m_ws.db()).findByOdsCode(ods)) {
        c.contractorId = k->id;
    } else {
        issues.add("contractorId", QStringLiteral("No contractor has the ODS code %1: check it, or find the contractor "
                                                  "with Ctrl+K.").arg(ods));
    }
    issues.throwIfAny();
    c.performerId = code(m_performer);
    c.level = c.performerId.isEmpty() ? code(m_level) : QStringLiteral("individual");
    c.source = code(m_source);
    c.category = code(m_category);
    c.receivedDate = m_received->date();
    c.owner = m_owner->currentText().trimmed();
    c.confidential = m_confidential->isChecked();
    c.serious = m_serious->isChecked();
    c.seriousReason = c.serious ? m_seriousReason->text() : QString();
    c.summary = m_summary->text();
    c.details = m_details->toPlainText();
    Concern wanted = c;
    wanted.lrcInformedDate = m_lrcDate->date();
    wanted.regulator = code(m_regulator);
    wanted.regulatorReferralDate = m_regulatorDate->date();
    const bool individual = !c.performerId.isEmpty();
    wanted.pagReferralDate = individual ? m_pagDate->date() : QDate();
    wanted.panelOutcome = individual ? code(m_panelOutcome) : QString();
    wanted.panelDate = individual ? m_panelDate->date() : QDate();
    wanted.suspensionStart = individual ? m_suspensionStart->date() : QDate();
    wanted.suspensionReview = individual ? m_suspensionReview->date() : QDate();
    wanted.nhsResolutionNotified = individual ? m_nhsResolution->date() : QDate();

    ConcernService service(m_ws.db());
    QString id = c.id;
    m_ws.db().write([&] {
        Concern before;
        if (c.id.isEmpty()) {
            Concern base = c; // referrals follow through their own steps, so each reaches the timeline
            base.lrcInformedDate = base.regulatorReferralDate = base.pagReferralDate = QDate();
            base.panelDate = base.suspensionStart = base.suspensionReview = base.nhsResolutionNotified = QDate();
            base.regulator.clear();
            base.panelOutcome.clear();
            before = service.create(base);
        } else {
            service.update(c);
            before = *service.get(c.id);
        }
        id = before.id;
        applyReferrals(before, wanted);
    });
    m_concern.id = id;
    m_ws.notifyChanged(c.contractorId);
}

void ConcernEditor::applyReferrals(const Concern& before, const Concern& wanted) {
    ConcernService service(m_ws.db());
    const auto cannotRemove = [](const char* field, const QString& what) {
        throw ValidationError(QString::fromLatin1(field),
                              QStringLiteral("The %1 is on the concern's timeline and cannot be removed: put the date "
                                             "back and add a note explaining the correction.").arg(what));
    };
    if (wanted.lrcInformedDate != before.lrcInformedDate) {
        if (!wanted.lrcInformedDate.isValid()) cannotRemove("lrcInformedDate", QStringLiteral("date the LRC was informed"));
        service.recordLrcInformed(before.id, wanted.lrcInformedDate);
    }
    if (wanted.regulator != before.regulator || wanted.regulatorReferralDate != before.regulatorReferralDate) {
        if (wanted.regulator.isEmpty() && !wanted.regulatorReferralDate.isValid())
            cannotRemove("regulator", QStringLiteral("regulator referral"));
        service.recordRegulatorReferral(before.id, wanted.regulator, wanted.regulatorReferralDate);
    }
    if (wanted.pagReferralDate != before.pagReferralDate) {
        if (!wanted.pagReferralDate.isValid()) cannotRemove("pagReferralDate", QStringLiteral("PAG referral"));
        service.recordPagReferral(before.id, wanted.pagReferralDate);
    }
    if (wanted.panelOutcome != before.panelOutcome || wanted.panelDate != before.panelDate ||
        wanted.suspensionStart != before.suspensionStart || wanted.suspensionReview != before.suspensionReview) {
        if (wanted.panelOutcome.isEmpty() && !wanted.panelDate.isValid() && !before.panelOutcome.isEmpty())
            cannotRemove("panelOutcome", QStringLiteral("decision panel's outcome"));
        service.recordPanelDecision(before.id, wanted.panelOutcome, wanted.panelDate, wanted.suspensionStart,
                                    wanted.suspensionReview);
    }
    if (wanted.nhsResolutionNotified != before.nhsResolutionNotified) {
        if (!wanted.nhsResolutionNotified.isValid())
            cannotRemove("nhsResolutionNotified", QStringLiteral("date NHS Resolution was notified"));
        service.recordNhsResolutionNotified(before.id, wanted.nhsResolutionNotified);
    }
}

// ---- StageChangeForm ----------------------------------------------------------------------------

StageChangeForm::StageChangeForm(Workspace& ws, const Concern& concern, QWidget* parent)
    : RecordForm(ws, QStringLiteral("Change stage"), parent), m_concern(concern) {
    setObjectName(QStringLiteral("stageChangeForm"));
    m_stage = new QComboBox;
    const QList<Choice>& stages = concernStages();
    int next = -1;
    int current = -1;
    for (int i = 0; i < stages.size(); ++i) {
        if (stages.at(i).code == concern.stage) current = i;
        if (stages.at(i).code == concern.stage || stages.at(i).code == QLatin1String("received")) continue;
        m_stage->addItem(stages.at(i).label, stages.at(i).code);
        if (next < 0 && i > current && current >= 0) next = m_stage->count() - 1;
    }
    m_stage->setCurrentIndex(next >= 0 ? next : 0);
    m_date = new DateField(false);
    m_date->setDate(ws.db().clock().today());
    m_reason = textBox(3);
    // Formal action records its notice here; a notice already recorded for this concern (or an
    // older one not yet tied to any concern) can be linked instead.
    m_notice = new QComboBox;
    m_notice->addItem(QStringLiteral("Record a new notice now"), QStringLiteral("new"));
    ContractBook book(ws.db());
    m_noticeContract = new QComboBox;
    if (!concern.contractorId.isEmpty())
        for (const Contract& k : book.forContractor(concern.contractorId)) {
            if (concern.contractId.isEmpty() || k.id == concern.contractId) m_noticeContract->addItem(k.label(), k.id);
            for (const ContractEvent& e : book.events(k.id))
                if (isNoticeKind(e.kind) && (e.concernId.isEmpty() || e.concernId == concern.id))
                    m_notice->addItem(QStringLiteral("%1 of %2 on %3%4")
                                          .arg(labelFor(contractEventKinds(), e.kind), fmt::date(e.eventDate),
                                               k.reference.isEmpty() ? labelFor(contractRoutes(), k.route) : k.reference,
                                               e.description.isEmpty() ? QString() : QStringLiteral(": ") + e.description.left(50)),
                                      e.id);
        }
    m_noticeKind = new QComboBox;
    for (const Choice& c : contractEventKinds())
        if (isNoticeKind(c.code)) m_noticeKind->addItem(c.label, c.code);
    m_noticeDate = new DateField(false);
    m_noticeDate->setDate(ws.db().clock().today());
    m_noticeDeadline = new DateField(true);
    m_noticeDescription = textBox(3);
    m_cancelOpenActions = new QLineEdit;
    for (const ConcernAction& a : ConcernService(ws.db()).actions(concern.id))
        if (!a.completedDate.isValid()) ++m_openActions;
    m_cancelOpenActions->setPlaceholderText(QStringLiteral("Why the %1 open action%2 no longer needed")
                                                .arg(m_openActions)
                                                .arg(m_openActions == 1 ? QStringLiteral(" is") : QStringLiteral("s are")));
    m_serious = new QCheckBox(QStringLiteral("Serious: formal action without support to improve first"));
    m_serious->setChecked(concern.serious);
    m_seriousReason = new QLineEdit(concern.seriousReason);
    m_lrcReason = new QLineEdit;
    m_lrcReason->setPlaceholderText(QStringLiteral("Only if the %1 has not been informed yet")
                                        .arg(concern.lrcCommittee.isEmpty() ? QStringLiteral("LRC") : concern.lrcCommittee));
    m_outcome = textBox(3);

    auto* from = new QLabel(QStringLiteral("Now at: <b>%1</b>").arg(labelFor(concernStages(), concern.stage)));
    from->setObjectName(QStringLiteral("currentStage"));
    addNote(from);
    addField("stage", QStringLiteral("Move to"), m_stage);
    addField("date", QStringLiteral("Date"), m_date);
    addField("reason", QStringLiteral("Reason"), m_reason);
    addField("noticeEventId", QStringLiteral("Notice"), m_notice);
    addField("noticeKind", QStringLiteral("Kind of notice"), m_noticeKind);
    addField("noticeContractId", QStringLiteral("On contract"), m_noticeContract);
    addField("noticeEventDate", QStringLiteral("Notice dated"), m_noticeDate);
    addField("noticeDeadline", QStringLiteral("Remedy by / terminates on"), m_noticeDeadline);
    addField("noticeDescription", QStringLiteral("Breach and steps required"), m_noticeDescription);
    addField("serious", QStringLiteral("Serious"), m_serious);
    addField("seriousReason", QStringLiteral("Why serious"), m_seriousReason);
    addField("lrcReason", QStringLiteral("Why before the %1 is informed")
                              .arg(concern.lrcCommittee.isEmpty() ? QStringLiteral("LRC") : concern.lrcCommittee),
             m_lrcReason);
    addField("pagReferralDate", QStringLiteral("PAG referral"), new QLabel(concern.pagReferralDate.isValid()
                                                                              ? fmt::date(concern.pagReferralDate)
                                                                              : QStringLiteral("Not referred yet")));
    addField("outcome", QStringLiteral("Outcome"), m_outcome);
    addField("cancelOpenActions", QStringLiteral("Cancel open actions because"), m_cancelOpenActions);
    connect(m_stage, &QComboBox::currentIndexChanged, this, &StageChangeForm::stageChanged);
    connect(m_notice, &QComboBox::currentIndexChanged, this, &StageChangeForm::stageChanged);
    connect(m_noticeKind, &QComboBox::currentIndexChanged, this, &StageChangeForm::stageChanged);
    stageChanged();
    markClean();
    resize(560, sizeHint().height());
}

void StageChangeForm::setStage(const QString& stage) { setCode(m_stage, stage); }

void StageChangeForm::setFieldShown(const QString& field, bool shown) {
    showField(this, fieldEditor(field), shown);
    if (QWidget* e = fieldEditor(field)) e->setProperty("shownForStage", shown);
}

bool StageChangeForm::isFieldShown(const QString& field) const {
    const QWidget* e = fieldEditor(field);
    return e && e->property("shownForStage").toBool();
}

void StageChangeForm::stageChanged() {
    const QString stage = code(m_stage);
    const bool formal = stage == QLatin1String("formal_action");
    for (const char* f : {"stage", "date", "reason"}) setFieldShown(QString::fromLatin1(f), true);
    const bool contractor = formal && !m_concern.contractorId.isEmpty();
    const bool newNotice = contractor && code(m_notice) == QLatin1String("new");
    setFieldShown("noticeEventId", contractor);
    for (const char* f : {"noticeKind", "noticeContractId", "noticeEventDate", "noticeDescription"})
        setFieldShown(QString::fromLatin1(f), newNotice);
    setFieldShown("noticeDeadline", newNotice && code(m_noticeKind) != QLatin1String("breach_notice"));
    setFieldShown("cancelOpenActions", stage == QLatin1String("closed") && m_openActions > 0);
    setFieldShown("pagReferralDate", formal && m_concern.contractorId.isEmpty());
    setFieldShown("serious", formal);
    setFieldShown("seriousReason", formal);
    setFieldShown("lrcReason", formal && !m_concern.lrcInformedDate.isValid());
    setFieldShown("outcome", stage == QLatin1String("closed"));
    adjustSize();
}

void StageChangeForm::commit() {
    StageChange change;
    change.stage = code(m_stage);
    change.reason = m_reason->toPlainText();
    change.date = m_date->date();
    const QString stage = change.stage;
    if (stage == QLatin1String("formal_action")) {
        if (code(m_notice) == QLatin1String("new") && !m_concern.contractorId.isEmpty()) {
            ContractEvent e;
            e.kind = code(m_noticeKind);
            e.contractId = code(m_noticeContract);
            e.eventDate = m_noticeDate->date();
            e.description = m_noticeDescription->toPlainText();
            if (e.kind == QLatin1String("remedial_notice")) e.deadline = m_noticeDeadline->date();
            if (e.kind == QLatin1String("termination_notice")) e.effectiveDate = m_noticeDeadline->date();
            change.newNotice = e;
        } else {
            change.noticeEventId = code(m_notice);
        }
        change.serious = m_serious->isChecked();
        change.seriousReason = m_seriousReason->text();
        change.lrcReason = m_lrcReason->text();
    }
    if (stage == QLatin1String("closed")) {
        change.outcome = m_outcome->toPlainText();
        change.cancelOpenActions = m_cancelOpenActions->text();
    }
    ConcernService(m_ws.db()).changeStage(m_concern.id, change);
    m_ws.notifyChanged(m_concern.contractorId);
}

// ---- ConcernActionForm --------------------------------------------------------------------------

ConcernActionForm::ConcernActionForm(Workspace& ws, const ConcernAction& action, Mode mode, QWidget* parent)
    : RecordForm(ws, mode == Mode::Add ? QStringLiteral("New action") : mode == Mode::Complete ? QStringLiteral("Complete action")
                                                                                               : QStringLiteral("Action"),
                 parent),
      m_action(action), m_mode(mode) {
    setObjectName(QStringLiteral("concernActionForm"));
    m_description = new QLineEdit(action.description);
    m_owner = new QLineEdit(action.owner.isEmpty() ? ws.db().actor() : action.owner);
    m_due = new DateField(true);
    m_due->setDate(action.dueDate);
    m_completed = new DateField(true);
    m_completed->setDate(mode == Mode::Complete && !action.completedDate.isValid() ? ws.db().clock().today() : action.completedDate);
    m_result = new QLineEdit(action.result);
    addField("description", QStringLiteral("Action"), m_description);
    addField("owner", QStringLiteral("Owner"), m_owner);
    addField("dueDate", QStringLiteral("Due"), m_due);
    addField("completedDate", QStringLiteral("Completed"), m_completed);
    addField("result", QStringLiteral("Result"), m_result);
    if (mode == Mode::Complete) {
        m_description->setReadOnly(true);
        m_owner->setReadOnly(true);
        m_due->setEnabled(false);
        m_result->setFocus();
    }
    if (mode == Mode::Add) markDirty(); // a new action is a change until saved or dropped
    else markClean();
    resize(520, sizeHint().height());
}

void ConcernActionForm::commit() {
    ConcernAction a = m_action;
    a.description = m_description->text();
    a.owner = m_owner->text();
    a.dueDate = m_due->date();
    a.completedDate = m_completed->date();
    a.result = m_result->text();
    ConcernService service(m_ws.db());
    if (m_mode == Mode::Add) m_action = service.addAction(a);
    else if (m_mode == Mode::Complete) service.completeAction(a.id, a.completedDate, a.result);
    else service.updateAction(a);
    const auto c = service.get(a.concernId);
    m_ws.notifyChanged(c ? c->contractorId : QString());
}

// ---- ConcernNoteForm ----------------------------------------------------------------------------

ConcernNoteForm::ConcernNoteForm(Workspace& ws, const Concern& concern, QWidget* parent)
    : RecordForm(ws, QStringLiteral("Add a note"), parent), m_concern(concern) {
    setObjectName(QStringLiteral("concernNoteForm"));
    m_date = new DateField(false);
    m_date->setDate(ws.db().clock().today());
    m_note = textBox(4);
    addField("date", QStringLiteral("Date"), m_date);
    addField("note", QStringLiteral("Note"), m_note);
    markClean();
}

void ConcernNoteForm::commit() {
    ConcernService(m_ws.db()).addNote(m_concern.id, m_note->toPlainText(), m_date->date());
    m_ws.notifyChanged(m_concern.contractorId);
}

// ---- RiskBandsForm ------------------------------------------------------------------------------

RiskBandsForm::RiskBandsForm(Workspace& ws, QWidget* parent) : RecordForm(ws, QStringLiteral("Risk bands"), parent) {
    setObjectName(QStringLiteral("riskBandsForm"));
    Settings settings(ws.db());
    const risk::Bands b = risk::loadBands(settings);
    auto spin = [](int value) {
        auto* s = new QSpinBox;
        s->setRange(0, risk::kMaxScore);
        s->setValue(value);
        return s;
    };
    m_low = spin(b.lowMax);
    m_moderate = spin(b.moderateMax);
    m_high = spin(b.highMax);
    auto* intro = new QLabel(QStringLiteral("A concern's score is consequence × likelihood (1 to %1). Set the highest "
                                            "score of each band; anything above the high band is extreme. Everyone "
                                            "using this database sees the same bands.").arg(risk::kMaxScore));
    addNote(intro);
    addField("lowMax", QStringLiteral("Low: up to"), m_low);
    addField("moderateMax", QStringLiteral("Moderate: up to"), m_moderate);
    addField("highMax", QStringLiteral("High: up to"), m_high);
    m_preview = new QLabel;
    m_preview->setObjectName(QStringLiteral("bandsPreview"));
    addNote(m_preview);
    for (QSpinBox* s : {m_low, m_moderate, m_high}) connect(s, &QSpinBox::valueChanged, this, &RiskBandsForm::updatePreview);
    updatePreview();
    markClean();
}

void RiskBandsForm::updatePreview() {
    const risk::Bands b{m_low->value(), m_moderate->value(), m_high->value()};
    QStringList parts;
    for (const Choice& band : risk::bands()) {
        const auto [lo, hi] = b.range(band.code);
        parts << (lo <= hi ? QStringLiteral("%1 %2–%3").arg(band.label).arg(lo).arg(hi) : QStringLiteral("%1: none").arg(band.label));
    }
    const risk::Bands defaults;
    m_preview->setText(parts.join(QStringLiteral(" · ")) +
                       QStringLiteral("\nNHS defaults: low up to %1, moderate up to %2, high up to %3.")
                           .arg(defaults.lowMax).arg(defaults.moderateMax).arg(defaults.highMax));
}

void RiskBandsForm::commit() {
    Settings settings(m_ws.db());
    risk::saveBands(settings, risk::Bands{m_low->value(), m_moderate->value(), m_high->value()});
    m_ws.notifyChanged();
}

} // namespace cb::ui
