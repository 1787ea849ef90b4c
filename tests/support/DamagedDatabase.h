#pragma once
// A Casebook file with sound header and schema but a damaged record page: it opens (only the cheap
// checks run at open) and the full check must find the damage.
#include "demo/DemoSeeder.h"
#include "store/Database.h"

#include <QFile>
#include <SQLiteCpp/SQLiteCpp.h>
#include <catch2/catch.hpp>

namespace cbtest {

// Seeds 60 contractors into path (closed again, so everything is in the main file).
inline void seedSmallFile(const QString& path) {
    cb::Database db(path);
    cb::seedDemo(db, {60, 3, QDate(2026, 11, 22)});
}

// Overwrites the first page of the contractor table (records, not the schema) with garbage.
inline void damageContractorTable(const QString& path) {
    qint64 root = 0, pageSize = 0;
    {
        SQLite::Database raw(path.toStdString(), SQLite::OPEN_READONLY);
        root = raw.execAndGet("SELECT rootpage FROM sqlite_schema WHERE name = 'contractor'").getInt64();
        pageSize = raw.execAndGet("PRAGMA page_size").getInt64();
    }
    REQUIRE(root > 1);
    QFile f(path);
    REQUIRE(f.open(QIODevice::ReadWrite));
    f.seek((root - 1) * pageSize);
    f.write(QByteArray(int(pageSize), '\x5a'));
}

} // namespace cbtest
