#pragma once

#include "store/Database.h"

#include <QDate>
#include <QString>
#include <QTemporaryDir>
#include <catch2/catch.hpp>
#include <memory>

namespace Catch {
template <> struct StringMaker<QString> {
    static std::string convert(const QString& s) { return '"' + s.toStdString() + '"'; }
};
template <> struct StringMaker<QDate> {
    static std::string convert(const QDate& d) { return d.toString(Qt::ISODate).toStdString(); }
};
template <> struct StringMaker<QStringList> {
    static std::string convert(const QStringList& l) { return "[" + l.join(", ").toStdString() + "]"; }
};
template <> struct StringMaker<QByteArray> {
    static std::string convert(const QByteArray& b) { return '"' + b.toStdString() + '"'; }
};
} // namespace Catch

namespace cbtest {

// A fresh database file in its own temporary folder, deleted afterwards; the clock stands at
// 22/11/2026 unless moved, and changes are made by "tester".
struct TempDb {
    TempDb();
    QString path() const { return dir.filePath(QStringLiteral("test.db")); }
    QString file(const QString& name) const { return dir.filePath(name); }
    cb::Database& db() { return *database; }
    void reopen(); // close and open again (e.g. after writing the file by other means)

    QTemporaryDir dir;
    cb::FixedClock clock{QDate(2026, 11, 22)};
    std::unique_ptr<cb::Database> database;
};

// ../shared/data, or an empty string when it is absent (tests that need it then SKIP).
QString sharedDataDir();
QString testDataDir(); // tests/data, fixtures the project writes itself

qint64 count(cb::Database& db, const QString& table);
// The ODS codes of the contractors a search in the list finds, in the list's order.
QStringList codesFound(cb::Database& db, const QString& search);

// Builds a file as an older Casebook would have left it: migrations up to `version` only.
void makeOldDatabase(const QString& path, int version);

// A test that cannot run here (no real data, running as root, a build without PDF) calls CB_SKIP:
// the runner then exits with kSkipExitCode, which tests/CMakeLists.txt declares as ctest's
// SKIP_RETURN_CODE, so ctest shows the test as skipped, never as passed.
constexpr int kSkipExitCode = 77;
void markSkipped();
bool anySkipped();
// The exit status for a finished Catch2 run: a failure stays a failure; otherwise a skip wins.
inline int runnerExitCode(int catchResult) { return catchResult == 0 && anySkipped() ? kSkipExitCode : catchResult; }

} // namespace cbtest

#define CB_SKIP(why)                                                                                                   \
    do {                                                                                                               \
        WARN("SKIPPED: " << why);                                                                                      \
        ::cbtest::markSkipped();                                                                                       \
        return;                                                                                                        \
    } while (false)
