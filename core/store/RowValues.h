#pragma once

#include "common/Identifiers.h"
#include "store/Database.h"

#include <optional>

// Converting record struct fields to and from stored values; every feature's toRow/fromRow uses these.
namespace cb::rowval {

inline QVariant text(const QString& s) { return s.trimmed().isEmpty() ? QVariant() : QVariant(s); }
inline QVariant day(const QDate& d) { return d.isValid() ? QVariant(d.toString(Qt::ISODate)) : QVariant(); }
inline QVariant level(int v) { return v > 0 ? QVariant(qint64(v)) : QVariant(); }
inline QDate dateOf(const Row& r, const char* key) { return fmt::parseIsoDate(r.value(QLatin1String(key)).toString()); }
inline QString str(const Row& r, const char* key) { return r.value(QLatin1String(key)).toString(); }
inline int integer(const Row& r, const char* key) { return r.value(QLatin1String(key)).toInt(); }
inline bool flag(const Row& r, const char* key) { return r.value(QLatin1String(key)).toLongLong() != 0; }
template <class T> QVariant opt(const std::optional<T>& v) { return v ? QVariant::fromValue(*v) : QVariant(); }
inline std::optional<qint64> optInt(const Row& r, const char* key) {
    const QVariant v = r.value(QLatin1String(key));
    return v.isNull() ? std::nullopt : std::optional<qint64>(v.toLongLong());
}
inline std::optional<double> optReal(const Row& r, const char* key) {
    const QVariant v = r.value(QLatin1String(key));
    return v.isNull() ? std::nullopt : std::optional<double>(v.toDouble());
}

} // namespace cb::rowval
