#pragma once

#include "store/Database.h"

#include <QJsonObject>

namespace cb {

// What a database holds, for `casebook-cli stats` and Help > About.
struct DatabaseStats {
    QString path;
    int schemaVersion = 0;
    qint64 fileBytes = 0;
    QList<QPair<QString, qint64>> tables;            // table -> rows, in a fixed order
    QList<QPair<QString, qint64>> contractorsByGroup; // group label -> rows
    QList<QPair<QString, qint64>> contractorsByStatus;

    QString toText() const;
    QJsonObject toJson() const;
};

DatabaseStats collectStats(Database& db);

} // namespace cb
