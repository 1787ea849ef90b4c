// The contractor list while a caseworker types: the rows follow every key, the count of every match
// comes once typing settles (never one count per key), and a filter that leaves nobody says so.
#include "TestSupport.h"
#include "common/RowLoader.h"
#include "common/TableModels.h"
#include "common/Workspace.h"
#include "contractors/ContractorList.h"

#include <QComboBox>
#include <QCoreApplication>
#include <QLabel>
#include <QLineEdit>
#include <QTableView>
#include <QTest>

using namespace cb;
using namespace cb::ui;

namespace {

void addPractice(Database& db, const QString& code, const QString& name) {
    Contractor c;
    c.odsCode = code;
    c.name = name;
    c.group = "general_practice";
    c.postcode = "TS18 1HU";
    ContractorService(db).create(c);
}

QString countText(const ContractorList& list) { return list.findChild<QLabel*>("contractorCount")->text(); }

} // namespace

TEST_CASE("the contractor count appears once typing settles, and the rows do not wait for it", "[gui]") {
    cbtest::TempDb t;
    const int surgeries = PagedTableModel::kPageSize + 10; // more than a page: the count is read apart
    for (int i = 0; i < surgeries; ++i)
        addPractice(t.db(), QStringLiteral("A8%1").arg(i, 4, 10, QLatin1Char('0')),
                    QStringLiteral("Surgery %1").arg(i, 3, 10, QLatin1Char('0')));
    addPractice(t.db(), "B81001", "Beacon Health Centre");
    Workspace ws(t.db());
    ContractorList list(ws);
    list.model()->waitForCount();
    REQUIRE(list.model()->totalCount() == surgeries + 1);

    auto* filter = list.findChild<QLineEdit*>("contractorFilter");
    for (const QString& key : {QStringLiteral("s"), QStringLiteral("u"), QStringLiteral("r")}) {
        QTest::keyClicks(filter, key);
        list.applyFilter(); // the key applied, no turn of the event loop yet
        CHECK(list.model()->rowCount() == PagedTableModel::kPageSize); // the first page is there at once
        CHECK(list.model()->totalCount() == -1);
        CHECK(countText(list) == QStringLiteral("counting…"));
        CHECK_FALSE(list.model()->loader()->isBusy()); // no count is read while she types
    }
    // Typing settles: the count arrives by itself.
    REQUIRE(QTest::qWaitFor([&] { return list.model()->totalCount() >= 0; }));
    CHECK(list.model()->totalCount() == surgeries);
    CHECK(countText(list) == QStringLiteral("%1 contractors").arg(surgeries));
    CHECK(list.model()->rowCount() == PagedTableModel::kPageSize);

    // A search whose rows all fit on the first page is counted from them, at once.
    QTest::keyClicks(filter, "gery 00");
    list.applyFilter();
    CHECK(list.model()->rowCount() == 10);
    CHECK(list.model()->totalCount() == 10);
    CHECK(countText(list) == QStringLiteral("10 contractors"));
}

TEST_CASE("a search that matches no contractor says so, and clearing it shows them all again", "[gui]") {
    cbtest::TempDb t;
    addPractice(t.db(), "A81001", "Abbey Surgery");
    addPractice(t.db(), "A81002", "Beacon Surgery");
    Workspace ws(t.db());
    ContractorList list(ws);
    list.show();
    auto* message = list.findChild<QLabel*>("contractorNoMatch");
    REQUIRE(message);
    CHECK_FALSE(message->isVisible()); // every contractor is listed: nothing to say

    auto* filter = list.findChild<QLineEdit*>("contractorFilter");
    QTest::keyClicks(filter, "<b>zzz");
    list.applyFilter();
    CHECK(list.model()->rowCount() == 0);
    CHECK(message->isVisible());
    CHECK(message->text().contains(QStringLiteral("No contractor matches \u201c<b>zzz\u201d")));
    CHECK(message->textFormat() == Qt::PlainText); // what she typed is shown as typed
    CHECK(message->text().contains(QStringLiteral("clear the filters")));
    CHECK(countText(list) == QStringLiteral("0 contractors"));

    filter->clear();
    list.applyFilter();
    CHECK(list.model()->rowCount() == 2);
    CHECK_FALSE(message->isVisible());

    // Filters that leave nobody (no dental contractor here) say so too, without search text.
    auto* group = list.findChild<QComboBox*>("groupFilter");
    group->setCurrentIndex(group->findData("dental"));
    CHECK(list.model()->rowCount() == 0);
    CHECK(message->isVisible());
    CHECK(message->text().startsWith(QStringLiteral("No contractor matches these filters.")));
    QTest::keyClicks(filter, "abbey");
    list.applyFilter();
    CHECK(message->text().startsWith(QStringLiteral("No contractor matches \u201cabbey\u201d with these filters.")));
    group->setCurrentIndex(0);
    CHECK(list.model()->rowCount() == 1);
    CHECK_FALSE(message->isVisible());
}
