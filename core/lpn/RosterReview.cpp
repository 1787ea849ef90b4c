#include "lpn/RosterReview.h"

#include "exchange/Confidentiality.h"

#include "common/Identifiers.h"
#include "contracts/Contract.h"
#include "store/Settings.h"

#include <QHash>
#include <QSet>
#include <algorithm>

namespace cb {

int termEndingWarningDays(Database& db) {
    const int days = Settings(db).integer(QString::fromLatin1(kTermEndingDaysSetting), lpn::kTermEndingWarningDays);
    return days < 0 || days > lpn::kTermEndingMaxDays ? lpn::kTermEndingWarningDays : days;
}

QString kindCode(RosterFindingKind kind) {
    switch (kind) {
    case RosterFindingKind::Vacancy: return QStringLiteral("vacancy");
    case RosterFindingKind::TermEnding: return QStringLiteral("term_ending");
    case RosterFindingKind::TermEnded: return QStringLiteral("term_ended");
    case RosterFindingKind::DeclarationMissing: return QStringLiteral("declaration_missing");
    case RosterFindingKind::DeclarationStale: return QStringLiteral("declaration_stale");
    case RosterFindingKind::Conflict: return QStringLiteral("conflict");
    case RosterFindingKind::NoGroup: return QStringLiteral("no_group");
    case RosterFindingKind::PoorAttendance: return QStringLiteral("poor_attendance");
    }
    return {};
}

QString kindLabel(RosterFindingKind kind) {
    switch (kind) {
    case RosterFindingKind::Vacancy: return QStringLiteral("Vacancy");
    case RosterFindingKind::TermEnding: return QStringLiteral("Term ending");
    case RosterFindingKind::TermEnded: return QStringLiteral("Term ended");
    case RosterFindingKind::DeclarationMissing: return QStringLiteral("Declaration missing");
    case RosterFindingKind::DeclarationStale: return QStringLiteral("Declaration not reviewed");
    case RosterFindingKind::Conflict: return QStringLiteral("Possible conflict of interest");
    case RosterFindingKind::NoGroup: return QStringLiteral("In no group");
    case RosterFindingKind::PoorAttendance: return QStringLiteral("Poor attendance");
    }
    return {};
}

QString severityCode(Severity s) {
    switch (s) {
    case Severity::Low: return QStringLiteral("low");
    case Severity::Medium: return QStringLiteral("medium");
    case Severity::High: return QStringLiteral("high");
    }
    return {};
}

namespace {

QString seatText(const Membership& ms, const NetworkGroup& g) {
    return QStringLiteral("%1 of %2").arg(labelFor(memberRoles(), ms.role), g.name);
}

QString plural(qint64 n, const QString& one, const QString& many) {
    return QStringLiteral("%1 %2").arg(n).arg(n == 1 ? one : many);
}

class Review {
public:
    Review(Database& db, const QString& networkId, const RosterReviewOptions& o)
        : m_db(db), m_networkId(networkId), m_today(o.today.isValid() ? o.today : db.clock().today()),
          m_window(o.termEndingWithinDays), m_reviewMonths(o.declarationReviewMonths) {}

    QList<RosterFinding> run() {
        load();
        vacancies();
        terms();
        declarations();
        conflicts();
        noGroup();
        attendance();
        std::stable_sort(m_out.begin(), m_out.end(), [this](const RosterFinding& a, const RosterFinding& b) {
            if (a.severity != b.severity) return a.severity > b.severity;
            if (a.kind != b.kind) return a.kind < b.kind;
            return sortName(a.memberId) < sortName(b.memberId);
        });
        return m_out;
    }

private:
    void load() {
        if (!m_db.queryOne(QStringLiteral("SELECT id FROM lpn_network WHERE id = ?"), {m_networkId}))
            throw ValidationError(QString(), QStringLiteral("This network no longer exists."));
        for (const Row& r : m_db.query(QStringLiteral("SELECT * FROM lpn_member WHERE network_id = ?"), {m_networkId})) {
            const NetworkMember m = NetworkMember::fromRow(r);
            m_members.insert(m.id, m);
        }
        for (const Row& r : m_db.query(QStringLiteral("SELECT * FROM lpn_group WHERE network_id = ? ORDER BY name"), {m_networkId})) {
            const NetworkGroup g = NetworkGroup::fromRow(r);
            m_groups.insert(g.id, g);
            m_groupOrder << g.id;
        }
        for (const Row& r : m_db.query(QStringLiteral("SELECT ms.* FROM lpn_membership ms JOIN lpn_group g ON g.id = ms.group_id "
                                                      "WHERE g.network_id = ? ORDER BY ms.term_start, ms.id"),
                                       {m_networkId}))
            m_memberships << Membership::fromRow(r);
        for (const Row& r : m_db.query(QStringLiteral("SELECT d.* FROM lpn_declaration d JOIN lpn_member m ON m.id = d.member_id "
                                                      "WHERE m.network_id = ? ORDER BY d.declared_on, d.id"),
                                       {m_networkId}))
            m_declarations << Declaration::fromRow(r);
    }

