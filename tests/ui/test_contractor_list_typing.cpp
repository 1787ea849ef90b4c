// The contractor list as a caseworker types in its filter and scrolls it: each key shows its rows
// at once, the list reads pages only as she scrolls to them, the contractor she had selected stays
// selected while the rows still hold it, the count of every match comes once typing settles (never
// one count per key), and a filter that leaves nobody says so.
#include "TestSupport.h"
#include "common/RowLoader.h"
#include "common/TableModels.h"
#include "common/Workspace.h"
#include "contractors/ContractorList.h"

#include <QAbstractItemModelTester>
#include <QComboBox>
#include <QCoreApplication>
#include <QLabel>
#include <QLineEdit>
#include <QScrollBar>
#include <QTableView>
#include <QTest>

using namespace cb;
using namespace cb::ui;

namespace {

QString addPractice(Database& db, const QString& code, const QString& name) {
    Contractor c;
    c.odsCode = code;
    c.name = name;
    c.group = "general_practice";
    c.postcode = "TS18 1HU";
    return ContractorService(db).create(c).id;
}

QString countText(const ContractorList& list) { return list.findChild<QLabel*>("contractorCount")->text(); }

QString currentId(const ContractorList& list) {
    const QModelIndex i = list.view()->currentIndex();
    return i.isValid() ? list.model()->idAt(i.row()) : QString();
}

} // namespace

TEST_CASE("scrolling to the end of the contractor list reads the next page, in order", "[gui]") {
    cbtest::TempDb t;
    const int practices = 2 * PagedTableModel::kPageSize + 20;
    for (int i = 0; i < practices; ++i)
        addPractice(t.db(), QStringLiteral("A8%1").arg(i, 4, 10, QLatin1Char('0')),
                    QStringLiteral("Surgery %1").arg(i, 3, 10, QLatin1Char('0')));
    Workspace ws(t.db());
    ContractorList list(ws);
    list.resize(900, 400);
    list.show();
    REQUIRE(QTest::qWaitForWindowExposed(&list));
    CHECK(list.model()->rowCount() == PagedTableModel::kPageSize); // only the first page is read
    list.model()->waitForCount();
    CHECK(list.model()->totalCount() == practices); // the count still covers every match

    QScrollBar* bar = list.view()->verticalScrollBar();
    bar->setValue(bar->maximum());
    REQUIRE(QTest::qWaitFor([&] { return list.model()->rowCount() > PagedTableModel::kPageSize; }));
    CHECK(list.model()->rowCount() == 2 * PagedTableModel::kPageSize);
    const int next = PagedTableModel::kPageSize;
    CHECK(list.model()->data(list.model()->index(next - 1, 1)).toString() ==
          QStringLiteral("Surgery %1").arg(next - 1, 3, 10, QLatin1Char('0')));
    CHECK(list.model()->data(list.model()->index(next, 1)).toString() ==
          QStringLiteral("Surgery %1").arg(next, 3, 10, QLatin1Char('0')));

    // The model tester fetches pages itself as it checks (so it comes in only now, after the paging
    // checks above) and checks every page appended from here on.
    QAbstractItemModelTester tester(list.model());
    for (int turns = 0; turns < 1000 && list.model()->canFetchMore({}); ++turns) { // bounded: a failure, not a hang
        QCoreApplication::processEvents(); // the view lays out the new rows: the bar's maximum moves
        bar->setValue(bar->maximum());
    }
    CHECK(list.model()->rowCount() == practices);
    CHECK(list.model()->data(list.model()->index(practices - 1, 0)).toString() ==
          QStringLiteral("A8%1").arg(practices - 1, 4, 10, QLatin1Char('0')));
}

TEST_CASE("each key typed in the contractor filter shows its rows without waiting for typing to pause", "[gui]") {
    cbtest::TempDb t;
    addPractice(t.db(), "A81001", "Abbey Surgery");
    addPractice(t.db(), "A81002", "Beacon Surgery");
    addPractice(t.db(), "A81003", "Beacon Health Centre");
    Workspace ws(t.db());
    ContractorList list(ws);
    QAbstractItemModelTester tester(list.model());
    auto* filter = list.findChild<QLineEdit*>("contractorFilter");
    REQUIRE(filter);
    QTest::keyClicks(filter, "beac");
    QCoreApplication::processEvents(); // one turn of the event loop, no pause
    CHECK(list.model()->rowCount() == 2);
    QTest::keyClicks(filter, "on h");
    QCoreApplication::processEvents();
    REQUIRE(list.model()->rowCount() == 1);
    CHECK(list.model()->data(list.model()->index(0, 1)).toString() == "Beacon Health Centre");
    list.model()->waitForCount();
    QCoreApplication::processEvents();
    CHECK(list.findChild<QLabel*>("contractorCount")->text() == "1 contractor");

    QTest::keyClicks(filter, "zzz");
    QCoreApplication::processEvents();
    CHECK(list.model()->rowCount() == 0);
    QCoreApplication::processEvents();
    CHECK(list.findChild<QLabel*>("contractorCount")->text() == "0 contractors");
}

TEST_CASE("the selected contractor stays selected while more typing keeps it in the list", "[gui]") {
    cbtest::TempDb t;
    addPractice(t.db(), "A81001", "Abbey Surgery");
    const QString selected = addPractice(t.db(), "A81002", "Abbey Health Centre");
    addPractice(t.db(), "A81003", "Beacon Surgery");
    Workspace ws(t.db());
    ContractorList list(ws);
    QAbstractItemModelTester tester(list.model());
    list.show();
    REQUIRE(list.model()->rowCount() == 3);
    list.view()->setCurrentIndex(list.model()->index(list.model()->rowOfId(selected), 1));
    REQUIRE(currentId(list) == selected);

    auto* filter = list.findChild<QLineEdit*>("contractorFilter");
    QTest::keyClicks(filter, "abbey");
    list.applyFilter();
    REQUIRE(list.model()->rowCount() == 2);
    CHECK(currentId(list) == selected);
    CHECK(list.view()->selectionModel()->isRowSelected(list.model()->rowOfId(selected), {}));

    QTest::keyClicks(filter, " h");
    list.applyFilter();
    REQUIRE(list.model()->rowCount() == 1);
    CHECK(currentId(list) == selected);
    CHECK(list.view()->currentIndex().row() == 0);

    filter->clear();
    QTest::keyClicks(filter, "beacon"); // no longer in the list: nothing is selected, nothing else either
    list.applyFilter();
    REQUIRE(list.model()->rowCount() == 1);
    CHECK(currentId(list).isEmpty());
    CHECK(list.view()->selectionModel()->selectedRows().isEmpty());
}

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
    // Only a search is set: the advice is about the search, not filters she never chose.
    CHECK(message->text().endsWith(QStringLiteral("Check the spelling, or clear the search to see every contractor.")));
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
    CHECK(message->text() == QStringLiteral("No contractor matches these filters. Clear the filters to see every "
                                            "contractor."));
    QTest::keyClicks(filter, "abbey");
    list.applyFilter();
    CHECK(message->text().startsWith(QStringLiteral("No contractor matches \u201cabbey\u201d with these filters.")));
    CHECK(message->text().endsWith(QStringLiteral("clear the search and the filters to see every contractor.")));
    group->setCurrentIndex(0);
    CHECK(list.model()->rowCount() == 1);
    CHECK_FALSE(message->isVisible());
}
