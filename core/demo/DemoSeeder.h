#pragma once

#include "store/Database.h"

#include <QDate>
#include <QMap>

namespace cb {

struct SeedOptions {
    int contractors = 400;
    quint32 seed = 1;
    QDate today; // defaults to the database clock's today
};

struct SeedSummary {
    QMap<QString, qint64> added; // table -> rows added
};

// Fills a realistic demo area: every contractor group, plausible names, codes and postcodes,
// contracts of every route, services, events, dental activity, performers and where they work.
// Deterministic for a given seed and date. Every row passes Casebook's own validation and is
// audited with the source "demo data". Runs in one transaction.
SeedSummary seedDemo(Database& db, const SeedOptions& options);

} // namespace cb
