// The team exchange in the worklist and a conflict decided with a typed third value (issue 12, GUI half):
// "N conflicts to decide" while conflicts are open, gone once decided; a typed value that is not a
// value of the field is refused in words and changes nothing.
#include "TeamSupport.h"
#include "TestSupport.h"
#include "team/Team.h"
#include "worklist/Worklist.h"

#include <QTimeZone>

using namespace cb;

namespace {

const QString kPractice = QStringLiteral("wAAAAAAAAAAAAAAAAAAAqg");

struct Pair {
    QTemporaryDir dir;
    FixedClock clock{QDateTime(QDate(2026, 11, 30), QTime(9, 0), QTimeZone::utc())};
    std::unique_ptr<Database> desk, laptop;
    QString folder() const { return dir.filePath("TEAM"); }

    Pair() {
        desk = std::make_unique<Database>(dir.filePath("desk.db"));
        desk->setClock(&clock);
        desk->setActor("alice");
        desk->save("contractor", Row{{"id", kPractice}, {"ods_code", "A81001"}, {"contractor_group", "general_practice"},
                                     {"name", "Oakfield Surgery"}, {"postcode", "TS18 1HU"},
                                     {"telephone", "01642 000001"}, {"open_date", "1990-04-01"}});
        team::initTeam(*desk, folder(), "Alice's desk");
        REQUIRE(team::joinTeam(folder(), dir.filePath("laptop.db"), "Bob's laptop").problems.isEmpty());
        laptop = std::make_unique<Database>(dir.filePath("laptop.db"));
        laptop->setClock(&clock);
        laptop->setActor("bob");
    }
    void sync(Database& db) {
        clock.set(clock.nowUtc().addSecs(1));
        REQUIRE(team::sync(db).problems.isEmpty());
    }
    // Both change the same field differently, then both sync: one conflict on each side.
    void clash(const QString& column, const QVariant& mine, const QVariant& theirs) {
        laptop->save("contractor", Row{{"id", kPractice}, {column, mine}});
        clock.set(clock.nowUtc().addSecs(5));
        desk->save("contractor", Row{{"id", kPractice}, {column, theirs}});
        sync(*laptop);
        sync(*desk);
        sync(*laptop);
    }
};

QList<WorklistItem> teamItems(Database& db) {
    QList<WorklistItem> out;
    for (const WorklistItem& i : todaysWorklist(db))
        if (i.category == "team_conflicts") out << i;
    return out;
}

QString phone(Database& db) { return db.fetchRecord("contractor", kPractice)->value("telephone").toString(); }

} // namespace

TEST_CASE("the worklist says how many team conflicts there are to decide, and nothing when there are none", "[team][worklist]") {
    Pair p;
    CHECK(teamItems(*p.laptop).isEmpty());
    p.clash("telephone", "01642 111111", "01642 222222");
    const QList<WorklistItem> items = teamItems(*p.laptop);
    REQUIRE(items.size() == 1);
    CHECK(items[0].title == "1 conflict to decide");
    CHECK(items[0].table == "exchange_conflict");
    CHECK(items[0].recordId == team::conflicts(*p.laptop)[0].id);
    // The report the CLI prints (casebook-cli report worklist) names the category in words.
    CHECK(worklistReport(todaysWorklist(*p.laptop)).toText().contains("Team conflicts to decide"));
    // A database not in a team, or an older file, has no such item.
    cbtest::TempDb plain;
    CHECK(teamItems(plain.db()).isEmpty());
}

TEST_CASE("a conflict decided with a typed third value syncs to both replicas and leaves the worklist", "[team][worklist]") {
    Pair p;
    p.clash("telephone", "01642 111111", "01642 222222");
    const QString id = team::conflicts(*p.laptop)[0].id;
    team::resolveConflictWith(*p.laptop, id, "  01642 333333 ");
    CHECK(phone(*p.laptop) == "01642 333333");
    CHECK(teamItems(*p.laptop).isEmpty());
    p.sync(*p.laptop);
    p.sync(*p.desk);
    CHECK(phone(*p.desk) == "01642 333333");
    CHECK(team::conflicts(*p.desk).isEmpty());
    CHECK(teamItems(*p.desk).isEmpty());
    CHECK(cbtest::canonicalDump(*p.desk) == cbtest::canonicalDump(*p.laptop));
    // Deciding it again is refused in words.
    REQUIRE_THROWS_WITH(team::resolveConflictWith(*p.laptop, id, "x"), Catch::Contains("already decided"));
}

