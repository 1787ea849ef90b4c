#include "common/Identifiers.h"
#include "store/IntegrityCheck.h"

namespace cb {

// Parent organisations (pharmacy head offices) as the ODS importer stores them.
void checkOrganisationRows(Database& db, IntegrityReport& report) {
    for (const Row& r : db.query(QStringLiteral("SELECT * FROM organisation ORDER BY ods_code"))) {
        ++report.rowsChecked;
        const QString id = r.value("id").toString();
        const QString code = r.value("ods_code").toString();
        auto finding = [&](const QString& m) {
            report.findings.append({QStringLiteral("organisation"), id, QStringLiteral("%1: %2").arg(code, m)});
        };
        if (const QString m = ident::checkParentCode(QStringLiteral("pharmacy"), code); !m.isEmpty()) finding(m);
        if (r.value("name").toString().trimmed().isEmpty()) finding(QStringLiteral("the organisation has no name."));
        const QString status = r.value("status").toString();
        if (status != QLatin1String("active") && status != QLatin1String("closed"))
            finding(QStringLiteral("the status \"%1\" is not active or closed.").arg(status));
        const QDate open = fmt::parseIsoDate(r.value("open_date").toString());
        const QDate close = fmt::parseIsoDate(r.value("close_date").toString());
        if (open.isValid() && close.isValid() && close < open) finding(QStringLiteral("it closed before it opened."));
    }
}

} // namespace cb
