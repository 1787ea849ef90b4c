#include "exchange/Confidentiality.h"

#include "exchange/ExchangeTables.h"
#include "store/Database.h"

namespace cb::confidential {

QString where(const QString& table) {
    const exchange::ExchangeTable* t = exchange::findTable(exchange::standardTables(), table);
    return t ? t->confidentialWhere : QString();
}

bool isConfidential(Database& db, const QString& table, const QString& id) {
    const QString predicate = where(table);
    if (predicate.isEmpty()) return false;
    return db.scalar(QStringLiteral("SELECT coalesce((%1), 0) FROM %2 WHERE id = ?").arg(predicate, table), {id})
               .toInt() != 0;
}

QString concernSummary(const QString& summary, bool confidential) {
    return confidential ? QStringLiteral("Confidential concern (details withheld)") : summary;
}

QString declarationMention(const QString& kind, const QDate& declaredOn) {
    if (kind == QLatin1String("none")) return QStringLiteral("declaration of no interests");
    return declaredOn.isValid()
               ? QStringLiteral("declaration of interests made on %1").arg(declaredOn.toString(QStringLiteral("dd/MM/yyyy")))
               : QStringLiteral("declaration of interests");
}

} // namespace cb::confidential
