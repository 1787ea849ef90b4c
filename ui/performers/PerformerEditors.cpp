#include "performers/PerformerEditors.h"

#include "common/Workspace.h"
#include "contractors/Contractor.h"

#include <QComboBox>
#include <QCompleter>
#include <QLineEdit>
#include <QPlainTextEdit>

namespace cb::ui {

PerformerEditor::PerformerEditor(Workspace& ws, const Performer& p, QWidget* parent)
    : RecordForm(ws, p.id.isEmpty() ? QStringLiteral("New performer") : QStringLiteral("Performer %1").arg(p.fullName()), parent),
      m_record(p) {
    setObjectName(QStringLiteral("performerEditor"));
    m_given = new QLineEdit(p.givenName);
    m_family = new QLineEdit(p.familyName);
    m_profession = choiceCombo(professions());
    m_body = choiceCombo({{"GMC", "GMC"}, {"GDC", "GDC"}, {"GOC", "GOC"}, {"GPhC", "GPhC"}}, QStringLiteral("None"));
    m_number = new QLineEdit(p.registrationNumber);
    m_listStatus = choiceCombo(performersListStatuses());
    m_email = new QLineEdit(p.email);
    m_phone = new QLineEdit(p.telephone);
    m_notes = new QPlainTextEdit(p.notes);
    m_notes->setTabChangesFocus(true);
    m_notes->setMaximumHeight(90);
    addField("givenName", "Given name", m_given);
    addField("familyName", "Family name", m_family);
    addField("profession", "Profession", m_profession);
    addField("registrationBody", "Regulator", m_body);
    addField("registrationNumber", "Registration number", m_number);
    addField("listStatus", "Performers list", m_listStatus, 1);
    addField("email", "Email", m_email, 1);
    addField("telephone", "Telephone", m_phone, 1);
    addWide("notes", "Notes", m_notes);
    setCode(m_profession, p.profession.isEmpty() ? QStringLiteral("gp") : p.profession);
    setCode(m_body, p.registrationBody);
    setCode(m_listStatus, p.listStatus);
    // Choosing a profession fills in its regulator, which is what a caseworker would pick anyway.
    connect(m_profession, &QComboBox::activated, this, [this] {
        setCode(m_body, registrationBodyFor(code(m_profession)));
        if (m_record.id.isEmpty()) setCode(m_listStatus, isOnPerformersList(code(m_profession)) ? QStringLiteral("included")
                                                                                   : QStringLiteral("not_applicable"));
    });
    if (p.id.isEmpty()) {
        setCode(m_body, registrationBodyFor(code(m_profession)));
        setCode(m_listStatus, isOnPerformersList(code(m_profession)) ? QStringLiteral("included") : QStringLiteral("not_applicable"));
    }
    markClean();
}

void PerformerEditor::commit() {
    Performer p = m_record;
    p.givenName = m_given->text();
    p.familyName = m_family->text();
    p.profession = code(m_profession);
    p.registrationBody = code(m_body);
    p.registrationNumber = m_number->text();
    p.listStatus = code(m_listStatus);
    p.email = m_email->text();
    p.telephone = m_phone->text();
    p.notes = m_notes->toPlainText().trimmed();
    PerformerService service(m_ws.db());
    if (p.id.isEmpty()) m_record = service.create(p);
    else service.update(p);
    m_ws.notifyChanged();
}

PerformerLinkEditor::PerformerLinkEditor(Workspace& ws, const PerformerLink& l, QWidget* parent)
    : RecordForm(ws, l.id.isEmpty() ? QStringLiteral("New performer link") : QStringLiteral("Where they work"), parent),
      m_record(l) {
    setObjectName(QStringLiteral("linkEditor"));
    m_performer = new QComboBox;
    m_contractor = new QComboBox;
    for (QComboBox* c : {m_performer, m_contractor}) {
        c->setEditable(true); // type to find
        c->setInsertPolicy(QComboBox::NoInsert);
        c->completer()->setCompletionMode(QCompleter::PopupCompletion);
        c->completer()->setFilterMode(Qt::MatchContains);
    }
    PerformerService performers(ws.db());
    ContractorService contractors(ws.db());
    if (l.performerId.isEmpty()) {
        for (const Performer& p : performers.list({}, 0, 5000))
            m_performer->addItem(QStringLiteral("%1 (%2)").arg(p.fullName(), labelFor(professions(), p.profession)), p.id);
    } else if (const auto p = performers.get(l.performerId)) {
        m_performer->addItem(p->fullName(), p->id);
        m_performer->setEnabled(false);
    }
    if (l.contractorId.isEmpty()) {
        ContractorFilter f;
        f.status = QStringLiteral("active");
        for (const Contractor& c : contractors.list(f, 0, 5000)) m_contractor->addItem(c.label(), c.id);
    } else if (const auto c = contractors.get(l.contractorId)) {
        m_contractor->addItem(c->label(), c->id);
        m_contractor->setEnabled(false);
    }
    m_role = choiceCombo(performerRoles());
    m_from = new DateField;
    m_to = new DateField;
    addField("performerId", "Performer", m_performer);
    addField("contractorId", "Contractor", m_contractor);
    addField("role", "Role", m_role);
    addField("fromDate", "From", m_from);
    addField("toDate", "To", m_to);
    setCode(m_performer, l.performerId);
    setCode(m_contractor, l.contractorId);
    setCode(m_role, l.role);
    m_from->setDate(l.fromDate);
    m_to->setDate(l.toDate);
    markClean();
}

void PerformerLinkEditor::commit() {
    PerformerLink l = m_record;
    l.performerId = code(m_performer);
    l.contractorId = code(m_contractor);
    l.role = code(m_role);
    l.fromDate = m_from->date();
    l.toDate = m_to->date();
    PerformerService service(m_ws.db());
    if (l.id.isEmpty()) m_record = service.addLink(l);
    else service.updateLink(l);
    m_ws.notifyChanged(l.contractorId);
}

} // namespace cb::ui
