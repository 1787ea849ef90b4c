// Journey 7 from the command line: `import dental-activity FILE [--preview]`, then the worklist
// lists the contract below the clawback threshold with the clawback in units and pounds.
#include "../core/ConcernFixtures.h"
#include "CliRunner.h"
#include "TestSupport.h"
#include "cli/Cli.h"
#include "contracts/Contract.h"

#include <QFile>

using namespace cb;

namespace {

using cbtest::runCli;

// The CLI reads the system clock: the year just finished is the one the worklist reconciles.
struct Area {
    cbtest::TempDb t;
    int lastYear = 0;
    Area() {
        t.db().setClock(&Clock::system());
        const QDate today = QDate::currentDate();
        lastYear = (today.month() >= 4 ? today.year() : today.year() - 1) - 1;
        const Contractor c = cbtest::makePractice(t.db(), "V00001", "dental");
        Contract k;
        k.contractorId = c.id;
        k.route = "gds";
        k.reference = "111111/0001";
        k.startDate = QDate(2020, 4, 1);
        k.udaTarget = 1234;
        ContractBook(t.db()).create(k);
    }
    QString file(const QByteArray& rows) {
        QFile f(t.file("activity.csv"));
        REQUIRE(f.open(QIODevice::WriteOnly));
        f.write("Contract number,Financial year,UDA target,UDA delivered,UOA target,UOA delivered,UDA value\n" + rows);
        return t.file("activity.csv");
    }
    QByteArray year() const {
        return QStringLiteral("%1/%2").arg(lastYear).arg((lastYear + 1) % 100, 2, 10, QLatin1Char('0')).toUtf8();
    }
};

} // namespace

TEST_CASE("cli: import dental-activity previews, imports, and the worklist shows the clawback in units and pounds",
          "[cli][dental][import]") {
    Area a;
    const QString path = a.file("111111/0001," + a.year() + ",1234.5,1000.2,0,,28.33\n");

    const auto preview = runCli(a.t, {"import", "dental-activity", path, "--preview"});
    INFO(preview.out.toStdString() << preview.err.toStdString());
    REQUIRE(preview.status == cli::Done);
    CHECK(preview.out.contains("Preview (nothing changed): new 1, updated 0, unchanged 0, skipped 0, rejected 0."));
    CHECK(cbtest::count(a.t.db(), "dental_activity") == 0);

    const auto done = runCli(a.t, {"import", "dental-activity", path});
    REQUIRE(done.status == cli::Done);
    CHECK(done.out.contains("Imported: new 1, updated 0"));
    CHECK(a.t.db().scalar("SELECT uda_target || '/' || uda_delivered || '/' || uda_value_pence FROM dental_activity")
              .toString() == "1234.5/1000.2/2833");

    const auto worklist = runCli(a.t, {"report", "worklist", "--format", "csv"});
    INFO(worklist.out.toStdString());
    REQUIRE(worklist.status == cli::Done);
    CHECK(worklist.out.contains("delivered 81.0% of UDAs in " + QString::fromUtf8(a.year())));
    CHECK(worklist.out.contains("Below 96%: claw back 234.3 UDAs (£6,637.72); consider a breach notice."));
}

TEST_CASE("cli: a dental activity file with a rejected line imports nothing and says so", "[cli][dental][import]") {
    Area a;
    const QString path = a.file("999999/0001," + a.year() + ",1000,900,0,,28.00\n");
    const auto r = runCli(a.t, {"import", "dental-activity", path});
    CHECK(r.status == cli::Rejected);
    CHECK(r.out.contains("line 2 (999999/0001): No dental contract in the register has the number 999999/0001"));
    CHECK(r.err.contains("Nothing was imported: a dental activity file is imported whole or not at all"));
    CHECK(cbtest::count(a.t.db(), "dental_activity") == 0);

    const auto wrong = runCli(a.t, {"import", "dental-activity", a.t.file("activity.csv"), "extra.csv"});
    CHECK(wrong.status != cli::Done);
    CHECK(wrong.err.contains("import dental-activity takes one file."));
}
