// `casebook-cli report worklist`: the same items as the home screen, in every format.
#include "../core/ConcernFixtures.h"
#include "CliRunner.h"
#include "TestSupport.h"
#include "cli/Cli.h"
#include "common/Identifiers.h"
#include "demo/DemoSeeder.h"
#include "worklist/Worklist.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

using namespace cb;

namespace {

using cbtest::runCli;
using Result = cbtest::CliResult;

// The command reads the system clock, so the records are dated from today.
struct Area {
    cbtest::TempDb t;
    Area() { t.db().setClock(&Clock::system()); }
};

} // namespace

TEST_CASE("report worklist lists the same items as todaysWorklist, in JSON", "[cli][worklist]") {
    Area a;
    SeedOptions seed;
    seed.contractors = 120;
    seedDemo(a.t.db(), seed);
    const QList<WorklistItem> items = todaysWorklist(a.t.db());
    REQUIRE(items.size() > 5);

    const Result r = runCli(a.t, {"report", "worklist", "--format", "json"});
    REQUIRE(r.status == cli::Done);
    const QJsonArray rows = QJsonDocument::fromJson(r.out.toUtf8()).array();
    REQUIRE(rows == worklistReport(items).toJson());
    REQUIRE(rows.size() == items.size());
    for (int i = 0; i < items.size(); ++i) {
        REQUIRE(rows.at(i).toObject().value("title").toString() == items.at(i).title);
        REQUIRE(rows.at(i).toObject().value("record_id").toString() == items.at(i).recordId);
    }
}

TEST_CASE("report worklist as text and CSV, with counts", "[cli][worklist]") {
    Area a;
    const Contractor p = cbtest::makePractice(a.t.db());
    ConcernService s(a.t.db());
    const Concern c = s.create(cbtest::newConcern(a.t.db(), p.id));
    const QDate today = QDate::currentDate();
    s.addAction({QString(), c.id, "Send call data", "Sam Caseworker", today.addDays(-2), {}, {}});
    s.addAction({QString(), c.id, "Meet the partners", "Sam Caseworker", today.addDays(3), {}, {}});

    const Result text = runCli(a.t, {"report", "worklist"});
    REQUIRE(text.status == cli::Done);
    REQUIRE(text.out.startsWith("Category"));
    REQUIRE(text.out.contains("Send call data: A81001 Oakfield Surgery A81001"));
    REQUIRE(text.out.contains("2 items, 1 overdue."));
    REQUIRE(text.out.contains("Concern actions due: 2."));

    const Result csv = runCli(a.t, {"report", "worklist", "--format", "csv"});
    REQUIRE(csv.status == cli::Done);
    REQUIRE(csv.out.section("\r\n", 0, 0).endsWith("category,due,overdue,title,detail,record,record_id"));
    REQUIRE(csv.out.contains(fmt::date(today.addDays(-2)) + ",yes,Send call data"));
}

TEST_CASE("report worklist keeps confidential concerns neutral, naming only the practice", "[cli][worklist]") {
    Area a;
    const Contractor p = cbtest::makePractice(a.t.db());
    const Performer perf = cbtest::makePerformer(a.t.db());
    ConcernService s(a.t.db());
    const Concern c = s.create(cbtest::newConcern(a.t.db(), p.id, perf.id));
    s.addAction({QString(), c.id, "Ask Dr Jones for her logbook", "Sam Caseworker", QDate::currentDate().addDays(1), {}, {}});
    for (const QString& format : {QStringLiteral("text"), QStringLiteral("csv"), QStringLiteral("json")}) {
        const Result r = runCli(a.t, {"report", "worklist", "--format", format});
        REQUIRE(r.status == cli::Done);
        // Only the individual is confidential: the line still says which practice to open.
        REQUIRE(r.out.contains("Action due on a confidential concern"));
        REQUIRE(r.out.contains("A81001"));
        for (const char* secret : {"Jones", "Amelia", "logbook", "telephone"}) REQUIRE_FALSE(r.out.contains(secret));
    }
}

TEST_CASE("report worklist refuses an unknown format and extra arguments", "[cli][worklist]") {
    Area a;
    const Result bad = runCli(a.t, {"report", "worklist", "--format", "xml"});
    REQUIRE(bad.status == cli::Usage);
    REQUIRE(bad.err.contains("--format"));
    REQUIRE(runCli(a.t, {"report", "worklist", "extra"}).status == cli::Usage);
    const Result usage = runCli(a.t, {"report", "nothing"});
    REQUIRE(usage.err.contains("worklist"));
}
