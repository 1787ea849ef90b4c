#include "store/IntegrityCheck.h"

#include "store/RecordType.h"

namespace cb {

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
