#include "lpn/NetworkService.h"

#include "common/Identifiers.h"

#include <QHash>
#include <QSet>
#include <algorithm>
#include <climits>

namespace cb {

namespace {
int roleRank(const QString& role) {
    for (int i = 0; i < memberRoles().size(); ++i)
        if (memberRoles().at(i).code == role) return i;
    return INT_MAX;
}
QString seatLabel(const QString& member, const QString& role, const QString& group) {
    return QStringLiteral("%1: %2 of %3").arg(member, labelFor(memberRoles(), role), group);
}
int groupRank(const QString& kind) {
    for (int i = 0; i < networkGroupKinds().size(); ++i)
        if (networkGroupKinds().at(i).code == kind) return i;
    return INT_MAX;
}
} // namespace

int RosterSeat::daysLeft(const QDate& today) const {
    return membership.termEnd.isValid() ? int(today.daysTo(membership.termEnd)) : INT_MAX;
}

double RosterSeat::termElapsed(const QDate& today) const {
    const QDate& s = membership.termStart;
    const QDate& e = membership.termEnd;
    if (!s.isValid() || !e.isValid()) return 0.0;
    const double total = double(s.daysTo(e));
    if (total <= 0) return 1.0;
    return std::clamp(double(s.daysTo(today)) / total, 0.0, 1.0);
}

// ---- networks ----

QList<Network> NetworkService::networks() {
    return Network::fromRows(m_db.query(QStringLiteral("SELECT * FROM lpn_network ORDER BY kind, name COLLATE NOCASE")));
}

std::optional<Network> NetworkService::network(const QString& id) {
    if (auto r = m_db.fetchRecord("lpn_network", id)) return Network::fromRow(*r);
    return std::nullopt;
}

std::optional<Network> NetworkService::networkByName(const QString& name) {
    if (auto r = m_db.queryOne(QStringLiteral("SELECT * FROM lpn_network WHERE name = ? COLLATE NOCASE"), {name.simplified()}))
        return Network::fromRow(*r);
    return std::nullopt;
}

Network NetworkService::createNetwork(Network n) {
    n.name = n.name.simplified();
    if (n.id.isEmpty()) n.id = Database::newId();
    Issues issues;
    validate(n, issues, m_db.clock().today());
    if (auto other = networkByName(n.name); other && other->id != n.id)
        issues.add("name", QStringLiteral("There is already a network called \"%1\". Choose another name.").arg(other->name));
    issues.throwIfAny();
    m_db.save("lpn_network", n.toRow(), Database::SaveMode::New);
    return n;
}

void NetworkService::updateNetwork(const Network& in) {
    Network n = in;
    n.name = n.name.simplified();
    Issues issues;
    validate(n, issues, m_db.clock().today());
    if (auto other = networkByName(n.name); other && other->id != n.id)
        issues.add("name", QStringLiteral("There is already a network called \"%1\". Choose another name.").arg(other->name));
    issues.throwIfAny();
    m_db.save("lpn_network", n.toRow(), Database::SaveMode::Existing);
}

void NetworkService::removeNetwork(const QString& id) {
    const auto n = network(id);
    if (!n) return;
    const qint64 groupCount = m_db.scalar(QStringLiteral("SELECT count(*) FROM lpn_group WHERE network_id = ?"), {id}).toLongLong();
    const qint64 memberCount = m_db.scalar(QStringLiteral("SELECT count(*) FROM lpn_member WHERE network_id = ?"), {id}).toLongLong();
    if (groupCount + memberCount > 0)
        throw ValidationError(QString(), QStringLiteral("%1 still has %2 group(s) and %3 member(s). Remove them first.")
                                             .arg(n->name).arg(groupCount).arg(memberCount));
    m_db.remove("lpn_network", id);
}

// ---- groups ----

QList<NetworkGroup> NetworkService::groups(const QString& networkId) {
    QList<NetworkGroup> out;
    for (const Row& r : m_db.query(QStringLiteral("SELECT * FROM lpn_group WHERE network_id = ? ORDER BY name COLLATE NOCASE"),
                                   {networkId}))
        out << NetworkGroup::fromRow(r);
    std::stable_sort(out.begin(), out.end(),
                     [](const NetworkGroup& a, const NetworkGroup& b) { return groupRank(a.kind) < groupRank(b.kind); });
    return out;
}

std::optional<NetworkGroup> NetworkService::group(const QString& id) {
    if (auto r = m_db.fetchRecord("lpn_group", id)) return NetworkGroup::fromRow(*r);
    return std::nullopt;
}

void NetworkService::checkGroup(const NetworkGroup& g, Issues& issues) {
    validate(g, issues);
    if (!g.networkId.isEmpty() && !network(g.networkId))
        issues.add("networkId", QStringLiteral("The network for this group no longer exists."));
    if (g.kind == QLatin1String("core_team")) {
        const auto other = m_db.queryOne(QStringLiteral("SELECT name FROM lpn_group WHERE network_id = ? AND kind = "
                                                        "'core_team' AND id <> ?"),
                                         {g.networkId, g.id});
        if (other)
            issues.add("kind", QStringLiteral("This network already has a core team (\"%1\"). A network has one core team.")
                                   .arg(other->value("name").toString()));
    }
    if (!g.hubId.isEmpty()) {
        const auto hub = group(g.hubId);
        if (!hub || hub->kind != QLatin1String("hub") || hub->networkId != g.networkId)
            issues.add("hubId", QStringLiteral("Choose a hub of the same network for this spoke."));
    }
}

NetworkGroup NetworkService::createGroup(NetworkGroup g) {
    g.name = g.name.simplified();
    if (g.id.isEmpty()) g.id = Database::newId();
    Issues issues;
    checkGroup(g, issues);
    issues.throwIfAny();
    m_db.save("lpn_group", g.toRow(), Database::SaveMode::New);
    return g;
}

void NetworkService::updateGroup(const NetworkGroup& in) {
    NetworkGroup g = in;
    g.name = g.name.simplified();
    Issues issues;
    checkGroup(g, issues);
    issues.throwIfAny();
    m_db.save("lpn_group", g.toRow(), Database::SaveMode::Existing);
}

void NetworkService::removeGroup(const QString& id) {
    const auto g = group(id);
    if (!g) return;
    const qint64 seats = m_db.scalar(QStringLiteral("SELECT count(*) FROM lpn_membership WHERE group_id = ?"), {id}).toLongLong();
    const qint64 meetingCount = m_db.scalar(QStringLiteral("SELECT count(*) FROM lpn_meeting WHERE group_id = ?"), {id}).toLongLong();
    const qint64 spokes = m_db.scalar(QStringLiteral("SELECT count(*) FROM lpn_group WHERE hub_id = ?"), {id}).toLongLong();
    if (seats + meetingCount + spokes > 0)
        throw ValidationError(QString(), QStringLiteral("%1 cannot be removed while it has %2 membership(s), %3 meeting(s) "
                                                        "and %4 spoke(s). Give it an end date instead.")
                                             .arg(g->name).arg(seats).arg(meetingCount).arg(spokes));
    m_db.remove("lpn_group", id);
}

QString NetworkService::groupName(const QString& groupId) {
    return m_db.scalar(QStringLiteral("SELECT name FROM lpn_group WHERE id = ?"), {groupId}).toString();
}

// ---- members ----

QList<NetworkMember> NetworkService::members(const QString& networkId) {
    return NetworkMember::fromRows(m_db.query(QStringLiteral("SELECT * FROM lpn_member WHERE network_id = ? ORDER BY family_name "
                                                             "COLLATE NOCASE, given_name COLLATE NOCASE"),
                                              {networkId}));
}

std::optional<NetworkMember> NetworkService::member(const QString& id) {
    if (auto r = m_db.fetchRecord("lpn_member", id)) return NetworkMember::fromRow(*r);
    return std::nullopt;
}

QList<NetworkMember> NetworkService::membersAtContractor(const QString& contractorId) {
    return NetworkMember::fromRows(m_db.query(QStringLiteral("SELECT DISTINCT m.* FROM lpn_member m JOIN performer_link l ON "
                                                             "l.performer_id = m.performer_id WHERE l.contractor_id = ? AND "
                                                             "(l.to_date IS NULL OR l.to_date >= ?) ORDER BY m.family_name, m.given_name"),
                                              {contractorId, m_db.clock().today()}));
}

void NetworkService::checkMember(const NetworkMember& m, Issues& issues) {
    validate(m, issues);
    if (!m.networkId.isEmpty() && !network(m.networkId))
        issues.add("networkId", QStringLiteral("The network for this member no longer exists."));
    if (!m.performerId.isEmpty() && !m_db.fetchRecord("performer", m.performerId))
        issues.add("performerId", QStringLiteral("The linked performer record no longer exists: choose the performer again "
                                                 "or remove the link."));
}

NetworkMember NetworkService::createMember(NetworkMember m) {
    normalise(m);
    if (m.id.isEmpty()) m.id = Database::newId();
    Issues issues;
    checkMember(m, issues);
    issues.throwIfAny();
    m_db.save("lpn_member", m.toRow(), Database::SaveMode::New);
    return m;
}

void NetworkService::updateMember(NetworkMember m) {
    normalise(m);
    Issues issues;
    checkMember(m, issues);
    issues.throwIfAny();
    m_db.save("lpn_member", m.toRow(), Database::SaveMode::Existing);
}

void NetworkService::removeMember(const QString& id) {
    const auto m = member(id);
    if (!m) return;
    const qint64 refs =
        m_db.scalar(QStringLiteral("SELECT (SELECT count(*) FROM lpn_membership WHERE member_id = ?1) + (SELECT count(*) "
                                   "FROM lpn_declaration WHERE member_id = ?1) + (SELECT count(*) FROM lpn_attendance "
                                   "WHERE member_id = ?1)"),
                    {id})
            .toLongLong();
    if (refs > 0)
        throw ValidationError(QString(), QStringLiteral("%1 has memberships, declarations or attendance on record. Mark "
                                                        "them as having left the network instead of deleting them.")
                                             .arg(m->fullName()));
    m_db.remove("lpn_member", id);
}

QString NetworkService::memberName(const QString& memberId) {
    return m_db.scalar(QStringLiteral("SELECT given_name || ' ' || family_name FROM lpn_member WHERE id = ?"), {memberId})
        .toString();
}

// ---- memberships ----

QList<Membership> NetworkService::membershipsOfMember(const QString& memberId) {
    return Membership::fromRows(m_db.query(QStringLiteral("SELECT * FROM lpn_membership WHERE member_id = ? ORDER BY term_start"), {memberId}));
}

QList<Membership> NetworkService::membershipsInGroup(const QString& groupId) {
    return Membership::fromRows(m_db.query(QStringLiteral("SELECT * FROM lpn_membership WHERE group_id = ? ORDER BY term_start"), {groupId}));
}

void NetworkService::checkMembership(const Membership& m, Issues& issues) {
    validate(m, issues);
    const auto mem = m.memberId.isEmpty() ? std::nullopt : member(m.memberId);
    const auto grp = m.groupId.isEmpty() ? std::nullopt : group(m.groupId);
    if (!m.memberId.isEmpty() && !mem) issues.add("memberId", QStringLiteral("The member no longer exists."));
    if (!m.groupId.isEmpty() && !grp) issues.add("groupId", QStringLiteral("The group no longer exists."));
    if (mem && grp && mem->networkId != grp->networkId)
        issues.add("groupId", QStringLiteral("%1 is not a member of the network that \"%2\" belongs to.")
                                  .arg(mem->fullName(), grp->name));
    if (mem && grp && m.termStart.isValid()) {
        const auto overlap = m_db.queryOne(
            QStringLiteral("SELECT term_start, term_end FROM lpn_membership WHERE member_id = ? AND group_id = ? AND role = ? "
                           "AND id <> ? AND (term_end IS NULL OR term_end >= ?) AND (? IS NULL OR term_start <= ?)"),
            {m.memberId, m.groupId, m.role, m.id, m.termStart, m.termEnd.isValid() ? QVariant(m.termEnd) : QVariant(),
             m.termEnd.isValid() ? QVariant(m.termEnd) : QVariant()});
        if (overlap)
            issues.add("termStart", QStringLiteral("%1 already holds this role in \"%2\" for a term that overlaps (from %3). "
                                                   "Change that term instead of adding another.")
                                        .arg(mem->fullName(), grp->name,
                                             fmt::date(fmt::parseIsoDate(overlap->value("term_start").toString()))));
    }
}

Membership NetworkService::addMembership(Membership m) {
    if (m.id.isEmpty()) m.id = Database::newId();
    if (!m.termEnd.isValid()) m.termEnd = defaultTermEnd(m.termStart);
    Issues issues;
    checkMembership(m, issues);
    issues.throwIfAny();
    const QString label = seatLabel(memberName(m.memberId), m.role, groupName(m.groupId));
    m_db.save("lpn_membership", m.toRow(), Database::SaveMode::New);
    return m;
}

void NetworkService::updateMembership(const Membership& m) {
    Issues issues;
    checkMembership(m, issues);
    issues.throwIfAny();
    const QString label = seatLabel(memberName(m.memberId), m.role, groupName(m.groupId));
    m_db.save("lpn_membership", m.toRow(), Database::SaveMode::Existing);
}

void NetworkService::removeMembership(const QString& id) {
    const auto r = m_db.fetchRecord("lpn_membership", id);
    if (!r) return;
    const Membership m = Membership::fromRow(*r);
    const QString label = seatLabel(memberName(m.memberId), m.role, groupName(m.groupId));
    m_db.remove("lpn_membership", id);
}

// ---- meetings ----

QList<Meeting> NetworkService::meetings(const QString& networkId) {
    QList<Meeting> out;
    QHash<QString, int> index;
    for (const Row& r : m_db.query(QStringLiteral("SELECT mt.* FROM lpn_meeting mt JOIN lpn_group g ON g.id = mt.group_id "
                                                  "WHERE g.network_id = ? ORDER BY mt.meeting_date DESC, mt.id"),
                                   {networkId})) {
        index.insert(r.value("id").toString(), out.size());
        out << Meeting::fromRow(r);
    }
    for (const Row& r : m_db.query(QStringLiteral("SELECT a.meeting_id, a.member_id, a.status FROM lpn_attendance a JOIN "
                                                  "lpn_meeting mt ON mt.id = a.meeting_id JOIN lpn_group g ON g.id = "
                                                  "mt.group_id WHERE g.network_id = ? ORDER BY a.rowid"),
                                   {networkId})) {
        const auto it = index.constFind(r.value("meeting_id").toString());
        if (it != index.constEnd()) out[*it].attendance << Attendance{r.value("member_id").toString(), r.value("status").toString()};
    }
    return out;
}

std::optional<Meeting> NetworkService::meeting(const QString& id) {
    const auto r = m_db.fetchRecord("lpn_meeting", id);
    if (!r) return std::nullopt;
    Meeting m = Meeting::fromRow(*r);
    for (const Row& a : m_db.query(QStringLiteral("SELECT member_id, status FROM lpn_attendance WHERE meeting_id = ? ORDER BY rowid"), {id}))
        m.attendance << Attendance{a.value("member_id").toString(), a.value("status").toString()};
    return m;
}

void NetworkService::checkMeeting(const Meeting& m, Issues& issues) {
    validate(m, issues);
    const auto grp = m.groupId.isEmpty() ? std::nullopt : group(m.groupId);
    if (!m.groupId.isEmpty() && !grp) issues.add("groupId", QStringLiteral("The group no longer exists."));
    if (!grp) return;
    for (const Attendance& a : m.attendance) {
        const auto mem = member(a.memberId);
        if (!mem || mem->networkId != grp->networkId)
            issues.add("attendance", QStringLiteral("Only members of this network can be recorded as attending."));
    }
}

void NetworkService::writeAttendance(const Meeting& m) {
    for (const Row& r : m_db.query(QStringLiteral("SELECT id FROM lpn_attendance WHERE meeting_id = ?"), {m.id}))
        m_db.remove("lpn_attendance", r.value("id").toString());
    for (const Attendance& a : m.attendance)
        m_db.save("lpn_attendance", Row{{"id", Database::newId()}, {"meeting_id", m.id}, {"member_id", a.memberId}, {"status", a.status}}, Database::SaveMode::New);
}

Meeting NetworkService::createMeeting(Meeting m) {
    if (m.id.isEmpty()) m.id = Database::newId();
    Issues issues;
    checkMeeting(m, issues);
    issues.throwIfAny();
    m_db.write([&] {
        m_db.save("lpn_meeting", m.toRow(), Database::SaveMode::New);
        writeAttendance(m);
    });
    return m;
}

void NetworkService::updateMeeting(const Meeting& m) {
    Issues issues;
    checkMeeting(m, issues);
    issues.throwIfAny();
    m_db.write([&] {
        if (!m_db.fetchRecord("lpn_meeting", m.id))
            throw ValidationError(QString(), QStringLiteral("This meeting no longer exists: someone may have deleted it."));
        m_db.save("lpn_meeting", m.toRow(), Database::SaveMode::Existing);
        const auto before = meeting(m.id);
        bool same = before && before->attendance.size() == m.attendance.size();
        for (int i = 0; same && i < m.attendance.size(); ++i)
            same = before->attendance.at(i).memberId == m.attendance.at(i).memberId &&
                   before->attendance.at(i).status == m.attendance.at(i).status;
        if (!same) writeAttendance(m);
    });
}

void NetworkService::removeMeeting(const QString& id) {
    const auto m = meeting(id);
    if (!m) return;
    m_db.write([&] {
        Meeting empty = *m;
        empty.attendance.clear();
        writeAttendance(empty);
        m_db.remove("lpn_meeting", id);
    });
}

// ---- declarations ----

QList<Declaration> NetworkService::declarations(const QString& memberId) {
    return Declaration::fromRows(m_db.query(QStringLiteral("SELECT * FROM lpn_declaration WHERE member_id = ? ORDER BY declared_on DESC, id"),
                                            {memberId}));
}

QList<Declaration> NetworkService::declarationsInNetwork(const QString& networkId) {
    return Declaration::fromRows(m_db.query(QStringLiteral("SELECT d.* FROM lpn_declaration d JOIN lpn_member m ON m.id = d.member_id "
                                                           "WHERE m.network_id = ? ORDER BY m.family_name, m.given_name, d.declared_on DESC"),
                                            {networkId}));
}

void NetworkService::checkDeclaration(const Declaration& d, Issues& issues) {
    validate(d, issues, m_db.clock().today());
    if (!d.memberId.isEmpty() && !member(d.memberId)) issues.add("memberId", QStringLiteral("The member no longer exists."));
    if (!d.contractorId.isEmpty() && !m_db.fetchRecord("contractor", d.contractorId))
        issues.add("contractorId", QStringLiteral("The contractor named in the declaration no longer exists: choose it again."));
}

Declaration NetworkService::addDeclaration(Declaration d) {
    d.description = d.description.trimmed();
    d.managedHow = d.managedHow.trimmed();
    if (d.id.isEmpty()) d.id = Database::newId();
    Issues issues;
    checkDeclaration(d, issues);
    issues.throwIfAny();
    m_db.write([&] {
        m_db.save("lpn_declaration", d.toRow(), Database::SaveMode::New);
    });
    return d;
}

void NetworkService::updateDeclaration(const Declaration& in) {
    Declaration d = in;
    d.description = d.description.trimmed();
    d.managedHow = d.managedHow.trimmed();
    Issues issues;
    checkDeclaration(d, issues);
    issues.throwIfAny();
    m_db.write([&] {
        m_db.save("lpn_declaration", d.toRow(), Database::SaveMode::Existing);
    });
}

void NetworkService::removeDeclaration(const QString& id) {
    const auto r = m_db.fetchRecord("lpn_declaration", id);
    if (!r) return;
    const QString who = memberName(r->value("member_id").toString());
    m_db.remove("lpn_declaration", id);
}

// ---- roster ----

Roster NetworkService::roster(const QString& networkId, const QDate& today) {
    Roster roster;
    const auto n = network(networkId);
    if (!n) throw ValidationError(QString(), QStringLiteral("This network no longer exists."));
    roster.network = *n;
    QHash<QString, NetworkMember> byId;
    for (const NetworkMember& m : members(networkId)) byId.insert(m.id, m);
    QSet<QString> seated;
    for (const NetworkGroup& g : groups(networkId)) {
        RosterGroup rg{g, {}};
        for (const Membership& ms : membershipsInGroup(g.id)) {
            // A renewed term replaces the earlier one on the roster: show current and upcoming seats,
            // and ended terms only for members still active with nothing newer (the review flags them).
            const NetworkMember m = byId.value(ms.memberId);
            if (!m.isActive()) continue;
            rg.seats << RosterSeat{ms, m};
        }
        // Drop an ended term when the same member holds a later term of the same role in the group.
        QList<RosterSeat> kept;
        for (const RosterSeat& s : rg.seats) {
            bool superseded = false;
            for (const RosterSeat& o : rg.seats)
                if (&o != &s && o.member.id == s.member.id && o.membership.role == s.membership.role &&
                    o.membership.termStart > s.membership.termStart && s.membership.termEnd.isValid() &&
                    s.membership.termEnd < today)
                    superseded = true;
            if (!superseded) kept << s;
        }
        rg.seats = kept;
        std::stable_sort(rg.seats.begin(), rg.seats.end(), [](const RosterSeat& a, const RosterSeat& b) {
            const int ra = roleRank(a.membership.role), rb = roleRank(b.membership.role);
            if (ra != rb) return ra < rb;
            return QString::compare(a.member.familyName + a.member.givenName, b.member.familyName + b.member.givenName,
                                    Qt::CaseInsensitive) < 0;
        });
        if (g.isCurrent(today))
            for (const RosterSeat& s : rg.seats) seated.insert(s.member.id);
        roster.groups << rg;
    }
    for (const NetworkMember& m : members(networkId))
        if (m.isActive() && !seated.contains(m.id)) roster.unassigned << m;
    return roster;
}

} // namespace cb
