#include "store/IntegrityCheck.h"

#include <SQLiteCpp/SQLiteCpp.h>
#include <sqlite3.h>
#include "store/RecordType.h"

namespace cb {

IntegrityReport quickCheck(Database& db, int maxFindings) {
    IntegrityReport report;
    try {
        SQLite::Statement st(db.sqlite(), QStringLiteral("PRAGMA quick_check(%1)").arg(qMax(1, maxFindings)).toStdString());
        while (st.executeStep()) {
            const QString msg = QString::fromUtf8(st.getColumn(0).getText());
            if (msg != QLatin1String("ok")) report.findings.append({QString(), QString(), msg});
        }
    } catch (const SQLite::Exception& e) {
        const int code = e.getErrorCode() & 0xff;
        if (code != SQLITE_CORRUPT && code != SQLITE_NOTADB)
            throw DatabaseError(Database::explain(e.getErrorCode(), QString::fromUtf8(e.what())));
        report.findings.append({QString(), QString(), QString::fromUtf8(e.what())});
    }
    return report;
}

QString damageNotice(const IntegrityReport& report) {
    if (report.ok()) return {};
    QStringList details;
    for (const IntegrityFinding& f : report.findings.mid(0, 3)) details << f.message;
    return QStringLiteral("The database check found damage in this file (%1). Make a backup now (File > Backup) and "
                          "ask your IT support to look at it before you make more changes; if they cannot repair "
                          "it, restore your latest good backup. File > Check database shows the details.")
        .arg(details.join(QStringLiteral("; ")));
}

IntegrityReport checkIntegrity(Database& db) {
    IntegrityReport report;
    for (const Row& r : db.query(QStringLiteral("PRAGMA integrity_check"))) {
        const QString msg = r.first().toString();
        if (msg != QLatin1String("ok")) report.findings.append({QString(), QString(), QStringLiteral("SQLite: ") + msg});
    }
    for (const Row& r : db.query(QStringLiteral("PRAGMA foreign_key_check"))) {
        const QString table = r.value("table").toString();
        const auto id = db.queryOne(QStringLiteral("SELECT id FROM %1 WHERE rowid = ?").arg(table), {r.value("rowid")});
        report.findings.append({table, id ? id->value("id").toString() : QString(),
                                QStringLiteral("refers to a missing %1 record").arg(r.value("parent").toString())});
    }
    if (!db.isReadOnly()) {
        for (const QString& index : {QStringLiteral("contractor_fts"), QStringLiteral("performer_fts")}) {
            try {
                db.exec(QStringLiteral("INSERT INTO %1(%1, rank) VALUES('integrity-check', 1)").arg(index));
            } catch (const DatabaseError&) {
                report.findings.append({index, QString(), QStringLiteral("the search index does not match the records; "
                                                                         "run casebook-cli check --repair")});
            }
        }
    }
    // Every stored record against its description: field rules, the feature's rules, confidentiality.
    for (const RecordType* type : recordTypes()) {
        for (Row r : db.query(QStringLiteral("SELECT * FROM %1 ORDER BY rowid").arg(type->table))) {
            ++report.rowsChecked;
            r.remove(kRowVersion);
            Issues issues;
            type->check(db, r, issues);
            const QString name = type->entity + QLatin1Char(' ') + type->labelOf(db, r);
            for (const FieldIssue& i : issues.list())
                report.findings.append({type->table, r.value("id").toString(), QStringLiteral("%1: %2").arg(name, i.message)});
        }
    }
    checkRegisterRows(db, report);
    checkConcernRows(db, report);
    checkLpnRows(db, report);
    return report;
}

} // namespace cb
