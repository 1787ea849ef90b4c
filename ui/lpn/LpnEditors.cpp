#include "lpn/LpnEditors.h"

#include "common/Ask.h"
#include "common/Identifiers.h"
#include "common/RecordListPanel.h"
#include "common/Workspace.h"
#include "contractors/Contractor.h"
#include "lpn/NetworkService.h"
#include "performers/Performer.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QCompleter>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QTableView>
#include <QVBoxLayout>
#include <algorithm>

namespace cb::ui {

namespace {
QPlainTextEdit* notesBox(const QString& text, int height = 70) {
    auto* e = new QPlainTextEdit(text);
    e->setTabChangesFocus(true);
    e->setMaximumHeight(height);
    return e;
}

QString contractorLabel(Database& db, const QString& id) {
    if (id.isEmpty()) return {};
    const auto c = ContractorService(db).get(id);
    return c ? c->label() : QString();
}
} // namespace

QComboBox* searchableCombo(const QString& emptyLabel) {
    auto* c = new QComboBox;
    c->setEditable(true); // type to find
    c->setInsertPolicy(QComboBox::NoInsert);
    c->completer()->setCompletionMode(QCompleter::PopupCompletion);
    c->completer()->setFilterMode(Qt::MatchContains);
    if (!emptyLabel.isEmpty()) c->addItem(emptyLabel, QString());
    return c;
}

// ---- network ----------------------------------------------------------------------------------------

NetworkEditor::NetworkEditor(Workspace& ws, const Network& n, QWidget* parent)
    : RecordForm(ws, n.id.isEmpty() ? QStringLiteral("New network") : QStringLiteral("Network %1").arg(n.name), parent),
      m_record(n) {
    setObjectName(QStringLiteral("networkEditor"));
    m_kind = choiceCombo(networkKinds());
    m_name = new QLineEdit(n.name);
    m_area = new QLineEdit(n.area);
    m_established = new DateField;
    m_established->setDate(n.established);
    m_notes = notesBox(n.notes);
    addField("kind", "Kind", m_kind);
    addField("name", "Name", m_name);
    addField("area", "Area", m_area, 1);
    addField("established", "Established", m_established, 1);
    addWide("notes", "Notes", m_notes);
    setCode(m_kind, n.kind.isEmpty() ? QStringLiteral("dental") : n.kind);
    markClean();
}

void NetworkEditor::commit() {
    Network n = m_record;
    n.kind = code(m_kind);
    n.name = m_name->text();
    n.area = m_area->text();
    n.established = m_established->date();
    n.notes = m_notes->toPlainText().trimmed();
    NetworkService s(m_ws.db());
    if (n.id.isEmpty()) m_record = s.createNetwork(n);
    else s.updateNetwork(n);
    m_ws.notifyChanged();
}

// ---- group ------------------------------------------------------------------------------------------

GroupEditor::GroupEditor(Workspace& ws, const NetworkGroup& g, QWidget* parent)
    : RecordForm(ws, g.id.isEmpty() ? QStringLiteral("New group") : QStringLiteral("Group %1").arg(g.name), parent),
      m_record(g) {
    setObjectName(QStringLiteral("groupEditor"));
    m_kind = choiceCombo(networkGroupKinds());
    m_name = new QLineEdit(g.name);
    m_hub = choiceCombo({}, QStringLiteral("No hub"));
    for (const NetworkGroup& other : NetworkService(ws.db()).groups(g.networkId))
        if (other.kind == QLatin1String("hub") && other.id != g.id) m_hub->addItem(other.name, other.id);
    m_start = new DateField;
    m_end = new DateField;
    m_start->setDate(g.startDate);
    m_end->setDate(g.endDate);
    m_notes = notesBox(g.notes);
    addField("kind", "Kind", m_kind);
    addField("name", "Name", m_name);
    addField("hubId", "Hub (spokes)", m_hub);
    addField("startDate", "Starts", m_start, 1);
    addField("endDate", "Ends", m_end, 1);
    addNote(new QLabel(QStringLiteral("Task-and-finish projects have a start and an end.")), 1);
    addWide("notes", "Notes", m_notes);
    setCode(m_kind, g.kind.isEmpty() ? QStringLiteral("clinical") : g.kind);
    setCode(m_hub, g.hubId);
    markClean();
}

void GroupEditor::commit() {
    NetworkGroup g = m_record;
    g.kind = code(m_kind);
    g.name = m_name->text();
    g.hubId = code(m_hub);
    g.startDate = m_start->date();
    g.endDate = m_end->date();
    g.notes = m_notes->toPlainText().trimmed();
    NetworkService s(m_ws.db());
    if (g.id.isEmpty()) m_record = s.createGroup(g);
    else s.updateGroup(g);
    m_ws.notifyChanged();
}

// ---- member -----------------------------------------------------------------------------------------

MemberEditor::MemberEditor(Workspace& ws, const NetworkMember& m, QWidget* parent)
    : RecordForm(ws, m.id.isEmpty() ? QStringLiteral("New member") : QStringLiteral("Member %1").arg(m.fullName()), parent),
      m_record(m) {
    setObjectName(QStringLiteral("memberEditor"));
    m_given = new QLineEdit(m.givenName);
    m_family = new QLineEdit(m.familyName);
    m_profession = choiceCombo(memberProfessions());
    m_organisation = new QLineEdit(m.organisation);
    m_status = choiceCombo(memberStatuses());
    m_email = new QLineEdit(m.email);
    m_phone = new QLineEdit(m.telephone);
    m_performer = searchableCombo(QStringLiteral("Not linked"));
    for (const Performer& p : PerformerService(ws.db()).list({}, 0, 5000))
        m_performer->addItem(QStringLiteral("%1 (%2 %3)").arg(p.fullName(), p.registrationBody, p.registrationNumber).replace(" ( )", ""),
                             p.id);
    m_performerInfo = new QLabel;
    m_performerInfo->setObjectName(QStringLiteral("performerInfo"));
    m_performerInfo->setAccessibleName(QStringLiteral("Registration and workplace"));
    m_performerInfo->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_notes = notesBox(m.notes, 60);
    addField("givenName", "Given name", m_given);
    addField("familyName", "Family name", m_family);
    addField("profession", "Profession", m_profession);
    addField("organisation", "Organisation", m_organisation);
    addField("status", "Status", m_status);
    addField("email", "Email", m_email, 1);
    addField("telephone", "Telephone", m_phone, 1);
    addField("performerId", "Performer record", m_performer, 1);
    addNote(m_performerInfo, 1);
    addWide("notes", "Notes", m_notes);
    setCode(m_profession, m.profession.isEmpty() ? QStringLiteral("dentist") : m.profession);
    setCode(m_status, m.status);
    setCode(m_performer, m.performerId);
    connect(m_performer, &QComboBox::currentIndexChanged, this, &MemberEditor::showPerformer);
    showPerformer();

    // Declarations of interest, below the member's own details.
    m_declarations = new RecordListPanel(ws, QStringLiteral("declarations"), QStringLiteral("Declarations of interest"),
                                         QStringLiteral("declaration"),
                                         {dateColumn("Declared", "declared_on", false),
                                          choiceColumn("Type", "kind", declarationKinds(), false),
                                          textColumn("Description", "description", false),
                                          textColumn("Related contractor", "contractor_label", false),
                                          textColumn("How managed", "managed_how", false),
                                          dateColumn("Reviewed", "reviewed_on", false)},
                                         this);
    QPushButton* reviewed = m_declarations->addExtraButton(QStringLiteral("Mark &reviewed today"),
                                                           QStringLiteral("Mark the selected declaration reviewed today"), true);
    reviewed->setObjectName(QStringLiteral("markReviewedButton"));
    m_declarations->view()->setMinimumHeight(120);
    // A gap above, so the declarations read as their own section under both columns of the member's
    // details (their heading and buttons run across the width), not as one more row of them.
    m_declarations->setContentsMargins(0, 12, 0, 0);
    addSection(m_declarations, 1);
    if (m.id.isEmpty())
        m_declarations->setAddEnabled(false, QStringLiteral("Save the member first, then add their declarations."));
    connect(m_declarations, &RecordListPanel::addRequested, this, [this] {
        Declaration d;
        d.memberId = m_record.id;
        d.declaredOn = m_ws.db().clock().today();
        DeclarationEditor(m_ws, d, this).run();
        loadDeclarations();
    });
    connect(m_declarations, &RecordListPanel::editRequested, this, [this](const QString& id) {
        for (const Declaration& d : NetworkService(m_ws.db()).declarations(m_record.id))
            if (d.id == id) DeclarationEditor(m_ws, d, this).run();
        loadDeclarations();
    });
    connect(m_declarations, &RecordListPanel::deleteRequested, this, [this](const QString& id) {
        if (!Ask::confirm(this, QStringLiteral("Delete declaration"),
                          QStringLiteral("Delete this declaration of interest? The audit trail keeps a record of it."),
                          QStringLiteral("Delete")))
            return;
        try {
            NetworkService(m_ws.db()).removeDeclaration(id);
            m_ws.notifyChanged();
        } catch (const Error& e) {
            Ask::error(this, QStringLiteral("Not deleted"), e.message());
        }
        loadDeclarations();
    });
    connect(reviewed, &QPushButton::clicked, this, &MemberEditor::markSelectedReviewedToday);
    loadDeclarations();
    resize(sizeHint().expandedTo(QSize(820, 600)));
    markClean();
}

void MemberEditor::showPerformer() {
    const QString id = code(m_performer);
    if (id.isEmpty()) {
        m_performerInfo->setText(QStringLiteral("Link a performer record to show their registration and workplace."));
        return;
    }
    PerformerService s(m_ws.db());
    const auto p = s.get(id);
    if (!p) return;
    QStringList places;
    const QDate today = m_ws.db().clock().today();
    for (const PerformerLink& l : s.linksOfPerformer(id))
        if (!l.toDate.isValid() || l.toDate >= today) places << contractorLabel(m_ws.db(), l.contractorId);
    m_performerInfo->setText(QStringLiteral("Registration: %1\nWorks at: %2")
                                 .arg(QStringLiteral("%1 %2").arg(p->registrationBody, p->registrationNumber).trimmed().isEmpty()
                                          ? QStringLiteral("none recorded")
                                          : QStringLiteral("%1 %2").arg(p->registrationBody, p->registrationNumber).trimmed(),
                                      places.isEmpty() ? QStringLiteral("nowhere current") : places.join(QStringLiteral("; "))));
}

void MemberEditor::loadDeclarations() {
    if (m_record.id.isEmpty()) return;
    QList<Row> rows;
    for (const Declaration& d : NetworkService(m_ws.db()).declarations(m_record.id)) {
        Row r = d.toRow();
        r.insert("contractor_label", contractorLabel(m_ws.db(), d.contractorId));
        rows << r;
    }
    m_declarations->setRows(rows);
}

void MemberEditor::markSelectedReviewedToday() {
    if (m_ws.isReadOnly()) return;
    const QString id = m_declarations->currentId();
    for (Declaration d : NetworkService(m_ws.db()).declarations(m_record.id)) {
        if (d.id != id) continue;
        d.reviewedOn = m_ws.db().clock().today();
        try {
            NetworkService(m_ws.db()).updateDeclaration(d);
            m_ws.notifyChanged();
        } catch (const Error& e) {
            Ask::error(this, QStringLiteral("Not saved"), e.message());
        }
    }
    loadDeclarations();
}

void MemberEditor::commit() {
    NetworkMember m = m_record;
    m.givenName = m_given->text();
    m.familyName = m_family->text();
    m.profession = code(m_profession);
    m.organisation = m_organisation->text();
    m.status = code(m_status);
    m.email = m_email->text();
    m.telephone = m_phone->text();
    m.performerId = code(m_performer);
    m.notes = m_notes->toPlainText().trimmed();
    NetworkService s(m_ws.db());
    if (m.id.isEmpty()) m_record = s.createMember(m);
    else {
        s.updateMember(m);
        m_record = m;
    }
    m_ws.notifyChanged();
}

// ---- membership -------------------------------------------------------------------------------------

MembershipEditor::MembershipEditor(Workspace& ws, const Membership& ms, const QString& networkId, QWidget* parent)
    : RecordForm(ws, ms.id.isEmpty() ? QStringLiteral("New seat") : QStringLiteral("Seat"), parent), m_record(ms) {
    setObjectName(QStringLiteral("membershipEditor"));
    NetworkService s(ws.db());
    m_member = searchableCombo({});
    for (const NetworkMember& m : s.members(networkId)) m_member->addItem(m.fullName(), m.id);
    m_group = choiceCombo({});
    for (const NetworkGroup& g : s.groups(networkId)) m_group->addItem(g.name, g.id);
    m_role = choiceCombo(memberRoles());
    m_start = new DateField;
    m_end = new DateField;
    m_start->setDate(ms.termStart);
    m_end->setDate(ms.termEnd);
    addField("memberId", "Member", m_member);
    addField("groupId", "Group", m_group);
    addField("role", "Role", m_role);
    addField("termStart", "Term starts", m_start, 1);
    addField("termEnd", "Term ends", m_end, 1);
    addNote(new QLabel(QStringLiteral("Leave the end empty for the usual %1-year term.").arg(lpn::kTermYears)), 1);
    setCode(m_member, ms.memberId);
    setCode(m_group, ms.groupId);
    setCode(m_role, ms.role.isEmpty() ? QStringLiteral("member") : ms.role);
    if (!ms.memberId.isEmpty()) m_member->setEnabled(false);
    markClean();
}

void MembershipEditor::commit() {
    Membership ms = m_record;
    ms.memberId = code(m_member);
    ms.groupId = code(m_group);
    ms.role = code(m_role);
    ms.termStart = m_start->date();
    ms.termEnd = m_end->date();
    NetworkService s(m_ws.db());
    if (ms.id.isEmpty()) m_record = s.addMembership(ms);
    else s.updateMembership(ms);
    m_ws.notifyChanged();
}

// ---- meeting ----------------------------------------------------------------------------------------

MeetingEditor::MeetingEditor(Workspace& ws, const Meeting& mt, const QString& networkId, QWidget* parent)
    : RecordForm(ws, mt.id.isEmpty() ? QStringLiteral("New meeting") : QStringLiteral("Meeting %1").arg(fmt::date(mt.date)),
                 parent),
      m_record(mt) {
    setObjectName(QStringLiteral("meetingEditor"));
    NetworkService s(ws.db());
    m_group = choiceCombo({});
    for (const NetworkGroup& g : s.groups(networkId)) m_group->addItem(g.name, g.id);
    m_date = new DateField(false);
    m_date->setDate(mt.date.isValid() ? mt.date : ws.db().clock().today());
    m_title = new QLineEdit(mt.title);
    m_attendance = new QListWidget;
    m_attendance->setMinimumHeight(200);
    QHash<QString, QString> status;
    for (const Attendance& a : mt.attendance) status.insert(a.memberId, a.status);
    // The group's own members first: they are the ones expected.
    QSet<QString> inGroup;
    if (!mt.groupId.isEmpty())
        for (const Membership& ms : s.membershipsInGroup(mt.groupId)) inGroup.insert(ms.memberId);
    QList<NetworkMember> people = s.members(networkId);
    std::stable_partition(people.begin(), people.end(), [&](const NetworkMember& m) { return inGroup.contains(m.id); });
    for (const NetworkMember& m : std::as_const(people)) {
        if (!m.isActive() && !status.contains(m.id)) continue;
        const QString st = status.value(m.id);
        QString text = m.fullName();
        if (inGroup.contains(m.id)) text += QStringLiteral(" (group member)");
        if (st == QLatin1String("apologies")) text += QStringLiteral(" — sent apologies");
        auto* item = new QListWidgetItem(text, m_attendance);
        item->setData(Qt::UserRole, m.id);
        item->setData(Qt::UserRole + 1, st);
        item->setFlags(Qt::ItemIsEnabled | Qt::ItemIsUserCheckable | Qt::ItemIsSelectable);
        item->setCheckState(st == QLatin1String("attended") ? Qt::Checked : Qt::Unchecked);
    }
    m_notes = notesBox(mt.notes);
    addField("groupId", "Group", m_group);
    addField("date", "Date", m_date);
    addField("title", "Title", m_title);
    addWide("attendance", "Attended (tick)", m_attendance);
    addWide("notes", "Notes", m_notes);
    setCode(m_group, mt.groupId);
    connect(m_attendance, &QListWidget::itemChanged, this, &MeetingEditor::markDirty);
    markClean();
}

void MeetingEditor::commit() {
    Meeting mt = m_record;
    mt.groupId = code(m_group);
    mt.date = m_date->date();
    mt.title = m_title->text().trimmed();
    mt.notes = m_notes->toPlainText().trimmed();
    mt.attendance.clear();
    for (int i = 0; i < m_attendance->count(); ++i) {
        const QListWidgetItem* item = m_attendance->item(i);
        Attendance a;
        a.memberId = item->data(Qt::UserRole).toString();
        if (item->checkState() == Qt::Checked) a.status = QStringLiteral("attended");
        else if (item->data(Qt::UserRole + 1).toString() == QLatin1String("apologies")) a.status = QStringLiteral("apologies");
        else continue;
        mt.attendance << a;
    }
    NetworkService s(m_ws.db());
    if (mt.id.isEmpty()) m_record = s.createMeeting(mt);
    else s.updateMeeting(mt);
    m_ws.notifyChanged();
}

// ---- declaration ------------------------------------------------------------------------------------

DeclarationEditor::DeclarationEditor(Workspace& ws, const Declaration& d, QWidget* parent)
    : RecordForm(ws, d.id.isEmpty() ? QStringLiteral("New declaration") : QStringLiteral("Declaration of interest"), parent),
      m_record(d) {
    setObjectName(QStringLiteral("declarationEditor"));
    m_declared = new DateField(false);
    m_declared->setDate(d.declaredOn.isValid() ? d.declaredOn : ws.db().clock().today());
    m_kind = choiceCombo(declarationKinds());
    m_description = notesBox(d.description);
    m_contractor = searchableCombo(QStringLiteral("None"));
    ContractorFilter f;
    f.status = QStringLiteral("active");
    for (const Contractor& c : ContractorService(ws.db()).list(f, 0, 5000)) m_contractor->addItem(c.label(), c.id);
    if (!d.contractorId.isEmpty() && m_contractor->findData(d.contractorId) < 0)
        m_contractor->addItem(contractorLabel(ws.db(), d.contractorId), d.contractorId);
    m_managed = notesBox(d.managedHow);
    m_reviewed = new DateField;
    m_reviewed->setDate(d.reviewedOn);
    addField("declaredOn", "Declared on", m_declared);
    addField("kind", "Type", m_kind);
    addField("contractorId", "Related contractor", m_contractor, 1);
    auto* today = new QPushButton(QStringLiteral("Reviewed &today"));
    today->setAccessibleName(QStringLiteral("Set reviewed on to today"));
    auto* reviewedRow = new QWidget;
    auto* h = new QHBoxLayout(reviewedRow);
    h->setContentsMargins(0, 0, 0, 0);
    h->addWidget(m_reviewed, 1);
    h->addWidget(today);
    m_reviewed->editor()->setAccessibleName(QStringLiteral("Reviewed on"));
    addField("reviewedOn", "Reviewed on", reviewedRow, 1);
    reviewedRow->setFocusProxy(m_reviewed);
    ws.guard(today);
    connect(m_reviewed, &DateField::changed, this, &DeclarationEditor::markDirty);
    connect(today, &QPushButton::clicked, this, [this] { m_reviewed->setDate(m_ws.db().clock().today()); });
    addWide("description", "Description", m_description);
    addWide("managedHow", "How it is managed", m_managed);
    setCode(m_kind, d.kind.isEmpty() ? QStringLiteral("financial") : d.kind);
    setCode(m_contractor, d.contractorId);
    markClean();
}

void DeclarationEditor::commit() {
    Declaration d = m_record;
    d.declaredOn = m_declared->date();
    d.kind = code(m_kind);
    d.description = m_description->toPlainText().trimmed();
    d.contractorId = code(m_contractor);
    d.managedHow = m_managed->toPlainText().trimmed();
    d.reviewedOn = m_reviewed->date();
    NetworkService s(m_ws.db());
    if (d.id.isEmpty()) m_record = s.addDeclaration(d);
    else s.updateDeclaration(d);
    m_ws.notifyChanged();
}

} // namespace cb::ui
