#include "lpn/Network.h"

#include "common/Identifiers.h"
#include "store/RecordType.h"
#include "store/RowValues.h"

namespace cb {

using namespace rowval;

const QList<Choice>& networkKinds() {
    static const QList<Choice> list = {{"dental", "Dental"}, {"pharmacy", "Pharmacy"}, {"eye_health", "Eye health"}};
    return list;
}

const QList<Choice>& networkGroupKinds() {
    static const QList<Choice> list = {{"core_team", "Core team"},
                                       {"clinical", "Clinical group"},
                                       {"task_and_finish", "Task-and-finish project"},
                                       {"hub", "Hub"},
                                       {"spoke", "Spoke"}};
    return list;
}

const QList<Choice>& memberProfessions() {
    static const QList<Choice> list = {{"dentist", "Dentist"},
                                       {"dental_therapist", "Dental therapist or hygienist"},
                                       {"dental_nurse", "Dental nurse"},
                                       {"pharmacist", "Pharmacist"},
                                       {"pharmacy_technician", "Pharmacy technician"},
                                       {"optometrist", "Optometrist"},
                                       {"dispensing_optician", "Dispensing optician"},
                                       {"omp", "Ophthalmic medical practitioner"},
                                       {"gp", "GP"},
                                       {"consultant", "Hospital consultant"},
                                       {"public_health", "Public health professional"},
                                       {"commissioner", "Commissioning manager"},
                                       {"patient", "Patient or member of the public"},
                                       {"other", "Other"}};
    return list;
}

const QList<Choice>& memberRoles() {
    static const QList<Choice> list = {{"chair", "Chair"},
                                       {"vice_chair", "Vice-chair"},
                                       {"core_clinician", "Core team clinician"},
                                       {"clinical_group_lead", "Clinical group lead"},
                                       {"member", "Member"},
                                       {"patient_rep", "Patient representative"},
                                       {"public_health_rep", "Public health representative"},
                                       {"lrc_rep", "LRC representative"},
                                       {"commissioning_manager", "Commissioning manager"},
                                       {"other", "Other"}};
    return list;
}

const QList<Choice>& memberStatuses() {
    static const QList<Choice> list = {{"active", "Active"}, {"left", "Left the network"}};
    return list;
}

const QList<Choice>& attendanceStatuses() {
    static const QList<Choice> list = {{"attended", "Attended"}, {"apologies", "Sent apologies"}};
    return list;
}

const QList<Choice>& declarationKinds() {
    static const QList<Choice> list = {{"financial", "Financial"},
                                       {"non_financial_professional", "Non-financial professional"},
                                       {"non_financial_personal", "Non-financial personal"},
                                       {"indirect", "Indirect"},
                                       {"none", "No interests to declare"}};
    return list;
}

bool isClinicalProfession(const QString& p) {
    static const QStringList clinical = {"dentist",     "dental_therapist",    "dental_nurse", "pharmacist",
                                         "pharmacy_technician", "optometrist", "dispensing_optician",
                                         "omp",         "gp",                  "consultant"};
    return clinical.contains(p);
}

QDate defaultTermEnd(const QDate& start) { return start.isValid() ? start.addYears(lpn::kTermYears).addDays(-1) : QDate(); }

namespace {
QString nameOf(Database& db, const char* sql, const QVariant& id) { return db.scalar(QString::fromLatin1(sql), {id}).toString(); }
QString memberNameOf(Database& db, const QVariant& id) {
    return nameOf(db, "SELECT given_name || ' ' || family_name FROM lpn_member WHERE id = ?", id);
}
QString groupNameOf(Database& db, const QVariant& id) { return nameOf(db, "SELECT name FROM lpn_group WHERE id = ?", id); }
} // namespace

const RecordModel<Network>& networkRecord() {
    static const RecordModel<Network> model = [] {
        RecordModel<Network> t("lpn_network", "Network", &Network::id);
        t.code("kind", &Network::kind, networkKinds).required()
            .text("name", &Network::name).required()
            .text("area", &Network::area)
            .date("established", &Network::established)
            .text("notes", &Network::notes)
            .version(&Network::rowVersion);
        t.recordType = QStringLiteral("networks");
        t.title = QStringLiteral("Networks");
        t.naturalKey = QStringLiteral("name");
        t.validate = [](Database& db, const Row& r, Issues& i) { validate(Network::fromRow(r), i, db.clock().today()); };
        t.label = [](Database&, const Row& r) { return r.value("name").toString(); };
        return t;
    }();
    return model;
}
CB_RECORD_TYPE(networkRecord)

const RecordModel<NetworkGroup>& networkGroupRecord() {
    static const RecordModel<NetworkGroup> model = [] {
        RecordModel<NetworkGroup> t("lpn_group", "Network group", &NetworkGroup::id);
        t.ref("network_id", &NetworkGroup::networkId, "network").required()
            .code("kind", &NetworkGroup::kind, networkGroupKinds).required()
            .text("name", &NetworkGroup::name).required()
            .ref("hub_id", &NetworkGroup::hubId, "hub")
            .date("start_date", &NetworkGroup::startDate, "start date")
            .date("end_date", &NetworkGroup::endDate, "end date")
            .text("notes", &NetworkGroup::notes)
            .version(&NetworkGroup::rowVersion);
        t.recordType = QStringLiteral("network-groups");
        t.title = QStringLiteral("Network groups");
        t.orderBy = QStringLiteral("hub_id IS NOT NULL, id");
        t.validate = [](Database&, const Row& r, Issues& i) { validate(NetworkGroup::fromRow(r), i); };
        t.label = [](Database&, const Row& r) { return r.value("name").toString(); };
        return t;
    }();
    return model;
}
CB_RECORD_TYPE(networkGroupRecord)

const RecordModel<NetworkMember>& networkMemberRecord() {
    static const RecordModel<NetworkMember> model = [] {
        RecordModel<NetworkMember> t("lpn_member", "Network member", &NetworkMember::id);
        t.ref("network_id", &NetworkMember::networkId, "network").required()
            .ref("performer_id", &NetworkMember::performerId, "performer")
            .text("given_name", &NetworkMember::givenName, "given name").required()
            .text("family_name", &NetworkMember::familyName, "family name").required()
            .code("profession", &NetworkMember::profession, memberProfessions).required()
            .text("organisation", &NetworkMember::organisation)
            .text("email", &NetworkMember::email)
            .text("telephone", &NetworkMember::telephone)
            .code("status", &NetworkMember::status, memberStatuses).required()
            .text("notes", &NetworkMember::notes)
            .version(&NetworkMember::rowVersion);
        t.recordType = QStringLiteral("network-members");
        t.title = QStringLiteral("Network members");
        t.validate = [](Database&, const Row& r, Issues& i) { validate(NetworkMember::fromRow(r), i); };
        t.label = [](Database&, const Row& r) { return NetworkMember::fromRow(r).fullName(); };
        return t;
    }();
    return model;
}
CB_RECORD_TYPE(networkMemberRecord)

const RecordModel<Membership>& membershipRecord() {
    static const RecordModel<Membership> model = [] {
        RecordModel<Membership> t("lpn_membership", "Network role", &Membership::id);
        t.ref("member_id", &Membership::memberId, "member").required()
            .ref("group_id", &Membership::groupId, "group").required()
            .code("role", &Membership::role, memberRoles).required()
            .date("term_start", &Membership::termStart, "term start").required()
            .date("term_end", &Membership::termEnd, "term end")
            .version(&Membership::rowVersion);
        t.recordType = QStringLiteral("network-memberships");
        t.title = QStringLiteral("Network roles and terms");
        t.validate = [](Database&, const Row& r, Issues& i) { validate(Membership::fromRow(r), i); };
        t.label = [](Database& db, const Row& r) {
            return QStringLiteral("%1: %2 of %3").arg(memberNameOf(db, r.value("member_id")),
                                                      labelFor(memberRoles(), r.value("role").toString()),
                                                      groupNameOf(db, r.value("group_id")));
        };
        return t;
    }();
    return model;
}
CB_RECORD_TYPE(membershipRecord)

const RecordModel<Meeting>& meetingRecord() {
    static const RecordModel<Meeting> model = [] {
        RecordModel<Meeting> t("lpn_meeting", "Meeting", &Meeting::id);
        t.ref("group_id", &Meeting::groupId, "group").required()
            .date("meeting_date", &Meeting::date, "meeting date").required().as("date")
            .text("title", &Meeting::title)
            .text("notes", &Meeting::notes)
            .version(&Meeting::rowVersion);
        t.recordType = QStringLiteral("network-meetings");
        t.title = QStringLiteral("Network meetings");
        t.validate = [](Database&, const Row& r, Issues& i) { validate(Meeting::fromRow(r), i); };
        t.label = [](Database& db, const Row& r) {
            return QStringLiteral("of %1 on %2").arg(groupNameOf(db, r.value("group_id")),
                                                     fmt::date(fmt::parseIsoDate(r.value("meeting_date").toString())));
        };
        return t;
    }();
    return model;
}
CB_RECORD_TYPE(meetingRecord)

const RecordType& attendanceRecord() {
    static const RecordTable table = [] {
        RecordTable t("lpn_attendance", "Meeting attendance");
        t.column("meeting_id", FieldKind::Reference, "meeting").required()
            .column("member_id", FieldKind::Reference, "member").required()
            .code("status", attendanceStatuses).required();
        t.recordType = QStringLiteral("network-attendance");
        t.title = QStringLiteral("Meeting attendance");
        t.label = [](Database& db, const Row& r) {
            return QStringLiteral("%1 at the meeting of %2")
                .arg(memberNameOf(db, r.value("member_id")),
                     nameOf(db, "SELECT g.name || ' on ' || m.meeting_date FROM lpn_meeting m JOIN lpn_group g ON g.id = "
                                "m.group_id WHERE m.id = ?", r.value("meeting_id")));
        };
        return t;
    }();
    return table;
}
CB_RECORD_TYPE(attendanceRecord)

const RecordModel<Declaration>& declarationRecord() {
    static const RecordModel<Declaration> model = [] {
        RecordModel<Declaration> t("lpn_declaration", "Declaration", &Declaration::id);
        t.ref("member_id", &Declaration::memberId, "member").required()
            .date("declared_on", &Declaration::declaredOn, "declared on").required()
            .code("kind", &Declaration::kind, declarationKinds).required()
            .text("description", &Declaration::description)
            .ref("contractor_id", &Declaration::contractorId, "contractor")
            .text("managed_how", &Declaration::managedHow, "how it is managed")
            .date("reviewed_on", &Declaration::reviewedOn, "reviewed on")
            .version(&Declaration::rowVersion);
        t.recordType = QStringLiteral("declarations");
        t.title = QStringLiteral("Declarations of interest");
        t.confidentialWhere = QStringLiteral("1 = 1"); // every declaration of interest
        t.validate = [](Database& db, const Row& r, Issues& i) { validate(Declaration::fromRow(r), i, db.clock().today()); };
        t.label = [](Database& db, const Row& r) { return QStringLiteral("by ") + memberNameOf(db, r.value("member_id")); };
        return t;
    }();
    return model;
}
CB_RECORD_TYPE(declarationRecord)

void normalise(NetworkMember& m) {
    m.givenName = m.givenName.simplified();
    m.familyName = m.familyName.simplified();
    m.organisation = m.organisation.simplified();
    m.email = m.email.trimmed();
    m.telephone = m.telephone.simplified();
}

void validate(const Network& n, Issues& issues, const QDate& today) {
    if (!hasCode(networkKinds(), n.kind))
        issues.add("kind", QStringLiteral("Choose the kind of network: %1.").arg(describeChoices(networkKinds())));
    if (n.name.trimmed().isEmpty()) issues.add("name", QStringLiteral("Enter the network's name, e.g. \"Cleveland Dental Network\"."));
    if (n.established.isValid() && today.isValid() && n.established > today)
        issues.add("established", QStringLiteral("The date the network was established (%1) is in the future.")
                                      .arg(fmt::date(n.established)));
}

void validate(const NetworkGroup& g, Issues& issues) {
    if (g.networkId.isEmpty()) issues.add("networkId", QStringLiteral("Choose the network the group belongs to."));
    if (g.name.trimmed().isEmpty()) issues.add("name", QStringLiteral("Enter the group's name, e.g. \"Orthodontics\"."));
    if (!hasCode(networkGroupKinds(), g.kind)) {
        issues.add("kind", QStringLiteral("Choose the kind of group: %1.").arg(describeChoices(networkGroupKinds())));
        return;
    }
    if (g.kind == QLatin1String("task_and_finish")) {
        if (!g.startDate.isValid())
            issues.add("startDate", QStringLiteral("A task-and-finish project needs a start date."));
        if (!g.endDate.isValid())
            issues.add("endDate", QStringLiteral("A task-and-finish project needs an end date: when should it report?"));
    }
    if (g.startDate.isValid() && g.endDate.isValid() && g.endDate < g.startDate)
        issues.add("endDate", QStringLiteral("The end date (%1) is before the start date (%2).")
                                  .arg(fmt::date(g.endDate), fmt::date(g.startDate)));
    if (!g.hubId.isEmpty() && g.kind != QLatin1String("spoke"))
        issues.add("hubId", QStringLiteral("Only a spoke belongs to a hub."));
    if (!g.hubId.isEmpty() && g.hubId == g.id) issues.add("hubId", QStringLiteral("A group cannot be its own hub."));
}

void validate(const NetworkMember& m, Issues& issues) {
    if (m.networkId.isEmpty()) issues.add("networkId", QStringLiteral("Choose the network the member belongs to."));
    if (m.givenName.isEmpty()) issues.add("givenName", QStringLiteral("Enter the member's given name."));
    if (m.familyName.isEmpty()) issues.add("familyName", QStringLiteral("Enter the member's family name."));
    if (!hasCode(memberProfessions(), m.profession))
        issues.add("profession", QStringLiteral("Choose the member's profession: %1.").arg(describeChoices(memberProfessions())));
    if (!hasCode(memberStatuses(), m.status))
        issues.add("status", QStringLiteral("Choose whether the member is active or has left the network."));
    if (!m.email.isEmpty() && !ident::isValidEmail(m.email))
        issues.add("email", QStringLiteral("\"%1\" is not an email address.").arg(m.email));
    if (!m.telephone.isEmpty() && !ident::isValidTelephone(m.telephone))
        issues.add("telephone", QStringLiteral("\"%1\" is not a UK telephone number.").arg(m.telephone));
}

void validate(const Membership& m, Issues& issues) {
    if (m.memberId.isEmpty()) issues.add("memberId", QStringLiteral("Choose the member."));
    if (m.groupId.isEmpty()) issues.add("groupId", QStringLiteral("Choose the group the member sits on."));
    if (!hasCode(memberRoles(), m.role))
        issues.add("role", QStringLiteral("Choose the member's role: %1.").arg(describeChoices(memberRoles())));
    if (!m.termStart.isValid()) issues.add("termStart", QStringLiteral("Enter the date the term starts."));
    if (m.termStart.isValid() && m.termEnd.isValid() && m.termEnd < m.termStart)
        issues.add("termEnd", QStringLiteral("The term ends (%1) before it starts (%2).")
                                  .arg(fmt::date(m.termEnd), fmt::date(m.termStart)));
}

void validate(const Meeting& m, Issues& issues) {
    if (m.groupId.isEmpty()) issues.add("groupId", QStringLiteral("Choose the group that met."));
    if (!m.date.isValid()) issues.add("date", QStringLiteral("Enter the date of the meeting."));
    QStringList seen;
    for (const Attendance& a : m.attendance) {
        if (!hasCode(attendanceStatuses(), a.status))
            issues.add("attendance", QStringLiteral("Attendance is either \"Attended\" or \"Sent apologies\"."));
        if (seen.contains(a.memberId))
            issues.add("attendance", QStringLiteral("A member is listed twice in the attendance."));
        seen << a.memberId;
    }
}

void validate(const Declaration& d, Issues& issues, const QDate& today) {
    if (d.memberId.isEmpty()) issues.add("memberId", QStringLiteral("Choose the member making the declaration."));
    if (!d.declaredOn.isValid()) issues.add("declaredOn", QStringLiteral("Enter the date the interest was declared."));
    else if (today.isValid() && d.declaredOn > today)
        issues.add("declaredOn", QStringLiteral("The declaration date (%1) is in the future.").arg(fmt::date(d.declaredOn)));
    if (!hasCode(declarationKinds(), d.kind)) {
        issues.add("kind", QStringLiteral("Choose the type of interest: %1.").arg(describeChoices(declarationKinds())));
    } else if (d.kind == QLatin1String("none")) {
        if (!d.contractorId.isEmpty())
            issues.add("contractorId", QStringLiteral("A \"no interests\" declaration cannot name a contractor: choose the "
                                                      "type of interest instead."));
    } else if (d.description.trimmed().isEmpty()) {
        issues.add("description", QStringLiteral("Describe the interest, e.g. \"Director of Oakfield Dental Care Ltd\"."));
    }
    if (d.reviewedOn.isValid()) {
        if (d.declaredOn.isValid() && d.reviewedOn < d.declaredOn)
            issues.add("reviewedOn", QStringLiteral("The review date (%1) is before the declaration date (%2).")
                                         .arg(fmt::date(d.reviewedOn), fmt::date(d.declaredOn)));
        else if (today.isValid() && d.reviewedOn > today)
            issues.add("reviewedOn", QStringLiteral("The review date (%1) is in the future.").arg(fmt::date(d.reviewedOn)));
    }
}

} // namespace cb
