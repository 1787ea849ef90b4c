#include "ConcernFixtures.h"
#include "TestSupport.h"
#include "concerns/Concern.h"
#include "concerns/RiskMatrix.h"
#include "store/Settings.h"

using namespace cb;
using namespace cbtest;

namespace {
// Runs fn, expecting a ValidationError whose message for field contains text; returns the error.
template <class F> ValidationError rejected(F&& fn, const QString& field, const QString& text) {
    try {
        fn();
    } catch (const ValidationError& e) {
        INFO(e.message().toStdString());
        REQUIRE(e.messageFor(field).contains(text));
        return e;
    }
    FAIL("expected a ValidationError on " << field.toStdString());
    throw;
}

struct Snapshot {
    explicit Snapshot(Database& db)
        : concerns(count(db, "concern")), events(count(db, "concern_event")), actions(count(db, "concern_action")),
          audit(count(db, "audit")) {}
    bool operator==(const Snapshot&) const = default;
    qint64 concerns, events, actions, audit;
};

struct Area {
    TempDb t;
    Contractor practice = makePractice(t.db());
    Contract contract = makeContract(t.db(), practice);
    ConcernService service{t.db()};
    Concern open() { return service.create(newConcern(t.db(), practice.id)); }
    QStringList kinds(const QString& id) {
        QStringList out;
        for (const TimelineEntry& e : service.timeline(id)) out << e.kind;
        return out;
    }
};
} // namespace

TEST_CASE("a new concern is saved with its defaults and a received entry on the timeline", "[concerns]") {
    Area a;
    const Concern c = a.open();
    REQUIRE(c.stage == "received");
    REQUIRE(c.level == "practice");
    REQUIRE(c.lrcCommittee == "LMC");
    REQUIRE(c.confidential == false);
    REQUIRE_FALSE(c.isGraded());
    const auto timeline = a.service.timeline(c.id);
    REQUIRE(timeline.size() == 1);
    REQUIRE(timeline[0].kind == "received");
    REQUIRE(timeline[0].who == "tester");
    REQUIRE(timeline[0].date == QDate(2026, 9, 1));
    REQUIRE(timeline[0].title == "Received (Complaint)");
    // The practice file's history shows it.
    REQUIRE(a.t.db().scalar("SELECT count(*) FROM audit WHERE entity = 'concern' AND contractor_id = ?", {a.practice.id}).toInt() == 1);
}

TEST_CASE("bad concern input is rejected field by field and writes nothing", "[concerns]") {
    Area a;
    const Snapshot before(a.t.db());
    Concern c = newConcern(a.t.db(), a.practice.id);
    c.summary = " ";
    c.owner.clear();
    c.source = "rumour";
    c.receivedDate = QDate(2026, 12, 1);
    c.consequence = 6;
    c.likelihood = 2;
    try {
        a.service.create(c);
        FAIL("accepted");
    } catch (const ValidationError& e) {
        REQUIRE(e.messageFor("summary") == "Write a one-line summary of the concern.");
        REQUIRE(e.messageFor("owner") == "Choose who owns the concern.");
        REQUIRE(e.messageFor("source").startsWith("Choose where the concern came from: Complaint"));
        REQUIRE(e.messageFor("receivedDate") == "The date received cannot be in the future.");
        REQUIRE(e.messageFor("consequence").contains("1 (negligible) to 5 (catastrophic)"));
    }
    Concern nobody = newConcern(a.t.db(), QString());
    rejected([&] { a.service.create(nobody); }, "contractorId", "Choose the contractor or the performer");
    Concern advanced = newConcern(a.t.db(), a.practice.id);
    advanced.stage = "investigating";
    rejected([&] { a.service.create(advanced); }, "stage", "starts at the received stage");
    Concern otherContract = newConcern(a.t.db(), a.practice.id);
    const Contractor other = makePractice(a.t.db(), "B82002");
    otherContract.contractId = makeContract(a.t.db(), other).id;
    const Snapshot withOther(a.t.db());
    rejected([&] { a.service.create(otherContract); }, "contractId", "this contractor's own contracts");
    REQUIRE(Snapshot(a.t.db()) == withOther);
    REQUIRE(count(a.t.db(), "concern") == before.concerns);
}

