#pragma once

#include "common/Identifiers.h"
#include "store/Database.h"

// Converting struct fields to and from stored values (concerns, tiers and visits share these).
namespace cb::rowval {

inline QVariant text(const QString& s) { return s.trimmed().isEmpty() ? QVariant() : QVariant(s); }
inline QVariant day(const QDate& d) { return d.isValid() ? QVariant(d.toString(Qt::ISODate)) : QVariant(); }
inline QVariant level(int v) { return v > 0 ? QVariant(qint64(v)) : QVariant(); }
inline QDate dateOf(const Row& r, const char* key) { return fmt::parseIsoDate(r.value(QLatin1String(key)).toString()); }
inline QString str(const Row& r, const char* key) { return r.value(QLatin1String(key)).toString(); }
inline int integer(const Row& r, const char* key) { return r.value(QLatin1String(key)).toInt(); }
inline bool flag(const Row& r, const char* key) { return r.value(QLatin1String(key)).toLongLong() != 0; }

} // namespace cb::rowval
