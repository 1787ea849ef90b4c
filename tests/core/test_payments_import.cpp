#include "ImportFixtures.h"

#include "contractors/Contractor.h"
#include "contracts/Contract.h"
#include "exchange/Import.h"
#include "exchange/PaymentsImport.h"

#include <QFile>

using namespace cb;
using namespace cb::exchange;

namespace {
QString write(cbtest::TempDb& t, const QString& name, const QByteArray& data) { return cbtest::writeImportFile(t, name, data); }
using cbtest::addPractice;
} // namespace

TEST_CASE("payments: headers are found by keywords whatever the year's wording", "[payments]") {
    CHECK(normaliseHeader(" Number of Registered Patients (Last Known Figure) ") ==
          "number of registered patients last known figure");
    auto cols = [](const QByteArray& header) { return findPaymentsColumns(csv::parse(header + "\n")); };
    const auto a = cols("Practice Code,Practice Name,Contract Type,Number of Registered Patients (Last Known Figure),"
                        "Number of Weighted Patients (Last Known Figure),Average payments per registered patient");
    CHECK(a.complete());
    CHECK(a.registeredPatients == 3);
    const auto b = cols("PRACTICE_CODE,CONTRACT_TYPE,Average Number of Registered Patients,Practice Open Date");
    CHECK(b.complete());
    CHECK(b.openDate == 3);
    CHECK_FALSE(cols("Practice Code,Practice Name").complete());
}

TEST_CASE("payments: sets route and list size, creates missing GMS/PMS contracts, explains every rejection",
          "[payments]") {
    cbtest::TempDb t;
    const auto gms = addPractice(t, "A81001");
    addPractice(t, "A81002");
    addPractice(t, "A81003");
    addPractice(t, "A81004");
    addPractice(t, "A81006", "closed");
    addPractice(t, "A81007");
    Contractor dentist;
    dentist.odsCode = "V00003";
    dentist.group = "dental";
    dentist.name = "DENTAL";
    ContractorService(t.db()).create(dentist);
    // An existing PMS contract whose list size the file updates.
    Contract pms;
    pms.contractorId = t.db().scalar("SELECT id FROM contractor WHERE ods_code = 'A81002'").toString();
    pms.route = "pms";
    pms.startDate = QDate(2004, 4, 1);
    pms.listSize = 5000;
    ContractBook(t.db()).create(pms);

    const QByteArray file =
        "\xEF\xBB\xBFPractice Code,Practice Name,Practice Open Date,Practice Close Date,Contract Type,"
        "\"Number of Registered Patients\n(Last Known Figure)\",Total\r\n"
        "A81001,ONE,01/04/1974,,GMS,9023.5,100\r\n"      // line 3: new GMS contract
        "A81002,TWO,01/04/1990,,PMS,6284,100\r\n"        // line 4: list size updated
        "A81003,THREE,01/04/1990,,APMS,100,1\r\n"        // line 5: APMS, end date unknown (noted)
        "A81004,FOUR,01/04/1990,,UNKNOWN,100,1\r\n"      // line 6: unknown type
        "Z99999,GONE,01/04/1990,,GMS,100,1\r\n"          // line 7: not in the register
        "A81006,SIX,01/04/1990,31/03/2019,GMS,100,1\r\n" // line 8: closed, skipped
        "A81007,SEVEN,01/04/1990,,GMS,lots,1\r\n"        // line 9: not a number
        "V00003,DENTAL,01/04/1990,,GMS,100,1\r\n"        // line 10: not a practice
        "A81001,ONE AGAIN,01/04/1974,,GMS,1,1\r\n"       // line 11: duplicate
        "A81007,SHORT\r\n";                              // line 12: ragged
    const QString path = write(t, "payments-2019-20.csv", file);
    auto job = ImportJob::payments(path);
    const auto preview = job.preview(t.db());
    CHECK(preview.added() == 2);
    CHECK(cbtest::count(t.db(), "contract") == 1); // preview changed nothing
    const auto r = job.commit(t.db());
    const FileResult& f = r.files[0];
    CHECK(f.added == 2);
    CHECK(f.updated == 1);
    CHECK(f.skipped == 1);
    QMap<int, QString> why;
    for (const auto& j : f.rejections) why.insert(j.line, j.reason);
    CHECK(why.size() == 6);
    CHECK(why[6].contains("The contract type is \"UNKNOWN\""));
    CHECK(why[7].contains("Practice Z99999 is not in the register"));
    CHECK(why[9].contains("\"lots\" is not a number"));
    CHECK(why[10].contains("not a GP practice"));
    CHECK(why[11].contains("appears twice"));
    CHECK(why[12].contains("The row has 2 fields; the header has 7."));

    const auto created = ContractBook(t.db()).forContractor(gms.id);
    REQUIRE(created.size() == 1);
    CHECK(created[0].route == "gms");
    CHECK(*created[0].listSize == 9024); // rounded head count (9023.5 is a yearly average)
    CHECK_FALSE(created[0].startDate.isValid()); // unknown: the practice's open date is not the contract's start
    CHECK(t.db().scalar("SELECT list_size FROM contract WHERE route = 'pms'").toInt() == 6284);
    // Two new contracts and one updated, a year of figures for each, and three data-quality notes
    // (two unknown start dates, one unknown APMS end date).
    CHECK(t.db().scalar("SELECT count(*) FROM audit WHERE source = 'import payments-2019-20.csv'").toInt() == 9);

    const auto again = ImportJob::payments(path).commit(t.db());
    CHECK(again.added() + again.updated() == 0);
    CHECK(again.unchanged() == 3);
}

