#pragma once

#include "store/Database.h"

#include <QMap>
#include <QRandomGenerator>
#include <functional>

namespace cb {

// Demo Local Professional Networks: one of each kind, with groups, members (some linked to seeded
// performers), memberships with varied term ends, quarterly meetings, and declarations -- some stale,
// some missing, one about a contractor with a contract event in progress -- so the roster review
// has findings. Deterministic for a given generator state and date (newId gives the seeder's own
// deterministic UUIDs). Runs inside the caller's write().
void seedNetworks(Database& db, QRandomGenerator& rng, const QDate& today, QMap<QString, qint64>& added,
                  const std::function<QString()>& newId);

} // namespace cb