TEST_CASE("a typed value that is not a value of the field is refused in words and changes nothing", "[team][worklist]") {
    Pair p;
    p.clash("open_date", "1991-04-01", "1992-04-01");
    const QList<team::Conflict> before = team::conflicts(*p.laptop);
    REQUIRE(before.size() == 1);
    const QString dump = cbtest::canonicalDump(*p.laptop);
    const qint64 unsent = p.laptop->scalar("SELECT count(*) FROM exchange_change WHERE seq IS NULL").toLongLong();
    REQUIRE_THROWS_WITH(team::resolveConflictWith(*p.laptop, before[0].id, "31/02/2026"), Catch::Contains("open", Catch::CaseSensitive::No));
    REQUIRE_THROWS_WITH(team::resolveConflictWith(*p.laptop, "no-such-id", "01/01/2000"), Catch::Contains("no conflict"));
    CHECK(cbtest::canonicalDump(*p.laptop) == dump);
    CHECK(team::conflicts(*p.laptop).size() == 1);
    CHECK(p.laptop->scalar("SELECT count(*) FROM exchange_change WHERE seq IS NULL").toLongLong() == unsent);
    // A date typed the way caseworkers type it is read as the date.
    team::resolveConflictWith(*p.laptop, before[0].id, "01/04/1993");
    CHECK(p.laptop->fetchRecord("contractor", kPractice)->value("open_date").toString() == "1993-04-01");
}

TEST_CASE("a typed number of UDAs decides a dental activity conflict, to the hundredth", "[team][worklist][dental]") {
    Pair p;
    const QString dentist = QStringLiteral("dAAAAAAAAAAAAAAAAAAAqg"), contract = QStringLiteral("kAAAAAAAAAAAAAAAAAAAqg"),
                  year = QStringLiteral("yAAAAAAAAAAAAAAAAAAAqg");
    p.desk->save("contractor", Row{{"id", dentist}, {"ods_code", "V00001"}, {"contractor_group", "dental"},
                                   {"name", "Castle Smile Centre"}, {"postcode", "TS18 1HU"}, {"open_date", "1990-04-01"}});
    p.desk->save("contract", Row{{"id", contract}, {"contractor_id", dentist}, {"route", "gds"}, {"reference", "111111/0001"},
                                 {"start_date", "2006-04-01"}, {"status", "active"}, {"uda_target", 10000}});
    p.desk->save("dental_activity", Row{{"id", year}, {"contract_id", contract}, {"year_start", 2024}, {"uda_target", "10000"}});
    p.sync(*p.desk);
    p.sync(*p.laptop);
    p.laptop->save("dental_activity", Row{{"id", year}, {"uda_delivered", "9500"}});
    p.clock.set(p.clock.nowUtc().addSecs(5));
    p.desk->save("dental_activity", Row{{"id", year}, {"uda_delivered", "9600.5"}});
    p.sync(*p.laptop);
    p.sync(*p.desk);
    p.sync(*p.laptop);
    const QList<team::Conflict> open = team::conflicts(*p.laptop);
    REQUIRE(open.size() == 1);
    const QString dump = cbtest::canonicalDump(*p.laptop);
    REQUIRE_THROWS_WITH(team::resolveConflictWith(*p.laptop, open[0].id, "lots"), Catch::Contains("UDAs delivered", Catch::CaseSensitive::No));
    CHECK(cbtest::canonicalDump(*p.laptop) == dump);
    team::resolveConflictWith(*p.laptop, open[0].id, " 9,612.4 ");
    CHECK(p.laptop->fetchRecord("dental_activity", year)->value("uda_delivered").toString() == "9612.4");
    p.sync(*p.laptop);
    p.sync(*p.desk);
    CHECK(cbtest::canonicalDump(*p.desk) == cbtest::canonicalDump(*p.laptop));
}
