// Issue 14 item 2: a concern about a named performer goes to the PAG before formal action; the
// decision panel acts at formal action, changes the performer's list status in the same step,
// sets suspension review dates and records NHS Resolution's notification; the worklist shows
// suspension reviews due. Through the service and through an import.
#include "ConcernFixtures.h"
#include "ProcessFixtures.h"
#include "TestSupport.h"
#include "common/Policy.h"
#include "worklist/Worklist.h"

using namespace cb;
using namespace cbtest;

namespace {
struct PerformerCase {
    TempDb t;
    Performer gp = makePerformer(t.db());
    ConcernService service{t.db()};
    Concern c = service.create(newConcern(t.db(), QString(), gp.id));
    void toFormalAction() {
        service.recordPagReferral(c.id, QDate(2026, 9, 10));
        StageChange formal = to("formal_action", "Referred to the decision panel", QDate(2026, 9, 10));
        formal.serious = true;
        formal.seriousReason = "Allegation of harm to patients";
        formal.lrcReason = "LMC to be told at the panel meeting";
        service.changeStage(c.id, formal);
    }
    QString status() { return PerformerService(t.db()).get(gp.id)->listStatus; }
    QList<WorklistItem> performerItems(const QDate& day) {
        QList<WorklistItem> out;
        for (const WorklistItem& i : buildWorklist(t.db(), day))
            if (i.category == "performers") out << i;
        return out;
    }
};
} // namespace

TEST_CASE("formal action on a performer concern needs a PAG referral", "[performers][process]") {
    PerformerCase p;
    StageChange formal = to("formal_action", "Referred", QDate(2026, 9, 10));
    formal.serious = true;
    formal.seriousReason = "Allegation of harm to patients";
    formal.lrcReason = "LMC to be told at the panel meeting";
    refused([&] { p.service.changeStage(p.c.id, formal); }, "pagReferralDate", "record the PAG referral first");
    p.service.recordPagReferral(p.c.id, QDate(2026, 9, 10));
    p.service.changeStage(p.c.id, formal);
    REQUIRE(p.service.get(p.c.id)->stage == "formal_action");
}

TEST_CASE("a panel decision waits for formal action and then sets the performers list status", "[performers][process]") {
    PerformerCase p;
    p.service.recordPagReferral(p.c.id, QDate(2026, 9, 10));
    refused([&] { p.service.recordPanelDecision(p.c.id, "suspension", QDate(2026, 9, 20), QDate(2026, 9, 21), QDate(2026, 12, 21)); },
            "panelOutcome", "The concern is at received: a decision panel's suspension follows formal action.");
    REQUIRE(p.status() == "included");
    p.toFormalAction();
    const struct {
        const char* outcome;
        const char* status;
    } cases[] = {{"conditions", "included_with_conditions"}, {"contingent_removal", "included_with_conditions"},
                 {"deferment", "deferred"},                  {"refusal", "refused"},
                 {"removal", "removed"}};
    for (const auto& k : cases) {
        INFO(k.outcome);
        p.service.recordPanelDecision(p.c.id, k.outcome, QDate(2026, 9, 20));
        CHECK(p.status() == k.status);
        CHECK(listStatusAfterPanel(k.outcome) == k.status);
    }
    p.service.recordPanelDecision(p.c.id, "suspension", QDate(2026, 9, 20), QDate(2026, 9, 21), QDate(2026, 12, 21));
    REQUIRE(p.status() == "suspended");
    REQUIRE(p.service.get(p.c.id)->suspensionReview == QDate(2026, 12, 21));
    p.service.recordPanelDecision(p.c.id, "no_action", QDate(2026, 10, 1));
    REQUIRE(p.status() == "suspended"); // no action leaves the list as it is
}

TEST_CASE("NHS Resolution is notified of the panel's decision, on or after it", "[performers][process]") {
    PerformerCase p;
    refused([&] { p.service.recordNhsResolutionNotified(p.c.id, QDate(2026, 9, 22)); }, "nhsResolutionNotified",
            "Record the decision panel's outcome first");
    p.toFormalAction();
    p.service.recordPanelDecision(p.c.id, "suspension", QDate(2026, 9, 20), QDate(2026, 9, 21), QDate(2026, 12, 21));
    refused([&] { p.service.recordNhsResolutionNotified(p.c.id, QDate(2026, 9, 19)); }, "nhsResolutionNotified",
            "on or after the panel's date (20/09/2026)");
    p.service.recordNhsResolutionNotified(p.c.id, QDate(2026, 9, 22), "Form sent to NHS Resolution");
    REQUIRE(p.service.get(p.c.id)->nhsResolutionNotified == QDate(2026, 9, 22));
    REQUIRE(p.service.timeline(p.c.id).last().title == "NHS Resolution notified of the suspension");
}

TEST_CASE("worklist: suspension reviews due and suspensions not yet notified", "[performers][process][worklist]") {
    PerformerCase p;
    p.toFormalAction();
    p.service.recordPanelDecision(p.c.id, "suspension", QDate(2026, 9, 20), QDate(2026, 9, 21), QDate(2026, 12, 21));
    // Not notified yet: on the worklist at once, without naming the performer (confidential).
    auto items = p.performerItems(QDate(2026, 10, 1));
    REQUIRE(items.size() == 1);
    CHECK(items.first().title == "Notify NHS Resolution of a suspension: a performer (confidential)");
    CHECK(items.first().overdue);
    p.service.recordNhsResolutionNotified(p.c.id, QDate(2026, 9, 22));
    const QDate review(2026, 12, 21);
    CHECK(p.performerItems(review.addDays(-policy::kSuspensionReviewDueWithinDays - 1)).isEmpty());
    items = p.performerItems(review.addDays(-policy::kSuspensionReviewDueWithinDays));
    REQUIRE(items.size() == 1);
    CHECK(items.first().title == "Suspension review due: a performer (confidential)");
    CHECK(items.first().due == review);
    CHECK_FALSE(items.first().overdue);
    CHECK(p.performerItems(review.addDays(1)).first().overdue);
}

TEST_CASE("an import refuses a panel decision recorded before formal action", "[performers][process][import]") {
    PerformerCase p;
    p.toFormalAction();
    p.service.recordPanelDecision(p.c.id, "suspension", QDate(2026, 9, 20), QDate(2026, 9, 21), QDate(2026, 12, 21));
    const QString path = exportAll(p.t.db(), p.t.file("performer.json"));
    tamper(path, "concern", p.c.id, "stage", "received");
    TempDb into;
    const QString reasons = importReasons(into.db(), path);
    REQUIRE(reasons.contains("a decision panel's suspension follows formal action"));
    REQUIRE(count(into.db(), "concern") == 0);
}
