#pragma once

#include "store/Database.h"

#include <QDate>
#include <QMap>
#include <QRandomGenerator>
#include <functional>

namespace cb {

// Demo concerns at every stage (with gradings, actions, referrals), tier history, QOF figures for
// GP practices and field visits with findings, for the contractors already seeded. Goes through
// the feature services, so every row passes their rules. Deterministic for a given generator.
void seedMonitoring(Database& db, QRandomGenerator& rng, const QDate& today, QMap<QString, qint64>& added);

} // namespace cb
