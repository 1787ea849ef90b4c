#include "demo/LpnDemo.h"

#include "lpn/Network.h"


namespace cb {

namespace {

const char* const kGiven[] = {"Alice", "Ben", "Carys", "Deepak", "Eleanor", "Farah", "Gareth", "Helen", "Imran",
                              "Joanna", "Kieran", "Leena", "Marcus", "Nadia", "Oscar", "Pauline", "Rashid", "Sian",
                              "Tomasz", "Uma", "Vikram", "Wendy", "Yusuf", "Zoe"};
const char* const kFamily[] = {"Armstrong", "Bell", "Chaudhry", "Dixon", "Ellison", "Foster", "Gill", "Harper",
                               "Iqbal", "Johnson", "Kerr", "Lowe", "Mahmood", "Nolan", "O'Brien", "Pearson",
                               "Quinn", "Reid", "Shah", "Turner", "Underwood", "Vaughan", "Watson", "Young"};

struct KindSetup {
    const char* kind;
    const char* name;
    const char* clinician;    // main profession
    const char* clinician2;   // second profession
    const char* performerProfession;
    QStringList clinicalGroups;
    const char* project;
};

class LpnSeeder {
public:
    LpnSeeder(Database& db, QRandomGenerator& rng, const QDate& today, QMap<QString, qint64>& added,
              const std::function<QString()>& newId)
        : m_db(db), m_rng(rng), m_today(today), m_added(added), m_newId(newId) {}

    void run() {
        const KindSetup setups[] = {
            {"dental", "North East Dental Network", "dentist", "dental_nurse", "dentist",
             {"Orthodontics", "Oral surgery", "Restorative dentistry"}, "Urgent dental access project"},
            {"pharmacy", "North East Pharmacy Network", "pharmacist", "pharmacy_technician", "pharmacist",
             {"Medicines optimisation", "Community pharmacy clinical services"}, "Pharmacy First roll-out"},
            {"eye_health", "North East Eye Health Network", "optometrist", "dispensing_optician", "optometrist",
             {"Glaucoma referral refinement", "Low vision"}, "Children's eye care pathway"},
        };
        int index = 0;
        for (const KindSetup& s : setups) addNetwork(s, index++);
    }

private:
    QString uuid() { return m_newId(); }
    int chance() { return m_rng.bounded(100); }
    void insert(const QString& table, const Row& row) {
        m_db.save(table, row, Database::SaveMode::New);
        m_added[table] += 1;
    }

    QString addGroup(const QString& networkId, const QString& kind, const QString& name, const QString& hubId = {},
                     const QDate& start = {}, const QDate& end = {}) {
        NetworkGroup g;
        g.id = uuid();
        g.networkId = networkId;
        g.kind = kind;
        g.name = name;
        g.hubId = hubId;
        g.startDate = start;
        g.endDate = end;
        Issues issues;
        validate(g, issues);
        issues.throwIfAny();
        insert("lpn_group", g.toRow());
        return g.id;
    }

    NetworkMember addMember(const QString& networkId, const QString& profession, const QString& performerProfession) {
        NetworkMember m;
        m.id = uuid();
        m.networkId = networkId;
        m.profession = profession;
        if (!performerProfession.isEmpty() && chance() < 50) {
            // Share the record of a seeded performer: registration and workplace come from there.
            const auto p = m_db.queryOne(QStringLiteral("SELECT p.id, p.given_name, p.family_name, c.name AS workplace FROM "
                                                        "performer p JOIN performer_link l ON l.performer_id = p.id JOIN "
                                                        "contractor c ON c.id = l.contractor_id WHERE p.profession = ? AND "
                                                        "l.to_date IS NULL AND p.id NOT IN (SELECT performer_id FROM "
                                                        "lpn_member WHERE performer_id IS NOT NULL) ORDER BY p.rowid LIMIT 1 "
                                                        "OFFSET ?"),
                                         {performerProfession, m_rng.bounded(20)});
            if (p) {
                m.performerId = p->value("id").toString();
                m.givenName = p->value("given_name").toString();
                m.familyName = p->value("family_name").toString();
                m.organisation = p->value("workplace").toString();
            }
        }
        if (m.givenName.isEmpty()) {
            m.givenName = QString::fromLatin1(kGiven[m_rng.bounded(int(std::size(kGiven)))]);
            m.familyName = QString::fromLatin1(kFamily[m_rng.bounded(int(std::size(kFamily)))]);
            if (profession == QLatin1String("patient")) m.organisation = QStringLiteral("Healthwatch");
            else if (profession == QLatin1String("commissioner")) m.organisation = QStringLiteral("NHS England");
            else if (profession == QLatin1String("public_health")) m.organisation = QStringLiteral("Local authority public health");
        }
        QString mail = (m.givenName + QLatin1Char('.') + m.familyName).toLower();
        mail.remove(QLatin1Char('\''));
        m.email = mail + QStringLiteral("@nhs.net");
        if (chance() < 60) m.telephone = QStringLiteral("0191 %1").arg(2000000 + m_rng.bounded(7000000));
        normalise(m);
        Issues issues;
        validate(m, issues);
        issues.throwIfAny();
        insert("lpn_member", m.toRow());
        return m;
    }