    QString sortName(const QString& memberId) const {
        const auto it = m_members.constFind(memberId);
        return it == m_members.constEnd() ? QString() : (it->familyName + QLatin1Char(' ') + it->givenName).toLower();
    }
    QString name(const QString& memberId) const { return m_members.value(memberId).fullName(); }
    bool active(const QString& memberId) const {
        const auto it = m_members.constFind(memberId);
        return it != m_members.constEnd() && it->isActive();
    }
    void add(RosterFindingKind kind, Severity severity, const QString& message, const QString& memberId = {},
             const QString& groupId = {}, const QDate& date = {}, const QString& declarationId = {},
             const QString& contractorId = {}) {
        m_out << RosterFinding{kind, severity, message, memberId, groupId, declarationId, contractorId, date};
    }

    // A later term of the same role in the same group: the member was reappointed.
    bool renewed(const Membership& ms) const {
        for (const Membership& o : m_memberships)
            if (o.id != ms.id && o.memberId == ms.memberId && o.groupId == ms.groupId && o.role == ms.role &&
                o.termStart > ms.termStart)
                return true;
        return false;
    }

    void vacancies() {
        const NetworkGroup* core = nullptr;
        for (const QString& id : m_groupOrder)
            if (m_groups[id].kind == QLatin1String("core_team") && m_groups[id].isCurrent(m_today)) core = &m_groups[id];
        if (!core) {
            add(RosterFindingKind::Vacancy, Severity::High,
                QStringLiteral("The network has no core team. Add one with a clinical chair, clinicians in the majority, "
                               "a patient representative and a commissioning manager."));
            return;
        }
        bool chair = false, patientRep = false;
        QSet<QString> seated, clinicians;
        for (const Membership& ms : m_memberships) {
            if (ms.groupId != core->id || !ms.covers(m_today) || !active(ms.memberId)) continue;
            chair = chair || ms.role == QLatin1String("chair");
            patientRep = patientRep || ms.role == QLatin1String("patient_rep");
            seated.insert(ms.memberId);
            if (isClinicalProfession(m_members.value(ms.memberId).profession)) clinicians.insert(ms.memberId);
        }
        if (!chair)
            add(RosterFindingKind::Vacancy, Severity::High,
                QStringLiteral("%1 has no chair: the chair's seat is vacant. Appoint a clinical chair.").arg(core->name), {},
                core->id);
        if (!patientRep)
            add(RosterFindingKind::Vacancy, Severity::Medium,
                QStringLiteral("%1 has no patient representative. Recruit one so patients have a voice.").arg(core->name),
                {}, core->id);
        if (!seated.isEmpty() && clinicians.size() * 2 <= seated.size())
            add(RosterFindingKind::Vacancy, Severity::High,
                QStringLiteral("Clinicians are not a majority of %1: %2 of %3 current members are clinicians. Appoint "
                               "more clinicians to keep the network clinically led.")
                    .arg(core->name)
                    .arg(clinicians.size())
                    .arg(seated.size()),
                {}, core->id);
    }

