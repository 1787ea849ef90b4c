// A Row keeps its columns in one sorted array instead of a QMap's tree (store/Row.h). It must behave
// as the QVariantMap it replaced: the same keys in the same order, the same values, the same answers
// to every lookup, after any sequence of changes, and copies that do not see each other's changes.
// Checked on random sequences of operations, each run beside a QVariantMap; a failure prints its
// seed, and ROW_SEED=N reruns one sequence.
#include "TestSupport.h"
#include "store/Row.h"

#include <QVariantMap>
#include <random>

using namespace cb;

namespace {

// The same keys and values in the same order, and the same lookups, as `map`.
void requireSame(const Row& row, const QVariantMap& map) {
    REQUIRE(row.size() == map.size());
    auto r = row.cbegin();
    for (auto m = map.cbegin(); m != map.cend(); ++m, ++r) {
        REQUIRE(r.key() == m.key());
        REQUIRE(r.value() == m.value());
        REQUIRE(*r == *m);
    }
    REQUIRE(r == row.cend());
    REQUIRE(row.keys() == map.keys());
    REQUIRE(row.toMap() == map);
}

} // namespace

TEST_CASE("row: every operation does what it does on a QVariantMap, on random sequences") {
    const bool one = qEnvironmentVariableIsSet("ROW_SEED");
    const unsigned first = one ? unsigned(qEnvironmentVariableIntValue("ROW_SEED")) : 1;
    const unsigned last = one ? first : 300;
    // Keys that sort in every way: prefixes of each other, beyond Latin-1, upper and lower case.
    const QStringList keys = {QStringLiteral("id"),     QStringLiteral("i"),       QStringLiteral("idx"),
                              QStringLiteral("name"),   QStringLiteral("Name"),    QStringLiteral("_rowVersion"),
                              QStringLiteral("zeta"),   QStringLiteral("a"),       QStringLiteral(""),
                              QStringLiteral("na\u00efve"), QStringLiteral("\u20ac"), QStringLiteral("post code"),
                              QStringLiteral("postcode"), QStringLiteral("z"),     QStringLiteral("contract_end")};
    for (unsigned seed = first; seed <= last; ++seed) {
        INFO("seed " << seed << " (ROW_SEED=" << seed << " reruns it)");
        std::mt19937 rng(seed);
        auto pick = [&](int n) { return int(rng() % unsigned(n)); };
        Row row;
        QVariantMap map;
        Row copy;          // an earlier state, shared until one side changes
        QVariantMap copied;
        for (int step = 0; step < 200; ++step) {
            const QString key = keys.at(pick(int(keys.size())));
            const QVariant value = pick(4) == 0 ? QVariant() : pick(2) ? QVariant(qint64(pick(100)))
                                                                       : QVariant(QStringLiteral("v%1").arg(pick(50)));
            switch (pick(11)) {
            case 0:
            case 1: {
                const auto it = row.insert(key, value);
                map.insert(key, value);
                REQUIRE(it.key() == key);
                break;
            }
            case 2: { // a hint: right, wrong or the end
                const int at = pick(int(row.size()) + 1);
                const auto it = row.insert(row.cbegin() + at, key, value);
                map.insert(key, value);
                REQUIRE(it.key() == key);
                REQUIRE(it.value() == value);
                break;
            }
            case 3:
                REQUIRE(row.remove(key) == map.remove(key));
                break;
            case 4:
                REQUIRE(row.take(key) == map.take(key));
                break;
            case 5:
                row[key] = value;
                map[key] = value;
                break;
            case 6: {
                const Row& constRow = row;
                REQUIRE(constRow.value(key) == map.value(key));
                REQUIRE(constRow.value(key, QStringLiteral("none")) == map.value(key, QStringLiteral("none")));
                REQUIRE(constRow.contains(key) == map.contains(key));
                REQUIRE((constRow.constFind(key) == constRow.cend()) == (map.constFind(key) == map.cend()));
                REQUIRE(constRow[key] == map.value(key));
                break;
            }
            case 7: // a copy, then both change apart
                copy = row;
                copied = map;
                break;
            case 8:
                if (!row.isEmpty()) {
                    const int at = pick(int(row.size()));
                    const QString k = (row.cbegin() + at).key();
                    const auto next = row.erase(row.cbegin() + at);
                    map.remove(k);
                    if (next != row.cend()) REQUIRE(Row::less(k, next.key()));
                }
                break;
            case 9: { // another row's columns over these
                Row other;
                QVariantMap otherMap;
                for (int i = pick(5); i > 0; --i) {
                    const QString k = keys.at(pick(int(keys.size())));
                    other.insert(k, qint64(i));
                    otherMap.insert(k, qint64(i));
                }
                // The other way round too: these over the other row's, made in one pass.
                QVariantMap under = otherMap;
                under.insert(map);
                requireSame(Row::merged(other, row), under);
                row.insert(other);
                map.insert(otherMap);
                break;
            }
            default: // through a mutable iterator
                if (auto it = row.find(key); it != row.end()) {
                    *it = value;
                    map[key] = value;
                }
                break;
            }
            requireSame(row, map);
            requireSame(copy, copied);
            REQUIRE((row == copy) == (map == copied));
        }
        // To a QVariantMap and back.
        REQUIRE(Row(map) == row);
    }
}

TEST_CASE("row: a column named by a literal or in Latin-1 is found as by a QString") {
    Row row{{QStringLiteral("ods_code"), QStringLiteral("A81001")}, {QStringLiteral("id"), 7}};
    REQUIRE(row.value("ods_code") == QStringLiteral("A81001"));
    REQUIRE(row.value(QLatin1String("id")) == 7);
    REQUIRE(row.value("i").isNull());
    REQUIRE(row.value("idx", 3) == 3);
    REQUIRE(row.contains("id"));
    REQUIRE_FALSE(row.contains(QLatin1String("ods")));
    REQUIRE(row.keys() == QStringList{QStringLiteral("id"), QStringLiteral("ods_code")});
}