    void seat(const NetworkMember& m, const QString& groupId, const QString& role, const QDate& start) {
        Membership ms;
        ms.id = uuid();
        ms.memberId = m.id;
        ms.groupId = groupId;
        ms.role = role;
        ms.termStart = start;
        ms.termEnd = defaultTermEnd(start);
        Issues issues;
        validate(ms, issues);
        issues.throwIfAny();
        insert("lpn_membership", ms.toRow());
        m_seats << Seat{m.id, groupId, ms.termStart, ms.termEnd};
    }

    QDate randomStart() { return m_today.addDays(-m_rng.bounded(3 * 365 - 120)); } // ends more than 120 days ahead

    void declare(const NetworkMember& m, bool stale, const QString& contractorId = {}) {
        Declaration d;
        d.id = uuid();
        d.memberId = m.id;
        d.declaredOn = stale ? m_today.addMonths(-13 - m_rng.bounded(18)) : m_today.addDays(-1 - m_rng.bounded(300));
        if (!contractorId.isEmpty()) {
            d.kind = "financial";
            d.description = QStringLiteral("Shareholder in the practice");
            d.contractorId = contractorId;
            d.managedHow = QStringLiteral("Leaves the room when the practice is discussed");
        } else if (m.profession == QLatin1String("patient") || chance() < 55) {
            d.kind = "none";
        } else {
            const int r = chance();
            d.kind = r < 40 ? "non_financial_professional" : r < 80 ? "financial" : "indirect";
            d.description = d.kind == QLatin1String("financial") ? QStringLiteral("Partner in a local practice")
                            : d.kind == QLatin1String("indirect") ? QStringLiteral("Spouse works for a local provider")
                                                                  : QStringLiteral("Member of the local representative committee");
            d.managedHow = QStringLiteral("Declared at the start of each meeting");
        }
        if (!stale && chance() < 40) d.reviewedOn = d.declaredOn.addDays(m_rng.bounded(int(d.declaredOn.daysTo(m_today)) + 1));
        Issues issues;
        validate(d, issues, m_today);
        issues.throwIfAny();
        insert("lpn_declaration", d.toRow());
    }

