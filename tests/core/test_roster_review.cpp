#include "LpnFixture.h"
#include "concerns/Concern.h"

using namespace cb;
using cbtest::LpnFixture;
using K = RosterFindingKind;

TEST_CASE("a healthy network has nothing to review", "[lpn][review]") {
    LpnFixture f;
    f.healthyCoreTeam();
    REQUIRE(f.review().isEmpty());
}

TEST_CASE("roster review: a network without a core team is told to create one", "[lpn][review]") {
    LpnFixture f;
    f.s.removeGroup(f.core.id);
    const auto v = LpnFixture::ofKind(f.review(), K::Vacancy);
    REQUIRE(v.size() == 1);
    CHECK(v[0].severity == Severity::High);
    CHECK(v[0].message.contains("has no core team"));
}

TEST_CASE("roster review: no chair is a vacancy", "[lpn][review]") {
    LpnFixture f;
    const QDate start = f.today.addYears(-1);
    f.seat(f.member("Ngozi", "Robinson"), f.core, "core_clinician", start);
    f.seat(f.member("Omar", "Shah"), f.core, "vice_chair", start);
    f.seat(f.member("Pat", "Jones", "patient"), f.core, "patient_rep", start);
    auto v = LpnFixture::ofKind(f.review(), K::Vacancy);
    REQUIRE(v.size() == 1);
    CHECK(v[0].message == "Core team has no chair: the chair's seat is vacant. Appoint a clinical chair.");
    CHECK(v[0].groupId == f.core.id);
    CHECK(v[0].memberId.isEmpty());

    // Passing: once a chair is appointed the vacancy goes.
    f.seat(f.member("Daniel", "Khan"), f.core, "chair", start);
    REQUIRE(LpnFixture::ofKind(f.review(), K::Vacancy).isEmpty());
}

TEST_CASE("roster review: a chair whose term has ended leaves the seat vacant", "[lpn][review]") {
    LpnFixture f;
    f.healthyCoreTeam();
    const auto chair = f.member("Old", "Chair");
    for (const Membership& ms : f.s.membershipsInGroup(f.core.id))
        if (ms.role == "chair") f.s.removeMembership(ms.id); // the healthy chair steps down
    f.seat(chair, f.core, "chair", f.today.addYears(-3).addDays(-10)); // ended 11 days ago
    const auto all = f.review();
    // The chair's seat is vacant, and without a current chair the clinicians are 2 of 4: no majority either.
    const auto v = LpnFixture::ofKind(all, K::Vacancy);
    REQUIRE(v.size() == 2);
    CHECK(v[0].message.contains("has no chair"));
    CHECK(v[1].message.contains("not a majority"));
    const auto ended = LpnFixture::ofKind(all, K::TermEnded);
    REQUIRE(ended.size() == 1);
    CHECK(ended[0].memberId == chair.id);
}

TEST_CASE("roster review: a core team without a patient representative", "[lpn][review]") {
    LpnFixture f;
    const QDate start = f.today.addYears(-1);
    f.seat(f.member("Daniel", "Khan"), f.core, "chair", start);
    f.seat(f.member("Ngozi", "Robinson"), f.core, "core_clinician", start);
    auto v = LpnFixture::ofKind(f.review(), K::Vacancy);
    REQUIRE(v.size() == 1);
    CHECK(v[0].severity == Severity::Medium);
    CHECK(v[0].message == "Core team has no patient representative. Recruit one so patients have a voice.");

    f.seat(f.member("Pat", "Jones", "patient"), f.core, "patient_rep", start);
    CHECK(LpnFixture::ofKind(f.review(), K::Vacancy).isEmpty());
}

TEST_CASE("roster review: clinicians must be a majority of the core team", "[lpn][review]") {
    LpnFixture f;
    const QDate start = f.today.addYears(-1);
    f.seat(f.member("Daniel", "Khan"), f.core, "chair", start);
    f.seat(f.member("Ngozi", "Robinson", "pharmacist"), f.core, "core_clinician", start);
    f.seat(f.member("Pat", "Jones", "patient"), f.core, "patient_rep", start);
    f.seat(f.member("Carol", "Manning", "commissioner"), f.core, "commissioning_manager", start);
    auto v = LpnFixture::ofKind(f.review(), K::Vacancy);
    REQUIRE(v.size() == 1);
    CHECK(v[0].message.startsWith("Clinicians are not a majority of Core team: 2 of 4 current members are clinicians."));

    // 3 of 5 is a majority.
    f.seat(f.member("Fatima", "Hussain", "dental_therapist"), f.core, "core_clinician", start);
    CHECK(LpnFixture::ofKind(f.review(), K::Vacancy).isEmpty());
}