    void terms() {
        for (const Membership& ms : m_memberships) {
            if (!active(ms.memberId) || !ms.termEnd.isValid() || renewed(ms)) continue;
            const NetworkGroup& g = m_groups[ms.groupId];
            if (!g.isCurrent(m_today)) continue;
            const qint64 days = m_today.daysTo(ms.termEnd);
            if (days < 0) {
                add(RosterFindingKind::TermEnded, Severity::High,
                    QStringLiteral("%1's term as %2 ended on %3, but they are still listed as active. Renew the term or "
                                   "record that they have left.")
                        .arg(name(ms.memberId), seatText(ms, g), fmt::date(ms.termEnd)),
                    ms.memberId, g.id, ms.termEnd);
            } else if (days <= m_window) {
                add(RosterFindingKind::TermEnding, Severity::Medium,
                    QStringLiteral("%1's term as %2 ends on %3 (%4). Reappoint them or plan who takes over.")
                        .arg(name(ms.memberId), seatText(ms, g), fmt::date(ms.termEnd),
                             days == 0 ? QStringLiteral("today") : QStringLiteral("in %1").arg(plural(days, "day", "days"))),
                    ms.memberId, g.id, ms.termEnd);
            }
        }
    }

    void declarations() {
        const QDate cutoff = m_today.addMonths(-m_reviewMonths);
        QHash<QString, QDate> latest; // member -> latest declared_on
        for (const Declaration& d : m_declarations)
            if (!latest.contains(d.memberId) || latest[d.memberId] < d.declaredOn) latest[d.memberId] = d.declaredOn;
        QStringList ids = m_members.keys();
        std::sort(ids.begin(), ids.end());
        for (const QString& id : ids)
            if (active(id) && !latest.contains(id))
                add(RosterFindingKind::DeclarationMissing, Severity::High,
                    QStringLiteral("%1 has no declaration of interests on record. Ask them to declare their interests, "
                                   "or to confirm they have none.").arg(name(id)),
                    id);
        for (const Declaration& d : m_declarations) {
            if (!active(d.memberId)) continue;
            // "No interests" is replaced by any later declaration.
            if (d.kind == QLatin1String("none") && latest.value(d.memberId) > d.declaredOn) continue;
            const QDate confirmed = d.lastConfirmed();
            if (confirmed >= cutoff) continue;
            // What was declared is confidential: the finding names the declaration, not its contents.
            const QString what = confidential::declarationMention(d.kind, {}); // the date follows in the message
            add(RosterFindingKind::DeclarationStale, Severity::Medium,
                QStringLiteral("%1's %2 was last %3 on %4, more than %5 months ago. Ask them to review it.")
                    .arg(name(d.memberId), what, d.reviewedOn.isValid() && d.reviewedOn >= d.declaredOn ? "reviewed" : "declared",
                         fmt::date(confirmed))
                    .arg(m_reviewMonths),
                d.memberId, {}, confirmed, d.id);
        }
    }

    void conflicts() {
        for (const Declaration& d : m_declarations) {
            if (d.contractorId.isEmpty() || d.kind == QLatin1String("none") || !active(d.memberId)) continue;
            QStringList reasons;
            const qint64 open = m_db.scalar(QStringLiteral("SELECT count(*) FROM concern WHERE contractor_id = ? AND "
                                                           "stage <> 'closed'"),
                                            {d.contractorId})
                                    .toLongLong();
            if (open > 0) reasons << plural(open, "open concern", "open concerns");
            QStringList events;
            for (const Row& r : m_db.query(QStringLiteral("SELECT e.kind FROM contract_event e JOIN contract k ON k.id = "
                                                          "e.contract_id WHERE k.contractor_id = ? AND e.status = "
                                                          "'in_progress' ORDER BY e.event_date"),
                                           {d.contractorId}))
                events << labelFor(contractEventKinds(), r.value("kind").toString()).toLower();
            if (!events.isEmpty())
                reasons << QStringLiteral("%1 in progress (%2)")
                               .arg(events.size() == 1 ? QStringLiteral("a contract event") : plural(events.size(), "", "contract events").trimmed(),
                                    events.join(QStringLiteral(", ")));
            if (reasons.isEmpty()) continue;
            const auto c = m_db.queryOne(QStringLiteral("SELECT name, ods_code FROM contractor WHERE id = ?"), {d.contractorId});
            const QString who = c ? QStringLiteral("%1 (%2)").arg(c->value("name").toString(), c->value("ods_code").toString())
                                  : QStringLiteral("a contractor");
            add(RosterFindingKind::Conflict, Severity::High,
                QStringLiteral("%1 declared an interest in %2, which has %3. Flag it whenever that contractor is discussed.")
                    .arg(name(d.memberId), who, reasons.join(QStringLiteral(" and "))),
                d.memberId, {}, {}, d.id, d.contractorId);
        }
    }

