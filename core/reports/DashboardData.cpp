#include "reports/DashboardData.h"

#include "common/Identifiers.h"
#include "common/Policy.h"
#include "concerns/RiskMatrix.h"
#include "contractors/Contractor.h"
#include "contracts/Contract.h"
#include "store/Settings.h"

#include <QHash>
#include <QSet>
#include <algorithm>
#include <cmath>

namespace cb {

double ChartSpec::total() const {
    double sum = 0;
    for (const ChartSeries& s : series)
        for (double v : s.values) sum += v;
    return sum;
}

double ChartSpec::maxStack() const {
    double best = 0;
    for (int i = 0; i < categories.size(); ++i) {
        double stack = 0;
        for (const ChartSeries& s : series) {
            const double v = s.values.value(i);
            if (kind == Kind::StackedBars) stack += v;
            else stack = std::max(stack, v);
        }
        best = std::max(best, stack);
    }
    return best;
}

namespace dashboard {
QString financialQuarter(const QDate& day) {
    const int fyStart = day.month() >= 4 ? day.year() : day.year() - 1;
    const int quarter = ((day.month() + 8) % 12) / 3 + 1; // April..June -> 1
    return QStringLiteral("Q%1 %2/%3").arg(quarter).arg(fyStart % 100, 2, 10, QLatin1Char('0')).arg((fyStart + 1) % 100, 2, 10, QLatin1Char('0'));
}
} // namespace dashboard

namespace {

// " AND c.contractor_group = ? AND c.commissioner_code = ?" for a query with contractor `c`.
QString filterSql(const DashboardFilter& f, QVariantList& params) {
    QString sql;
    if (!f.group.isEmpty()) {
        sql += QStringLiteral(" AND c.contractor_group = ?");
        params << f.group;
    }
    if (!f.commissioner.isEmpty()) {
        sql += QStringLiteral(" AND c.commissioner_code = ?");
        params << f.commissioner;
    }
    return sql;
}

ChartSpec chart(const char* id, const char* title, ChartSpec::Kind kind, const char* categoryAxis, const char* valueAxis) {
    ChartSpec spec;
    spec.id = QString::fromLatin1(id);
    spec.title = QString::fromUtf8(title);
    spec.kind = kind;
    spec.categoryAxis = QString::fromUtf8(categoryAxis);
    spec.valueAxis = QString::fromUtf8(valueAxis);
    return spec;
}

// Each chart's heading (id, title, kind, axes) with no data: what the page can name before any is built.
enum class Chart { Tiers, ConcernMonths, ConcernBands, DentalDelivery, ContractsEnding };
ChartSpec heading(Chart which) {
    switch (which) {
    case Chart::Tiers: return chart("tiers", "Contractors by group and assurance tier", ChartSpec::Kind::StackedBars, "Contractor group", "Contractors");
    case Chart::ConcernMonths: return chart("concern_months", "Concerns received and closed per month", ChartSpec::Kind::Bars, "", "Concerns");
    case Chart::ConcernBands: return chart("concern_bands", "Open concerns by risk band", ChartSpec::Kind::Bars, "Risk band", "Open concerns");
    case Chart::DentalDelivery: return chart("dental_delivery", "Dental delivery at the latest year end", ChartSpec::Kind::Bars, "UDAs delivered, % of target", "Contracts");
    case Chart::ContractsEnding: return chart("contracts_ending", "Time-limited contracts ending per quarter", ChartSpec::Kind::StackedBars, "Financial quarter", "Contracts");
    }
    return {};
}

bool filtered(const DashboardFilter& f) { return !f.group.isEmpty() || !f.commissioner.isEmpty(); }

QDate quarterStart(const QDate& day) {
    const int fyStart = day.month() >= 4 ? day.year() : day.year() - 1;
    return QDate(fyStart, 4, 1).addMonths(((day.month() + 8) % 12) / 3 * 3);
}

} // namespace

ChartSpec contractorsByTier(Database& db, const DashboardFilter& filter) {
    ChartSpec spec = heading(Chart::Tiers);
    // Short names, so five fit side by side under the bars.
    static const QHash<QString, QString> shortNames = {{"general_practice", "GP"},
                                                       {"pharmacy", "Pharmacy"},
                                                       {"appliance", "Appliance"}};
    QStringList groups;
    for (const Choice& g : contractorGroups())
        if (filter.group.isEmpty() || g.code == filter.group) {
            groups << g.code;
            spec.categories << shortNames.value(g.code, g.label);
        }
    QStringList tiers;
    for (const Choice& t : assuranceTiers()) {
        tiers << t.code;
        spec.series << ChartSeries{t.label, QList<double>(groups.size(), 0.0)};
    }
    tiers << QString();
    spec.series << ChartSeries{QStringLiteral("Not assessed"), QList<double>(groups.size(), 0.0)};
    QVariantList params;
    const QString where = filterSql(filter, params);
    for (const Row& r : db.query(QStringLiteral("SELECT c.contractor_group AS g, coalesce(c.assurance_tier, '') AS t, count(*) AS n "
                                                "FROM contractor c WHERE c.status <> 'closed'%1 GROUP BY 1, 2").arg(where),
                                 params)) {
        const int gi = groups.indexOf(r.value("g").toString());
        int ti = tiers.indexOf(r.value("t").toString());
        if (gi < 0) continue;
        if (ti < 0) ti = tiers.size() - 1; // an unknown tier code counts as not assessed
        spec.series[ti].values[gi] += r.value("n").toDouble();
    }
    spec.note = QStringLiteral("Open contractors (%L1).").arg(spec.total());
    return spec;
}

ChartSpec concernsPerMonth(Database& db, const QDate& today, const DashboardFilter& filter) {
    ChartSpec spec = heading(Chart::ConcernMonths);
    const QDate first = QDate(today.year(), today.month(), 1).addMonths(-(dashboard::kConcernMonths - 1));
    QStringList keys;
    for (int i = 0; i < dashboard::kConcernMonths; ++i) {
        const QDate m = first.addMonths(i);
        keys << m.toString(QStringLiteral("yyyy-MM"));
        spec.categories << m.toString(QStringLiteral("MMM"));
    }
    spec.categoryAxis = QStringLiteral("Month, %1 to %2").arg(first.toString(QStringLiteral("MMMM yyyy")),
                                                              today.toString(QStringLiteral("MMMM yyyy")));
    spec.series << ChartSeries{QStringLiteral("Received"), QList<double>(keys.size(), 0.0)}
                << ChartSeries{QStringLiteral("Closed"), QList<double>(keys.size(), 0.0)};
    const QString end = fmt::dateIso(today);
    const QString start = fmt::dateIso(first);
    int s = 0;
    for (const char* column : {"received_date", "closed_date"}) {
        QVariantList params{start, end};
        const QString where = filterSql(filter, params);
        const QString join = filtered(filter) ? QStringLiteral("JOIN") : QStringLiteral("LEFT JOIN");
        for (const Row& r : db.query(QStringLiteral("SELECT substr(x.%1, 1, 7) AS m, count(*) AS n FROM concern x %2 contractor c "
                                                    "ON c.id = x.contractor_id WHERE x.%1 BETWEEN ? AND ?%3 GROUP BY 1")
                                         .arg(QLatin1String(column), join, where),
                                     params)) {
            const int i = keys.indexOf(r.value("m").toString());
            if (i >= 0) spec.series[s].values[i] = r.value("n").toDouble();
        }
        ++s;
    }
    if (filtered(filter)) spec.note = QStringLiteral("Concerns about a performer with no practice are left out when filtering.");
    return spec;
}

ChartSpec openConcernsByBand(Database& db, const DashboardFilter& filter) {
    ChartSpec spec = heading(Chart::ConcernBands);
    QStringList codes;
    for (const Choice& b : risk::bands()) {
        codes << b.code;
        spec.categories << b.label;
    }
    codes << QString();
    spec.categories << QStringLiteral("Not graded");
    spec.series << ChartSeries{QStringLiteral("Open concerns"), QList<double>(codes.size(), 0.0)};
    Settings settings(db);
    const risk::Bands bands = risk::loadBands(settings);
    QVariantList params;
    const QString where = filterSql(filter, params);
    const QString join = filtered(filter) ? QStringLiteral("JOIN") : QStringLiteral("LEFT JOIN");
    for (const Row& r : db.query(QStringLiteral("SELECT coalesce(x.consequence, 0) * coalesce(x.likelihood, 0) AS score, count(*) AS n "
                                                "FROM concern x %1 contractor c ON c.id = x.contractor_id "
                                                "WHERE x.stage <> 'closed'%2 GROUP BY 1")
                                     .arg(join, where),
                                 params)) {
        const int i = codes.indexOf(bands.bandFor(r.value("score").toInt()));
        spec.series[0].values[i < 0 ? codes.size() - 1 : i] += r.value("n").toDouble();
    }
    spec.note = QStringLiteral("Bands: low up to %1, moderate up to %2, high up to %3, extreme above.")
                    .arg(bands.lowMax)
                    .arg(bands.moderateMax)
                    .arg(bands.highMax);
    return spec;
}

ChartSpec dentalDelivery(Database& db, const DashboardFilter& filter) {
    using namespace dashboard;
    ChartSpec spec = heading(Chart::DentalDelivery);
    const int inner = int(std::lround((kDeliveryHighest - kDeliveryLowest) / kDeliveryBinWidth));
    spec.categories << QStringLiteral("Below %1").arg(kDeliveryLowest); // words: chart labels read "<" as markup
    for (int i = 0; i < inner; ++i)
        spec.categories << QStringLiteral("%1–%2").arg(kDeliveryLowest + i * kDeliveryBinWidth).arg(kDeliveryLowest + (i + 1) * kDeliveryBinWidth);
    spec.categories << QStringLiteral("%1+").arg(kDeliveryHighest);
    spec.series << ChartSeries{QStringLiteral("Contracts"), QList<double>(spec.categories.size(), 0.0)};
    spec.reference = ReferenceLine{1 + (policy::kDentalClawbackBelowPercent - kDeliveryLowest) / kDeliveryBinWidth - 0.5,
                                   QStringLiteral("%1%: clawback below").arg(policy::kDentalClawbackBelowPercent)};
    QVariantList params;
    const QString where = filterSql(filter, params);
    QSet<QString> seen;
    int below = 0;
    for (const Row& r : db.query(QStringLiteral("SELECT a.contract_id, a.uda_target, a.uda_delivered FROM dental_activity a "
                                                "JOIN contract k ON k.id = a.contract_id JOIN contractor c ON c.id = k.contractor_id "
                                                "WHERE k.status IN ('active', 'notice_served') AND a.uda_delivered IS NOT NULL "
                                                "AND a.uda_target IS NOT NULL%1 ORDER BY a.contract_id, a.year_start DESC")
                                     .arg(where),
                                 params)) {
        // Units are decimal text: compared as units here, not by SQLite as text ("0.00" > 0 there).
        const Units target = Units::fromVariant(r.value("uda_target")).value_or(Units());
        if (target <= Units()) continue;
        const QString contract = r.value("contract_id").toString();
        if (seen.contains(contract)) continue; // only each contract's latest year end with a target
        seen.insert(contract);
        const DeliveryResult res = yearEndOutcome(target, Units::fromVariant(r.value("uda_delivered")));
        if (!res.percent) continue;
        const double pct = *res.percent;
        const int bin = pct < kDeliveryLowest ? 0
                        : pct >= kDeliveryHighest ? inner + 1
                                                  : 1 + int(std::floor((pct - kDeliveryLowest) / kDeliveryBinWidth));
        spec.series[0].values[bin] += 1;
        if (pct < policy::kDentalClawbackBelowPercent) ++below;
    }
    spec.note = QStringLiteral("%1 of %2 contracts below %3%.").arg(below).arg(seen.size()).arg(policy::kDentalClawbackBelowPercent);
    return spec;
}

ChartSpec contractsEndingPerQuarter(Database& db, const QDate& today, const DashboardFilter& filter) {
    ChartSpec spec = heading(Chart::ContractsEnding);
    const QDate first = quarterStart(today);
    for (int i = 0; i < dashboard::kQuarters; ++i) spec.categories << dashboard::financialQuarter(first.addMonths(3 * i));
    QVariantList params{fmt::dateIso(first), fmt::dateIso(first.addMonths(3 * dashboard::kQuarters).addDays(-1))};
    const QString where = filterSql(filter, params);
    QHash<QString, QList<double>> byRoute;
    for (const Row& r : db.query(QStringLiteral("SELECT k.route, k.end_date FROM contract k JOIN contractor c ON c.id = k.contractor_id "
                                                "WHERE k.status IN ('active', 'notice_served') AND k.end_date BETWEEN ? AND ?%1")
                                     .arg(where),
                                 params)) {
        const QString route = r.value("route").toString();
        if (!isTimeLimitedRoute(route)) continue;
        const QDate end = fmt::parseIsoDate(r.value("end_date").toString());
        const QDate q = quarterStart(end);
        const int i = ((q.year() - first.year()) * 12 + q.month() - first.month()) / 3;
        auto& values = byRoute[route];
        if (values.isEmpty()) values = QList<double>(spec.categories.size(), 0.0);
        if (i >= 0 && i < values.size()) values[i] += 1;
    }
    for (const Choice& route : contractRoutes())
        if (byRoute.contains(route.code)) spec.series << ChartSeries{route.label, byRoute.value(route.code)};
    if (spec.series.isEmpty()) spec.series << ChartSeries{QStringLiteral("Contracts"), QList<double>(spec.categories.size(), 0.0)};
    spec.note = QStringLiteral("Procurement starts %1 months before a contract ends.").arg(policy::kProcurementLeadMonths);
    return spec;
}

QList<ChartSpec> dashboardHeadings() {
    return {heading(Chart::Tiers), heading(Chart::ConcernMonths), heading(Chart::ConcernBands),
            heading(Chart::DentalDelivery), heading(Chart::ContractsEnding)};
}

QList<ChartSpec> buildDashboard(Database& db, const QDate& today, const DashboardFilter& filter) {
    return {contractorsByTier(db, filter), concernsPerMonth(db, today, filter), openConcernsByBand(db, filter),
            dentalDelivery(db, filter), contractsEndingPerQuarter(db, today, filter)};
}

} // namespace cb