TEST_CASE("a concern about a named performer is confidential by default, at the individual level", "[concerns]") {
    Area a;
    const Performer gp = makePerformer(a.t.db());
    const Concern c = a.service.create(newConcern(a.t.db(), a.practice.id, gp.id));
    REQUIRE(c.confidential == true);
    REQUIRE(c.level == "individual");
    Concern chosen = newConcern(a.t.db(), a.practice.id, gp.id);
    chosen.confidential = false; // the caseworker may switch it off
    REQUIRE(a.service.create(chosen).confidential == false);
    REQUIRE(a.service.draft(a.practice.id, gp.id).confidential == true);
    REQUIRE(a.service.draft(a.practice.id).confidential == false);
    Concern wrongLevel = newConcern(a.t.db(), a.practice.id);
    wrongLevel.level = "individual";
    rejected([&] { a.service.create(wrongLevel); }, "performerId", "Choose the performer");
}

TEST_CASE("the LRC is derived from the contractor group, or the performer's profession", "[concerns]") {
    Area a;
    const Contractor dental = makePractice(a.t.db(), "V100001", "dental");
    REQUIRE(a.service.create(newConcern(a.t.db(), dental.id)).lrcCommittee == "LDC");
    const Contractor optician = makePractice(a.t.db(), "TP10001", "eye_health");
    REQUIRE(a.service.draft(optician.id).lrcCommittee == "LOC");
    const Performer pharmacist = makePerformer(a.t.db(), "pharmacist", "2000001");
    REQUIRE(a.service.create(newConcern(a.t.db(), QString(), pharmacist.id)).lrcCommittee == "LPC");
    REQUIRE(a.service.draft(a.practice.id).lrcCommittee == "LMC");
}

TEST_CASE("grading gives the score and band, and re-grading keeps the earlier grading on the timeline", "[concerns]") {
    Area a;
    const Concern c = a.open();
    a.service.grade(c.id, 2, 3, "First look", QDate(2026, 9, 2));
    Concern graded = *a.service.get(c.id);
    REQUIRE(graded.score() == 6);
    REQUIRE(a.service.bands().bandFor(graded.score()) == "moderate");
    a.service.grade(c.id, 4, 4, "Second complaint received", QDate(2026, 9, 20));
    graded = *a.service.get(c.id);
    REQUIRE(graded.score() == 16);
    REQUIRE(a.service.bands().bandFor(16) == "extreme");
    const auto timeline = a.service.timeline(c.id);
    REQUIRE(timeline.size() == 3);
    REQUIRE(timeline[1].title == "Graded: Minor x Possible = 6 (moderate)");
    REQUIRE(timeline[2].title == "Re-graded: Major x Likely = 16 (extreme)");
    REQUIRE(timeline[2].text == "Was Minor x Possible = 6 (moderate). Second complaint received");

    const Snapshot before(a.t.db());
    rejected([&] { a.service.grade(c.id, 0, 3); }, "consequence", "Choose a consequence from 1");
    rejected([&] { a.service.grade(c.id, 3, 6); }, "likelihood", "Choose a likelihood from 1 (rare) to 5");
    rejected([&] { a.service.grade(c.id, 4, 4); }, "consequence", "already graded Major x Likely = 16");
    rejected([&] { a.service.grade(c.id, 1, 1, {}, QDate(2026, 8, 1)); }, "date", "before the concern was received");
    REQUIRE(Snapshot(a.t.db()) == before);
}

TEST_CASE("the 5x5 matrix names and default bands follow the primer", "[concerns][risk]") {
    REQUIRE(risk::consequenceName(1) == "Negligible");
    REQUIRE(risk::consequenceName(5) == "Catastrophic");
    REQUIRE(risk::likelihoodName(5) == "Almost certain");
    const risk::Bands b;
    REQUIRE(b.bandFor(0) == "");
    REQUIRE(b.bandFor(3) == "low");
    REQUIRE(b.bandFor(4) == "moderate");
    REQUIRE(b.bandFor(6) == "moderate");
    REQUIRE(b.bandFor(8) == "high");
    REQUIRE(b.bandFor(12) == "high");
    REQUIRE(b.bandFor(15) == "extreme");
    REQUIRE(b.bandFor(25) == "extreme");
    REQUIRE(b.range("high") == std::pair<int, int>{7, 12});
}