TEST_CASE("payments: a file without the needed columns is refused", "[payments]") {
    cbtest::TempDb t;
    CHECK_THROWS_WITH(ImportJob::payments(write(t, "x.csv", "a,b\n1,2\n")),
                      Catch::Contains("is not an NHS Payments to General Practice file"));
}

// The real 2019-20 file: see test_data_quality.cpp.

TEST_CASE("payments: an impossible open or close date for a contract already held is noted, never ignored unsaid",
          "[payments][dataquality]") {
    cbtest::TempDb t;
    addPractice(t, "A81002");
    Contract pms;
    pms.contractorId = t.db().scalar("SELECT id FROM contractor WHERE ods_code = 'A81002'").toString();
    pms.route = "pms";
    pms.startDate = QDate(2004, 4, 1);
    pms.listSize = 5000;
    ContractBook(t.db()).create(pms);
    const QByteArray file = "Practice Code,Practice Name,Practice Open Date,Practice Close Date,Contract Type,"
                            "Number of Registered Patients\r\n"
                            "A81002,TWO,31/02/2020,99/99/9999,PMS,6284\r\n";
    const QString path = write(t, "payments-bad-dates.csv", file);
    const auto r = ImportJob::payments(path).commit(t.db());
    CHECK(r.updated() == 1);
    const QString notes = r.files[0].notes.join('\n');
    CHECK(notes.contains("The open date in the payments file \"31/02/2020\" is not a date"));
    CHECK(notes.contains("The close date in the payments file \"99/99/9999\" is not a date"));
    // Kept with the contract for a person to check; the register's own dates are unchanged.
    CHECK(t.db().scalar("SELECT count(*) FROM data_quality_note WHERE record_table = 'contract' AND "
                        "field IN ('startDate', 'endDate') AND status = 'open'").toInt() == 2);
    CHECK(t.db().scalar("SELECT start_date FROM contract").toString() == "2004-04-01");
    CHECK(t.db().scalar("SELECT end_date FROM contract").isNull());
    // The same file again notes nothing new and changes nothing.
    const auto again = ImportJob::payments(path).commit(t.db());
    CHECK(again.updated() + again.added() == 0);
    CHECK(t.db().scalar("SELECT count(*) FROM data_quality_note").toInt() == 2);
}
