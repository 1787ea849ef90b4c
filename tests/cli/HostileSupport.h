#pragma once
// Shared by the hostile-input and fault tests (issue 16): a database dump to prove nothing changed,
// in-process and child-process runs of casebook-cli, and the fixtures every importer accepts.
#include "TestSupport.h"
#include "CliRunner.h"
#include "cli/Cli.h"

#include <QDir>
#include <QFile>
#include <QProcess>
#include <QStringList>
#include <SQLiteCpp/SQLiteCpp.h>

namespace hostile {

struct Ran {
    int code = -1;
    QString out, err;
    QString all() const { return out + err; }
};

inline Ran cli(const QStringList& args) {
    const cbtest::CliResult r = cbtest::runCliArgs(args);
    return {r.status, r.out, r.err};
}

inline Ran cliDb(const QString& db, QStringList args) {
    args.prepend(db);
    args.prepend(QStringLiteral("--db"));
    return cli(args);
}

// Every row of every user table (and the schema version), in a stable order: equal dumps before
// and after a command prove it changed nothing. Full-text index tables are left out (derived).
inline QString dump(const QString& path) {
    if (!QFile::exists(path)) return QStringLiteral("<no file>");
    QString out;
    SQLite::Database db(path.toStdString(), SQLite::OPEN_READONLY);
    out += QStringLiteral("user_version=%1\n").arg(db.execAndGet("PRAGMA user_version").getInt());
    QStringList tables;
    SQLite::Statement list(db, "SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
                               "AND name NOT LIKE '%fts%' ORDER BY name");
    while (list.executeStep()) tables << QString::fromStdString(list.getColumn(0).getString());
    for (const QString& t : tables) {
        out += QStringLiteral("[%1]\n").arg(t);
        SQLite::Statement rows(db, QStringLiteral("SELECT * FROM \"%1\" ORDER BY rowid").arg(t).toStdString());
        while (rows.executeStep()) {
            QStringList cells;
            for (int i = 0; i < rows.getColumnCount(); ++i) {
                const SQLite::Column c = rows.getColumn(i);
                cells << (c.isNull() ? QStringLiteral("NULL") : QString::fromStdString(c.getString()));
            }
            out += cells.join(QLatin1Char('|')) + QLatin1Char('\n');
        }
    }
    return out;
}

inline QString writeBytes(const QString& path, const QByteArray& bytes) {
    QFile f(path);
    REQUIRE(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
    REQUIRE(f.write(bytes) == bytes.size());
    f.close();
    return path;
}

inline QByteArray readBytes(const QString& path) {
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly)) return {};
    return f.readAll();
}

// One row of an ODS extract (27 fields, no header), quoted as NHS Digital publishes them.
inline QByteArray odsRow(const QString& code, const QString& name, const QString& parent = QStringLiteral("00K"),
                         const QString& subType = QStringLiteral("B")) {
    QStringList f;
    for (int i = 1; i <= 27; ++i) f << QString();
    f[0] = code;
    f[1] = name;
    f[9] = QStringLiteral("TS18 1HU");
    f[10] = QStringLiteral("19740401");
    f[12] = QStringLiteral("A");
    f[13] = subType;
    f[14] = parent;
    f[25] = QStringLiteral("4");
    QStringList quoted;
    for (const QString& s : f) quoted << QLatin1Char('"') + s + QLatin1Char('"');
    return quoted.join(QLatin1Char(',')).toUtf8() + "\r\n";
}

inline QByteArray paymentsHeader() {
    return "\"Practice Code\",\"Practice Name\",\"Contract Type\",\"Number of Registered Patients (Last Known "
           "Figure)\",\"Practice Open Date\",\"Practice Close Date\"\r\n";
}

inline QByteArray paymentsRow(const QString& code, const QString& type, const QString& patients,
                              const QString& open = {}, const QString& close = {}) {
    return QStringLiteral("\"%1\",\"PRACTICE %1\",\"%2\",\"%3\",\"%4\",\"%5\"\r\n")
        .arg(code, type, patients, open, close)
        .toUtf8();
}

// The casebook-cli program built with these tests, for runs in a child process.
inline QString cliExe() { return QStringLiteral(CASEBOOK_CLI_EXE); }

} // namespace hostile
