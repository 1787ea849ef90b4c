#include "store/AuditTrail.h"

#include "common/RecordId.h"
#include "store/RecordType.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QLocale>
#include <algorithm>
#include <limits>

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

QVariant AuditTrail::storedId(const QString& id) {
    // Since V013 a record id is 22 characters of base64url: stored as its 16 bytes. Anything else (an
    // id that is not a record id, or a 36-character one a caller still writes) stays text, so that
    // idText gives back exactly what was written.
    if (id.size() == 22)
        if (const QByteArray bytes = ident::idBytes(id); !bytes.isEmpty()) return bytes;
    return id;
}

// A blob is a record id's 128 bits: written by V007 and later (until V013 from a 36-character UUID,
// whose record V013 gave the 22-character form of the same bits), shown as record ids are now.
QString AuditTrail::idText(const QVariant& stored) {
    if (stored.typeId() == QMetaType::QByteArray) {
        const QByteArray bytes = stored.toByteArray();
        if (bytes.size() == 16) return ident::idFromBytes(bytes);
    }
    return stored.toString();
}

namespace {
// The columns of the `audit` view, read straight from audit_log so the indexes are used.
const char* const kSelect =
    "SELECT a.seq, a.at, w.name AS who, e.name AS entity, a.record_id, a.practice, a.label, a.action, "
    "a.old_values, a.new_values, s.name AS source FROM audit_log a JOIN audit_name w ON w.id = a.who "
    "JOIN audit_name e ON e.id = a.entity LEFT JOIN audit_name s ON s.id = a.source ";

QString actionName(const QVariant& v) {
    if (v.typeId() != QMetaType::LongLong) return v.toString();
    switch (v.toLongLong()) {
    case 1:
        return QStringLiteral("insert");
    case 2:
        return QStringLiteral("update");
    default:
        return QStringLiteral("delete");
    }
}

// The forms an id may be stored in: rows from before V007 keep their ids as text.
// A 36-character id is also looked up in the form V013 gave its record.
QVariantList idForms(const QString& id) {
    const QString compact = ident::compactId(id);
    return {AuditTrail::storedId(compact), compact, id};
}

// The rows of one record id. Since V016 the index holds an id's first 4 bytes (or characters, for an
// id kept as text): the index finds the prefix, then the whole id is compared. Parameters 1 to 3 are
// the id's forms (idForms). Since V017 that index holds only what a practice file's does not find:
// changes, deletions and rows of no practice file (indexedRowsOf); a creation in a practice file
// is found through the file (createdInFiles, the practices' numbers from parameter 4 on).
QString whereRecord() {
    return QStringLiteral("WHERE substr(a.record_id, 1, 4) IN (substr(?1, 1, 4), substr(?2, 1, 4), substr(?3, 1, 4)) "
                          "AND a.record_id IN (?1, ?2, ?3) ");
}
QString indexedRowsOf() { return whereRecord() + QStringLiteral("AND (a.action <> 1 OR a.practice IS NULL) "); }
QString createdInFiles(int practices) {
    QStringList marks;
    for (int i = 0; i < practices; ++i) marks << QStringLiteral("?%1").arg(4 + i);
    return whereRecord() + QStringLiteral("AND a.action = 1 AND a.practice IN (%1) ").arg(marks.join(QLatin1Char(',')));
}

// A history and the names worked out for its inserts are read in one transaction: on their own, each
// of the queries began and ended one, which took most of the time (12 ms for the 72 entries of the
// busiest practice file at 50,000 contractors). A savepoint begins a transaction when none is open
// and nests inside a save's when one is (a stale-save message reads the history mid-write).
class ReadTogether {
public:
    explicit ReadTogether(Database& db) : m_db(db) { m_db.execScript(QStringLiteral("SAVEPOINT audit_read")); }
    ~ReadTogether() {
        try {
            m_db.execScript(QStringLiteral("RELEASE audit_read"));
        } catch (const Error&) { // it only read: nothing is lost if the release fails
        }
    }
    ReadTogether(const ReadTogether&) = delete;
    ReadTogether& operator=(const ReadTogether&) = delete;

private:
    Database& m_db;
};

QJsonObject jsonObject(const QVariant& text) {
    return QJsonDocument::fromJson(text.toString().toUtf8()).object();
}

QVariant storedValue(const QString& column, const QJsonValue& v) {
    // Rows written before V013 name records by their 36-character ids: read them in today's form.
    if (v.isString() && ident::isIdColumn(column)) return ident::compactId(v.toString());
    if (v.isDouble()) {
        const double d = v.toDouble();
        if (d == double(qint64(d))) return qint64(d);
        return d;
    }
    return v.toVariant();
}
} // namespace