    void addNetwork(const KindSetup& s, int index) {
        Network n;
        n.id = uuid();
        n.kind = s.kind;
        n.name = s.name;
        n.area = QStringLiteral("North East and Yorkshire");
        n.established = QDate(2013, 4, 1);
        Issues issues;
        validate(n, issues, m_today);
        issues.throwIfAny();
        insert("lpn_network", n.toRow());

        m_seats.clear();
        const QString core = addGroup(n.id, "core_team", "Core team");
        QStringList clinical;
        for (const QString& name : s.clinicalGroups) clinical << addGroup(n.id, "clinical", name);
        const QString project = addGroup(n.id, "task_and_finish", QString::fromLatin1(s.project), {},
                                         m_today.addMonths(-5), m_today.addMonths(7));
        QString hub;
        if (index == 0) {
            hub = addGroup(n.id, "hub", "Tees Valley hub");
            addGroup(n.id, "spoke", "Hartlepool spoke", hub);
        }

        QList<NetworkMember> all;
        auto member = [&](const QString& profession) {
            const bool clinicianProfession = profession == QLatin1String(s.clinician);
            all << addMember(n.id, profession, clinicianProfession ? QString::fromLatin1(s.performerProfession) : QString());
            return all.last();
        };
        // Core team. Dental: the chair's term ends within 90 days. Eye health: no patient representative.
        const NetworkMember chair = member(s.clinician);
        seat(chair, core, "chair", index == 0 ? m_today.addYears(-3).addDays(40) : randomStart());
        seat(member(s.clinician), core, "vice_chair", randomStart());
        for (int i = 0; i < 3; ++i) seat(member(i == 2 ? s.clinician2 : s.clinician), core, "core_clinician", randomStart());
        if (index != 2) seat(member("patient"), core, "patient_rep", randomStart());
        seat(member("commissioner"), core, "commissioning_manager", randomStart());
        if (index == 1) seat(member("public_health"), core, "public_health_rep", randomStart());
        // Pharmacy: one core clinician's term ended last month but they are still listed as active.
        if (index == 1) seat(member(s.clinician), core, "core_clinician", m_today.addYears(-3).addDays(-30));

        // Clinical groups: a lead and members each.
        for (const QString& g : clinical) {
            seat(member(s.clinician), g, "clinical_group_lead", randomStart());
            const int extra = 2 + m_rng.bounded(2);
            for (int i = 0; i < extra; ++i) seat(member(chance() < 70 ? s.clinician : s.clinician2), g, "member", randomStart());
        }
        seat(member(s.clinician), project, "member", m_today.addMonths(-5));
        if (!hub.isEmpty()) seat(member(s.clinician), hub, "member", randomStart());
        // Someone waiting for a seat: in no group.
        member(s.clinician2);

        // Quarterly meetings over two years for the core team and each clinical group.
        QStringList meetingGroups = clinical;
        meetingGroups.prepend(core);
        const QString poorAttender = all.value(2).id; // a core clinician who has stopped coming
        for (const QString& g : meetingGroups) {
            for (int q = 8; q >= 1; --q) {
                Meeting mt;
                mt.id = uuid();
                mt.groupId = g;
                mt.date = m_today.addMonths(-3 * q).addDays(m_rng.bounded(10));
                mt.title = QStringLiteral("Quarterly meeting");
                for (const Seat& st : m_seats) {
                    if (st.groupId != g || st.start > mt.date || st.end < mt.date) continue;
                    if (st.memberId == poorAttender && q <= 3) {
                        if (q == 1) mt.attendance << Attendance{st.memberId, "apologies"};
                        continue;
                    }
                    const int r = chance();
                    if (r < 82) mt.attendance << Attendance{st.memberId, "attended"};
                    else if (r < 92) mt.attendance << Attendance{st.memberId, "apologies"};
                }
                Issues issues;
                validate(mt, issues);
                issues.throwIfAny();
                insert("lpn_meeting", mt.toRow());
                for (const Attendance& a : mt.attendance)
                    insert("lpn_attendance", Row{{"id", uuid()}, {"meeting_id", mt.id}, {"member_id", a.memberId}, {"status", a.status}});
            }
        }

        // A contractor of this kind with a contract event in progress: one member declares an interest in it.
        const auto busyRow = m_db.queryOne(QStringLiteral("SELECT k.contractor_id FROM contract_event e JOIN contract k ON "
                                                          "k.id = e.contract_id JOIN contractor c ON c.id = k.contractor_id "
                                                          "WHERE e.status = 'in_progress' AND c.contractor_group = ? ORDER BY "
                                                          "e.event_date, e.id LIMIT 1"),
                                           {QString::fromLatin1(s.kind)});
        const QString busy = busyRow ? busyRow->value("contractor_id").toString() : QString();
        // Declarations: most current, some stale, some missing, one about a busy contractor.
        for (int i = 0; i < all.size(); ++i) {
            const NetworkMember& m = all.at(i);
            if (index == 0 && i == 1 && !busy.isEmpty()) {
                declare(m, false, busy);
                continue;
            }
            const int r = chance();
            if (r < 12) continue;          // missing
            declare(m, r < 27);            // stale
        }
    }

    struct Seat {
        QString memberId, groupId;
        QDate start, end;
    };
    Database& m_db;
    QRandomGenerator& m_rng;
    QDate m_today;
    QMap<QString, qint64>& m_added;
    std::function<QString()> m_newId;
    QList<Seat> m_seats;
};

} // namespace

void seedNetworks(Database& db, QRandomGenerator& rng, const QDate& today, QMap<QString, qint64>& added,
                  const std::function<QString()>& newId) {
    LpnSeeder(db, rng, today, added, newId).run();
}

} // namespace cb
