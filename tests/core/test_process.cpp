// The proportionate process (issue 14, item 1): notices arise from a concern after support to
// improve for the policy period, with the LRC informed; reasons that waive a rule have substance;
// closing leaves no open actions. Each rule through the concern service and through an import.
#include "ConcernFixtures.h"
#include "ProcessFixtures.h"
#include "TestSupport.h"
#include "common/Identifiers.h"
#include "common/Policy.h"
#include "concerns/Concern.h"
#include "concerns/Proportionality.h"
#include "concerns/Reason.h"

using namespace cb;
using namespace cbtest;

namespace {
struct Counts {
    explicit Counts(Database& db)
        : concerns(count(db, "concern")), timeline(count(db, "concern_event")), events(count(db, "contract_event")),
          audit(count(db, "audit")) {}
    bool operator==(const Counts&) const = default;
    qint64 concerns, timeline, events, audit;
};

// A practice with a concern in support to improve since 01/09/2026, the LMC told on 02/09/2026.
struct Supported {
    TempDb t;
    Contractor practice = makePractice(t.db());
    Contract contract = makeContract(t.db(), practice);
    ConcernService service{t.db()};
    Concern c = [this] {
        Concern n = newConcern(t.db(), practice.id);
        n.receivedDate = QDate(2026, 8, 20);
        const Concern made = service.create(n);
        service.recordLrcInformed(made.id, QDate(2026, 9, 2));
        service.changeStage(made.id, to("support_to_improve", "Action plan agreed", QDate(2026, 9, 1)));
        return *service.get(made.id);
    }();
    StageChange formalWith(const QDate& noticeDate) {
        StageChange s = to("formal_action", "Plan not followed", noticeDate);
        s.newNotice = eventDraft(contract, "remedial_notice", noticeDate);
        return s;
    }
};

} // namespace

TEST_CASE("a reason that waives a rule has substance: placeholders and a word or two are refused", "[process][reasons]") {
    for (const char* weak : {"", " ", "n/a", "N/A", "x", ".", "-", "none", "None.", "tbc", "not applicable", "see above",
                             "urgent", "too short", "x x x", "a b c"})
        CHECK_FALSE(isSubstantiveReason(QString::fromUtf8(weak)));
    for (const char* good : {"Patients put at risk", "LMC secretary away until Monday",
                             "Second breach of core hours this year"})
        CHECK(isSubstantiveReason(QString::fromUtf8(good)));
    Issues issues;
    requireReason(issues, "why", "n/a", "why the concern is serious");
    REQUIRE(issues.list().size() == 1);
    CHECK(issues.list().first().message ==
          QStringLiteral("Write why the concern is serious in at least %1 words: \"n/a\" is not a reason a reader can act on.")
              .arg(policy::kReasonMinWords));
}

TEST_CASE("a notice cannot be recorded on a contract without the concern it arises from", "[process][notices]") {
    Supported s;
    ContractBook book(s.t.db());
    const Counts before(s.t.db());
    for (const char* kind : {"remedial_notice", "breach_notice", "termination_notice"}) {
        ContractEvent e = eventDraft(s.contract, kind, QDate(2026, 10, 1));
        refused([&] { book.addEvent(e); }, "concernId", "arises from a performance concern");
        e.concernId = s.c.id; // the concern is only at support to improve
        refused([&] { book.addEvent(e); }, "concernId", "The concern is at support to improve. Move it to formal action");
    }
    REQUIRE(Counts(s.t.db()) == before);
    // Other events name no concern.
    ContractEvent variation = eventDraft(s.contract, "variation", QDate(2026, 10, 1));
    variation.concernId = s.c.id;
    refused([&] { book.addEvent(variation); }, "concernId", "Only remedial, breach and termination notices");
}

