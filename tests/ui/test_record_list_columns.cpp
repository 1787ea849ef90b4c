// The small record tables of the practice file (services, events, sites, activity) fit their
// columns to what they show until the caseworker sizes one herself: a service's long name is not
// clipped while the End column stands half empty.
#include "TestSupport.h"
#include "common/RecordListPanel.h"
#include "common/Workspace.h"

#include <QApplication>
#include <QFontMetrics>
#include <QHeaderView>
#include <QSettings>
#include <QTableView>

using namespace cb;
using namespace cb::ui;

namespace {

QList<Column> serviceColumns() {
    return {textColumn(QStringLiteral("Kind"), QStringLiteral("category")),
            textColumn(QStringLiteral("Name"), QStringLiteral("name")),
            textColumn(QStringLiteral("Start"), QStringLiteral("start_date")),
            textColumn(QStringLiteral("End"), QStringLiteral("end_date"))};
}

Row service(const QString& id, const QString& name) {
    return Row{{"id", id}, {"category", "essential"}, {"name", name}, {"start_date", "2004-04-01"}};
}

int textWidth(QTableView* view, const QString& text) { return view->fontMetrics().horizontalAdvance(text); }

} // namespace

TEST_CASE("a record table widens a column to show its longest value, never narrower than usual", "[gui][columns]") {
    QSettings().remove(QStringLiteral("columnsSizedByHand/fitServicesTable"));
    QSettings().remove(QStringLiteral("columns/fitServicesTable"));
    cbtest::TempDb t;
    Workspace ws(t.db());
    RecordListPanel panel(ws, QStringLiteral("fitServices"), QStringLiteral("Services"), QStringLiteral("service"),
                          serviceColumns());
    panel.resize(900, 300);
    panel.show();
    QApplication::processEvents();
    QTableView* view = panel.view();
    QHeaderView* header = view->horizontalHeader();
    const int usual = header->defaultSectionSize();

    const QString longName = QStringLiteral("Mandatory dental services, including urgent care sessions");
    panel.setRows({service("s1", QStringLiteral("Essential")), service("s2", longName)});
    CHECK(header->sectionSize(1) >= textWidth(view, longName)); // not clipped
    CHECK(header->sectionSize(0) == usual);                     // short values keep the usual width
    CHECK(header->sectionSize(2) == usual);

    // A note far longer than the table is wide takes at most half of it (or 40 characters).
    const QString essay = QString(QStringLiteral("A very long note about this service. ")).repeated(12);
    panel.setRows({service("s3", essay)});
    const int most = std::max({usual, view->viewport()->width() / 2, view->fontMetrics().averageCharWidth() * 40});
    CHECK(header->sectionSize(1) == most);
    CHECK(header->sectionSize(1) < textWidth(view, essay));
}

TEST_CASE("once she drags a column, the record table keeps her widths, in this session and the next", "[gui][columns]") {
    QSettings().remove(QStringLiteral("columnsSizedByHand/handServicesTable"));
    QSettings().remove(QStringLiteral("columns/handServicesTable"));
    cbtest::TempDb t;
    Workspace ws(t.db());
    const QString longName = QStringLiteral("Mandatory dental services, including urgent care sessions");
    {
        RecordListPanel panel(ws, QStringLiteral("handServices"), QStringLiteral("Services"), QStringLiteral("service"),
                              serviceColumns());
        panel.resize(900, 300);
        panel.show();
        // The layout stretching the last column is not her choice: fitting goes on.
        panel.view()->horizontalHeader()->resizeSection(3, 400);
        panel.setRows({service("s1", longName)});
        REQUIRE(panel.view()->horizontalHeader()->sectionSize(1) >= textWidth(panel.view(), longName));

        panel.view()->horizontalHeader()->resizeSection(1, 90); // she narrows the Name column
        panel.setRows({service("s1", longName), service("s2", QStringLiteral("Other"))});
        CHECK(panel.view()->horizontalHeader()->sectionSize(1) == 90);
    }
    RecordListPanel again(ws, QStringLiteral("handServices"), QStringLiteral("Services"), QStringLiteral("service"),
                          serviceColumns());
    again.resize(900, 300);
    again.show();
    again.setRows({service("s1", longName)});
    CHECK(again.view()->horizontalHeader()->sectionSize(1) == 90);
}