AuditEntry AuditTrail::fromRow(const Row& r) {
    AuditEntry e;
    e.seq = r.value("seq").toLongLong();
    const QVariant at = r.value("at");
    e.at = at.typeId() == QMetaType::LongLong ? QDateTime::fromSecsSinceEpoch(at.toLongLong(), QTimeZone::utc())
                                              : QDateTime::fromString(at.toString(), Qt::ISODate);
    e.at.setTimeZone(QTimeZone::utc());
    e.who = r.value("who").toString();
    e.entity = r.value("entity").toString();
    e.recordId = idText(r.value("record_id"));
    e.label = r.value("label").toString();
    e.action = actionName(r.value("action"));
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

QList<qint64> AuditTrail::practiceNumbers(const QString& contractorId) {
    QList<qint64> out;
    const QVariantList ids = idForms(contractorId);
    for (const Row& r : m_db.query(QStringLiteral("SELECT n FROM audit_practice WHERE id IN (?, ?)"),
                                   {ids.at(1), ids.at(2)})) // kept as text: compact and as given
        out << r.value("n").toLongLong();
    return out;
}

QList<AuditEntry> AuditTrail::forContractor(const QString& contractorId, int limit) {
    const ReadTogether together(m_db);
    QList<AuditEntry> out;
    const QList<qint64> practices = practiceNumbers(contractorId);
    if (practices.isEmpty()) return out;
    QVariantList params;
    QStringList marks;
    for (qint64 n : practices) {
        params << n;
        marks << QStringLiteral("?");
    }
    params << limit;
    for (const Row& r : m_db.query(QLatin1String(kSelect) +
                                       QStringLiteral("WHERE a.practice IN (%1) ORDER BY a.seq DESC LIMIT ?")
                                           .arg(marks.join(QLatin1Char(','))),
                                   params))
        out << named(fromRow(r), r.value("practice").toLongLong());
    return out;
}

QList<AuditEntry> AuditTrail::forRecord(const QString& recordId, int limit) {
    const ReadTogether together(m_db);
    QList<AuditEntry> out;
    for (const Row& r : rowsOf(recordId, limit, {}, {})) out << named(fromRow(r), r.value("practice").toLongLong());
    return out;
}

QList<Row> AuditTrail::rowsOf(const QString& recordId, int limit, QList<qint64> practices, QString entity) {
    const QVariantList ids = idForms(recordId);
    QList<Row> rows = m_db.query(QLatin1String(kSelect) + indexedRowsOf() + QStringLiteral("ORDER BY a.seq DESC LIMIT ?"),
                                 {ids.at(0), ids.at(1), ids.at(2), limit});
    // The newest `limit` rows are all changes: its creation is older than any of them.
    if (rows.size() >= limit) return rows;
    const auto createdIn = [&](const QList<qint64>& files) {
        if (files.isEmpty()) return QList<Row>();
        QVariantList params = {ids.at(0), ids.at(1), ids.at(2)};
        for (qint64 n : files) params << n;
        return m_db.query(QLatin1String(kSelect) + createdInFiles(int(files.size())) + QStringLiteral("ORDER BY a.seq DESC"),
                          params);
    };
    // Its creation is in the practice file of its later rows (or the caller's)...
    for (const Row& r : std::as_const(rows)) {
        if (!r.value("practice").isNull() && !practices.contains(r.value("practice").toLongLong()))
            practices << r.value("practice").toLongLong();
        if (entity.isEmpty()) entity = r.value("entity").toString();
    }
    QList<Row> created = createdIn(practices);
    // ...or in the one it belongs to now.
    if (created.isEmpty()) {
        std::optional<Row> now;
        const RecordType* type = entity.isEmpty() ? nullptr : findRecordType(entity);
        const QString id = ident::compactId(recordId);
        if (type) now = m_db.fetchRecord(type->table, id);
        else
            for (const RecordType* t : recordTypes())
                if ((now = m_db.fetchRecord(t->table, id))) {
                    type = t;
                    break;
                }
        QList<qint64> more;
        if (type && now)
            for (qint64 n : practiceNumbers(type->ownerOf(m_db, *now)))
                if (!practices.contains(n)) more << n;
        created = createdIn(more);
    }
    const bool found =
        std::any_of(rows.cbegin(), rows.cend(), [](const Row& r) { return r.value("action").toLongLong() == 1; });
    if (created.isEmpty() && !found) {
        // Neither: a record moved to another practice file since it was created, or one the trail
        // never saw created. Read the whole trail for it (slower, and rare).
        created = m_db.query(QLatin1String(kSelect) + whereRecord() +
                                 QStringLiteral("AND a.action = 1 AND a.practice IS NOT NULL ORDER BY a.seq DESC"),
                             {ids.at(0), ids.at(1), ids.at(2)});
    }
    rows << created;
    std::sort(rows.begin(), rows.end(),
              [](const Row& a, const Row& b) { return a.value("seq").toLongLong() > b.value("seq").toLongLong(); });
    if (rows.size() > limit) rows.resize(limit);
    return rows;
}

AuditEntry AuditTrail::named(AuditEntry e, qint64 practice) {
    // An insert written since V016 keeps no label: the record's name comes from the values it was
    // created with, named as the write path would have named it then.
    if (!e.label.isEmpty() || e.action != QLatin1String("insert")) return e;
    const RecordType* type = findRecordType(e.entity);
    if (!type) return e;
    if (std::optional<Row> created = createdWith(e.recordId, practice, e.entity)) {
        if (!created->contains(QStringLiteral("id"))) created->insert(QStringLiteral("id"), e.recordId);
        e.label = type->labelOf(m_db, *created);
    }
    return e;
}

std::optional<Row> AuditTrail::createdWith(const QString& recordId, qint64 practice, const QString& entity) {
    const ReadTogether together(m_db);
    const QList<Row> rows = rowsOf(recordId, std::numeric_limits<int>::max(),
                                   practice > 0 ? QList<qint64>{practice} : QList<qint64>(), entity);
    if (rows.isEmpty()) return std::nullopt;
    // Walk back from the record as it is now to its first insert.
    Row state;
    if (const auto now = m_db.fetchRecord(rows.first().value("entity").toString(), recordId)) state = *now;
    bool created = false;
    for (const Row& r : rows) {
        const QString action = actionName(r.value("action"));
        if (action == QLatin1String("delete")) {
            state.clear(); // just before the delete, the record was as the delete row kept it
            const QJsonObject kept = jsonObject(r.value("old_values"));
            for (auto it = kept.begin(); it != kept.end(); ++it) state.insert(it.key(), storedValue(it.key(), it.value()));
        } else if (action == QLatin1String("update")) {
            const QJsonObject before = jsonObject(r.value("old_values"));
            for (auto it = before.begin(); it != before.end(); ++it) {
                const QVariant v = storedValue(it.key(), it.value());
                if (v.isNull()) state.remove(it.key());
                else state.insert(it.key(), v);
            }
        } else {
            created = true;
            if (!r.value("new_values").isNull()) { // written before V007, with the whole record
                state.clear();
                const QJsonObject values = jsonObject(r.value("new_values"));
                for (auto it = values.begin(); it != values.end(); ++it) state.insert(it.key(), storedValue(it.key(), it.value()));
            }
            // An older insert of the same id (deleted, then added again) is another record's life.
            break;
        }
    }
    if (!created) return std::nullopt;
    state.insert(kRowVersion, qint64(1)); // every record is created at version 1 (a delete row may not keep it)
    // Compare like with like: nulls are absent, as in the rows inserts and deletes kept.
    for (auto it = state.begin(); it != state.end();)
        it = it.value().isNull() ? state.erase(it) : std::next(it);
    return state;
}

} // namespace cb
