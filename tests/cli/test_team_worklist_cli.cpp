// `casebook-cli report worklist` names the team conflicts to decide, like the home screen (issue 12).
#include "CliRunner.h"
#include "TestSupport.h"
#include "team/Team.h"

using namespace cb;

TEST_CASE("report worklist says how many team conflicts there are to decide", "[cli][worklist][team]") {
    cbtest::TempDb t;
    const QString id = QStringLiteral("wAAAAAAAAAAAAAAAAAAAzA");
    t.db().save("contractor", Row{{"id", id}, {"ods_code", "A81001"}, {"contractor_group", "general_practice"},
                                  {"name", "Oakfield Surgery"}, {"postcode", "TS18 1HU"},
                                  {"telephone", "01642 000001"}, {"open_date", "1990-04-01"}});
    team::initTeam(t.db(), t.file("TEAM"), "Alice's desk");
    REQUIRE(team::joinTeam(t.file("TEAM"), t.file("laptop.db"), "Bob's laptop").problems.isEmpty());
    {
        Database laptop(t.file("laptop.db"));
        laptop.setClock(&t.clock);
        laptop.save("contractor", Row{{"id", id}, {"telephone", "01642 111111"}});
        REQUIRE(team::sync(laptop).problems.isEmpty());
    }
    t.clock.set(t.clock.nowUtc().addSecs(60));
    t.db().save("contractor", Row{{"id", id}, {"telephone", "01642 222222"}});
    REQUIRE(team::sync(t.db()).openConflicts == 1);

    const cbtest::CliResult r = runCli(t, {"report", "worklist"});
    REQUIRE(r.status == cli::Done);
    CHECK(r.out.contains("1 conflict to decide"));
    CHECK(r.out.contains("Team conflicts to decide"));
}
