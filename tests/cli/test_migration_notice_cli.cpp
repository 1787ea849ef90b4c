// casebook-cli says so before it updates a file from an older version (issue 17).
#include "CliRunner.h"
#include "store/Migrations.h"

#include <QDir>
#include <QTemporaryDir>
#include <catch2/catch.hpp>

using namespace cb;

TEST_CASE("the CLI prints a line before it updates an older file, and nothing for a current one", "[cli][migrations]") {
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("old.db"));
    cbtest::makeOldDatabase(path, migrations().front().version);
    const int steps = int(migrations().size()) - 1;
    const auto first = cbtest::runCliArgs({QStringLiteral("--db"), path, QStringLiteral("check")});
    INFO(first.err.toStdString());
    CHECK(first.err.startsWith(QStringLiteral("Updating %1 to this version of Casebook (%2 steps).")
                                   .arg(QDir::toNativeSeparators(path))
                                   .arg(steps)));
    CHECK(first.err.contains(QStringLiteral("all or nothing")));
    CHECK(first.err.contains(QStringLiteral("  step %1 of %1: %2\n").arg(steps).arg(QString::fromUtf8(migrations().back().name))));
    const auto second = cbtest::runCliArgs({QStringLiteral("--db"), path, QStringLiteral("check")});
    CHECK_FALSE(second.err.contains(QStringLiteral("Updating")));
}
