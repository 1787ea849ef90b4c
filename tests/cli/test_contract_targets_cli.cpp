// Issue 13 from the command line: a contracts CSV edited in a spreadsheet gives a dental contract
// a fractional UDA target, kept exactly; one with three decimal places is rejected with its line
// and the reason, and nothing changes.
#include "../core/DentalContractFixtures.h"
#include "CliRunner.h"
#include "TestSupport.h"
#include "cli/Cli.h"
#include "contracts/Contract.h"

#include <QFile>

using namespace cb;
using cbtest::runCli;

TEST_CASE("cli: import csv contracts keeps a fractional UDA target and rejects one with three decimals",
          "[cli][dental][import]") {
    cbtest::TempDb t;
    const Contract k = cbtest::makeDentalContract(t.db(), cbtest::makePractice(t.db(), "V00001", "dental"), Units(3000));
    const QString exported = t.file("contracts.csv");
    REQUIRE(runCli(t, {"export", "csv", "contracts", exported}).status == cli::Done);
    QFile f(exported);
    REQUIRE(f.open(QIODevice::ReadOnly));
    const QByteArray csv = f.readAll();
    f.close();
    REQUIRE(csv.count(",3000,") == 1);
    const auto withTarget = [&](const QByteArray& target) {
        const QString path = t.file("edited-" + QString::fromLatin1(target) + ".csv");
        QFile out(path);
        REQUIRE(out.open(QIODevice::WriteOnly));
        out.write(QByteArray(csv).replace(",3000,", "," + target + ","));
        return path;
    };
    const auto stored = [&] { return t.db().scalar("SELECT uda_target FROM contract WHERE id = ?", {k.id}).toString(); };
    const qint64 audits = cbtest::count(t.db(), "audit");

    const auto refused = runCli(t, {"import", "csv", "contracts", withTarget("3500.555")});
    INFO(refused.out.toStdString() << refused.err.toStdString());
    CHECK(refused.status != cli::Done);
    CHECK((refused.out + refused.err).contains("line 2"));
    CHECK((refused.out + refused.err)
              .contains("Enter the UDA target as a number of UDAs, e.g. 3500 or 3500.5: at most two decimal places, "
                        "not \"3500.555\"."));
    CHECK(stored() == "3000");
    CHECK(cbtest::count(t.db(), "audit") == audits);

    const auto done = runCli(t, {"import", "csv", "contracts", withTarget("3500.5")});
    INFO(done.out.toStdString() << done.err.toStdString());
    REQUIRE(done.status == cli::Done);
    CHECK(done.out.contains("updated 1"));
    CHECK(stored() == "3500.5");
}
