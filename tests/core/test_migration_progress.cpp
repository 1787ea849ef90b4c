// An upgrade says what it is doing (issue 17): before each migration step of a file from an older
// version, whoever opens it is told; a new or current file tells nothing.
#include "TestSupport.h"
#include "store/MigrationProgress.h"
#include "store/Migrations.h"

#include <QFile>
#include <QTemporaryDir>
#include <catch2/catch.hpp>

using namespace cb;

TEST_CASE("opening a file from an older version reports each migration step, and a current or new file none", "[migrations]") {
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("old.db"));
    const Migration& from = migrations().at(migrations().size() / 2);
    cbtest::makeOldDatabase(path, from.version);
    QStringList expected;
    for (const Migration& m : migrations())
        if (m.version > from.version) expected << QString::fromUtf8(m.name);
    REQUIRE(pendingMigrations(path) == expected.size());

    QStringList names;
    QList<int> steps;
    {
        const MigrationProgressScope scope([&](int step, int of, const QString& name) {
            CHECK(of == expected.size());
            steps << step;
            names << name;
        });
        Database db(path);
        CHECK(db.fileSchemaVersion() == Database::schemaVersion());
    }
    CHECK(names == expected);
    CHECK(steps.first() == 1);
    CHECK(steps.last() == expected.size());
    CHECK(pendingMigrations(path) == 0);

    // Current, new, missing and foreign files: nothing to say.
    names.clear();
    const MigrationProgressScope scope([&](int, int, const QString& name) { names << name; });
    { Database again(path); }
    const QString fresh = dir.filePath(QStringLiteral("new.db"));
    CHECK(pendingMigrations(fresh) == 0);
    { Database created(fresh); }
    CHECK(names.isEmpty());
    QFile text(dir.filePath(QStringLiteral("notes.db")));
    REQUIRE(text.open(QIODevice::WriteOnly));
    text.write("not a database at all");
    text.close();
    CHECK(pendingMigrations(text.fileName()) == 0);
    CHECK(pendingMigrations(QStringLiteral(":memory:")) == 0);
}
