// The contractor list's query: a search sorted by name reads its page by walking the name index
// (fast for the first letters typed), and must give exactly the rows, in exactly the order, that
// sorting every match gives, page after page.
#include "TestSupport.h"
#include "contractors/Contractor.h"
#include "demo/DemoSeeder.h"

using namespace cb;

namespace {

// Every match of a search, sorted as the list sorts (name without case, then rowid), the slow way.
QStringList everyMatchSorted(Database& db, const ContractorFilter& f, bool descending) {
    QVariantList params;
    const QString where = ContractorService::whereClause(f, params);
    const QString dir = descending ? QStringLiteral("DESC") : QStringLiteral("ASC");
    QStringList ids;
    for (const Row& r : db.query(QStringLiteral("SELECT c.id FROM contractor c NOT INDEXED") + where +
                                     QStringLiteral(" ORDER BY c.name COLLATE NOCASE %1, c.rowid %1").arg(dir),
                                 params))
        ids << r.value("id").toString();
    return ids;
}

QStringList ids(const QList<Contractor>& cs) {
    QStringList out;
    for (const Contractor& c : cs) out << c.id;
    return out;
}

// Every row of the list read a page of `pageSize` at a time, as the list's model reads them.
QStringList pageByPage(ContractorService& service, const ContractorFilter& f, int pageSize) {
    QStringList out;
    for (int offset = 0;; offset += pageSize) {
        const QStringList page = ids(service.list(f, offset, pageSize));
        out << page;
        if (page.size() < pageSize) return out;
    }
}

// A register of `contractors` seeded contractors.
void seed(cbtest::TempDb& t, int contractors) {
    SeedOptions options;
    options.contractors = contractors;
    seedDemo(t.db(), options);
}

} // namespace

TEST_CASE("a search in name order gives every match once, in name order, page after page", "[register]") {
    cbtest::TempDb t;
    seed(t, 300);
    ContractorService service(t.db());
    // Two contractors with the same name: the rowid breaks the tie, on every page alike.
    Contractor twin;
    twin.group = "general_practice";
    twin.name = "Twin Surgery";
    twin.odsCode = "Y99001";
    service.create(twin);
    twin.odsCode = "Y99002";
    service.create(twin);

    for (const bool descending : {false, true}) {
        for (const QString& text : {QStringLiteral("s"), QStringLiteral("surgery"), QStringLiteral("twin"),
                                    QStringLiteral("ts1"), QStringLiteral("zzzz"), QStringLiteral("---"), QString()}) {
            ContractorFilter f;
            f.search = text;
            f.descending = descending;
            const QStringList expected = everyMatchSorted(t.db(), f, descending);
            INFO("search \"" << text.toStdString() << "\", descending " << descending);
            CHECK(expected.size() == service.count(f));
            CHECK(ids(service.list(f)) == expected);
            CHECK(pageByPage(service, f, 7) == expected);
        }
    }
}

TEST_CASE("a search with another filter or another sort still pages the same rows as sorting every match",
          "[register]") {
    cbtest::TempDb t;
    seed(t, 120);
    ContractorService service(t.db());
    ContractorFilter f;
    f.search = "s";
    f.group = "general_practice";
    const QStringList expected = everyMatchSorted(t.db(), f, false);
    REQUIRE_FALSE(expected.isEmpty());
    CHECK(pageByPage(service, f, 5) == expected);

    f.group.clear();
    f.sortColumn = "postcode";
    const QList<Contractor> byPostcode = service.list(f);
    REQUIRE(byPostcode.size() == service.count(f));
    for (int i = 1; i < byPostcode.size(); ++i) CHECK(byPostcode[i - 1].postcode <= byPostcode[i].postcode);
}
