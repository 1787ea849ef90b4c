#pragma once

#include "store/Database.h"

#include <QJsonObject>
#include <QJsonValue>

// Small shared pieces of the team exchange: values as JSON, and the tombstone a deletion leaves.
namespace cb::team {

QJsonValue jsonOf(const QVariant& v);   // null, integer, real or text as stored
QVariant valueOf(const QJsonValue& v);  // back to a stored value
QString compactJson(const QJsonObject& o);
QJsonObject parseObject(const QString& text);
// A change as a replica before schema version 13 wrote it names records by 36-character UUIDs (its
// record and the values of its id fields): the same change with today's ids (common/RecordId.h).
QJsonObject withCompactIds(const QJsonObject& change);
Row rowOf(const QJsonObject& o);
QJsonObject objectOf(const Row& row);

// A deleted record remembered with its field clocks, so a late edit can bring it back whole.
void recordTombstone(Database& db, const QString& table, const QString& id, const QString& clock, const QString& actor,
                     const QString& at, const Row& row, const QJsonObject& clocks);

} // namespace cb::team
