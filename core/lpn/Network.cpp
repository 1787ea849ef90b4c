#include "lpn/Network.h"

#include "common/Identifiers.h"
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

Row Network::toRow() const {
    return Row{{"id", id}, {"kind", kind}, {"name", name}, {"area", text(area)}, {"established", day(established)},
               {"notes", text(notes)}};
}

Network Network::fromRow(const Row& r) {
    Network n;
    n.id = str(r, "id");
    n.kind = str(r, "kind");
    n.name = str(r, "name");
    n.area = str(r, "area");
    n.established = dateOf(r, "established");
    n.notes = str(r, "notes");
    return n;
}

Row NetworkGroup::toRow() const {
    return Row{{"id", id},         {"network_id", networkId},      {"kind", kind},
               {"name", name},     {"hub_id", text(hubId)},        {"start_date", day(startDate)},
               {"end_date", day(endDate)}, {"notes", text(notes)}};
}

NetworkGroup NetworkGroup::fromRow(const Row& r) {
    NetworkGroup g;
    g.id = str(r, "id");
    g.networkId = str(r, "network_id");
    g.kind = str(r, "kind");
    g.name = str(r, "name");
    g.hubId = str(r, "hub_id");
    g.startDate = dateOf(r, "start_date");
    g.endDate = dateOf(r, "end_date");
    g.notes = str(r, "notes");
    return g;
}

Row NetworkMember::toRow() const {
    return Row{{"id", id},
               {"network_id", networkId},
               {"performer_id", text(performerId)},
               {"given_name", givenName},
               {"family_name", familyName},
               {"profession", profession},
               {"organisation", text(organisation)},
               {"email", text(email)},
               {"telephone", text(telephone)},
               {"status", status},
               {"notes", text(notes)}};
}

NetworkMember NetworkMember::fromRow(const Row& r) {
    NetworkMember m;
    m.id = str(r, "id");
    m.networkId = str(r, "network_id");
    m.performerId = str(r, "performer_id");
    m.givenName = str(r, "given_name");
    m.familyName = str(r, "family_name");
    m.profession = str(r, "profession");
    m.organisation = str(r, "organisation");
    m.email = str(r, "email");
    m.telephone = str(r, "telephone");
    m.status = str(r, "status");
    m.notes = str(r, "notes");
    return m;
}

Row Membership::toRow() const {
    return Row{{"id", id},   {"member_id", memberId},          {"group_id", groupId},
               {"role", role}, {"term_start", day(termStart)}, {"term_end", day(termEnd)}};
}

Membership Membership::fromRow(const Row& r) {
    Membership m;
    m.id = str(r, "id");
    m.memberId = str(r, "member_id");
    m.groupId = str(r, "group_id");
    m.role = str(r, "role");
    m.termStart = dateOf(r, "term_start");
    m.termEnd = dateOf(r, "term_end");
    return m;
}

Row Meeting::toRow() const {
    return Row{{"id", id}, {"group_id", groupId}, {"meeting_date", day(date)}, {"title", text(title)},
               {"notes", text(notes)}};
}

Meeting Meeting::fromRow(const Row& r) {
    Meeting m;
    m.id = str(r, "id");
    m.groupId = str(r, "group_id");
    m.date = dateOf(r, "meeting_date");
    m.title = str(r, "title");
    m.notes = str(r, "notes");
    return m;
}

Row Declaration::toRow() const {
    return Row{{"id", id},
               {"member_id", memberId},
               {"declared_on", day(declaredOn)},
               {"kind", kind},
               {"description", text(description)},
               {"contractor_id", text(contractorId)},
               {"managed_how", text(managedHow)},
               {"reviewed_on", day(reviewedOn)}};
}

Declaration Declaration::fromRow(const Row& r) {
    Declaration d;
    d.id = str(r, "id");
    d.memberId = str(r, "member_id");
    d.declaredOn = dateOf(r, "declared_on");
    d.kind = str(r, "kind");
    d.description = str(r, "description");
    d.contractorId = str(r, "contractor_id");
    d.managedHow = str(r, "managed_how");
    d.reviewedOn = dateOf(r, "reviewed_on");
    return d;
}

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
