// The contractor list on a narrow screen (1280 pixels at 150 % leaves it about 600): its columns
// follow the view's width, the name taking the room the others leave, rather than the list
// scrolling sideways. CASEBOOK_SHOT_DIR=folder keeps a picture of each width to look at.
#include "TestSupport.h"
#include "common/TableModels.h"
#include "common/Workspace.h"
#include "contractors/ContractorList.h"

#include <QCoreApplication>
#include <QHeaderView>
#include <QScrollBar>
#include <QSettings>
#include <QTableView>
#include <QTest>

using namespace cb;
using namespace cb::ui;

TEST_CASE("the contractor list's columns follow its width instead of scrolling sideways", "[gui]") {
    QSettings().remove(QStringLiteral("columns/contractorTable")); // the widths as first given, not an earlier run's
    cbtest::TempDb t;
    Contractor c;
    c.odsCode = "A81001";
    c.name = "The Very Long Name Of A Medical Practice In A Market Town Health Centre";
    c.group = "general_practice";
    c.postcode = "TS18 1HU";
    c.address4 = "Stockton-on-Tees";
    ContractorService(t.db()).create(c);
    Workspace ws(t.db());
    ContractorList list(ws);
    for (const int width : {1280, 600, 1100, 1280}) { // narrowed, then wide again: the columns widen back
        INFO("list " << width << " pixels wide");
        list.resize(width, 400);
        list.show();
        REQUIRE(QTest::qWaitForWindowExposed(&list));
        QCoreApplication::processEvents();
        QTableView* view = list.view();
        CHECK(view->horizontalScrollBar()->maximum() == 0); // nothing to scroll to
        QHeaderView* header = view->horizontalHeader();
        int total = 0;
        for (int i = 0; i < header->count(); ++i) {
            total += header->sectionSize(i);
            if (i != 1) CHECK(header->sectionSize(1) > header->sectionSize(i)); // the name is the widest
        }
        CHECK(total <= view->viewport()->width());
        if (width == 1280) CHECK(header->sectionSize(0) == header->defaultSectionSize()); // the room it was given
        if (const QByteArray dir = qgetenv("CASEBOOK_SHOT_DIR"); !dir.isEmpty())
            list.grab().save(QStringLiteral("%1/contractor-list-%2.png").arg(QString::fromLocal8Bit(dir)).arg(width));
    }
}