TEST_CASE("band thresholds are configurable settings, validated and audited", "[concerns][risk]") {
    Area a;
    Settings settings(a.t.db());
    REQUIRE(risk::loadBands(settings) == risk::Bands{});
    const Concern c = a.open();
    a.service.grade(c.id, 2, 4); // 8: high by default
    ConcernFilter high;
    high.band = "high";
    REQUIRE(a.service.count(high) == 1);

    risk::saveBands(settings, risk::Bands{4, 8, 14});
    REQUIRE(risk::loadBands(settings) == risk::Bands{4, 8, 14});
    REQUIRE(a.service.bands().bandFor(8) == "moderate");
    REQUIRE(a.service.count(high) == 0);
    ConcernFilter moderate;
    moderate.band = "moderate";
    REQUIRE(a.service.list(moderate).value(0).band == "moderate");
    REQUIRE(a.t.db().scalar("SELECT count(*) FROM audit WHERE entity = 'setting'").toInt() == 3);

    const qint64 audit = count(a.t.db(), "audit");
    try {
        risk::saveBands(settings, risk::Bands{6, 5, 25});
        FAIL("accepted");
    } catch (const ValidationError& e) {
        REQUIRE(e.messageFor("moderateMax") == "The highest moderate score must be above the highest low score (6).");
        REQUIRE(e.messageFor("highMax") == "The highest high score must be below 25, so that extreme risks exist.");
    }
    REQUIRE(count(a.t.db(), "audit") == audit);
    REQUIRE(risk::loadBands(settings) == risk::Bands{4, 8, 14});
}

TEST_CASE("settings store any feature's values with defaults", "[settings]") {
    TempDb t;
    Settings s(t.db());
    REQUIRE(s.integer("worklist.action_due_days", 7) == 7);
    s.set("worklist.action_due_days", 10);
    REQUIRE(s.integer("worklist.action_due_days", 7) == 10);
    s.set("lpn.term_warning_days", QStringLiteral("ninety"));
    REQUIRE(s.integer("lpn.term_warning_days", 90) == 90); // not a number: the default
    s.set("tier.qof_min_percent", 80.5);
    REQUIRE(s.number("tier.qof_min_percent", 85) == 80.5);
    s.reset("worklist.action_due_days");
    REQUIRE_FALSE(s.value("worklist.action_due_days").has_value());
    const qint64 rows = count(t.db(), "setting");
    REQUIRE_THROWS_AS(s.set("Bad Key!", 1), ValidationError);
    REQUIRE(count(t.db(), "setting") == rows);
}

TEST_CASE("every stage change needs a reason", "[concerns][stages]") {
    Area a;
    const Concern c = a.open();
    const Snapshot before(a.t.db());
    rejected([&] { a.service.changeStage(c.id, to("triaged", " ")); }, "reason", "Give the reason for moving the concern to triaged.");
    rejected([&] { a.service.changeStage(c.id, to("received")); }, "stage", "The concern is already at the received stage.");
    rejected([&] { a.service.changeStage(c.id, to("paused")); }, "stage", "Choose a stage: Received, Triaged");
    rejected([&] { a.service.changeStage(c.id, to("triaged", "ok", QDate(2026, 12, 1))); }, "date", "cannot be in the future");
    REQUIRE(Snapshot(a.t.db()) == before);
    a.service.changeStage(c.id, to("triaged", "Initial review done"));
    REQUIRE(a.service.get(c.id)->stage == "triaged");
    const TimelineEntry last = a.service.timeline(c.id).last();
    REQUIRE(last.title == "Stage: Received -> Triaged");
    REQUIRE(last.text == "Initial review done");
    rejected([&] { a.service.changeStage(c.id, to("investigating", "later", QDate(2026, 9, 15))); }, "date",
             "before the last stage change (01/10/2026)");
}