TEST_CASE("roster review: terms ending within the window, at its edges", "[lpn][review]") {
    LpnFixture f;
    f.healthyCoreTeam();
    const auto g = f.group("clinical", "Orthodontics");
    const auto inside = f.member("Amy", "Inside");
    const auto outside = f.member("Olly", "Outside");
    f.seat(inside, g, "clinical_group_lead", QDate(2024, 1, 1), f.today.addDays(90));
    f.seat(outside, g, "member", QDate(2024, 1, 1), f.today.addDays(91));

    auto ending = LpnFixture::ofKind(f.review(), K::TermEnding);
    REQUIRE(ending.size() == 1);
    CHECK(ending[0].memberId == inside.id);
    CHECK(ending[0].groupId == g.id);
    CHECK(ending[0].date == f.today.addDays(90));
    CHECK(ending[0].message == "Amy Inside's term as Clinical group lead of Orthodontics ends on 20/02/2027 (in 90 days). "
                               "Reappoint them or plan who takes over.");

    // The window is a parameter (a setting): 91 days takes in both, 89 neither.
    CHECK(LpnFixture::ofKind(f.review(91), K::TermEnding).size() == 2);
    CHECK(LpnFixture::ofKind(f.review(89), K::TermEnding).isEmpty());

    // The injected clock moves the window: a day later, Olly's term is inside too.
    f.t.clock.advanceDays(1);
    CHECK(LpnFixture::ofKind(f.review(), K::TermEnding).size() == 2);
}

TEST_CASE("roster review: a renewed term is not reported as ending", "[lpn][review]") {
    LpnFixture f;
    f.healthyCoreTeam();
    const auto g = f.group("clinical", "Oral surgery");
    const auto m = f.member("Rita", "Renewed");
    f.seat(m, g, "member", QDate(2024, 1, 1), f.today.addDays(30));
    REQUIRE(LpnFixture::ofKind(f.review(), K::TermEnding).size() == 1);
    f.seat(m, g, "member", f.today.addDays(31));
    CHECK(LpnFixture::ofKind(f.review(), K::TermEnding).isEmpty());
}

TEST_CASE("roster review: ended terms of members still listed as active", "[lpn][review]") {
    LpnFixture f;
    f.healthyCoreTeam();
    const auto g = f.group("clinical", "Restorative dentistry");
    auto m = f.member("Eddie", "Ended");
    f.seat(m, g, "member", QDate(2023, 1, 1), f.today.addDays(-1));
    auto ended = LpnFixture::ofKind(f.review(), K::TermEnded);
    REQUIRE(ended.size() == 1);
    CHECK(ended[0].severity == Severity::High);
    CHECK(ended[0].message == "Eddie Ended's term as Member of Restorative dentistry ended on 21/11/2026, but they are "
                              "still listed as active. Renew the term or record that they have left.");
    // A term ending today has not ended yet.
    CHECK(LpnFixture::ofKind(f.review(90, f.today.addDays(-1)), K::TermEnded).isEmpty());

    // Once recorded as having left, nothing to review.
    m.status = "left";
    f.s.updateMember(m);
    CHECK(LpnFixture::ofKind(f.review(), K::TermEnded).isEmpty());
}

TEST_CASE("roster review: missing declarations", "[lpn][review]") {
    LpnFixture f;
    f.healthyCoreTeam();
    const auto g = f.group("clinical", "Orthodontics");
    auto m = f.member("Nina", "Nodecl", "dentist", false);
    f.seat(m, g, "member", f.today.addYears(-1));
    auto missing = LpnFixture::ofKind(f.review(), K::DeclarationMissing);
    REQUIRE(missing.size() == 1);
    CHECK(missing[0].memberId == m.id);
    CHECK(missing[0].message == "Nina Nodecl has no declaration of interests on record. Ask them to declare their "
                                "interests, or to confirm they have none.");

    f.declareNone(m, f.today);
    CHECK(LpnFixture::ofKind(f.review(), K::DeclarationMissing).isEmpty());
}