TEST_CASE("support to improve runs the policy period before the notice: one day short is refused", "[process][notices]") {
    Supported s;
    const QDate earliest = QDate(2026, 9, 1).addDays(policy::kSupportToImproveMinDays); // 29/09/2026
    const Counts before(s.t.db());
    refused([&] { s.service.changeStage(s.c.id, s.formalWith(earliest.addDays(-1))); }, "serious",
            QStringLiteral("Support to improve began on 01/09/2026 and needs at least %1 days before formal action: date "
                           "it on or after %2")
                .arg(policy::kSupportToImproveMinDays)
                .arg(fmt::date(earliest)));
    // A notice dated before support began (the formal action itself later) is refused too.
    StageChange early = s.formalWith(earliest);
    early.newNotice->eventDate = QDate(2026, 8, 25);
    early.newNotice->deadline = QDate(2026, 9, 30);
    refused([&] { s.service.changeStage(s.c.id, early); }, "noticeEventDate",
            "Support to improve began on 01/09/2026 and needs at least");
    REQUIRE(Counts(s.t.db()) == before);
    REQUIRE(s.service.get(s.c.id)->stage == "support_to_improve");

    const StageChange formal = s.formalWith(earliest);
    s.service.changeStage(s.c.id, formal);
    const Concern after = *s.service.get(s.c.id);
    REQUIRE(after.stage == "formal_action");
    REQUIRE(after.noticeEventId == formal.newNotice->id);
    const ContractEvent notice = *ContractBook(s.t.db()).event(formal.newNotice->id);
    REQUIRE(notice.concernId == s.c.id);
    REQUIRE(notice.kind == "remedial_notice");
    REQUIRE(s.service.timeline(s.c.id).last().text.contains("Remedial notice issued"));
}

TEST_CASE("a concern marked serious skips support to improve only with a reason of substance", "[process][notices]") {
    TempDb t;
    const Contractor practice = makePractice(t.db());
    const Contract contract = makeContract(t.db(), practice);
    ConcernService service(t.db());
    const Concern c = service.create(newConcern(t.db(), practice.id));
    service.recordLrcInformed(c.id, QDate(2026, 9, 2));
    StageChange formal = to("formal_action", "Immediate risk", QDate(2026, 9, 3));
    formal.newNotice = eventDraft(contract, "breach_notice", QDate(2026, 9, 3));
    formal.serious = true;
    for (const char* weak : {"n/a", "x", ".", "-", "none", "very bad"}) {
        formal.seriousReason = QString::fromUtf8(weak);
        refused([&] { service.changeStage(c.id, formal); }, "seriousReason", "is not a reason a reader can act on");
    }
    // Marking it serious in the editor takes the same substance.
    Concern edited = *service.get(c.id);
    edited.serious = true;
    edited.seriousReason = "n/a";
    refused([&] { service.update(edited); }, "seriousReason", "is not a reason a reader can act on");
    REQUIRE(service.get(c.id)->stage == "received");
    formal.seriousReason = "Patients were turned away from urgent appointments";
    service.changeStage(c.id, formal);
    REQUIRE(service.get(c.id)->stage == "formal_action");
    REQUIRE(service.timeline(c.id).at(service.timeline(c.id).size() - 2).kind == "serious");
}

TEST_CASE("the LRC is informed on or before the notice, or a reason of substance goes on the timeline", "[process][notices]") {
    TempDb t;
    const Contractor practice = makePractice(t.db());
    const Contract contract = makeContract(t.db(), practice);
    ConcernService service(t.db());
    const Concern c = service.create(newConcern(t.db(), practice.id));
    service.changeStage(c.id, to("support_to_improve", "Plan agreed", QDate(2026, 9, 1)));
    const QDate day = QDate(2026, 10, 1);
    StageChange formal = to("formal_action", "Plan not followed", day);
    formal.newNotice = eventDraft(contract, "remedial_notice", day);
    refused([&] { service.changeStage(c.id, formal); }, "lrcReason", "The LMC has not been recorded as informed by 01/10/2026");
    formal.lrcReason = "x";
    refused([&] { service.changeStage(c.id, formal); }, "lrcReason", "is not a reason a reader can act on");
    service.recordLrcInformed(c.id, day.addDays(1)); // the day after: still too late
    formal.lrcReason.clear();
    refused([&] { service.changeStage(c.id, formal); }, "lrcReason", "has not been recorded as informed by 01/10/2026");
    formal.lrcReason = "Patient safety: the LMC secretary is away this week";
    service.changeStage(c.id, formal);
    REQUIRE(service.get(c.id)->lrcReason == formal.lrcReason);
    bool onTimeline = false;
    for (const TimelineEntry& e : service.timeline(c.id))
        onTimeline = onTimeline || e.text.contains("Before the LMC was informed: Patient safety");
    REQUIRE(onTimeline);
}