TEST_CASE("formal action comes after support to improve unless the concern is serious with a written reason", "[concerns][stages]") {
    Area a;
    const ContractEvent notice = eventDraft(a.contract, "remedial_notice", QDate(2026, 10, 5));
    const Concern c = a.open();
    a.service.recordLrcInformed(c.id, QDate(2026, 10, 2));
    a.service.changeStage(c.id, to("investigating"));
    StageChange formal = to("formal_action", "Hours still not restored", QDate(2026, 10, 6));
    formal.newNotice = notice;
    const Snapshot before(a.t.db());
    rejected([&] { a.service.changeStage(c.id, formal); }, "serious",
             "Support to improve comes before formal action. Move the concern to support to improve and give it at "
             "least 28 days, or mark the concern serious and write why.");
    rejected([&] { a.service.changeStage(c.id, formal); }, "noticeEventDate",
             "Support to improve comes before the remedial notice.");
    formal.serious = true;
    rejected([&] { a.service.changeStage(c.id, formal); }, "seriousReason",
             "Write why the concern is serious enough for formal action without support to improve first.");
    REQUIRE(Snapshot(a.t.db()) == before);
    formal.seriousReason = "Patients were turned away from urgent appointments";
    a.service.changeStage(c.id, formal);
    const Concern after = *a.service.get(c.id);
    REQUIRE(after.stage == "formal_action");
    REQUIRE(after.serious);
    REQUIRE(after.seriousReason == "Patients were turned away from urgent appointments");
    REQUIRE(after.noticeEventId == notice.id);
    REQUIRE(after.contractId == a.contract.id);
    REQUIRE(a.kinds(c.id).contains("serious"));
}

TEST_CASE("formal action after support to improve needs no serious marking", "[concerns][stages]") {
    Area a;
    const ContractEvent notice = eventDraft(a.contract, "breach_notice", QDate(2026, 10, 5));
    const Concern c = a.open();
    a.service.recordLrcInformed(c.id, QDate(2026, 9, 3));
    a.service.changeStage(c.id, to("support_to_improve", "Action plan agreed", QDate(2026, 9, 5)));
    a.service.changeStage(c.id, to("monitoring", "Plan under way", QDate(2026, 9, 20)));
    StageChange formal = to("formal_action", "Plan not followed", QDate(2026, 10, 6));
    formal.newNotice = notice;
    a.service.changeStage(c.id, formal);
    REQUIRE(a.service.get(c.id)->stage == "formal_action");
    REQUIRE_FALSE(a.service.get(c.id)->serious);
}

TEST_CASE("formal action links to a remedial or breach notice on the contractor's contract", "[concerns][stages]") {
    Area a;
    const Concern c = a.open();
    a.service.recordLrcInformed(c.id, QDate(2026, 9, 2));
    a.service.changeStage(c.id, to("support_to_improve", "Plan agreed", QDate(2026, 9, 5)));
    StageChange formal = to("formal_action", "Plan not followed", QDate(2026, 10, 6));
    rejected([&] { a.service.changeStage(c.id, formal); }, "noticeEventId",
             "Record the remedial, breach or termination notice issued on the contract for this formal action");
    formal.noticeEventId = makeEvent(a.t.db(), a.contract, "variation", QDate(2026, 10, 1)).id;
    rejected([&] { a.service.changeStage(c.id, formal); }, "noticeEventId",
             "Formal action links to a remedial, breach or termination notice, not a variation.");
    const Contractor other = makePractice(a.t.db(), "B82002");
    formal.noticeEventId = makeEvent(a.t.db(), makeContract(a.t.db(), other), "remedial_notice", QDate(2026, 10, 1)).id;
    rejected([&] { a.service.changeStage(c.id, formal); }, "noticeEventId", "on another contractor's contract");
    formal.noticeEventId = "no-such-notice";
    rejected([&] { a.service.changeStage(c.id, formal); }, "noticeEventId", "no longer exists");
    REQUIRE(a.service.get(c.id)->stage == "support_to_improve");
    formal.noticeEventId = makeEvent(a.t.db(), a.contract, "remedial_notice", QDate(2026, 10, 5)).id;
    rejected([&] { a.service.changeStage(c.id, formal); }, "noticeEventId", "That notice arises from another concern");
    formal.noticeEventId.clear();
    formal.newNotice = eventDraft(a.contract, "remedial_notice", QDate(2026, 10, 5));
    a.service.changeStage(c.id, formal);
    REQUIRE(a.service.get(c.id)->noticeEventId == formal.newNotice->id);
    REQUIRE(a.service.timeline(c.id).last().detail == formal.newNotice->id);
    REQUIRE(ContractBook(a.t.db()).event(formal.newNotice->id)->concernId == c.id);
}

