// The procedures on a contract (issue 14): a dental mid-year review saved in one step, and the
// order of an application's steps (acknowledged before decided, needs assessment before a market
// entry decision, a rejection that says why).
#include "ProcedureFixtures.h"
#include "ProcessFixtures.h"
#include "contracts/Procedures.h"
#include "demo/DemoSeeder.h"
#include "worklist/Worklist.h"

using namespace cb;
using namespace cbtest;

TEST_CASE("a mid-year review saves the half-year figures and the review together or not at all", "[process]") {
    TempDb t;
    const DentalYear d(t.db(), 0, 100);
    const Contract& k = d.contract;
    const DentalActivity& a = d.year;

    DentalActivity typed = a;
    typed.udaDeliveredH1 = 320;
    refused([&] { recordMidYearReview(t.db(), typed, QDate(2026, 3, 31)); }, "midYearReviewDate",
            "is held within that year");
    CHECK(ContractBook(t.db()).activity(k.id).value(0).udaDeliveredH1 == 100); // the figures were not kept either
    typed.udaDeliveredH1 = -5;
    refused([&] { recordMidYearReview(t.db(), typed, QDate(2026, 10, 20)); }, "udaDeliveredH1",
            "Delivered activity cannot be negative.");
    CHECK_FALSE(ContractBook(t.db()).activity(k.id).value(0).midYearReviewDate.isValid());

    typed.udaDeliveredH1 = 320;
    recordMidYearReview(t.db(), typed, QDate(2026, 10, 20));
    const DentalActivity saved = ContractBook(t.db()).activity(k.id).value(0);
    CHECK(saved.udaDeliveredH1 == 320);
    CHECK(saved.midYearReviewDate == QDate(2026, 10, 20));
    CHECK(midYearDelivery("UDA", 1000, 299) == "UDAs: 299 of 1,000 by 30 September (29.9%) — under 30%: agree with the "
                                               "contractor how the year's activity will be delivered.");
    CHECK(midYearDelivery("UDA", 1000, 300).endsWith("(30.0%) — at least 30%: on track."));
}

TEST_CASE("an application's steps come in order and a rejection says why", "[process]") {
    ContractEvent e;
    e.kind = "list_closure";
    e.eventDate = QDate(2026, 11, 2);
    ApplicationDetails d;
    d.summary = "Close the list for six months.";
    auto fields = [&] {
        Issues issues;
        checkApplicationStep(e, d, issues);
        QStringList out;
        for (const FieldIssue& i : issues.list())
            out << i.field;
        return out;
    };
    CHECK(fields().isEmpty());
    CHECK(acknowledgementDue(e) == QDate(2026, 11, 9));
    e.decision = "approved";
    CHECK(fields() == QStringList{"acknowledgedDate"});
    e.acknowledgedDate = QDate(2026, 11, 5);
    e.decisionDate = QDate(2026, 11, 4);
    CHECK(fields() == QStringList{"decisionDate"});
    e.decisionDate = QDate(2026, 11, 6);
    CHECK(fields().isEmpty());
    e.decision = "rejected";
    CHECK(fields() == QStringList{"rejectionReason"});
    d.rejectionReason = "none";
    CHECK(fields() == QStringList{"rejectionReason"});
    d.rejectionReason = "Neighbouring practices cannot take the patients";
    CHECK(fields().isEmpty());
    d.needsAssessment = "no_need";
    CHECK(fields() == QStringList{"needsAssessment"}); // only a market entry is tested

    e.kind = "market_entry";
    d.needsAssessment.clear();
    CHECK(fields() == QStringList{"needsAssessment"});
    d.needsAssessment = "no_need";
    CHECK(fields().isEmpty());
    d.summary.clear();
    CHECK(fields() == QStringList{"description"});

    // What is not a column travels in the description, and reads back the same.
    d.summary = "A new pharmacy on the retail park.\nOpening 9 to 9.";
    const ApplicationDetails back = ApplicationDetails::parse(d.describe());
    CHECK(back.summary == d.summary);
    CHECK(back.needsAssessment == "no_need");
    CHECK(back.rejectionReason == d.rejectionReason);
}