TEST_CASE("the LRC informed on the day of the notice is enough", "[process][notices]") {
    Supported s; // LMC told 02/09/2026
    s.service.changeStage(s.c.id, s.formalWith(QDate(2026, 10, 1)));
    REQUIRE(s.service.get(s.c.id)->stage == "formal_action");
    REQUIRE(s.service.get(s.c.id)->lrcReason.isEmpty());
}

TEST_CASE("a termination notice after formal action names the concern and is recorded on the contract", "[process][notices]") {
    Supported s;
    s.service.changeStage(s.c.id, s.formalWith(QDate(2026, 10, 1)));
    ContractEvent termination = eventDraft(s.contract, "termination_notice", QDate(2026, 11, 2));
    termination.concernId = s.c.id;
    ContractBook(s.t.db()).addEvent(termination);
    REQUIRE(ContractBook(s.t.db()).event(termination.id)->concernId == s.c.id);
}

TEST_CASE("closing needs a real outcome and does not drop open actions", "[process][closing]") {
    Supported s;
    const ConcernAction a =
        s.service.addAction({QString(), s.c.id, "Send the weekly access figures", "Sam", QDate(2026, 10, 1), {}, {}});
    StageChange close = to("closed", "Resolved", QDate(2026, 11, 1));
    for (const char* weak : {".", "n/a", "fixed"}) {
        close.outcome = QString::fromUtf8(weak);
        refused([&] { s.service.changeStage(s.c.id, close); }, "outcome", "Write the outcome the concern closes with");
    }
    close.outcome = "Access restored and sustained for three months";
    const Counts before(s.t.db());
    refused([&] { s.service.changeStage(s.c.id, close); }, "actions",
            "1 of the concern's actions is still open (Send the weekly access figures): complete each, or cancel it "
            "with a reason, before closing the concern.");
    close.cancelOpenActions = "-";
    refused([&] { s.service.changeStage(s.c.id, close); }, "cancelOpenActions", "is not a reason a reader can act on");
    REQUIRE(Counts(s.t.db()) == before);
    close.cancelOpenActions = "Figures no longer needed once access was restored";
    s.service.changeStage(s.c.id, close);
    REQUIRE(s.service.get(s.c.id)->stage == "closed");
    const ConcernAction cancelled = s.service.actions(s.c.id).first();
    REQUIRE(cancelled.id == a.id);
    REQUIRE(cancelled.completedDate == QDate(2026, 11, 1));
    REQUIRE(cancelled.result == "Cancelled: Figures no longer needed once access was restored");
    QStringList kinds;
    for (const TimelineEntry& e : s.service.timeline(s.c.id)) kinds << e.kind;
    REQUIRE(kinds.contains("action_cancelled"));
}

TEST_CASE("an action is cancelled only with a reason of substance", "[process][closing]") {
    Supported s;
    const ConcernAction a = s.service.addAction({QString(), s.c.id, "Visit the branch", "Sam", QDate(2026, 10, 1), {}, {}});
    refused([&] { s.service.cancelAction(a.id, "n/a", QDate(2026, 10, 2)); }, "result", "is not a reason");
    REQUIRE_FALSE(s.service.actions(s.c.id).first().completedDate.isValid());
    s.service.cancelAction(a.id, "Branch closed before the visit", QDate(2026, 10, 2));
    REQUIRE(s.service.actions(s.c.id).first().result == "Cancelled: Branch closed before the visit");
    refused([&] { s.service.cancelAction(a.id, "Branch closed before the visit"); }, "completedDate", "already closed");
}