TEST_CASE("formal action before the LRC is recorded as informed asks for a reason", "[concerns][stages]") {
    Area a;
    const ContractEvent notice = eventDraft(a.contract, "remedial_notice", QDate(2026, 10, 5));
    const Concern c = a.open();
    a.service.changeStage(c.id, to("support_to_improve", "Plan agreed", QDate(2026, 9, 5)));
    StageChange formal = to("formal_action", "Plan not followed", QDate(2026, 10, 6));
    formal.newNotice = notice;
    rejected([&] { a.service.changeStage(c.id, formal); }, "lrcReason",
             "The LMC has not been recorded as informed by 06/10/2026. Record when it was told, or give the reason "
             "formal action goes ahead first.");
    // Informed only after the date of the action: still before.
    a.service.recordLrcInformed(c.id, QDate(2026, 10, 8));
    rejected([&] { a.service.changeStage(c.id, formal); }, "lrcReason", "The LMC has not been recorded as informed by 06/10/2026.");
    formal.lrcReason = "Patient safety: the LMC secretary is away until next week";
    a.service.changeStage(c.id, formal);
    const auto timeline = a.service.timeline(c.id); // in date order: the late LRC entry comes after
    const TimelineEntry last = timeline.at(timeline.size() - 2);
    REQUIRE(last.kind == "stage");
    REQUIRE(timeline.last().kind == "lrc_informed");
    REQUIRE(last.text.contains("Before the LMC was informed: Patient safety"));
}

TEST_CASE("formal action with the LRC informed beforehand needs no LRC reason", "[concerns][stages]") {
    Area a;
    const ContractEvent notice = eventDraft(a.contract, "remedial_notice", QDate(2026, 10, 6));
    const Concern c = a.open();
    rejected([&] { a.service.recordLrcInformed(c.id, QDate(2026, 8, 1)); }, "lrcInformedDate", "before the concern was received");
    a.service.recordLrcInformed(c.id, QDate(2026, 9, 30), "Letter to the LMC secretary");
    REQUIRE(a.service.timeline(c.id).last().title == "LMC informed");
    a.service.changeStage(c.id, to("support_to_improve", "Plan agreed", QDate(2026, 9, 2)));
    StageChange formal = to("formal_action", "Plan not followed", QDate(2026, 10, 6));
    formal.newNotice = notice;
    a.service.changeStage(c.id, formal);
    REQUIRE(a.service.get(c.id)->stage == "formal_action");
}

TEST_CASE("closing a concern needs an outcome, reopening clears the closing date", "[concerns][stages]") {
    Area a;
    const Concern c = a.open();
    const Snapshot before(a.t.db());
    rejected([&] { a.service.changeStage(c.id, to("closed", "Resolved")); }, "outcome",
             "Write the outcome the concern closes with.");
    REQUIRE(Snapshot(a.t.db()) == before);
    StageChange close = to("closed", "Resolved");
    close.outcome = "New telephone system installed; complaints stopped";
    a.service.changeStage(c.id, close);
    Concern closed = *a.service.get(c.id);
    REQUIRE(closed.stage == "closed");
    REQUIRE(closed.closedDate == QDate(2026, 10, 1));
    REQUIRE(closed.outcome == "New telephone system installed; complaints stopped");
    REQUIRE(a.service.timeline(c.id).last().text.contains("Outcome: New telephone system"));
    rejected([&] { a.service.grade(c.id, 2, 2); }, "stage", "reopen it before grading");
    a.service.changeStage(c.id, to("investigating", "Complaints started again", QDate(2026, 11, 1)));
    REQUIRE_FALSE(a.service.get(c.id)->closedDate.isValid());
}

TEST_CASE("regulator referrals name a regulator that fits the subject", "[concerns][referrals]") {
    Area a;
    const Performer dentist = makePerformer(a.t.db(), "dentist", "50001");
    const Concern c = a.service.create(newConcern(a.t.db(), a.practice.id, dentist.id));
    rejected([&] { a.service.recordRegulatorReferral(c.id, "NMC", QDate(2026, 9, 5)); }, "regulator",
             "Choose the regulator: CQC, GMC, GDC, GOC, GPhC.");
    rejected([&] { a.service.recordRegulatorReferral(c.id, "GMC", QDate(2026, 9, 5)); }, "regulator",
             "Amelia Jones is registered with the GDC, not the GMC.");
    rejected([&] { a.service.recordRegulatorReferral(c.id, "GDC", QDate()); }, "regulatorReferralDate", "Enter the date of the referral");
    a.service.recordRegulatorReferral(c.id, "GDC", QDate(2026, 9, 5), "Fitness to practise referral");
    const Concern after = *a.service.get(c.id);
    REQUIRE(after.regulator == "GDC");
    REQUIRE(after.regulatorReferralDate == QDate(2026, 9, 5));
    REQUIRE(a.service.timeline(c.id).last().title == "Referred to the GDC");
}

