// The Contracts screen's list, read a page at a time: contracts without the sort key (open-ended
// ones have no end date) come after every contract with it, and the pages together give exactly
// the rows, in exactly the order, of sorting every contract at once.
#include "TestSupport.h"
#include "demo/DemoSeeder.h"
#include "search/GlobalSearch.h"

using namespace cb;

namespace {

// Every contract sorted as the list sorts them, the slow way: one ORDER BY over all of them.
QStringList everyContractSorted(Database& db, const QString& key, bool descending, const QString& where = {},
                                const QVariantList& params = {}) {
    const QString dir = descending ? QStringLiteral("DESC") : QStringLiteral("ASC");
    QStringList ids;
    for (const Row& r : db.query(QStringLiteral("SELECT k.id FROM contract k JOIN contractor c ON c.id = k.contractor_id") +
                                     where + QStringLiteral(" ORDER BY %1 IS NULL, %1 %2, k.id").arg(key, dir),
                                 params))
        ids << r.value("id").toString();
    return ids;
}

QStringList pageByPage(ContractList& list, const ContractListFilter& f, int pageSize) {
    QStringList out;
    for (int offset = 0;; offset += pageSize) {
        const QList<Row> page = list.list(f, offset, pageSize);
        for (const Row& r : page) out << r.value("id").toString();
        if (page.size() < pageSize) return out;
    }
}

} // namespace

TEST_CASE("the contracts list pages every contract once, those without the sort key last", "[register]") {
    cbtest::TempDb t;
    SeedOptions options;
    options.contractors = 120;
    seedDemo(t.db(), options);
    const int contracts = t.db().scalar("SELECT count(*) FROM contract").toInt();
    const int open = t.db().scalar("SELECT count(*) FROM contract WHERE end_date IS NULL").toInt();
    REQUIRE(open > 0);             // open-ended contracts, to come last
    REQUIRE(open < contracts);     // and dated ones before them
    ContractList list(t.db());
    const QList<std::pair<QString, QString>> sorts = {{"end_date", "k.end_date"},     {"start_date", "k.start_date"},
                                                      {"reference", "k.reference"},   {"status", "k.status"},
                                                      {"contractor_name", "c.name"}, {"annual_value_pence", "k.annual_value_pence"}};
    for (const auto& [column, key] : sorts) {
        for (const bool descending : {false, true}) {
            ContractListFilter f;
            f.sortColumn = column;
            f.descending = descending;
            const QStringList expected = everyContractSorted(t.db(), key, descending);
            INFO("sorted by " << column.toStdString() << ", descending " << descending);
            REQUIRE(expected.size() == contracts);
            CHECK(pageByPage(list, f, 7) == expected);
            CHECK(pageByPage(list, f, 50) == expected);
            QStringList all;
            for (const Row& r : list.list(f, 0, -1)) all << r.value("id").toString();
            CHECK(all == expected);
            // A page asked for past the end of the dated contracts starts among the open-ended ones.
            const QList<Row> late = list.list(f, contracts - 3, 10);
            REQUIRE(late.size() == 3);
            CHECK(late.last().value("id").toString() == expected.last());
            CHECK(list.list(f, contracts, 10).isEmpty());
        }
    }

    // With a filter: the same, within the filtered contracts.
    ContractListFilter f;
    f.status = t.db().scalar("SELECT status FROM contract GROUP BY status ORDER BY count(*) DESC LIMIT 1").toString();
    const QStringList expected = everyContractSorted(t.db(), "k.end_date", false, " WHERE k.status = ?", {f.status});
    REQUIRE_FALSE(expected.isEmpty());
    CHECK(pageByPage(list, f, 7) == expected);
    CHECK(list.count(f) == expected.size());
}
