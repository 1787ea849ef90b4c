#include "contractors/ContractorEditors.h"

#include "common/Workspace.h"
#include "tiers/AssuranceTier.h"

#include <QComboBox>
#include <QLineEdit>
#include <QPlainTextEdit>

namespace cb::ui {

namespace {
QLineEdit* line(const QString& text, const QString& placeholder = {}) {
    auto* e = new QLineEdit(text);
    e->setPlaceholderText(placeholder);
    return e;
}
} // namespace

ContractorEditor::ContractorEditor(Workspace& ws, const Contractor& c, QWidget* parent)
    : RecordForm(ws, c.id.isEmpty() ? QStringLiteral("New contractor") : QStringLiteral("Contractor %1").arg(c.label()), parent),
      m_record(c) {
    setObjectName(QStringLiteral("contractorEditor"));
    m_group = choiceCombo(contractorGroups());
    m_ods = line(c.odsCode, QStringLiteral("e.g. A81001"));
    m_name = line(c.name);
    m_a1 = line(c.address1);
    m_a2 = line(c.address2);
    m_a3 = line(c.address3);
    m_town = line(c.address4);
    m_county = line(c.address5);
    m_postcode = line(c.postcode, QStringLiteral("e.g. TS18 1HU"));
    m_phone = line(c.telephone);
    m_email = line(c.email);
    m_status = choiceCombo(contractorStatuses());
    m_open = new DateField;
    m_close = new DateField;
    m_commissioner = line(c.commissionerCode, QStringLiteral("e.g. 16C"));
    m_parent = line(c.parentCode);
    m_cqcId = line(c.cqcLocationId, QStringLiteral("e.g. 1-123456789"));
    m_cqc = choiceCombo(cqcRatings(), QStringLiteral("Not rated"));
    m_cqcDate = new DateField;
    m_tier = choiceCombo(assuranceTiers(), QStringLiteral("Not yet assessed"));
    m_tierRationale = line(QString(), QStringLiteral("Only when the tier changes: what the decision rests on"));
    m_notes = new QPlainTextEdit(c.notes);
    m_notes->setTabChangesFocus(true);
    m_notes->setMaximumHeight(90);

    // Tab order follows this order: identity, address, contact down the left; status and assurance down the right.
    addField("group", "Group", m_group);
    addField("odsCode", "ODS code", m_ods);
    addField("name", "Name", m_name);
    addField("address1", "Address", m_a1);
    addField("address2", "Address line 2", m_a2);
    addField("address3", "Address line 3", m_a3);
    addField("address4", "Town", m_town);
    addField("address5", "County", m_county);
    addField("postcode", "Postcode", m_postcode);
    addField("telephone", "Telephone", m_phone);
    addField("email", "Email", m_email);
    addField("status", "Status", m_status, 1);
    addField("openDate", "Opened", m_open, 1);
    addField("closeDate", "Closed", m_close, 1);
    addField("commissionerCode", "Commissioner", m_commissioner, 1);
    addField("parentCode", "Parent organisation", m_parent, 1);
    addField("cqcLocationId", "CQC location ID", m_cqcId, 1);
    addField("cqcRating", "CQC rating", m_cqc, 1);
    addField("cqcRatingDate", "CQC rating date", m_cqcDate, 1);
    addField("assuranceTier", "Assurance tier", m_tier, 1);
    addField("rationale", "Why this tier", m_tierRationale, 1);
    addWide("notes", "Notes", m_notes);

    setCode(m_group, c.group.isEmpty() ? QStringLiteral("general_practice") : c.group);
    setCode(m_status, c.status);
    setCode(m_cqc, c.cqcRating);
    setCode(m_tier, c.assuranceTier);
    m_open->setDate(c.openDate);
    m_close->setDate(c.closeDate);
    m_cqcDate->setDate(c.cqcRatingDate);
    if (!c.id.isEmpty()) m_group->setEnabled(false); // a contractor's group is what its codes and contracts rest on
    m_group->setToolTip(QStringLiteral("The group cannot change once the contractor exists: its code and contracts depend on it."));
    markClean();
}

void ContractorEditor::commit() {
    Contractor c = m_record;
    c.group = code(m_group);
    c.odsCode = m_ods->text();
    c.name = m_name->text();
    c.address1 = m_a1->text();
    c.address2 = m_a2->text();
    c.address3 = m_a3->text();
    c.address4 = m_town->text();
    c.address5 = m_county->text();
    c.postcode = m_postcode->text();
    c.telephone = m_phone->text();
    c.email = m_email->text();
    c.status = code(m_status);
    c.openDate = m_open->date();
    c.closeDate = m_close->date();
    c.commissionerCode = m_commissioner->text();
    c.parentCode = m_parent->text();
    c.cqcLocationId = m_cqcId->text();
    c.cqcRating = code(m_cqc);
    c.cqcRatingDate = m_cqcDate->date();
    const QString tier = code(m_tier);
    c.notes = m_notes->toPlainText().trimmed();
    ContractorService service(m_ws.db());
    // A new tier is a decision with its rationale (tier history), saved with the rest in one step.
    m_ws.db().write([&] {
        if (c.id.isEmpty()) c = service.create(c);
        if (tier != c.assuranceTier && !tier.isEmpty())
            TierService(m_ws.db()).decide(c.id, tier, m_tierRationale->text(), m_ws.db().clock().today());
        c.assuranceTier = tier;
        service.update(c);
    });
    m_record = *service.get(c.id);
    m_ws.notifyChanged(m_record.id);
}

SiteEditor::SiteEditor(Workspace& ws, const Site& s, QWidget* parent)
    : RecordForm(ws, s.id.isEmpty() ? QStringLiteral("New site") : QStringLiteral("Site %1").arg(s.name), parent), m_record(s) {
    setObjectName(QStringLiteral("siteEditor"));
    m_name = line(s.name, QStringLiteral("e.g. Main surgery"));
    m_code = line(s.code, QStringLiteral("branch code, optional"));
    m_a1 = line(s.address1);
    m_a2 = line(s.address2);
    m_a3 = line(s.address3);
    m_town = line(s.address4);
    m_postcode = line(s.postcode, QStringLiteral("e.g. TS18 1HU"));
    m_status = choiceCombo(siteStatuses());
    m_open = new DateField;
    m_close = new DateField;
    addField("name", "Name", m_name);
    addField("code", "Site code", m_code);
    addField("address1", "Address", m_a1);
    addField("address2", "Address line 2", m_a2);
    addField("address3", "Address line 3", m_a3);
    addField("address4", "Town", m_town);
    addField("postcode", "Postcode", m_postcode);
    addField("status", "Status", m_status, 1);
    addField("openDate", "Opened", m_open, 1);
    addField("closeDate", "Closed", m_close, 1);
    setCode(m_status, s.status);
    m_open->setDate(s.openDate);
    m_close->setDate(s.closeDate);
    markClean();
}

void SiteEditor::commit() {
    Site s = m_record;
    s.name = m_name->text();
    s.code = m_code->text();
    s.address1 = m_a1->text();
    s.address2 = m_a2->text();
    s.address3 = m_a3->text();
    s.address4 = m_town->text();
    s.postcode = m_postcode->text();
    s.status = code(m_status);
    s.openDate = m_open->date();
    s.closeDate = m_close->date();
    SiteService service(m_ws.db());
    if (s.id.isEmpty()) m_record = service.create(s);
    else service.update(s);
    m_ws.notifyChanged(s.contractorId);
}

} // namespace cb::ui
