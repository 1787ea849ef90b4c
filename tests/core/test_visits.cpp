#include "ConcernFixtures.h"
#include "TestSupport.h"
#include "visits/Visit.h"

using namespace cb;
using namespace cbtest;

namespace {
Visit doneVisit(const Contractor& c) {
    Visit v;
    v.contractorId = c.id;
    v.visitDate = QDate(2026, 11, 10);
    v.type = "contract_compliance";
    v.announced = false;
    v.attendees = {"Sam Patel", "Practice manager"};
    v.status = "done";
    return v;
}
} // namespace

TEST_CASE("a visit records type, attendees and status with its rules", "[visits]") {
    TempDb t;
    const Contractor c = makePractice(t.db());
    VisitService visits(t.db());
    Visit v = visits.create(doneVisit(c));
    REQUIRE(visits.get(v.id)->attendees == QStringList{"Sam Patel", "Practice manager"});
    REQUIRE_FALSE(visits.get(v.id)->announced);

    const qint64 audit = count(t.db(), "audit");
    Visit bad = doneVisit(c);
    bad.visitDate = QDate(2026, 12, 5);
    bad.attendees.clear();
    bad.type = "social";
    try {
        visits.create(bad);
        FAIL("accepted");
    } catch (const ValidationError& e) {
        REQUIRE(e.messageFor("status") == "A visit dated 05/12/2026 has not happened yet: keep it planned.");
        REQUIRE(e.messageFor("attendees") == "Record who attended the visit.");
        REQUIRE(e.messageFor("type") == "Choose the type of visit: Routine monitoring, Contract compliance, Support.");
    }
    v.status = "report_sent";
    try {
        visits.update(v);
        FAIL("accepted");
    } catch (const ValidationError& e) {
        REQUIRE(e.messageFor("reportSentDate") == "Enter the date the report was sent.");
    }
    REQUIRE(count(t.db(), "audit") == audit);
    v.reportSentDate = QDate(2026, 11, 15);
    visits.update(v);
    REQUIRE(visits.get(v.id)->status == "report_sent");
    Visit planned;
    planned.contractorId = c.id;
    planned.visitDate = QDate(2026, 12, 5);
    visits.create(planned);
    VisitFilter f;
    f.status = "planned";
    REQUIRE(visits.list(f).size() == 1);
}

TEST_CASE("findings need a note unless met, and the checklist starts from the group's areas", "[visits]") {
    TempDb t;
    const Contractor c = makePractice(t.db(), "V100001", "dental");
    VisitService visits(t.db());
    const Visit v = visits.create(doneVisit(c));
    REQUIRE_THROWS_WITH(visits.addFinding({QString(), v.id, "Radiography", "not_met", " ", QString()}),
                        "Write what was found where the area was not met.");
    REQUIRE_THROWS_WITH(visits.addFinding({QString(), v.id, "", "met", QString(), QString()}),
                        "Name the area checked, e.g. infection control.");
    REQUIRE(count(t.db(), "visit_finding") == 0);
    const auto added = visits.addDefaultChecklist(v.id);
    REQUIRE(added.size() == defaultChecklist("dental").size());
    REQUIRE(defaultChecklist("dental").contains("Decontamination"));
    const VisitAction a = visits.addAction({QString(), v.id, "Update the policy", "Sam", QDate(2026, 11, 20), {}, {}});
    REQUIRE(a.isOverdue(t.clock.today()));
    REQUIRE(visits.actions(v.id).size() == 1);
}

TEST_CASE("a finding raises a concern in one step, carrying its details and linking back", "[visits][concerns]") {
    TempDb t;
    const Contractor c = makePractice(t.db());
    VisitService visits(t.db());
    ConcernService concerns(t.db());
    const Visit v = visits.create(doneVisit(c));
    const VisitFinding met = visits.addFinding({QString(), v.id, "Premises", "met", QString(), QString()});
    const VisitFinding gap = visits.addFinding({QString(), v.id, "Infection prevention and control",
                                                "not_met", "Sharps bins overfilled in two rooms", QString()});
    REQUIRE_THROWS_WITH(visits.raiseConcernFromFinding(met.id),
                        "The area \"Premises\" was met: only a partly met or not met finding raises a concern.");
    REQUIRE(count(t.db(), "concern") == 0);

    RaiseConcernOptions options;
    options.category = "patient_safety";
    options.owner = "Jo Clarke";
    options.consequence = 3;
    options.likelihood = 4;
    const Concern raised = visits.raiseConcernFromFinding(gap.id, options);
    REQUIRE(raised.source == "visit");
    REQUIRE(raised.contractorId == c.id);
    REQUIRE(raised.receivedDate == QDate(2026, 11, 10));
    REQUIRE(raised.owner == "Jo Clarke");
    REQUIRE(raised.score() == 12);
    REQUIRE(raised.summary == "Infection prevention and control: not met at the contract compliance visit");
    REQUIRE(raised.details.startsWith("Sharps bins overfilled in two rooms"));
    REQUIRE(raised.details.contains("unannounced contract compliance visit on 10/11/2026"));
    REQUIRE(visits.findings(v.id).value(1).concernId == raised.id);
    QStringList kinds;
    for (const TimelineEntry& e : concerns.timeline(raised.id)) kinds << e.kind;
    REQUIRE(kinds == QStringList{"received", "grading", "visit"});

    REQUIRE_THROWS_WITH(visits.raiseConcernFromFinding(gap.id), "This finding has already raised a concern.");
    REQUIRE_THROWS_WITH(visits.removeFinding(gap.id),
                        "This finding raised a concern, so it is kept as part of that concern's record.");
    REQUIRE(count(t.db(), "concern") == 1);
}

TEST_CASE("raising a concern from a finding is all or nothing", "[visits][concerns]") {
    TempDb t;
    const Contractor c = makePractice(t.db());
    VisitService visits(t.db());
    const Visit v = visits.create(doneVisit(c));
    const VisitFinding gap = visits.addFinding({QString(), v.id, "Records", "partly_met", "Gaps in notes", QString()});
    const qint64 audit = count(t.db(), "audit");
    RaiseConcernOptions bad;
    bad.category = "gossip";
    REQUIRE_THROWS_AS(visits.raiseConcernFromFinding(gap.id, bad), ValidationError);
    REQUIRE(count(t.db(), "audit") == audit);
    REQUIRE(count(t.db(), "concern") == 0);
    REQUIRE(visits.findings(v.id).value(0).concernId.isEmpty());
}
