#pragma once
// Helpers for team exchange tests: replicas on temporary files and a canonical dump to compare them.
#include "TestSupport.h"
#include "store/RecordType.h"

namespace cbtest {

// Every record of every type as text, without what each replica keeps for itself (row_version,
// updated_at): replicas that hold the same records give the same dump.
inline QString canonicalDump(cb::Database& db) {
    QString out;
    for (const cb::RecordType* type : cb::recordTypes()) {
        for (const cb::Row& r : db.query(QStringLiteral("SELECT * FROM %1 ORDER BY id").arg(type->table))) {
            out += type->table + QLatin1Char(':');
            for (auto it = r.begin(); it != r.end(); ++it) {
                if (it.key() == cb::kRowVersion || it.key() == QLatin1String("updated_at")) continue;
                out += QStringLiteral(" %1=%2").arg(it.key(), it.value().isNull() ? QStringLiteral("<null>")
                                                                                   : it.value().toString());
            }
            out += QLatin1Char('\n');
        }
    }
    return out;
}

} // namespace cbtest
