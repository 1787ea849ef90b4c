#include "TestSupport.h"
#include "contractors/Contractor.h"
#include "store/Migrations.h"

#include <SQLiteCpp/SQLiteCpp.h>

#include <QDir>
#include <QFileInfo>

namespace cbtest {

TempDb::TempDb() { reopen(); }

void TempDb::reopen() {
    database.reset();
    database = std::make_unique<cb::Database>(path());
    database->setClock(&clock);
    database->setActor(QStringLiteral("tester"));
}

QString sharedDataDir() {
    QString dir = qEnvironmentVariable("CASEBOOK_SHARED_DATA");
    if (dir.isEmpty()) dir = QStringLiteral(CASEBOOK_SHARED_DATA_DIR);
    return QFileInfo(dir).isDir() ? QDir(dir).absolutePath() : QString();
}

QString testDataDir() { return QStringLiteral(CASEBOOK_TEST_DATA_DIR); }

qint64 count(cb::Database& db, const QString& table) {
    return db.scalar(QStringLiteral("SELECT count(*) FROM %1").arg(table)).toLongLong();
}

QStringList codesFound(cb::Database& db, const QString& search) {
    cb::ContractorFilter f;
    f.search = search;
    QStringList out;
    for (const cb::Contractor& c : cb::ContractorService(db).list(f)) out << c.odsCode;
    return out;
}

void makeOldDatabase(const QString& path, int version) {
    SQLite::Database raw(path.toStdString(), SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
    for (const cb::Migration& m : cb::migrations()) {
        if (m.version > version) break;
        raw.exec(m.sql);
    }
    raw.exec(QStringLiteral("PRAGMA user_version = %1").arg(version).toStdString());
    raw.exec(QStringLiteral("PRAGMA application_id = %1").arg(cb::Database::kApplicationId).toStdString());
}

namespace {
bool g_skipped = false;
}

void markSkipped() { g_skipped = true; }
bool anySkipped() { return g_skipped; }

} // namespace cbtest
