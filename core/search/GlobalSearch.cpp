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
    const QString key = col == QLatin1String("contractor_name") ? QStringLiteral("c.name")
                        : col == QLatin1String("ods_code")      ? QStringLiteral("c.ods_code")
                                                                : QStringLiteral("k.") + col;
    // Contracts without the sort key (open-ended ones, with no end date) come after every one with
    // it, then in id order. Asked as one query ("ORDER BY key IS NULL, key, id") SQLite can use no
    // index and sorts every contract to keep one page: 190 ms for the first page the Contracts
    // screen shows, in the main window's constructor, at 54,587 contracts. Asked as two (the
    // contracts with the key, in its order, then those without) it walks the key's index and stops
    // at the page (4 ms). Same rows, same order.
    QVariantList params;
    const QString clause = where(f, params);
    const QString filtered = QStringLiteral("SELECT k.*, c.name AS contractor_name, c.ods_code, c.contractor_group "
                                            "FROM contract k JOIN contractor c ON c.id = k.contractor_id") +
                             clause;
    const QString joiner = clause.isEmpty() ? QStringLiteral(" WHERE ") : QStringLiteral(" AND ");
    QVariantList keyedParams = params;
    keyedParams << limit << offset;
    QList<Row> rows = m_db.query(filtered + joiner + key + QStringLiteral(" IS NOT NULL ORDER BY %1 %2, k.id LIMIT ? OFFSET ?")
                                                                .arg(key, dir),
                                 keyedParams);
    if (limit >= 0 && rows.size() >= limit) return rows;
    // Past the last contract with the key: the rest of the page comes from those without it.
    const int keyed = (!rows.isEmpty() || offset <= 0)
                          ? qMax(0, offset) + int(rows.size())
                          : m_db.scalar(QStringLiteral("SELECT count(*) FROM (") + filtered + joiner + key +
                                            QStringLiteral(" IS NOT NULL)"),
                                        params)
                                .toInt();
    QVariantList restParams = params;
    restParams << (limit < 0 ? -1 : limit - int(rows.size())) << qMax(0, offset - keyed);
    rows += m_db.query(filtered + joiner + key + QStringLiteral(" IS NULL ORDER BY k.id LIMIT ? OFFSET ?"), restParams);
    return rows;
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