TEST_CASE("roster review: declarations not reviewed within 12 months", "[lpn][review]") {
    LpnFixture f;
    f.healthyCoreTeam();
    const auto g = f.group("clinical", "Orthodontics");
    const auto old = f.member("Sam", "Stale", "dentist", false);
    const auto edge = f.member("Eve", "Edge", "dentist", false);
    f.seat(old, g, "member", f.today.addYears(-1));
    f.seat(edge, g, "member", f.today.addYears(-1));
    Declaration d;
    d.memberId = old.id;
    d.declaredOn = f.today.addMonths(-12).addDays(-1);
    d.kind = "financial";
    d.description = "Director of Smile Ltd";
    d = f.s.addDeclaration(d);
    f.declareNone(edge, f.today.addMonths(-12)); // exactly 12 months: still in time

    auto stale = LpnFixture::ofKind(f.review(), K::DeclarationStale);
    REQUIRE(stale.size() == 1);
    CHECK(stale[0].memberId == old.id);
    CHECK(stale[0].declarationId == d.id);
    // What was declared is confidential (issue 16): the finding names the declaration, not its contents.
    CHECK(stale[0].message == "Sam Stale's declaration of interests was last declared on 21/11/2025, more than 12 "
                              "months ago. Ask them to review it.");

    // Reviewed since: no longer stale.
    d.reviewedOn = f.today.addMonths(-1);
    f.s.updateDeclaration(d);
    CHECK(LpnFixture::ofKind(f.review(), K::DeclarationStale).isEmpty());
}

TEST_CASE("roster review: an old 'no interests' declaration is replaced by a later declaration", "[lpn][review]") {
    LpnFixture f;
    f.healthyCoreTeam();
    const auto m = f.member("Lee", "Later", "dentist", false);
    f.seat(m, f.core, "core_clinician", f.today.addYears(-1));
    f.declareNone(m, QDate(2023, 1, 1));
    REQUIRE(LpnFixture::ofKind(f.review(), K::DeclarationStale).size() == 1);
    Declaration d;
    d.memberId = m.id;
    d.declaredOn = f.today.addDays(-3);
    d.kind = "non_financial_professional";
    d.description = "Member of the LDC";
    f.s.addDeclaration(d);
    CHECK(LpnFixture::ofKind(f.review(), K::DeclarationStale).isEmpty());
}

TEST_CASE("roster review: conflicts with a contract event in progress", "[lpn][review]") {
    LpnFixture f;
    f.healthyCoreTeam();
    const auto m = f.member("Connie", "Flict");
    f.seat(m, f.core, "core_clinician", f.today.addYears(-1));
    const QString contractor = f.contractorWithEvent("in_progress");
    Declaration d;
    d.memberId = m.id;
    d.declaredOn = f.today.addDays(-10);
    d.kind = "financial";
    d.description = "Partner";
    d.contractorId = contractor;
    d = f.s.addDeclaration(d);

    auto c = LpnFixture::ofKind(f.review(), K::Conflict);
    REQUIRE(c.size() == 1);
    CHECK(c[0].memberId == m.id);
    CHECK(c[0].contractorId == contractor);
    CHECK(c[0].severity == Severity::High);
    CHECK(c[0].message == "Connie Flict declared an interest in Kingsway Dental Surgery (V100001), which has a contract "
                          "event in progress (remedial notice). Flag it whenever that contractor is discussed.");

    // Completed: no conflict to flag.
    for (const Row& e : f.t.db().query("SELECT id FROM contract_event"))
        f.t.db().save("contract_event", Row{{"id", e.value("id")}, {"status", "completed"}});
    CHECK(LpnFixture::ofKind(f.review(), K::Conflict).isEmpty());
}

TEST_CASE("roster review: conflicts with an open concern", "[lpn][review]") {
    LpnFixture f;
    f.healthyCoreTeam();
    const auto m = f.member("Connie", "Cern");
    f.seat(m, f.core, "core_clinician", f.today.addYears(-1));
    const QString contractor = f.contractorWithEvent(QString());
    Declaration d;
    d.memberId = m.id;
    d.declaredOn = f.today.addDays(-10);
    d.kind = "indirect";
    d.description = "Husband is the practice manager";
    d.contractorId = contractor;
    f.s.addDeclaration(d);
    REQUIRE(LpnFixture::ofKind(f.review(), K::Conflict).isEmpty());

    cb::ConcernService concerns(f.t.db());
    cb::Concern concern = concerns.draft(contractor);
    concern.source = "complaint";
    concern.category = "access";
    concern.summary = "Patients turned away at the door";
    concern = concerns.create(concern);
    cb::StageChange close;
    close.stage = "closed";
    close.reason = "Resolved locally";
    close.outcome = "Practice apologised and changed its rota";
    concerns.changeStage(concern.id, close);
    CHECK(LpnFixture::ofKind(f.review(), K::Conflict).isEmpty()); // a closed concern is no conflict

    cb::Concern open = concerns.draft(contractor);
    open.source = "complaint";
    open.category = "access";
    open.summary = "Telephone unanswered for a week";
    concerns.create(open);
    auto c = LpnFixture::ofKind(f.review(), K::Conflict);
    REQUIRE(c.size() == 1);
    CHECK(c[0].message.contains("which has 1 open concern."));
}