    void noGroup() {
        QSet<QString> seated;
        for (const Membership& ms : m_memberships)
            if (m_groups[ms.groupId].isCurrent(m_today)) seated.insert(ms.memberId);
        QStringList ids = m_members.keys();
        std::sort(ids.begin(), ids.end());
        for (const QString& id : ids)
            if (active(id) && !seated.contains(id))
                add(RosterFindingKind::NoGroup, Severity::Low,
                    QStringLiteral("%1 is listed as an active member but sits in no group. Add them to a group or record "
                                   "that they have left.").arg(name(id)),
                    id);
    }

    void attendance() {
        struct Past {
            QString id, groupId;
            QDate date;
        };
        QList<Past> past;
        for (const Row& r : m_db.query(QStringLiteral("SELECT mt.id, mt.group_id, mt.meeting_date FROM lpn_meeting mt JOIN "
                                                      "lpn_group g ON g.id = mt.group_id WHERE g.network_id = ? AND "
                                                      "mt.meeting_date <= ? ORDER BY mt.meeting_date DESC, mt.id"),
                                       {m_networkId, m_today}))
            past << Past{r.value("id").toString(), r.value("group_id").toString(),
                         fmt::parseIsoDate(r.value("meeting_date").toString())};
        QHash<QString, QString> status; // meeting|member -> status
        for (const Row& r : m_db.query(QStringLiteral("SELECT a.meeting_id, a.member_id, a.status FROM lpn_attendance a JOIN "
                                                      "lpn_member m ON m.id = a.member_id WHERE m.network_id = ?"),
                                       {m_networkId}))
            status.insert(r.value("meeting_id").toString() + '|' + r.value("member_id").toString(), r.value("status").toString());
        QStringList ids = m_members.keys();
        std::sort(ids.begin(), ids.end());
        const int needed = lpn::kMissedMeetingsForConcern;
        for (const QString& id : ids) {
            if (!active(id)) continue;
            QList<const Past*> expected;
            for (const Past& p : past) {
                bool seat = false;
                for (const Membership& ms : m_memberships)
                    if (ms.memberId == id && ms.groupId == p.groupId && ms.covers(p.date)) seat = true;
                if (seat) expected << &p;
                if (expected.size() == needed) break;
            }
            if (expected.size() < needed) continue;
            int apologies = 0;
            bool attendedAny = false;
            for (const Past* p : expected) {
                const QString s = status.value(p->id + '|' + id);
                attendedAny = attendedAny || s == QLatin1String("attended");
                apologies += s == QLatin1String("apologies") ? 1 : 0;
            }
            if (attendedAny) continue;
            const Past* last = expected.first();
            add(RosterFindingKind::PoorAttendance, Severity::Medium,
                QStringLiteral("%1 missed the last %2 meetings they were expected at (most recently %3 on %4%5). Talk to "
                               "them about whether they can continue.")
                    .arg(name(id))
                    .arg(needed)
                    .arg(m_groups[last->groupId].name, fmt::date(last->date),
                         apologies > 0 ? QStringLiteral("; apologies sent for %1").arg(apologies) : QString()),
                id, last->groupId, last->date);
        }
    }

    Database& m_db;
    QString m_networkId;
    QDate m_today;
    int m_window;
    int m_reviewMonths;
    QHash<QString, NetworkMember> m_members;
    QHash<QString, NetworkGroup> m_groups;
    QStringList m_groupOrder;
    QList<Membership> m_memberships;
    QList<Declaration> m_declarations;
    QList<RosterFinding> m_out;
};

} // namespace

QList<RosterFinding> reviewRoster(Database& db, const QString& networkId, const RosterReviewOptions& options) {
    return Review(db, networkId, options).run();
}

} // namespace cb