TEST_CASE("performer concerns go to the PAG and the decision panel", "[concerns][referrals]") {
    Area a;
    const Concern practiceLevel = a.open();
    rejected([&] { a.service.recordPagReferral(practiceLevel.id, QDate(2026, 9, 5)); }, "pagReferralDate",
             "Only concerns about a named performer go to the Performance Advisory Group.");
    const Performer pharmacist = makePerformer(a.t.db(), "pharmacist", "2000001");
    const Concern pharm = a.service.create(newConcern(a.t.db(), QString(), pharmacist.id));
    rejected([&] { a.service.recordPagReferral(pharm.id, QDate(2026, 9, 5)); }, "pagReferralDate",
             "Pharmacists are not on the performers lists");

    const Performer gp = makePerformer(a.t.db());
    const Concern c = a.service.create(newConcern(a.t.db(), QString(), gp.id));
    rejected([&] { a.service.recordPanelDecision(c.id, "conditions", QDate(2026, 9, 20)); }, "panelOutcome",
             "Record the PAG referral before the decision panel's outcome.");
    a.service.recordPagReferral(c.id, QDate(2026, 9, 10));
    rejected([&] { a.service.recordPanelDecision(c.id, "removal", QDate(2026, 9, 20)); }, "panelOutcome",
             "The concern is at received: a decision panel's removal follows formal action.");
    StageChange formal = to("formal_action", "Referred to the decision panel", QDate(2026, 9, 10));
    formal.serious = true;
    formal.seriousReason = "Allegation of harm to patients";
    formal.lrcReason = "LMC to be told at the panel meeting";
    a.service.changeStage(c.id, formal);
    const Snapshot before(a.t.db());
    rejected([&] { a.service.recordPanelDecision(c.id, "suspension", QDate(2026, 9, 20)); }, "suspensionStart",
             "Enter the date the suspension starts.");
    rejected([&] { a.service.recordPanelDecision(c.id, "suspension", QDate(2026, 9, 20), QDate(2026, 9, 21), QDate(2026, 9, 21)); },
             "suspensionReview", "The review date must be after the suspension starts (21/09/2026).");
    rejected([&] { a.service.recordPanelDecision(c.id, "conditions", QDate(2026, 9, 20), QDate(2026, 9, 21)); },
             "suspensionStart", "Suspension dates apply only when the panel's outcome is suspension.");
    rejected([&] { a.service.recordPanelDecision(c.id, "caution", QDate(2026, 9, 20)); }, "panelOutcome",
             "Choose the decision panel's outcome: No action, Refusal of inclusion, Deferment of the decision on "
             "inclusion, Conditional inclusion, Contingent removal, Suspension, Removal.");
    rejected([&] { a.service.recordPanelDecision(c.id, "removal", QDate(2026, 9, 1)); }, "panelDate", "before the PAG referral");
    REQUIRE(Snapshot(a.t.db()) == before);
    a.service.recordPanelDecision(c.id, "suspension", QDate(2026, 9, 20), QDate(2026, 9, 21), QDate(2026, 12, 21));
    const Concern after = *a.service.get(c.id);
    REQUIRE(after.panelOutcome == "suspension");
    REQUIRE(after.suspensionReview == QDate(2026, 12, 21));
    const auto timeline = a.service.timeline(c.id);
    const TimelineEntry panel = timeline.at(timeline.size() - 2);
    REQUIRE(panel.title == "Decision panel: Suspension");
    REQUIRE(panel.text.startsWith("Suspended from 21/09/2026, review on 21/12/2026."));
    REQUIRE(timeline.last().text == "Performers list status of Amelia Jones: Included -> Suspended");
    REQUIRE(PerformerService(a.t.db()).get(gp.id)->listStatus == "suspended");
}

