// Excel for people (issue 15, journey 8): "all pharmacies with their contracts" with no VLOOKUP,
// the export cut to what the list shows, and the technical sheets still there to re-import.
#include "TestSupport.h"
#include "ExportFixtures.h"
#include "contractors/Contractor.h"
#include "contracts/Contract.h"
#include "demo/DemoSeeder.h"
#include "exchange/Import.h"
#include "exchange/RecordExchange.h"
#include "exchange/XlsxExport.h"

#include <QFile>
#include <QProcess>
#include <QRegularExpression>

using namespace cb;
using namespace cb::exchange;

namespace {

using cbtest::workbookPart;

} // namespace

TEST_CASE("journey 8: all pharmacies with their contracts, in words, dates and pounds", "[export][desk]") {
    cbtest::TempDb t;
    SeedOptions o;
    o.contractors = 80;
    seedDemo(t.db(), o);
    const ContractorScope scope = cbtest::pharmacyScope();
    const int pharmacyCount = contractorCount(t.db(), scope);
    REQUIRE(pharmacyCount > 0);
    REQUIRE(pharmacyCount < contractorCount(t.db(), {}));
    const int rows = t.db()
                         .scalar("SELECT count(*) FROM contractor c LEFT JOIN contract k ON k.contractor_id = c.id "
                                 "WHERE c.contractor_group = 'pharmacy'")
                         .toInt();

    const ExportResult r = exportXlsx(t.db(), t.file("pharmacies.xlsx"), {}, standardTables(), scope);
    CHECK(r.records == planXlsx(t.db(), t.file("pharmacies.xlsx"), false, scope).records);
    CHECK(r.records < planExport(t.db(), standardTables(), t.file("x.xlsx"), false).records);

    const auto workbook = workbookPart(r.path, "xl/workbook.xml");
    if (!workbook) {
        WARN("unzip is not available: workbook parts not inspected");
        return;
    }
    // The people's sheet comes first, the data sheets after it, "About" last.
    const QByteArray wb = *workbook;
    CHECK(wb.indexOf("name=\"Contractors and contracts\"") < wb.indexOf("name=\"Contractors\""));
    CHECK(wb.contains("name=\"About this workbook\""));
    CHECK(wb.contains("_xlnm._FilterDatabase")); // the autofilter

    const QByteArray sheet = *cbtest::sheetXml(r.path, "Contractors and contracts");
    CHECK(sheet.count("<row ") == rows + 1); // one row per contract (or contractor without one), and the header
    CHECK(sheet.contains("<autoFilter"));
    CHECK(sheet.contains("state=\"frozen\""));
    CHECK(sheet.contains("<col ")); // widths set

    // Words, not codes; the ids in the last two columns.
    const QByteArray strings = cbtest::workbookText(r.path);
    CHECK(strings.contains("Community pharmacy"));
    CHECK(strings.contains("Pharmaceutical list inclusion"));
    CHECK(strings.contains("Contractor id"));
    CHECK(strings.contains("Contract id"));
    CHECK(strings.contains(">pharmacy_list<")); // the stored code stays in the Contracts data sheet, for re-import
    const Row first = t.db()
                          .query("SELECT c.id FROM contractor c WHERE c.contractor_group = 'pharmacy' "
                                 "ORDER BY c.name COLLATE NOCASE, c.ods_code LIMIT 1")
                          .first();
    CHECK(strings.contains(first.value("id").toString().toUtf8()));

    // Dates are real Excel dates (a number with the date style), values in pounds with the £ style.
    const QByteArray styles = *workbookPart(r.path, "xl/styles.xml");
    CHECK(styles.contains("dd/mm/yyyy"));
    CHECK(styles.contains("\xC2\xA3#,##0.00"));
    CHECK(QRegularExpression("<c r=\"I\\d+\" s=\"\\d+\"><v>\\d+</v></c>").match(QString::fromUtf8(sheet)).hasMatch());

    // The data sheet of contractors holds the pharmacies only, with every stored column.
    const QByteArray contractors = *cbtest::sheetXml(r.path, "Contractors");
    CHECK(contractors.count("<row ") == pharmacyCount + 1);
}

TEST_CASE("an export of everything still has every data sheet, and a sheet saved as CSV imports back", "[export][desk]") {
    cbtest::TempDb t;
    SeedOptions o;
    o.contractors = 20;
    seedDemo(t.db(), o);
    const ExportResult r = exportXlsx(t.db(), t.file("all.xlsx"));
    CHECK(r.records == planExport(t.db(), standardTables(), t.file("all.xlsx"), false).records);
    const auto workbook = workbookPart(r.path, "xl/workbook.xml");
    if (!workbook) {
        WARN("unzip is not available: workbook parts not inspected");
        return;
    }
    for (const ExchangeTable& table : standardTables())
        if (tableExists(t.db(), table.table)) CHECK(workbook->contains(("name=\"" + table.title.left(31) + "\"").toUtf8()));

    // The round trip the data sheets stand for: the CSV of a record type imports back unchanged.
    const QString csv = t.file("contractors.csv");
    exportCsv(t.db(), "contractors", csv);
    ImportJob job = ImportJob::csv("contractors", csv);
    const ImportSummary preview = job.preview(t.db());
    CHECK(preview.rejected() == 0);
    CHECK(preview.added() == 0);
    CHECK(preview.updated() == 0);
    CHECK(preview.unchanged() == cbtest::count(t.db(), "contractor"));
}

TEST_CASE("a scope of chosen contractors, and an empty one", "[export][desk]") {
    cbtest::TempDb t;
    SeedOptions o;
    o.contractors = 20;
    seedDemo(t.db(), o);
    const QStringList two = {t.db().query("SELECT id FROM contractor ORDER BY id LIMIT 2").at(0).value("id").toString(),
                             t.db().query("SELECT id FROM contractor ORDER BY id LIMIT 2").at(1).value("id").toString()};
    CHECK(contractorCount(t.db(), ContractorScope::ofIds(two, "two")) == 2);
    CHECK(contractorCount(t.db(), ContractorScope::ofIds({}, "none")) == 0);
    const ExportResult none = exportXlsx(t.db(), t.file("none.xlsx"), {}, standardTables(), ContractorScope::ofIds({}, "none"));
    CHECK(none.records == 0);
    CHECK(QFile::exists(none.path));
}
