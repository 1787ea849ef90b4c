#include "LpnFixture.h"

#include "demo/DemoSeeder.h"
#include "store/IntegrityCheck.h"

#include <QCryptographicHash>
#include <QFile>

using namespace cb;
using cbtest::LpnFixture;

namespace {
template <class F> ValidationError rejected(F&& f) {
    try {
        f();
    } catch (const ValidationError& e) {
        return e;
    }
    FAIL("expected a ValidationError");
    return ValidationError(QString(), QString());
}
QByteArray sha256(const QString& path) {
    QFile f(path);
    REQUIRE(f.open(QIODevice::ReadOnly));
    return QCryptographicHash::hash(f.readAll(), QCryptographicHash::Sha256).toHex();
}
} // namespace

TEST_CASE("networks need a kind and a unique name, bad input changes nothing", "[lpn]") {
    LpnFixture f;
    const qint64 audits = cbtest::count(f.t.db(), "audit");
    Network n;
    n.kind = "gp";
    n.established = f.today.addDays(1);
    const auto e = rejected([&] { f.s.createNetwork(n); });
    CHECK(e.messageFor("kind") == "Choose the kind of network: Dental, Pharmacy, Eye health.");
    CHECK(e.messageFor("name").startsWith("Enter the network's name"));
    CHECK(e.messageFor("established") == "The date the network was established (23/11/2026) is in the future.");

    n.kind = "dental";
    n.name = "  test DENTAL network ";
    n.established = {};
    const auto dup = rejected([&] { f.s.createNetwork(n); });
    CHECK(dup.messageFor("name") == "There is already a network called \"Test Dental Network\". Choose another name.");
    CHECK(cbtest::count(f.t.db(), "lpn_network") == 1);
    CHECK(cbtest::count(f.t.db(), "audit") == audits);

    n.name = "Test Pharmacy Network";
    n.kind = "pharmacy";
    const Network ok = f.s.createNetwork(n);
    CHECK(f.s.networkByName("test pharmacy network")->id == ok.id);
    CHECK(f.t.db().scalar("SELECT count(*) FROM audit WHERE entity = 'lpn_network' AND record_id = ?", {ok.id}).toInt() == 1);
}

TEST_CASE("groups: task-and-finish projects need dates, one core team per network", "[lpn]") {
    LpnFixture f;
    NetworkGroup g;
    g.networkId = f.net.id;
    g.kind = "task_and_finish";
    g.name = "Access project";
    auto e = rejected([&] { f.s.createGroup(g); });
    CHECK(e.messageFor("startDate") == "A task-and-finish project needs a start date.");
    CHECK(e.messageFor("endDate") == "A task-and-finish project needs an end date: when should it report?");
    g.startDate = QDate(2026, 6, 1);
    g.endDate = QDate(2026, 5, 1);
    e = rejected([&] { f.s.createGroup(g); });
    CHECK(e.messageFor("endDate") == "The end date (01/05/2026) is before the start date (01/06/2026).");
    g.endDate = QDate(2027, 5, 1);
    CHECK_NOTHROW(f.s.createGroup(g));

    NetworkGroup second;
    second.networkId = f.net.id;
    second.kind = "core_team";
    second.name = "Another core team";
    e = rejected([&] { f.s.createGroup(second); });
    CHECK(e.messageFor("kind") == "This network already has a core team (\"Core team\"). A network has one core team.");

    // A spoke belongs to a hub of the same network.
    const auto hub = f.group("hub", "Tees hub");
    NetworkGroup spoke;
    spoke.networkId = f.net.id;
    spoke.kind = "spoke";
    spoke.name = "Hartlepool spoke";
    spoke.hubId = f.core.id;
    e = rejected([&] { f.s.createGroup(spoke); });
    CHECK(e.messageFor("hubId") == "Choose a hub of the same network for this spoke.");
    spoke.hubId = hub.id;
    CHECK_NOTHROW(f.s.createGroup(spoke));
    CHECK(cbtest::count(f.t.db(), "lpn_group") == 4);
}

