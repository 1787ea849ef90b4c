// The dental activity list on a contract sorts its UDA, UOA and UDA value columns as numbers (issue 13):
// "1,234.5" is more than "980", which text order would put the other way round.
#include "../core/ProcedureFixtures.h"
#include "TestSupport.h"
#include "common/RecordListPanel.h"
#include "common/Workspace.h"
#include "contractors/PracticeFile.h"
#include "shell/MainWindow.h"

#include <QAbstractItemModelTester>
#include <algorithm>
#include <QApplication>
#include <QHeaderView>
#include <QLocale>
#include <QTabWidget>
#include <QTableView>
#include <QTest>

using namespace cb;
using namespace cb::ui;

namespace {

int columnOf(QTableView* view, const QString& header) {
    for (int c = 0; c < view->model()->columnCount(); ++c)
        if (view->model()->headerData(c, Qt::Horizontal).toString() == header) return c;
    return -1;
}

QStringList column(QTableView* view, int c) {
    QStringList out;
    for (int r = 0; r < view->model()->rowCount(); ++r) out << view->model()->index(r, c).data().toString();
    return out;
}

void clickHeader(QTableView* view, int c) {
    QHeaderView* h = view->horizontalHeader();
    const QPoint at(h->sectionViewportPosition(c) + h->sectionSize(c) / 2, h->height() / 2);
    QTest::mouseClick(h->viewport(), Qt::LeftButton, {}, at);
    QApplication::processEvents();
}

} // namespace

TEST_CASE("the dental activity list sorts UDAs, UOAs and the UDA value as numbers when a header is clicked",
          "[gui][dental]") {
    cbtest::TempDb t;
    cbtest::DentalYear d(t.db()); // 2026/27: 1,000 UDAs
    ContractBook book(t.db());
    auto year = [&](int start, qint64 udaHundredths, qint64 uoaHundredths, std::optional<qint64> valuePence) {
        DentalActivity a;
        a.contractId = d.contract.id;
        a.yearStart = start;
        a.udaTarget = Units::fromHundredths(udaHundredths);
        a.uoaTarget = Units::fromHundredths(uoaHundredths);
        a.udaValuePence = valuePence;
        book.saveActivity(a);
    };
    year(2023, 98000, 1225, 3010);     // 980 UDAs, 12.25 UOAs, £30.10
    year(2024, 123450, 98000, 833);    // 1,234.5 UDAs, 980 UOAs, £8.33
    year(2025, 1225, 123450, 2833);    // 12.25 UDAs, 1,234.5 UOAs, £28.33

    Workspace ws(t.db());
    MainWindow window(ws);
    window.show();
    REQUIRE(QTest::qWaitForWindowExposed(&window));
    window.openContractor(d.contract.contractorId, "contracts");
    auto* details = window.practiceFile()->findChild<QTabWidget*>("contractDetails");
    auto* panel = window.practiceFile()->findChild<RecordListPanel*>("activity");
    REQUIRE(details);
    REQUIRE(panel);
    details->setCurrentWidget(panel);
    QApplication::processEvents();
    QTableView* view = panel->view();
    QAbstractItemModelTester tester(view->model(), QAbstractItemModelTester::FailureReportingMode::Warning);
    REQUIRE(view->model()->rowCount() == 4);
    panel->selectId(d.year.id); // the 2026/27 year stays chosen whatever the order

    const int uda = columnOf(view, "UDA target");
    const int uoa = columnOf(view, "UOA target");
    const int value = columnOf(view, "UDA value");
    REQUIRE(uda >= 0);
    REQUIRE(uoa >= 0);
    REQUIRE(value >= 0);
    CHECK(column(view, 0) == QStringList{"2023/24", "2024/25", "2025/26", "2026/27"}); // by year at first

    clickHeader(view, uda);
    const Qt::SortOrder first = view->horizontalHeader()->sortIndicatorOrder();
    const QStringList up{"12.25", "980", "1,000", "1,234.5"};
    QStringList down = up;
    std::reverse(down.begin(), down.end());
    CHECK(column(view, uda) == (first == Qt::AscendingOrder ? up : down));
    CHECK(panel->currentId() == d.year.id);
    clickHeader(view, uda);
    CHECK(column(view, uda) == (first == Qt::AscendingOrder ? down : up));
    CHECK(panel->currentId() == d.year.id);

    view->sortByColumn(uoa, Qt::AscendingOrder);
    CHECK(column(view, uoa) == QStringList{"0", "12.25", "980", "1,234.5"});
    view->sortByColumn(value, Qt::AscendingOrder);
    CHECK(column(view, value) == QStringList{QString::fromUtf8("£8.33"), QString::fromUtf8("£28.33"),
                                             QString::fromUtf8("£30.10"), QString()}); // no value: last

    // CASEBOOK_SHOTS=DIR: a picture of the list sorted by the UDA value, to look at.
    if (const QString dir = qEnvironmentVariable("CASEBOOK_SHOTS"); !dir.isEmpty()) {
        window.resize(1280, 800);
        QApplication::processEvents();
        CHECK(window.grab().save(dir + "/dental-activity-sorted.png"));
    }

    // A save reloads the rows: the order chosen stays.
    year(2022, 50, 0, 100);
    ws.notifyChanged(d.contract.contractorId);
    QApplication::processEvents();
    CHECK(column(view, value).first() == QString::fromUtf8("£1.00"));
}

TEST_CASE("the contracts list sorts contract sizes as numbers, 3,500.5 UDAs before 10,000", "[gui][dental]") {
    cbtest::TempDb t;
    cbtest::DentalYear d(t.db());
    ContractBook book(t.db());
    for (const auto& [reference, hundredths] : {std::pair{"222222/0001", qint64(1000000)}, std::pair{"333333/0001", qint64(350050)}}) {
        Contract k;
        k.contractorId = d.contract.contractorId;
        k.route = QStringLiteral("gds");
        k.reference = QString::fromLatin1(reference);
        k.startDate = QDate(2020, 4, 1);
        k.udaTarget = Units::fromHundredths(hundredths);
        book.create(k);
    }
    Workspace ws(t.db());
    MainWindow window(ws);
    window.show();
    REQUIRE(QTest::qWaitForWindowExposed(&window));
    window.openContractor(d.contract.contractorId, "contracts");
    auto* panel = window.practiceFile()->findChild<RecordListPanel*>("contracts");
    REQUIRE(panel);
    QTableView* view = panel->view();
    const int size = columnOf(view, "Size");
    REQUIRE(size >= 0);
    REQUIRE(view->model()->rowCount() == 3);
    const auto numbers = [&] {
        QList<double> out;
        for (const QString& s : column(view, size)) out << QLocale(QLocale::English).toDouble(s.section(' ', 0, 0));
        return out;
    };
    view->sortByColumn(size, Qt::AscendingOrder);
    const QStringList shown = column(view, size);
    INFO(shown.join(" | ").toStdString());
    CHECK(shown.contains("3,500.5 UDAs"));
    CHECK(shown.contains("10,000 UDAs"));
    CHECK(shown.indexOf("3,500.5 UDAs") < shown.indexOf("10,000 UDAs"));
    QList<double> up = numbers();
    CHECK(std::is_sorted(up.begin(), up.end()));
    view->sortByColumn(size, Qt::DescendingOrder);
    QList<double> down = numbers();
    CHECK(std::is_sorted(down.rbegin(), down.rend()));
}
