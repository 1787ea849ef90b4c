#pragma once

#include "store/Database.h"

#include <QString>
#include <optional>

namespace cb {

// Adjustable policy numbers and preferences kept in the database (table `setting`), so every
// caseworker sharing a file works to the same thresholds. Each feature reads its keys with its
// own default, so an unset key means "the policy default". Changes are audited.
//
// Keys are dotted lower-case words naming the feature first, e.g. "risk.band.low_max",
// "tier.qof_min_percent", "worklist.action_due_days".
class Settings {
public:
    explicit Settings(Database& db) : m_db(db) {}

    std::optional<QString> value(const QString& key);
    QString text(const QString& key, const QString& fallback);
    int integer(const QString& key, int fallback);       // fallback also when the stored text is not a number
    double number(const QString& key, double fallback);

    // Stores the value (audited, one transaction). Throws ValidationError for an empty or malformed key.
    void set(const QString& key, const QString& value);
    void set(const QString& key, int value) { set(key, QString::number(value)); }
    void set(const QString& key, double value) { set(key, QString::number(value)); }
    // Back to the default: removes the key (audited). Nothing happens if it was not set.
    void reset(const QString& key);

    static bool isValidKey(const QString& key);
    Database& database() { return m_db; }

private:
    Database& m_db;
};

} // namespace cb