TEST_CASE("members: names, profession and contact details are checked", "[lpn]") {
    LpnFixture f;
    NetworkMember m;
    m.networkId = f.net.id;
    m.profession = "wizard";
    m.email = "not an email";
    m.telephone = "12";
    const auto e = rejected([&] { f.s.createMember(m); });
    CHECK(e.messageFor("givenName") == "Enter the member's given name.");
    CHECK(e.messageFor("familyName") == "Enter the member's family name.");
    CHECK(e.messageFor("profession").startsWith("Choose the member's profession: Dentist,"));
    CHECK(e.messageFor("email") == "\"not an email\" is not an email address.");
    CHECK(e.messageFor("telephone") == "\"12\" is not a UK telephone number.");
    m.performerId = "missing-performer";
    m.givenName = "  Ann ";
    m.familyName = "Lee";
    m.profession = "dentist";
    m.email = "ann.lee@nhs.net";
    m.telephone = "01642 123456";
    const auto link = rejected([&] { f.s.createMember(m); });
    CHECK(link.messageFor("performerId").startsWith("The linked performer record no longer exists"));
    m.performerId.clear();
    const auto saved = f.s.createMember(m);
    CHECK(f.s.member(saved.id)->givenName == "Ann");
    CHECK(cbtest::count(f.t.db(), "lpn_member") == 1);
}

TEST_CASE("memberships get the 3-year default term and are checked", "[lpn]") {
    LpnFixture f;
    const auto m = f.member("Ann", "Lee");
    const auto ms = f.seat(m, f.core, "chair", QDate(2026, 4, 1));
    CHECK(ms.termEnd == QDate(2029, 3, 31));
    CHECK(f.s.membershipsOfMember(m.id).first().termEnd == QDate(2029, 3, 31));

    Membership bad;
    bad.memberId = m.id;
    bad.groupId = f.core.id;
    bad.role = "emperor";
    auto e = rejected([&] { f.s.addMembership(bad); });
    CHECK(e.messageFor("role").startsWith("Choose the member's role: Chair, Vice-chair,"));
    CHECK(e.messageFor("termStart") == "Enter the date the term starts.");
    bad.role = "member";
    bad.termStart = QDate(2026, 5, 1);
    bad.termEnd = QDate(2026, 4, 1);
    e = rejected([&] { f.s.addMembership(bad); });
    CHECK(e.messageFor("termEnd") == "The term ends (01/04/2026) before it starts (01/05/2026).");

    // Same role in the same group with an overlapping term.
    e = rejected([&] { f.seat(m, f.core, "chair", QDate(2027, 1, 1)); });
    CHECK(e.messageFor("termStart").startsWith("Ann Lee already holds this role in \"Core team\" for a term that overlaps"));

    // A group of another network.
    Network other;
    other.kind = "pharmacy";
    other.name = "Other Network";
    other = f.s.createNetwork(other);
    NetworkGroup og;
    og.networkId = other.id;
    og.kind = "core_team";
    og.name = "Pharmacy core team";
    og = f.s.createGroup(og);
    e = rejected([&] { f.seat(m, og, "member", QDate(2026, 1, 1)); });
    CHECK(e.messageFor("groupId") == "Ann Lee is not a member of the network that \"Pharmacy core team\" belongs to.");
    CHECK(cbtest::count(f.t.db(), "lpn_membership") == 1);
}

