#include "team/TeamJson.h"

#include "common/RecordId.h"

#include <QJsonDocument>

namespace cb::team {

QJsonValue jsonOf(const QVariant& v) {
    if (v.isNull() || !v.isValid()) return QJsonValue(QJsonValue::Null);
    switch (v.typeId()) {
    case QMetaType::LongLong:
    case QMetaType::Int:
    case QMetaType::Bool:
        return QJsonValue(v.toLongLong());
    case QMetaType::Double:
        return QJsonValue(v.toDouble());
    default:
        return QJsonValue(v.toString());
    }
}

QVariant valueOf(const QJsonValue& v) {
    if (v.isNull() || v.isUndefined()) return QVariant();
    if (v.isDouble()) {
        const double d = v.toDouble();
        const qint64 i = v.toInteger(std::numeric_limits<qint64>::min());
        if (i != std::numeric_limits<qint64>::min() && double(i) == d) return QVariant(i);
        return QVariant(d);
    }
    if (v.isBool()) return QVariant(qint64(v.toBool() ? 1 : 0));
    return QVariant(v.toString());
}

QString compactJson(const QJsonObject& o) { return QString::fromUtf8(QJsonDocument(o).toJson(QJsonDocument::Compact)); }

QJsonObject parseObject(const QString& text) { return QJsonDocument::fromJson(text.toUtf8()).object(); }

QJsonObject withCompactIds(const QJsonObject& change) {
    QJsonObject out = change;
    const QString record = change.value(QStringLiteral("record")).toString();
    if (!record.isEmpty()) out.insert(QStringLiteral("record"), ident::compactId(record));
    QJsonObject fields = change.value(QStringLiteral("fields")).toObject();
    for (auto it = fields.begin(); it != fields.end(); ++it) {
        if (!ident::isIdColumn(it.key()) || !it.value().isObject()) continue;
        QJsonObject field = it.value().toObject();
        for (const QString side : {QStringLiteral("old"), QStringLiteral("new")})
            if (field.value(side).isString()) field.insert(side, ident::compactId(field.value(side).toString()));
        it.value() = field;
    }
    if (change.contains(QStringLiteral("fields"))) out.insert(QStringLiteral("fields"), fields);
    return out;
}

Row rowOf(const QJsonObject& o) {
    Row row;
    for (auto it = o.begin(); it != o.end(); ++it) row.insert(it.key(), valueOf(it.value()));
    return row;
}

QJsonObject objectOf(const Row& row) {
    QJsonObject o;
    for (auto it = row.begin(); it != row.end(); ++it) o.insert(it.key(), jsonOf(it.value()));
    return o;
}

void recordTombstone(Database& db, const QString& table, const QString& id, const QString& clock, const QString& actor,
                     const QString& at, const Row& row, const QJsonObject& clocks) {
    QJsonObject stored{{QStringLiteral("row"), objectOf(row)}, {QStringLiteral("clocks"), clocks}};
    db.exec(QStringLiteral("INSERT OR REPLACE INTO exchange_tombstone(tbl, record, clock, actor, at, row) VALUES "
                           "(?,?,?,?,?,?)"),
            {table, id, clock, actor, at, compactJson(stored)});
    db.exec(QStringLiteral("DELETE FROM exchange_field_clock WHERE tbl = ? AND record = ?"), {table, id});
}

} // namespace cb::team
