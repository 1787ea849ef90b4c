// Issue 13: the contract editor takes a dental contract's UDA target to the hundredth ("3500.5")
// and refuses, in the caseworker's words and saving nothing, one it cannot keep exactly.
#include "../core/DentalContractFixtures.h"
#include "common/RecordForm.h"
#include "common/Workspace.h"
#include "contracts/ContractEditors.h"

#include <QLineEdit>
#include <QTest>

using namespace cb;
using namespace cb::ui;

namespace {

void typeInto(QWidget* editor, const QString& text) {
    auto* line = qobject_cast<QLineEdit*>(editor);
    REQUIRE(line);
    line->setFocus();
    line->selectAll();
    QTest::keyClick(line, Qt::Key_Delete);
    QTest::keyClicks(line, text);
}

} // namespace

TEST_CASE("the contract editor keeps a fractional UDA target and refuses one it cannot keep exactly", "[gui][dental]") {
    cbtest::TempDb t;
    const Contract k = cbtest::makeDentalContract(t.db(), cbtest::makePractice(t.db(), "V00001", "dental"), Units(3000));
    Workspace ws(t.db());
    const auto stored = [&] { return t.db().scalar("SELECT uda_target FROM contract WHERE id = ?", {k.id}).toString(); };
    const qint64 audits = cbtest::count(t.db(), "audit");

    {
        ContractEditor editor(ws, *ContractBook(t.db()).get(k.id), "dental");
        CHECK(qobject_cast<QLineEdit*>(editor.fieldEditor("udaTarget"))->text() == "3000");
        typeInto(editor.fieldEditor("udaTarget"), "3500.555");
        CHECK_FALSE(editor.save());
        CHECK(editor.issueText("udaTarget") ==
              "Enter the UDA target as a number of UDAs, e.g. 3500 or 3500.5: at most two decimal places, not \"3500.555\".");
        CHECK(qobject_cast<QLineEdit*>(editor.fieldEditor("udaTarget"))->text() == "3500.555"); // what was typed stays
        CHECK(stored() == "3000");
        CHECK(cbtest::count(t.db(), "audit") == audits);

        typeInto(editor.fieldEditor("udaTarget"), "-1");
        CHECK_FALSE(editor.save());
        CHECK(editor.issueText("udaTarget") ==
              "Enter the UDA target as a number of UDAs, e.g. 3500 or 3500.5: it cannot be negative (-1 was entered).");
        CHECK(stored() == "3000");
        CHECK(cbtest::count(t.db(), "audit") == audits);

        typeInto(editor.fieldEditor("udaTarget"), "3500.5");
        REQUIRE(editor.save());
    }
    CHECK(stored() == "3500.5");
    CHECK(ContractBook(t.db()).get(k.id)->udaTarget == Units::fromHundredths(350050));
    // Opened again, the form shows the figure as it is kept.
    ContractEditor again(ws, *ContractBook(t.db()).get(k.id), "dental");
    CHECK(qobject_cast<QLineEdit*>(again.fieldEditor("udaTarget"))->text() == "3500.5");
}
