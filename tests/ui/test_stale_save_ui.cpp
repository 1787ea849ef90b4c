// A form saved after someone else saved the same record: refused, then offered a reload that keeps
// the caseworker's own typing where it does not clash.
#include "TestSupport.h"
#include "common/Ask.h"
#include "common/Workspace.h"
#include "contractors/ContractorEditors.h"
#include "contracts/ContractEditors.h"

#include <QLineEdit>
#include <QTest>

using namespace cb;
using namespace cb::ui;

namespace {
void typeInto(QWidget* w, const QString& text) {
    auto* e = qobject_cast<QLineEdit*>(w);
    REQUIRE(e);
    e->selectAll();
    QTest::keyClicks(e, text);
}

Contractor oakfield(Database& db) {
    Contractor c;
    c.odsCode = "A81001";
    c.group = "general_practice";
    c.name = "Oakfield Surgery";
    c.postcode = "TS18 1HU";
    c.telephone = "01642 000001";
    return ContractorService(db).create(c);
}
} // namespace

TEST_CASE("a stale save is refused, then reloaded keeping the caseworker's typing, and saved", "[gui][stale]") {
    cbtest::TempDb t;
    const Contractor loaded = oakfield(t.db());
    Workspace ws(t.db());
    ContractorEditor editor(ws, loaded); // Alice opens the form

    Database bob(t.path()); // another Casebook on the same file
    bob.setActor("bob");
    Contractor bobs = *ContractorService(bob).get(loaded.id);
    bobs.telephone = "01642 222222";
    ContractorService(bob).update(bobs);

    typeInto(editor.fieldEditor("email"), "oakfield@nhs.net");
    QStringList asked;
    const auto previous = Ask::setHandler([&](QWidget*, const Question& q) {
        asked << q.text;
        return 0; // "Reload, keeping my changes"
    });
    CHECK_FALSE(editor.save()); // refused: nothing overwritten
    REQUIRE(asked.size() == 1);
    CHECK(asked.first().contains("bob"));
    CHECK(asked.first().contains("telephone from 01642 000001 to 01642 222222"));
    CHECK(ContractorService(t.db()).get(loaded.id)->email.isEmpty());
    // The form now shows Bob's number and still has Alice's email.
    CHECK(qobject_cast<QLineEdit*>(editor.fieldEditor("telephone"))->text() == "01642 222222");
    CHECK(qobject_cast<QLineEdit*>(editor.fieldEditor("email"))->text() == "oakfield@nhs.net");
    CHECK(editor.issueText(QString()).contains("Your own changes are kept (email)"));
    CHECK(editor.isDirty());

    REQUIRE(editor.save());
    const Contractor now = *ContractorService(t.db()).get(loaded.id);
    CHECK(now.telephone == "01642 222222");
    CHECK(now.email == "oakfield@nhs.net");
    Ask::setHandler(previous);
}

TEST_CASE("a stale save that clashes lists the clash and keeps editing when asked to", "[gui][stale]") {
    cbtest::TempDb t;
    const Contractor loaded = oakfield(t.db());
    Workspace ws(t.db());
    ContractorEditor editor(ws, loaded);

    Database bob(t.path());
    bob.setActor("bob");
    Contractor bobs = *ContractorService(bob).get(loaded.id);
    bobs.telephone = "01642 222222";
    ContractorService(bob).update(bobs);

    typeInto(editor.fieldEditor("telephone"), "01642 333333");
    QStringList asked;
    const auto previous = Ask::setHandler([&](QWidget*, const Question& q) {
        asked << q.text;
        return 1; // "Keep editing"
    });
    CHECK_FALSE(editor.save());
    REQUIRE(asked.size() == 1);
    CHECK(asked.first().contains("You both changed: telephone (saved as \"01642 222222\", you typed \"01642 333333\")"));
    // Nothing she typed is lost, nothing of Bob's is overwritten.
    CHECK(qobject_cast<QLineEdit*>(editor.fieldEditor("telephone"))->text() == "01642 333333");
    CHECK(ContractorService(t.db()).get(loaded.id)->telephone == "01642 222222");
    Ask::setHandler(previous);
}

TEST_CASE("every form editing one record reloads the same way: a contract keeps both people's changes", "[gui][stale]") {
    cbtest::TempDb t;
    const Contractor practice = oakfield(t.db());
    Contract draft;
    draft.contractorId = practice.id;
    draft.route = "gms";
    draft.reference = "GMS-A81001";
    draft.startDate = QDate(2020, 4, 1);
    draft.status = "active";
    draft.listSize = 6000;
    const Contract loaded = *ContractBook(t.db()).get(ContractBook(t.db()).create(draft).id);
    Workspace ws(t.db());
    ContractEditor editor(ws, loaded, practice.group); // Alice opens the contract

    Database bob(t.path());
    bob.setActor("bob");
    Contract bobs = *ContractBook(bob).get(loaded.id);
    bobs.listSize = 6400;
    ContractBook(bob).update(bobs);

    typeInto(editor.fieldEditor("reference"), "GMS-A81001-2020");
    const auto previous = Ask::setHandler([&](QWidget*, const Question&) { return 0; }); // reload, keep mine
    CHECK_FALSE(editor.save());
    CHECK(qobject_cast<QLineEdit*>(editor.fieldEditor("reference"))->text() == "GMS-A81001-2020");
    REQUIRE(editor.save());
    const Contract now = *ContractBook(t.db()).get(loaded.id);
    CHECK(now.listSize == 6400);
    CHECK(now.reference == "GMS-A81001-2020");
    Ask::setHandler(previous);
}