TEST_CASE("formal action on a performer-only concern needs the PAG referral first", "[concerns][stages]") {
    Area a;
    const Performer gp = makePerformer(a.t.db());
    const Concern c = a.service.create(newConcern(a.t.db(), QString(), gp.id));
    a.service.changeStage(c.id, to("support_to_improve", "Remediation plan", QDate(2026, 9, 5)));
    StageChange formal = to("formal_action", "Plan failed", QDate(2026, 10, 6));
    formal.lrcReason = "LMC to be told at the panel";
    rejected([&] { a.service.changeStage(c.id, formal); }, "pagReferralDate", "record the PAG referral first");
    a.service.recordPagReferral(c.id, QDate(2026, 10, 2));
    a.service.changeStage(c.id, formal);
    REQUIRE(a.service.get(c.id)->stage == "formal_action");
}

TEST_CASE("actions have owners and due dates, overdue ones are found", "[concerns][actions]") {
    Area a;
    const Concern c = a.open();
    const Snapshot before(a.t.db());
    try {
        a.service.addAction(ConcernAction{QString(), c.id, " ", QString(), QDate(), QDate(), QString()});
        FAIL("accepted");
    } catch (const ValidationError& e) {
        REQUIRE(e.messageFor("description") == "Describe the action.");
        REQUIRE(e.messageFor("owner") == "Choose who owns the action.");
        REQUIRE(e.messageFor("dueDate") == "Enter the date the action is due.");
    }
    REQUIRE(Snapshot(a.t.db()) == before);
    const ConcernAction late = a.service.addAction({QString(), c.id, "Send the action plan", "Sam", QDate(2026, 11, 1), {}, {}});
    a.service.addAction({QString(), c.id, "Review call data", "Sam", QDate(2026, 12, 15), {}, {}});
    REQUIRE(late.isOverdue(a.t.clock.today()));
    ConcernFilter overdue;
    overdue.overdueOnly = true;
    REQUIRE(a.service.count(overdue) == 1);
    const ConcernListItem item = a.service.list(overdue).value(0);
    REQUIRE(item.openActions == 2);
    REQUIRE(item.overdueActions == 1);
    REQUIRE(item.nextDue == QDate(2026, 11, 1));
    rejected([&] { a.service.completeAction(late.id, QDate(2026, 11, 20), " "); }, "result", "Record the result");
    a.service.completeAction(late.id, QDate(2026, 11, 20), "Plan received");
    REQUIRE(a.service.count(overdue) == 0);
    rejected([&] { a.service.completeAction(late.id, QDate(2026, 11, 21), "again"); }, "completedDate", "already completed on 20/11/2026");
    const auto timeline = a.service.timeline(c.id);
    REQUIRE(timeline.last().kind == "action_added"); // dated the day it was entered (22/11/2026)
    const auto done = std::find_if(timeline.begin(), timeline.end(), [](const TimelineEntry& e) { return e.kind == "action_completed"; });
    REQUIRE(done != timeline.end());
    const TimelineEntry last = *done;
    REQUIRE(last.date == QDate(2026, 11, 20));
    REQUIRE(last.text == "Send the action plan: Plan received");
}