TEST_CASE("saveApplication refuses a step out of order and saves nothing", "[process]") {
    TempDb t;
    const Contractor practice = makePractice(t.db());
    const Contract k = makeContract(t.db(), practice);
    ContractEvent e = application(k, "list_closure", QDate(2026, 11, 20));
    e.decision = "rejected";
    e.decisionDate = QDate(2026, 11, 21);
    ApplicationDetails d{"Close the list.", {}, "Neighbouring practices cannot take the patients"};
    refused([&] { saveApplication(t.db(), e, d); }, "acknowledgedDate",
            "Acknowledge the application before deciding it");
    CHECK(count(t.db(), "contract_event") == 0);
    e.acknowledgedDate = QDate(2026, 11, 20);
    const ContractEvent saved = saveApplication(t.db(), e, d);
    CHECK(ContractBook(t.db()).event(saved.id)->description ==
          "Close the list.\nRejected because: Neighbouring practices cannot take the patients");
}

TEST_CASE("the demo leaves a few recent actions overdue for Monday morning and none long past due", "[process][demo]") {
    TempDb t;
    const QDate seeded(2026, 11, 22);
    seedDemo(t.db(), {300, 1, seeded});
    const auto open = [&](const QString& where) {
        return t.db().scalar("SELECT count(*) FROM concern_action WHERE completed_date IS NULL AND " + where).toInt();
    };
    CHECK(open("due_date < '2026-11-22'") > 0);
    CHECK(open("due_date < '2026-09-22'") == 0); // over 60 days overdue: done in the demo
}

TEST_CASE("the demo records most dental mid-year reviews, so few are left on the worklist", "[process][demo]") {
    TempDb t;
    seedDemo(t.db(), {120, 1, QDate(2026, 11, 22)});
    const qint64 years = t.db().scalar("SELECT count(*) FROM dental_activity WHERE year_start = 2026").toLongLong();
    const qint64 reviewed =
        t.db()
            .scalar("SELECT count(*) FROM dental_activity WHERE year_start = 2026 AND mid_year_review_date IS NOT NULL")
            .toLongLong();
    REQUIRE(years > 6);
    CHECK(reviewed >= years * 5 / 6 - 1);
    CHECK(t.db()
              .scalar("SELECT count(*) FROM dental_activity WHERE mid_year_review_date > '2026-11-22' OR "
                      "mid_year_review_date < '2026-10-01'")
              .toInt() == 0);
    int due = 0;
    for (const WorklistItem& i : buildWorklist(t.db(), QDate(2026, 11, 22)))
        if (i.title.startsWith("Mid-year review due")) ++due;
    CHECK(due <= years - reviewed);
}

TEST_CASE("an import refuses an application's steps out of order, as the form does", "[process][import]") {
    TempDb t;
    const Contract gms = makeContract(t.db(), makePractice(t.db()));
    ContractEvent e = application(gms, "list_closure", QDate(2026, 11, 2), "Close the list for six months.");
    e.acknowledgedDate = QDate(2026, 11, 4);
    e = ContractBook(t.db()).addEvent(e);
    const QString path = exportAll(t.db(), t.file("closure.json"));
    TempDb into;

    SECTION("the file as exported imports whole") {
        REQUIRE(importReasons(into.db(), path).isEmpty());
        REQUIRE(count(into.db(), "contract_event") == 1);
    }
    SECTION("a decision with no acknowledgement") {
        tamper(path, "contract_event", e.id, "acknowledged_date", QJsonValue::Null);
        tamper(path, "contract_event", e.id, "decision", "rejected");
        tamper(path, "contract_event", e.id, "decision_date", "2026-11-10");
        tamper(path, "contract_event", e.id, "description",
               "Close the list for six months.\nRejected because: Neighbouring practices cannot take the patients");
        REQUIRE(importReasons(into.db(), path).contains("Acknowledge the application before deciding it"));
        REQUIRE(count(into.db(), "contract_event") == 0);
    }
    SECTION("a rejection that does not say why") {
        tamper(path, "contract_event", e.id, "decision", "rejected");
        tamper(path, "contract_event", e.id, "decision_date", "2026-11-10");
        REQUIRE(importReasons(into.db(), path).contains("Write why the application was rejected"));
        REQUIRE(count(into.db(), "contract_event") == 0);
    }
}
