#include "store/AuditTrail.h"

#include "store/RecordType.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QLocale>

namespace cb {

namespace {

// Columns that are bookkeeping rather than something a caseworker changed.
bool isHidden(const QString& column) {
    return column == QLatin1String("id") || column == QLatin1String("created_at") ||
           column == QLatin1String("updated_at") || column == QLatin1String("contractor_id") ||
           column == QLatin1String("contract_id") || column == QLatin1String("performer_id");
}

QString changeText(const AuditChange& c) {
    if (c.before.isEmpty()) return QStringLiteral("%1 set to %2").arg(c.label, c.after);
    if (c.after.isEmpty()) return QStringLiteral("%1 cleared (was %2)").arg(c.label, c.before);
    return QStringLiteral("%1 from %2 to %3").arg(c.label, c.before, c.after);
}

} // namespace

// Names and values in words come from the record descriptions (store/RecordType.h).
QString AuditTrail::entityName(const QString& table) {
    if (const RecordType* t = findRecordType(table)) return t->entity;
    QString words = table;
    words.replace(QLatin1Char('_'), QLatin1Char(' '));
    if (!words.isEmpty()) words[0] = words[0].toUpper();
    return words;
}

QString AuditTrail::fieldLabel(const QString& table, const QString& column) {
    if (const RecordType* t = findRecordType(table))
        if (const FieldSpec* f = t->field(column)) return f->label;
    QString words = column;
    words.replace(QLatin1Char('_'), QLatin1Char(' '));
    return words;
}

QString AuditTrail::fieldLabel(const QString& column) {
    for (const RecordType* t : recordTypes())
        if (t->field(column)) return fieldLabel(t->table, column);
    return fieldLabel(QString(), column);
}

QString AuditTrail::formatValue(const QString& table, const QString& column, const QVariant& value) {
    if (const RecordType* t = findRecordType(table))
        if (const FieldSpec* f = t->field(column)) return f->words(value);
    return value.isNull() ? QString() : value.toString();
}

AuditEntry AuditTrail::fromRow(const Row& r) {
    AuditEntry e;
    e.seq = r.value("seq").toLongLong();
    e.at = QDateTime::fromString(r.value("at").toString(), Qt::ISODate);
    e.at.setTimeZone(QTimeZone::utc());
    e.who = r.value("who").toString();
    e.entity = r.value("entity").toString();
    e.recordId = r.value("record_id").toString();
    e.label = r.value("label").toString();
    e.action = r.value("action").toString();
    e.source = r.value("source").toString();
    if (e.action == QLatin1String("update")) {
        const QJsonObject before = QJsonDocument::fromJson(r.value("old_values").toString().toUtf8()).object();
        const QJsonObject after = QJsonDocument::fromJson(r.value("new_values").toString().toUtf8()).object();
        QStringList columns = before.keys();
        for (const QString& k : after.keys())
            if (!columns.contains(k)) columns << k;
        for (const QString& col : columns) {
            if (isHidden(col)) continue;
            AuditChange c{col, fieldLabel(e.entity, col), formatValue(e.entity, col, before.value(col).toVariant()),
                          formatValue(e.entity, col, after.value(col).toVariant())};
            if (c.before != c.after) e.changes << c;
        }
    }
    return e;
}

QString AuditEntry::recordName() const {
    const QString kind = AuditTrail::entityName(entity);
    if (label.isEmpty()) return kind;
    // Labels of some records already start with what they are ("Site Main surgery", "GMS contract").
    if (label.startsWith(kind, Qt::CaseInsensitive) || label.contains(QLatin1String(" contract"))) return label;
    return kind + QLatin1Char(' ') + label;
}

QString AuditEntry::text() const {
    const QString when = at.toLocalTime().toString(QStringLiteral("dd/MM/yyyy HH:mm"));
    QString verb = action == QLatin1String("insert")   ? QStringLiteral("added")
                   : action == QLatin1String("delete") ? QStringLiteral("deleted")
                                                       : QStringLiteral("changed");
    QString line = QStringLiteral("%1 — %2 %3 %4").arg(when, who, verb, recordName());
    if (!changes.isEmpty()) {
        QStringList parts;
        for (const AuditChange& c : changes) parts << changeText(c);
        line += QStringLiteral(": ") + parts.join(QStringLiteral("; "));
    }
    if (!source.isEmpty()) line += QStringLiteral(" (%1)").arg(source);
    return line;
}

QList<AuditEntry> AuditTrail::forContractor(const QString& contractorId, int limit) {
    QList<AuditEntry> out;
    for (const Row& r : m_db.query(QStringLiteral("SELECT * FROM audit WHERE contractor_id = ? ORDER BY seq DESC LIMIT ?"),
                                   {contractorId, limit}))
        out << fromRow(r);
    return out;
}

QList<AuditEntry> AuditTrail::forRecord(const QString& recordId, int limit) {
    QList<AuditEntry> out;
    for (const Row& r : m_db.query(QStringLiteral("SELECT * FROM audit WHERE record_id = ? ORDER BY seq DESC LIMIT ?"),
                                   {recordId, limit}))
        out << fromRow(r);
    return out;
}

} // namespace cb