TEST_CASE("declarations: dates, type and description are checked", "[lpn]") {
    LpnFixture f;
    const auto m = f.member("Ann", "Lee", "dentist", false);
    Declaration d;
    d.memberId = m.id;
    d.kind = "financial";
    d.declaredOn = f.today.addDays(1);
    auto e = rejected([&] { f.s.addDeclaration(d); });
    CHECK(e.messageFor("declaredOn") == "The declaration date (23/11/2026) is in the future.");
    CHECK(e.messageFor("description").startsWith("Describe the interest"));

    d.declaredOn = QDate(2026, 3, 1);
    d.description = "Shareholder";
    d.reviewedOn = QDate(2026, 2, 1);
    e = rejected([&] { f.s.addDeclaration(d); });
    CHECK(e.messageFor("reviewedOn") == "The review date (01/02/2026) is before the declaration date (01/03/2026).");

    d.reviewedOn = {};
    d.contractorId = "not-a-contractor";
    e = rejected([&] { f.s.addDeclaration(d); });
    CHECK(e.messageFor("contractorId").startsWith("The contractor named in the declaration no longer exists"));

    d.kind = "none";
    d.contractorId = f.contractorWithEvent(QString());
    e = rejected([&] { f.s.addDeclaration(d); });
    CHECK(e.messageFor("contractorId").startsWith("A \"no interests\" declaration cannot name a contractor"));
    CHECK(cbtest::count(f.t.db(), "lpn_declaration") == 0);

    d.kind = "financial";
    const auto saved = f.s.addDeclaration(d);
    CHECK(f.s.declarations(m.id).size() == 1);
    CHECK(f.s.declarations(m.id).first().contractorId == d.contractorId);
    CHECK(f.t.db().scalar("SELECT count(*) FROM audit WHERE entity = 'lpn_declaration' AND record_id = ?", {saved.id}).toInt() == 1);
}

TEST_CASE("meetings keep their attendance, members with history cannot be deleted", "[lpn]") {
    LpnFixture f;
    const auto a = f.member("Ann", "Lee");
    const auto b = f.member("Bob", "Ray");
    Meeting m;
    m.groupId = f.core.id;
    m.date = QDate(2026, 10, 1);
    m.attendance = {{a.id, "attended"}, {b.id, "apologies"}};
    m = f.s.createMeeting(m);
    CHECK(f.s.meeting(m.id)->attendance.size() == 2);
    m.attendance = {{a.id, "attended"}};
    f.s.updateMeeting(m);
    CHECK(f.s.meetings(f.net.id).first().attendance.size() == 1);

    m.attendance = {{a.id, "attended"}, {a.id, "attended"}};
    const auto e = rejected([&] { f.s.updateMeeting(m); });
    CHECK(e.messageFor("attendance") == "A member is listed twice in the attendance.");
    CHECK(f.s.meeting(m.id)->attendance.size() == 1);

    const auto del = rejected([&] { f.s.removeMember(a.id); });
    CHECK(del.message().contains("Mark them as having left the network instead"));
    CHECK(f.s.member(a.id).has_value());
    f.s.removeMeeting(m.id);
    CHECK(cbtest::count(f.t.db(), "lpn_attendance") == 0);
}

TEST_CASE("the roster lists members by group and role, with term bars", "[lpn]") {
    LpnFixture f;
    const auto g = f.group("clinical", "Orthodontics");
    f.seat(f.member("Zed", "Adams"), f.core, "core_clinician", QDate(2025, 11, 22));
    f.seat(f.member("Ann", "Lee"), f.core, "chair", QDate(2025, 11, 22));
    f.seat(f.member("Cat", "Ng"), g, "member", QDate(2026, 1, 1));
    const auto loner = f.member("Lonnie", "Loner");
    const Roster r = f.s.roster(f.net.id, f.today);
    REQUIRE(r.groups.size() == 2);
    CHECK(r.groups[0].group.kind == "core_team");
    REQUIRE(r.groups[0].seats.size() == 2);
    CHECK(r.groups[0].seats[0].member.fullName() == "Ann Lee"); // the chair first
    CHECK(r.groups[0].seats[0].daysLeft(f.today) == f.today.daysTo(QDate(2028, 11, 21)));
    CHECK(r.groups[0].seats[0].termElapsed(f.today) == Approx(365.0 / QDate(2025, 11, 22).daysTo(QDate(2028, 11, 21))));
    CHECK(r.groups[1].group.name == "Orthodontics");
    REQUIRE(r.unassigned.size() == 1);
    CHECK(r.unassigned[0].id == loner.id);
}