TEST_CASE("an import refuses the notices and closings the service refuses", "[process][import]") {
    Supported s;
    s.service.changeStage(s.c.id, s.formalWith(QDate(2026, 10, 1)));
    const QString noticeId = s.service.get(s.c.id)->noticeEventId;
    const QString path = exportAll(s.t.db(), s.t.file("formal.json"));
    TempDb into;

    SECTION("the file as exported imports whole") {
        const QString reasons = importReasons(into.db(), path);
        INFO(reasons.toStdString());
        REQUIRE(reasons.isEmpty());
        REQUIRE(count(into.db(), "concern") == 1);
        REQUIRE(ConcernService(into.db()).get(s.c.id)->stage == "formal_action");
    }
    SECTION("a notice dated one day inside the support period") {
        tamper(path, "contract_event", noticeId, "event_date", "2026-09-28");
        REQUIRE(importReasons(into.db(), path).contains("Support to improve began on 01/09/2026 and needs at least"));
        REQUIRE(count(into.db(), "concern") == 0);
    }
    SECTION("a notice that names no concern") {
        tamper(path, "contract_event", noticeId, "concern_id", QJsonValue::Null);
        REQUIRE(importReasons(into.db(), path).contains("arises from a performance concern"));
        REQUIRE(count(into.db(), "contract_event") == 0);
    }
    SECTION("a notice whose concern is neither in the file nor in the register") {
        editJson(path, [](QJsonObject& tables) {
            tables.insert("concern", QJsonArray());
            tables.insert("concern_event", QJsonArray());
        });
        const Counts before(into.db());
        const QString reasons = importReasons(into.db(), path);
        INFO(reasons.toStdString());
        CHECK(reasons.contains("Nothing was imported: the remedial notice of 01/10/2026"));
        CHECK(reasons.contains("names a concern that is neither in the register nor imported from the file"));
        CHECK(Counts(into.db()) == before);
    }
    SECTION("a placeholder reason for going ahead before the LRC was told") {
        tamper(path, "concern", s.c.id, "lrc_informed_date", QJsonValue::Null);
        tamper(path, "concern", s.c.id, "lrc_reason", "n/a");
        REQUIRE(importReasons(into.db(), path).contains("is not a reason a reader can act on"));
        REQUIRE(count(into.db(), "concern") == 0);
    }
    SECTION("a closed concern with a placeholder outcome") {
        tamper(path, "concern", s.c.id, "stage", "closed");
        tamper(path, "concern", s.c.id, "closed_date", "2026-11-01");
        tamper(path, "concern", s.c.id, "outcome", ".");
        REQUIRE(importReasons(into.db(), path).contains("Write the outcome the concern closed with"));
        REQUIRE(count(into.db(), "concern") == 0);
    }
}

TEST_CASE("an open action on a closed concern is refused by an import", "[process][import]") {
    Supported s;
    s.service.addAction({QString(), s.c.id, "Send the weekly access figures", "Sam", QDate(2026, 10, 1), {}, {}});
    StageChange close = to("closed", "Resolved", QDate(2026, 11, 1));
    close.outcome = "Access restored and sustained for three months";
    close.cancelOpenActions = "Figures no longer needed once access was restored";
    s.service.changeStage(s.c.id, close);
    const QString path = exportAll(s.t.db(), s.t.file("closed.json"));
    const QString actionId = s.service.actions(s.c.id).first().id;
    tamper(path, "concern_action", actionId, "completed_date", QJsonValue::Null);
    tamper(path, "concern_action", actionId, "result", QJsonValue::Null);
    TempDb into;
    REQUIRE(importReasons(into.db(), path).contains("The concern is closed, so its actions are complete or cancelled"));
    REQUIRE(count(into.db(), "concern_action") == 0);
}
