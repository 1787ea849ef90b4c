#pragma once

// A small network built through NetworkService, for the LPN tests (core and cli).
#include "TestSupport.h"
#include "lpn/NetworkService.h"
#include "lpn/RosterReview.h"

namespace cbtest {

struct LpnFixture {
    TempDb t;
    cb::NetworkService s{t.db()};
    cb::Network net;
    cb::NetworkGroup core;
    const QDate today{2026, 11, 22};

    LpnFixture() {
        cb::Network n;
        n.kind = "dental";
        n.name = "Test Dental Network";
        n.area = "Teesside";
        n.established = QDate(2013, 4, 1);
        net = s.createNetwork(n);
        core = group("core_team", "Core team");
    }

    cb::NetworkGroup group(const QString& kind, const QString& name, const QDate& start = {}, const QDate& end = {}) {
        cb::NetworkGroup g;
        g.networkId = net.id;
        g.kind = kind;
        g.name = name;
        g.startDate = start;
        g.endDate = end;
        return s.createGroup(g);
    }

    cb::NetworkMember member(const QString& given, const QString& family, const QString& profession = "dentist",
                             bool declare = true) {
        cb::NetworkMember m;
        m.networkId = net.id;
        m.givenName = given;
        m.familyName = family;
        m.profession = profession;
        m.organisation = "Oakfield Dental Care";
        m.email = given.toLower() + "@nhs.net";
        m = s.createMember(m);
        if (declare) declareNone(m, today.addMonths(-2));
        return m;
    }

    cb::Declaration declareNone(const cb::NetworkMember& m, const QDate& on) {
        cb::Declaration d;
        d.memberId = m.id;
        d.declaredOn = on;
        d.kind = "none";
        return s.addDeclaration(d);
    }

    cb::Membership seat(const cb::NetworkMember& m, const cb::NetworkGroup& g, const QString& role, const QDate& start,
                        const QDate& end = {}) {
        cb::Membership ms;
        ms.memberId = m.id;
        ms.groupId = g.id;
        ms.role = role;
        ms.termStart = start;
        ms.termEnd = end;
        return s.addMembership(ms);
    }

    // Chair, two more clinicians, a patient representative and a commissioning manager; all current.
    void healthyCoreTeam() {
        const QDate start = today.addYears(-1);
        seat(member("Daniel", "Khan"), core, "chair", start);
        seat(member("Ngozi", "Robinson"), core, "core_clinician", start);
        seat(member("Fatima", "Hussain", "dental_nurse"), core, "core_clinician", start);
        seat(member("Pat", "Jones", "patient"), core, "patient_rep", start);
        seat(member("Carol", "Manning", "commissioner"), core, "commissioning_manager", start);
    }

    QList<cb::RosterFinding> review(int withinDays = cb::lpn::kTermEndingWarningDays, const QDate& day = {}) {
        cb::RosterReviewOptions o;
        o.today = day;
        o.termEndingWithinDays = withinDays;
        return cb::reviewRoster(t.db(), net.id, o);
    }

    static QList<cb::RosterFinding> ofKind(const QList<cb::RosterFinding>& all, cb::RosterFindingKind kind) {
        QList<cb::RosterFinding> out;
        for (const auto& f : all)
            if (f.kind == kind) out << f;
        return out;
    }

    // A contractor with one contract, directly in the register tables; returns the contractor id.
    QString contractorWithEvent(const QString& eventStatus) {
        const QString cid = cb::Database::newId();
        const QString kid = cb::Database::newId();
        t.db().write([&] {
            t.db().save("contractor", {{"id", cid}, {"ods_code", "V100001"}, {"contractor_group", "dental"},
                                               {"name", "Kingsway Dental Surgery"}, {"created_at", "2026-01-01T00:00:00Z"},
                                               {"updated_at", "2026-01-01T00:00:00Z"}});
            t.db().save("contract", {{"id", kid}, {"contractor_id", cid}, {"route", "gds"}, {"start_date", "2010-04-01"}});
            if (!eventStatus.isEmpty())
                t.db().save("contract_event", {{"id", cb::Database::newId()}, {"contract_id", kid},
                                                       {"kind", "remedial_notice"}, {"event_date", "2026-11-01"},
                                                       {"deadline", "2026-12-01"}, {"description", "Hours not kept"},
                                                       {"status", eventStatus}});
        });
        return cid;
    }
};

} // namespace cbtest