TEST_CASE("roster review: members in no group", "[lpn][review]") {
    LpnFixture f;
    f.healthyCoreTeam();
    const auto loner = f.member("Lonnie", "Loner");
    auto ng = LpnFixture::ofKind(f.review(), K::NoGroup);
    REQUIRE(ng.size() == 1);
    CHECK(ng[0].memberId == loner.id);
    CHECK(ng[0].severity == Severity::Low);
    CHECK(ng[0].message == "Lonnie Loner is listed as an active member but sits in no group. Add them to a group or "
                           "record that they have left.");

    // A seat in a task-and-finish project that has finished does not count...
    const auto done = f.group("task_and_finish", "Finished project", QDate(2025, 1, 1), f.today.addDays(-1));
    f.seat(loner, done, "member", QDate(2025, 1, 1), f.today.addDays(-1));
    CHECK(LpnFixture::ofKind(f.review(), K::NoGroup).size() == 1);
    // ...a seat in a current group does.
    f.seat(loner, f.group("clinical", "Orthodontics"), "member", f.today);
    CHECK(LpnFixture::ofKind(f.review(), K::NoGroup).isEmpty());
}

TEST_CASE("roster review: poor attendance is missing the last 3 expected meetings", "[lpn][review]") {
    LpnFixture f;
    f.healthyCoreTeam();
    const auto g = f.group("clinical", "Orthodontics");
    const auto absent = f.member("Abe", "Sent");
    const auto keen = f.member("Kim", "Keen");
    f.seat(absent, g, "member", QDate(2025, 1, 1));
    f.seat(keen, g, "member", QDate(2025, 1, 1));
    QList<Meeting> meetings;
    for (const QDate& day : {QDate(2026, 2, 10), QDate(2026, 5, 12), QDate(2026, 8, 11), QDate(2026, 11, 10)}) {
        Meeting m;
        m.groupId = g.id;
        m.date = day;
        m.attendance << Attendance{keen.id, "attended"};
        meetings << f.s.createMeeting(m);
    }
    // Abe attended the first of the four, then missed three (apologies for one).
    meetings[0].attendance << Attendance{absent.id, "attended"};
    f.s.updateMeeting(meetings[0]);
    meetings[2].attendance << Attendance{absent.id, "apologies"};
    f.s.updateMeeting(meetings[2]);

    auto poor = LpnFixture::ofKind(f.review(), K::PoorAttendance);
    REQUIRE(poor.size() == 1);
    CHECK(poor[0].memberId == absent.id);
    CHECK(poor[0].message == "Abe Sent missed the last 3 meetings they were expected at (most recently Orthodontics on "
                             "10/11/2026; apologies sent for 1). Talk to them about whether they can continue.");

    // Before the fourth meeting had happened, Abe had only missed two in a row.
    CHECK(LpnFixture::ofKind(f.review(90, QDate(2026, 11, 9)), K::PoorAttendance).isEmpty());

    // Attending one of the last three clears it.
    meetings[1].attendance << Attendance{absent.id, "attended"};
    f.s.updateMeeting(meetings[1]);
    CHECK(LpnFixture::ofKind(f.review(), K::PoorAttendance).isEmpty());
}

TEST_CASE("roster review: meetings before a member's term are not expected of them", "[lpn][review]") {
    LpnFixture f;
    f.healthyCoreTeam();
    const auto g = f.group("clinical", "Orthodontics");
    const auto newcomer = f.member("Nia", "New");
    f.seat(newcomer, g, "member", QDate(2026, 9, 1));
    for (const QDate& day : {QDate(2026, 3, 10), QDate(2026, 6, 10), QDate(2026, 9, 10)}) {
        Meeting m;
        m.groupId = g.id;
        m.date = day;
        f.s.createMeeting(m);
    }
    CHECK(LpnFixture::ofKind(f.review(), K::PoorAttendance).isEmpty());
}

TEST_CASE("roster review findings come most serious first and name the member", "[lpn][review]") {
    LpnFixture f;
    f.member("Lonnie", "Loner");                                  // low: no group
    const auto all = f.review();                                  // high: no chair
    REQUIRE(all.size() >= 3);
    for (int i = 1; i < all.size(); ++i) CHECK(all[i - 1].severity >= all[i].severity);
    CHECK(all.last().kind == K::NoGroup);
    CHECK(all.last().message.contains("Lonnie Loner"));
}

TEST_CASE("roster review of a missing network is refused", "[lpn][review]") {
    LpnFixture f;
    REQUIRE_THROWS_AS(reviewRoster(f.t.db(), "no-such-id"), ValidationError);
}
