#pragma once

// The dashboard's charts as plain data: what to draw, built from the database by pure functions,
// so every number is tested headless and the screen only renders it (ui/dashboard/Chart.h).

#include "store/Database.h"

#include <QDate>
#include <QStringList>
#include <optional>

namespace cb {

struct ChartSeries {
    QString name;         // legend entry: "Opened", "Assurance based"
    QList<double> values; // one per category
};

// A line across the chart at a position on the category axis, e.g. the 96% clawback line between
// two histogram bins. The position counts categories from 0; 5.5 is between the 6th and 7th.
struct ReferenceLine {
    double position = 0;
    QString label; // "96%: clawback below"
};

struct ChartSpec {
    enum class Kind { Bars, StackedBars }; // bars side by side, or stacked per category
    QString id;    // stable: "tiers", "concern_months", ...; file names of exports
    QString title;
    Kind kind = Kind::Bars;
    QStringList categories;
    QList<ChartSeries> series;
    QString categoryAxis; // "Contractor group"
    QString valueAxis;    // "Contractors"
    std::optional<ReferenceLine> reference;
    QString note; // what is left out or how to read it

    double total() const;    // sum of every value of every series
    double maxStack() const; // the tallest bar (stacked: sum per category), for the value axis
};

struct DashboardFilter {
    QString group;        // contractorGroups() code; empty for every group
    QString commissioner; // commissioner code; empty for every commissioner
};

// Open (not closed) contractors per group, stacked by assurance tier (with "Not assessed").
ChartSpec contractorsByTier(Database& db, const DashboardFilter& filter);
// Concerns received and closed in each of the 12 months up to and including today's month.
ChartSpec concernsPerMonth(Database& db, const QDate& today, const DashboardFilter& filter);
// Open concerns by risk band (bands from the settings), with the ungraded.
ChartSpec openConcernsByBand(Database& db, const DashboardFilter& filter);
// Histogram of the latest year-end UDA delivery (% of target) of active dental contracts, with the
// 96% line. Bins of kDeliveryBinWidth points from kDeliveryLowest to kDeliveryHighest, open at both ends.
ChartSpec dentalDelivery(Database& db, const DashboardFilter& filter);
// Active time-limited contracts ending in each financial quarter, from today's quarter for
// kQuarters quarters, stacked by route.
ChartSpec contractsEndingPerQuarter(Database& db, const QDate& today, const DashboardFilter& filter);

// Every chart, in the dashboard's order.
QList<ChartSpec> buildDashboard(Database& db, const QDate& today, const DashboardFilter& filter);
// The same charts' headings (id, title, kind, axes) and no data, read from nothing: a page can lay
// its charts out before building them.
QList<ChartSpec> dashboardHeadings();

namespace dashboard {
constexpr double kDeliveryLowest = 86.0;
constexpr double kDeliveryHighest = 104.0;
constexpr double kDeliveryBinWidth = 2.0;
constexpr int kConcernMonths = 12;
constexpr int kQuarters = 8;
// "Q3 26/27": NHS financial quarters, Q1 = April to June.
QString financialQuarter(const QDate& day);
} // namespace dashboard

} // namespace cb