TEST_CASE("seeded demo networks pass the integrity check and give the review something to find", "[lpn][seed]") {
    cbtest::TempDb t;
    SeedOptions o;
    o.contractors = 300;
    seedDemo(t.db(), o);
    const IntegrityReport report = checkIntegrity(t.db());
    for (const auto& f : report.findings) INFO(f.table.toStdString() + " " + f.message.toStdString());
    REQUIRE(report.ok());
    NetworkService s(t.db());
    const auto networks = s.networks();
    REQUIRE(networks.size() == 3);
    QSet<RosterFindingKind> kinds;
    for (const Network& n : networks) {
        const int members = s.members(n.id).size();
        CHECK(members >= 10);
        CHECK(members <= 25);
        for (const auto& f : reviewRoster(t.db(), n.id)) kinds.insert(f.kind);
    }
    CHECK(kinds.contains(RosterFindingKind::TermEnding));
    CHECK(kinds.contains(RosterFindingKind::TermEnded));
    CHECK(kinds.contains(RosterFindingKind::DeclarationStale));
    CHECK(kinds.contains(RosterFindingKind::Conflict));
    CHECK(kinds.contains(RosterFindingKind::Vacancy));
    CHECK(kinds.contains(RosterFindingKind::NoGroup));
    CHECK(t.db().scalar("SELECT count(*) FROM lpn_member WHERE performer_id IS NOT NULL").toInt() > 0);

    // Deterministic: the same seed gives the same networks.
    cbtest::TempDb again;
    seedDemo(again.db(), o);
    CHECK(again.db().scalar("SELECT group_concat(id) FROM (SELECT id FROM lpn_member ORDER BY id)").toString() ==
          t.db().scalar("SELECT group_concat(id) FROM (SELECT id FROM lpn_member ORDER BY id)").toString());
}

TEST_CASE("a database opened read-only refuses writes and its file is unchanged", "[lpn][readonly]") {
    QString path;
    QTemporaryDir dir;
    {
        LpnFixture f;
        f.healthyCoreTeam();
        f.member("Lonnie", "Loner");
        path = dir.filePath("shared.db");
        f.t.db().backupTo(path); // a self-contained copy, as would be shared
    }
    REQUIRE(!QFile::exists(path + "-wal"));
    const QByteArray before = sha256(path);
    {
        Database ro(path, Database::Access::ReadOnly);
        REQUIRE(ro.isReadOnly());
        NetworkService s(ro);
        const auto net = s.networkByName("Test Dental Network");
        REQUIRE(net);
        CHECK(s.members(net->id).size() == 6);
        RosterReviewOptions o;
        o.today = QDate(2026, 11, 22);
        const auto findings = reviewRoster(ro, net->id, o);
        REQUIRE(findings.size() == 1);
        CHECK(findings[0].kind == RosterFindingKind::NoGroup);
        NetworkMember m = s.members(net->id).first();
        m.givenName = "Changed";
        CHECK_THROWS_AS(s.updateMember(m), DatabaseError);
        CHECK_THROWS_AS(ro.write([] {}), DatabaseError);
        CHECK_THROWS_AS(ro.exec("DELETE FROM lpn_member"), DatabaseError);
        CHECK(!QFile::exists(path + "-wal"));
        CHECK(!QFile::exists(path + "-shm"));
    }
    CHECK(sha256(path) == before);
    CHECK(!QFile::exists(path + "-wal"));
    CHECK(!QFile::exists(path + "-shm"));
    CHECK(!QFile::exists(path + "-journal"));
}
