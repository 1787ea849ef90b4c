#include "search/GlobalSearch.h"

#include "contractors/Contractor.h"
#include "performers/Performer.h"

namespace cb {

QList<SearchHit> globalSearch(Database& db, const QString& text, int limitPerKind) {
    QList<SearchHit> hits;
    if (text.trimmed().isEmpty()) return hits;
    ContractorFilter cf;
    cf.search = text;
    for (const Contractor& c : ContractorService(db).list(cf, 0, limitPerKind)) {
        QStringList detail{labelFor(contractorGroups(), c.group)};
        if (!c.postcode.isEmpty()) detail << c.postcode;
        detail << labelFor(contractorStatuses(), c.status);
        hits << SearchHit{SearchHit::Kind::Contractor, c.id, c.label(), detail.join(QStringLiteral(" · "))};
    }
    PerformerFilter pf;
    pf.search = text;
    for (const Performer& p : PerformerService(db).list(pf, 0, limitPerKind)) {
        QStringList detail{labelFor(professions(), p.profession)};
        if (!p.registrationNumber.isEmpty())
            detail << QStringLiteral("%1 %2").arg(p.registrationBody, p.registrationNumber).trimmed();
        hits << SearchHit{SearchHit::Kind::Performer, p.id, p.fullName(), detail.join(QStringLiteral(" · "))};
    }
    return hits;
}

QString ContractList::where(const ContractListFilter& f, QVariantList& params) {
    QStringList where;
    if (!f.route.isEmpty()) {
        where << QStringLiteral("k.route = ?");
        params << f.route;
    }
    if (!f.status.isEmpty()) {
        where << QStringLiteral("k.status = ?");
        params << f.status;
    }
    const QString fts = ContractorService::ftsQuery(f.search);
    if (!fts.isEmpty()) {
        where << QStringLiteral("(c.rowid IN (SELECT rowid FROM contractor_fts WHERE contractor_fts MATCH ?) "
                                "OR k.reference LIKE ? ESCAPE '\\')");
        QString like = f.search.trimmed();
        like.replace(QLatin1String("\\"), QLatin1String("\\\\")).replace(QLatin1String("%"), QLatin1String("\\%"))
            .replace(QLatin1String("_"), QLatin1String("\\_"));
        params << fts << like + QLatin1Char('%');
    }
    return where.isEmpty() ? QString() : QStringLiteral(" WHERE ") + where.join(QStringLiteral(" AND "));
}

QList<Row> ContractList::list(const ContractListFilter& f, int offset, int limit) {
    static const QStringList allowed = {"end_date", "start_date", "route",  "reference", "status",
                                        "annual_value_pence", "contractor_name", "ods_code"};
    const QString col = allowed.contains(f.sortColumn) ? f.sortColumn : QStringLiteral("end_date");
    const QString dir = f.descending ? QStringLiteral("DESC") : QStringLiteral("ASC");
    const QString key = (col == QLatin1String("contractor_name") || col == QLatin1String("ods_code"))
                            ? col
                            : QStringLiteral("k.") + col;
    QVariantList params;
    // Open-ended contracts (no end date) sort after every dated one.
    const QString sql = QStringLiteral("SELECT k.*, c.name AS contractor_name, c.ods_code, c.contractor_group "
                                       "FROM contract k JOIN contractor c ON c.id = k.contractor_id") +
                        where(f, params) +
                        QStringLiteral(" ORDER BY %1 IS NULL, %1 %2, k.id LIMIT ? OFFSET ?").arg(key, dir);
    params << limit << offset;
    return m_db.query(sql, params);
}

int ContractList::count(const ContractListFilter& f) {
    QVariantList params;
    return m_db
        .scalar(QStringLiteral("SELECT count(*) FROM contract k JOIN contractor c ON c.id = k.contractor_id") +
                    where(f, params),
                params)
        .toInt();
}

} // namespace cb