TEST_CASE("the timeline lists every step with its date and who", "[concerns][timeline]") {
    Area a;
    const ContractEvent notice = eventDraft(a.contract, "remedial_notice", QDate(2026, 10, 10));
    const Concern c = a.open();
    a.service.grade(c.id, 3, 3, {}, QDate(2026, 9, 2));
    a.service.changeStage(c.id, to("triaged", "Looked at", QDate(2026, 9, 3)));
    a.service.addNote(c.id, "Spoke to the practice manager", QDate(2026, 9, 4));
    a.service.changeStage(c.id, to("investigating", "Data requested", QDate(2026, 9, 5)));
    a.service.recordRegulatorReferral(c.id, "CQC", QDate(2026, 9, 6));
    a.service.grade(c.id, 4, 4, "Worse than thought", QDate(2026, 9, 7));
    a.service.changeStage(c.id, to("support_to_improve", "Plan agreed", QDate(2026, 9, 8)));
    const ConcernAction act = a.service.addAction({QString(), c.id, "Deliver the plan", "Sam", QDate(2026, 10, 8), {}, {}});
    a.service.recordLrcInformed(c.id, QDate(2026, 10, 9));
    StageChange formal = to("formal_action", "Plan not delivered", QDate(2026, 10, 10));
    formal.newNotice = notice;
    a.service.changeStage(c.id, formal);
    a.service.completeAction(act.id, QDate(2026, 10, 12), "Partly delivered");
    a.service.changeStage(c.id, to("monitoring", "Notice complied with", QDate(2026, 11, 10)));
    StageChange close = to("closed", "Sustained", QDate(2026, 11, 20));
    close.outcome = "Access restored and sustained";
    a.service.changeStage(c.id, close);

    const auto timeline = a.service.timeline(c.id);
    QStringList titles;
    for (const TimelineEntry& e : timeline) {
        REQUIRE(e.who == "tester");
        REQUIRE(e.date.isValid());
        REQUIRE_FALSE(e.recordedAt.isEmpty());
        titles << e.title;
    }
    REQUIRE(titles == QStringList{"Received (Complaint)",
                                  "Graded: Moderate x Possible = 9 (high)",
                                  "Stage: Received -> Triaged",
                                  "Note",
                                  "Stage: Triaged -> Investigating",
                                  "Referred to the CQC",
                                  "Re-graded: Major x Likely = 16 (extreme)",
                                  "Stage: Investigating -> Support to improve",
                                  "LMC informed",
                                  "Stage: Support to improve -> Formal action",
                                  "Action completed",
                                  "Stage: Formal action -> Monitoring",
                                  "Stage: Monitoring -> Closed",
                                  "Action added"}); // entered today, 22/11/2026
}

TEST_CASE("the concerns list filters by band, stage, owner and confidentiality", "[concerns][list]") {
    Area a;
    const Performer gp = makePerformer(a.t.db());
    Concern first = newConcern(a.t.db(), a.practice.id);
    first.owner = "Alex";
    first.consequence = 5;
    first.likelihood = 4;
    const Concern extreme = a.service.create(first);
    const Concern confidential = a.service.create(newConcern(a.t.db(), a.practice.id, gp.id));
    const Concern low = a.open();
    a.service.grade(low.id, 1, 2);
    a.service.changeStage(low.id, to("triaged"));

    ConcernFilter f;
    REQUIRE(a.service.count(f) == 3);
    f.band = "extreme";
    REQUIRE(a.service.list(f).value(0).concern.id == extreme.id);
    f = {};
    f.band = "ungraded";
    REQUIRE(a.service.list(f).value(0).concern.id == confidential.id);
    f = {};
    f.stage = "triaged";
    REQUIRE(a.service.list(f).value(0).concern.id == low.id);
    f = {};
    f.owner = "Alex";
    REQUIRE(a.service.count(f) == 1);
    f = {};
    f.confidential = false;
    REQUIRE(a.service.count(f) == 2);
    f.confidential = true;
    const auto rows = a.service.list(f);
    REQUIRE(rows.size() == 1);
    REQUIRE(rows[0].performerName == "Amelia Jones");
    REQUIRE(rows[0].contractorLabel == "A81001 Oakfield Surgery A81001");
    f = {};
    f.search = "telephone";
    REQUIRE(a.service.count(f) == 3);
    REQUIRE(a.service.owners() == QStringList{"Alex", "Sam Caseworker"});
    REQUIRE(a.service.list({}, 1, 1).size() == 1);
}

TEST_CASE("editing a concern keeps stage and grading, and marks seriousness on the timeline", "[concerns]") {
    Area a;
    const Concern c = a.open();
    a.service.grade(c.id, 3, 4);
    Concern edited = *a.service.get(c.id);
    edited.summary = "Telephone access and online booking failing";
    edited.stage = "closed";   // ignored: stages move through changeStage
    edited.consequence = 1;    // ignored: grading goes through grade
    edited.serious = true;
    const Snapshot before(a.t.db());
    rejected([&] { a.service.update(edited); }, "seriousReason", "Write why the concern is serious.");
    REQUIRE(Snapshot(a.t.db()) == before);
    edited.seriousReason = "Vulnerable patients affected";
    a.service.update(edited);
    const Concern after = *a.service.get(c.id);
    REQUIRE(after.summary == "Telephone access and online booking failing");
    REQUIRE(after.stage == "received");
    REQUIRE(after.consequence == 3);
    REQUIRE(a.service.timeline(c.id).last().kind == "serious");
}
