#include "exchange/RecordExchange.h"

#include "exchange/AtomicFile.h"
#include "exchange/Csv.h"
#include "exchange/JsonStream.h"
#include "common/FileSafety.h"
#include "common/RecordId.h"
#include "store/Database.h"
#include "store/RecordType.h"

#include <QFileInfo>
#include <QDateTime>
#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <SQLiteCpp/SQLiteCpp.h>
#include <algorithm>
#include <charconv>
#include <functional>
#include <map>
#include <memory>
#include <cmath>
#include <cstring>
#include <limits>
#include <sqlite3.h>

namespace cb::exchange {

namespace {

QByteArray compact(const QJsonValue& v) {
    // QJsonDocument only serialises objects and arrays: wrap and unwrap.
    const QByteArray a = QJsonDocument(QJsonArray{v}).toJson(QJsonDocument::Compact);
    return a.mid(1, a.size() - 2);
}

// One record's JSON, built in plain memory and added to the document whole: QByteArray's append
// is a general insert, and half a million records of a dozen appends each made that a sixth of an
// export's time.
class RowText {
public:
    void put(const char* bytes, size_t n) {
        if (n == 0) return;
        if (m_size + n > m_capacity) grow(m_size + n);
        std::memcpy(m_data.get() + m_size, bytes, n);
        m_size += n;
    }
    void put(char c) { put(&c, 1); }
    void put(const QByteArray& bytes) { put(bytes.constData(), size_t(bytes.size())); }
    size_t size() const { return m_size; }
    void truncate(size_t size) { m_size = std::min(size, m_size); }
    void moveTo(QByteArray& out) {
        out.append(m_data.get(), qsizetype(m_size));
        m_size = 0;
    }

private:
    void grow(size_t needed) {
        const size_t capacity = std::max<size_t>(needed, 2 * m_capacity + 256);
        auto data = std::make_unique<char[]>(capacity);
        if (m_size) std::memcpy(data.get(), m_data.get(), m_size);
        m_data = std::move(data);
        m_capacity = capacity;
    }
    std::unique_ptr<char[]> m_data;
    size_t m_size = 0, m_capacity = 0;
};

// One JSON string, as QJsonDocument writes it, straight from SQLite's UTF-8, read once. Text that
// is not plain ASCII goes through Qt, so anything unusual in it is written exactly as before.
void appendJsonText(RowText& out, const char* text, int size) {
    const size_t start = out.size();
    out.put('"');
    int plain = 0; // start of the run of characters copied as they are
    for (int i = 0; i < size; ++i) {
        const auto c = static_cast<unsigned char>(text[i]);
        if (c >= 0x20 && c < 0x80 && c != '"' && c != '\\') continue;
        if (c >= 0x80) { // what was written of it is taken back
            out.truncate(start);
            out.put(compact(QJsonValue(QString::fromUtf8(text, size))));
            return;
        }
        out.put(text + plain, size_t(i - plain));
        plain = i + 1;
        switch (c) {
        case '"': out.put("\\\"", 2); break;
        case '\\': out.put("\\\\", 2); break;
        case '\b': out.put("\\b", 2); break;
        case '\f': out.put("\\f", 2); break;
        case '\n': out.put("\\n", 2); break;
        case '\r': out.put("\\r", 2); break;
        case '\t': out.put("\\t", 2); break;
        default: {
            static const char hex[] = "0123456789abcdef";
            out.put("\\u00", 4);
            out.put(hex[(c >> 4) & 0xf]);
            out.put(hex[c & 0xf]);
        }
        }
    }
    out.put(text + plain, size_t(size - plain));
    out.put('"');
}

// Every row of one table as one compact JSON object per line, byte for byte what QJsonDocument
// wrote from a Row (keys in QJsonObject's order), without building a QVariantMap and a QJsonObject
// for each of half a million records.
// A document is handed on in parts of about this size (see writeJson).
constexpr qsizetype kJsonPart = 1 << 20;
using Part = std::function<void(QByteArray&)>; // takes what `out` holds so far and empties it

void appendTableRows(QByteArray& out, Database& db, const JsonSlice& slice, bool includeConfidential,
                     const Part& part) {
    const ExchangeTable& t = slice.table;
    QStringList where;
    if (!slice.where.isEmpty()) where << QStringLiteral("(%1)").arg(slice.where);
    if (!includeConfidential && !t.confidentialWhere.isEmpty())
        where << QStringLiteral("NOT coalesce((%1), 0)").arg(t.confidentialWhere); // as eachExportRow
    QString sql = QStringLiteral("SELECT * FROM %1").arg(t.table);
    if (!where.isEmpty()) sql += QStringLiteral(" WHERE ") + where.join(QStringLiteral(" AND "));
    sql += QStringLiteral(" ORDER BY ") + t.orderBy;
    // SQLite's own API: half a million rows of some twenty columns each, so even the small cost of
    // a column wrapper object per value added up to a second.
    sqlite3* handle = db.sqlite().getHandle();
    sqlite3_stmt* st = nullptr;
    const QByteArray text = sql.toUtf8();
    const auto fail = [&](int code) {
        const QString detail = QString::fromUtf8(sqlite3_errmsg(handle));
        sqlite3_finalize(st);
        throw DatabaseError(Database::explain(code, detail));
    };
    if (const int rc = sqlite3_prepare_v2(handle, text.constData(), int(text.size()), &st, nullptr); rc != SQLITE_OK)
        fail(rc);
    for (int i = 0; i < slice.params.size(); ++i) {
        const QVariant& v = slice.params.at(i);
        int rc = SQLITE_OK;
        if (v.isNull()) rc = sqlite3_bind_null(st, i + 1);
        else if (v.typeId() == QMetaType::LongLong || v.typeId() == QMetaType::Int) rc = sqlite3_bind_int64(st, i + 1, v.toLongLong());
        else if (v.typeId() == QMetaType::Double) rc = sqlite3_bind_double(st, i + 1, v.toDouble());
        else {
            const QByteArray utf8 = v.toString().toUtf8();
            rc = sqlite3_bind_text(st, i + 1, utf8.constData(), int(utf8.size()), SQLITE_TRANSIENT);
        }
        if (rc != SQLITE_OK) fail(rc);
    }
    const int n = sqlite3_column_count(st);
    std::vector<std::pair<QString, int>> columns; // name -> index, in QJsonObject's key order
    for (int i = 0; i < n; ++i) {
        const QString name = QString::fromUtf8(sqlite3_column_name(st, i));
        if (name != kRowVersion) columns.emplace_back(name, i); // versions belong to the copy (as columnsOf)
    }
    std::sort(columns.begin(), columns.end());
    std::vector<QByteArray> keys; // "key": with the comma before it, but for the first
    for (size_t k = 0; k < columns.size(); ++k) keys.push_back((k > 0 ? "," : "") + compact(columns[k].first) + ':');
    bool first = true;
    int rc = SQLITE_OK;
    RowText row;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        row.put(first ? "\n{" : ",\n{", first ? 2 : 3);
        first = false;
        for (size_t k = 0; k < columns.size(); ++k) {
            row.put(keys[k]);
            // One call per column that takes the connection's mutex (sqlite3_column_*), then the
            // value read without it: three locked calls per value were a fifth of the export.
            sqlite3_value* v = sqlite3_column_value(st, columns[k].second);
            switch (sqlite3_value_type(v)) {
            case SQLITE_INTEGER: {
                char digits[24];
                const auto r = std::to_chars(digits, digits + sizeof digits, qint64(sqlite3_value_int64(v)));
                row.put(digits, size_t(r.ptr - digits));
                break;
            }
            case SQLITE_FLOAT: row.put(compact(QJsonValue(sqlite3_value_double(v)))); break;
            case SQLITE_TEXT: {
                const char* value = reinterpret_cast<const char*>(sqlite3_value_text(v));
                appendJsonText(row, value, sqlite3_value_bytes(v));
                break;
            }
            case SQLITE_NULL: row.put("null", 4); break;
            default: {
                const char* blob = static_cast<const char*>(sqlite3_value_blob(v));
                row.put(compact(QJsonValue::fromVariant(QByteArray(blob, sqlite3_value_bytes(v)))));
            }
            }
        }
        row.put('}');
        row.moveTo(out);
        if (part && out.size() >= kJsonPart) part(out);
    }
    if (rc != SQLITE_DONE) fail(rc);
    sqlite3_finalize(st);
    out += first ? "]" : "\n]";
}

} // namespace

namespace {

QString words(const QString& column) {
    QString s = column;
    if (s.endsWith(QLatin1String("_id"))) s.chop(3);
    return s.replace(QLatin1Char('_'), QLatin1Char(' '));
}

// A table's foreign keys, read once per table and connection (they change only with the schema,
// which an import does not change): asking pragma_foreign_key_list for every row cost more than
// the row's own insert.
struct ForeignKey {
    QString column, parent, target, exists;
};

const QList<ForeignKey>& foreignKeysOf(Database& db, const QString& table) {
    thread_local std::map<std::pair<const SQLite::Database*, QString>, QList<ForeignKey>> cache;
    const auto key = std::make_pair(&db.sqlite(), table);
    auto it = cache.find(key);
    if (it != cache.end()) return it->second;
    QList<ForeignKey> fks;
    for (const Row& fk : db.query(QStringLiteral("SELECT \"table\" AS parent, \"from\" AS col, \"to\" AS target "
                                                 "FROM pragma_foreign_key_list(?)"), {table})) {
        ForeignKey k{fk.value("col").toString(), fk.value("parent").toString(), fk.value("target").toString(), {}};
        if (k.target.isEmpty()) k.target = QStringLiteral("id");
        k.exists = QStringLiteral("SELECT 1 FROM %1 WHERE %2 = ? LIMIT 1").arg(k.parent, k.target);
        fks.append(k);
    }
    if (cache.size() > 256) cache.clear(); // connections come and go; their tables are few
    return cache.emplace(key, fks).first->second;
}

void checkParents(Database& db, const ExchangeTable& t, const Row& row, Issues& issues) {
    for (const ForeignKey& fk : foreignKeysOf(db, t.table)) {
        const QVariant value = row.value(fk.column);
        if (value.isNull()) continue;
        if (!db.scalar(fk.exists, {value}).isNull()) continue;
        const ExchangeTable* p = findTable(standardTables(), fk.parent);
        const QString parentName = p ? p->title.toLower() : words(fk.parent);
        issues.add(fk.column, QStringLiteral("The %1 \"%2\" is not in the register (no %3 has that %4). Import the %3 "
                                             "first, or correct the %5 column.")
                                  .arg(words(fk.column), value.toString().left(80), parentName, fk.target, fk.column));
    }
}

} // namespace

QStringList recordTypes(const QList<ExchangeTable>& tables) {
    QStringList out;
    for (const auto& t : tables) out << t.recordType;
    return out;
}

namespace {

// The whole exchange document, handed to `part` a megabyte at a time (or kept whole in `out` when
// there is no `part`): an export of 50,000 contractors is 145 MiB, which no longer sits in memory.
void writeJson(QByteArray& out, Database& db, const ExportOptions& options, const JsonContents& contents,
               const Part& part) {
    const bool anyConfidential = contents.confidential;
    // Written by hand so the first line says whether the file is confidential, keys keep a fixed
    // order, and each record is one line (diff-friendly, and import can report line numbers).
    out += "{\n";
    out += "\"casebook\": " +
           compact(anyConfidential ? QStringLiteral("CONFIDENTIAL: includes confidential records. Do not share "
                                                    "beyond those entitled to see them.")
                                   : QStringLiteral("Casebook exchange file")) + ",\n";
    if (!contents.covers.isNull()) out += "\"covers\": " + compact(contents.covers) + ",\n";
    out += "\"format\": " + compact(QString::fromLatin1(kJsonFormatName)) + ",\n";
    out += "\"version\": " + QByteArray::number(kJsonFormatVersion) + ",\n";
    out += "\"schemaVersion\": " + QByteArray::number(db.fileSchemaVersion()) + ",\n";
    out += "\"confidential\": " + QByteArray(anyConfidential ? "true" : "false") + ",\n";
    out += "\"tables\": {";
    bool firstTable = true;
    for (const JsonSlice& slice : contents.tables) {
        if (!tableExists(db, slice.table.table)) continue;
        out += firstTable ? "\n" : ",\n";
        firstTable = false;
        out += compact(slice.table.table) + ": [";
        appendTableRows(out, db, slice, options.includeConfidential, part);
    }
    out += "\n}\n}\n";
    if (part) part(out);
}

} // namespace

namespace {
JsonContents wholeTables(Database& db, const ExportOptions& options, const QList<ExchangeTable>& tables) {
    JsonContents contents;
    for (const auto& t : tables) {
        contents.tables.append({t, {}, {}});
        if (tableExists(db, t.table) && options.includeConfidential && confidentialCount(db, t) > 0)
            contents.confidential = true;
    }
    return contents;
}
} // namespace

QByteArray jsonDocument(Database& db, const ExportOptions& options, const JsonContents& contents) {
    QByteArray out;
    writeJson(out, db, options, contents, {});
    return out;
}

QByteArray jsonDocument(Database& db, const ExportOptions& options, const QList<ExchangeTable>& tables) {
    return jsonDocument(db, options, wholeTables(db, options, tables));
}

void writeJsonFile(Database& db, const QString& path, const ExportOptions& options, const JsonContents& contents) {
    writeFileAtomically(path, [&](const std::function<void(const QByteArray&)>& write) {
        QByteArray out;
        out.reserve(kJsonPart + (64 << 10));
        writeJson(out, db, options, contents, [&](QByteArray& done) {
            write(done);
            done.resize(0); // empty, keeping its room for the next part
        });
    });
}

ExportResult exportJson(Database& db, const QString& path, const ExportOptions& options,
                        const QList<ExchangeTable>& tables) {
    const ExportResult r = planExport(db, tables, path, options.includeConfidential);
    writeJsonFile(db, r.path, options, wholeTables(db, options, tables));
    return r;
}

namespace {
// The CSV of one record type, written in parts as its rows are read (an export of any size).
void writeCsvDocument(Database& db, const ExchangeTable& t, const ExportOptions& options,
                      const std::function<void(const QByteArray&)>& write) {
    writeRecordCsv(
        columnsOf(db, t.table), options.includeConfidential && confidentialCount(db, t) > 0,
        [&](const std::function<void(const Row&)>& fn) { eachExportRow(db, t, options.includeConfidential, fn); },
        write);
}
} // namespace

QByteArray csvDocument(Database& db, const ExchangeTable& t, const ExportOptions& options) {
    QByteArray document;
    writeCsvDocument(db, t, options, [&](const QByteArray& part) { document += part; });
    return document;
}

ExportResult exportCsv(Database& db, const QString& recordType, const QString& path, const ExportOptions& options,
                       const QList<ExchangeTable>& tables) {
    const ExchangeTable* t = findTable(tables, recordType);
    if (!t || !tableExists(db, t->table))
        throw ExportError(QStringLiteral("There is no record type \"%1\". Choose one of: %2.")
                              .arg(recordType, recordTypes(tables).join(QStringLiteral(", "))));
    const ExportResult r = planExport(db, {*t}, path, options.includeConfidential);
    writeFileAtomically(r.path, [&](const std::function<void(const QByteArray&)>& write) {
        writeCsvDocument(db, *t, options, write);
    });
    return r;
}

RowOutcome upsertRecord(Database& db, const ExchangeTable& t, const QList<ColumnInfo>&, Row values,
                        Database::SaveMode mode) {
    // Versions count this database's own saves: a file's versions belong to the copy that wrote it.
    values.remove(kRowVersion);
    // Files written before schema version 13 name records by 36-character UUIDs: the same ids today.
    for (auto it = values.begin(); it != values.end(); ++it)
        if (ident::isIdColumn(it.key()) && it.value().typeId() == QMetaType::QString)
            it.value() = ident::compactId(it.value().toString());
    QString id = values.value("id").toString();
    if (id.isEmpty() && !t.naturalKey.isEmpty() && !values.value(t.naturalKey).toString().isEmpty()) {
        id = db.scalar(QStringLiteral("SELECT id FROM %1 WHERE %2 = ?").arg(t.table, t.naturalKey),
                       {values.value(t.naturalKey)}).toString();
        if (!id.isEmpty()) mode = Database::SaveMode::NewOrExisting; // an earlier row of the file wrote it
    }
    if (id.isEmpty()) id = Database::newId();
    values.insert("id", id);
    const RecordType& type = recordTypeOf(t.table);
    // An empty created_at/updated_at in a file keeps what the register has (or now, for a new record).
    for (const char* stamp : {"created_at", "updated_at"})
        if (values.contains(QLatin1String(stamp)) && values.value(QLatin1String(stamp)).isNull())
            values.remove(QLatin1String(stamp));
    // A missing parent is said in words ("The contract id ... is not in the register"), not in the
    // words of a rule that assumed the parent was there, nor as SQLite's "FOREIGN KEY constraint
    // failed". A row that leaves out a reference needs the stored record to know it, and is
    // checked first.
    bool partial = false;
    for (const ForeignKey& fk : foreignKeysOf(db, t.table)) partial = partial || !values.contains(fk.column);
    if (partial) {
        Issues issues;
        Row whole = db.fetchRecord(t.table, id).value_or(Row());
        for (auto it = values.begin(); it != values.end(); ++it) whole.insert(it.key(), it.value());
        checkParents(db, t, whole, issues);
        issues.throwIfAny();
    }
    // A whole row is checked only once it is refused: SQLite enforces every reference
    // (foreign_keys is on), so a row whose parent is missing never saves, and the save refuses it
    // one way or another. Looking each parent up first was 7 % of a 50,000-contractor import, for
    // the lookups the insert makes again.
    try {
        return outcomeOf(db.save(type, values, mode));
    } catch (const Error&) {
        if (partial) throw; // its parents were there before the save
        Issues issues;
        checkParents(db, t, values, issues);
        issues.throwIfAny();
        throw;
    }
}

namespace {

// A record's value as JsonStream::readObject gives it (text, a double, a bool, null, or a nested
// QJsonValue), as its column stores it.
QVariant typed(const ColumnInfo& c, const QVariant& v) {
    if (!v.isValid()) return {};
    const int type = v.typeId();
    const bool number = type == QMetaType::Double;
    if (c.type == QLatin1String("INTEGER")) {
        if (type == QMetaType::Bool) return qint64(v.toBool() ? 1 : 0);
        const double d = number ? v.toDouble() : std::nan("");
        // Beyond 2^53 a JSON number is no longer exact, and 1e300 is no whole number to store: refuse.
        if (number && std::isfinite(d) && std::floor(d) == d && std::fabs(d) <= 9007199254740991.0)
            return qint64(d);
        throw ValidationError(c.name, QStringLiteral("%1 must be a whole number%2.")
                                          .arg(c.name, number ? QStringLiteral(" of sensible size, not %1")
                                                                    .arg(QString::number(d, 'g', 17))
                                                              : QString()));
    }
    if (c.type == QLatin1String("REAL")) {
        if (number && std::isfinite(v.toDouble())) return v.toDouble();
        throw ValidationError(c.name, QStringLiteral("%1 must be a number.").arg(c.name));
    }
    if (type == QMetaType::QString) return v;
    if (number) return QString::number(v.toDouble(), 'g', 17);
    throw ValidationError(c.name, QStringLiteral("%1 must be text.").arg(c.name));
}

// The file at path as it is now: which file, its size and when it was last written. A file
// replaced or written to between the check and the import is noticed.
QByteArray fileStamp(const QString& path) {
    const QFileInfo info(path);
    return files::identity(path) + '/' + QByteArray::number(info.size()) + '/' +
           QByteArray::number(info.lastModified().toMSecsSinceEpoch());
}

// How a file's records of table t are saved: into a table that holds nothing yet, each as new,
// not sought first (6,000 instructions a record). The file's repeated ids are refused before they
// are saved; one written twice in two forms (a 36-character UUID and its compact form) is refused
// by the insert as already there, and a row found by its natural key is saved as it was before.
Database::SaveMode saveModeFor(Database& db, const ExchangeTable& t) {
    return db.queryOne(QStringLiteral("SELECT 1 FROM %1 LIMIT 1").arg(t.table)) ? Database::SaveMode::NewOrExisting
                                                                                 : Database::SaveMode::New;
}

// Where one table's records are in a JSON file: just after its '[' (found by the check in
// openJsonFile), so apply() can read them one at a time, in the order the register needs.
struct TableSpan {
    qint64 offset = 0;
    int line = 1;
    int records = 0;
};

constexpr int kJsonProgressEvery = 512; // records between progress reports

// A JSON exchange file, read twice and never held whole: openJsonFile checks all of it and notes
// where each table's records start; apply() reads each table's records one at a time.
class JsonFile : public FileImporter {
public:
    JsonFile(QString path, qint64 version, QList<std::pair<QString, TableSpan>> spans, QList<ExchangeTable> tables,
             QByteArray identity)
        : m_path(std::move(path)), m_version(version), m_spans(std::move(spans)), m_tables(std::move(tables)),
          m_identity(std::move(identity)) {}

    FileResult header() const override {
        FileResult r;
        r.file = fileNameOf(m_path);
        r.kind = QStringLiteral("json");
        r.description = QStringLiteral("Casebook exchange file (JSON, version %1)").arg(m_version);
        r.encoding = QStringLiteral("UTF-8");
        for (const auto& s : m_spans) r.rows += s.second.records;
        return r;
    }
    int order() const override { return 5; }

    void apply(Database& db, FileResult& result) override {
        QMap<QString, TableSpan> spans; // in key order, as the file's tables were reported before
        for (const auto& s : m_spans) spans.insert(s.first, s.second);
        int total = 0, done = 0; // records to read, and read so far
        for (auto it = spans.cbegin(); it != spans.cend(); ++it) {
            const ExchangeTable* t = findTable(m_tables, it.key());
            if (!t || !tableExists(db, it.key())) {
                result.skipped += it->records;
                result.skippedReasons[QStringLiteral("records of \"%1\", which this version of Casebook does not "
                                                     "know").arg(it.key())] += it->records;
            } else {
                total += it->records;
            }
        }
        const QString name = fileNameOf(m_path);
        const auto changed = [&] {
            return ImportError(QStringLiteral("%1 was changed while it was being imported. Nothing was imported: "
                                              "import it again once it is no longer being written.").arg(name));
        };
        QFile file(m_path);
        if (fileStamp(m_path) != m_identity || !file.open(QIODevice::ReadOnly)) throw changed();
        JsonStream in(file);
        std::vector<std::pair<QString, QVariant>> fields;
        const QString idKey = QStringLiteral("id");
        reportProgress(0); // and every kJsonProgressEvery records: the dialog's bar moves, and Cancel works
        try {
            for (const ExchangeTable& t : m_tables) {
                if (!spans.contains(t.table) || !tableExists(db, t.table)) continue;
                const TableSpan span = spans.value(t.table);
                const QList<ColumnInfo> cols = columnsOf(db, t.table);
                QHash<QString, ColumnInfo> byName;
                for (const auto& c : cols) byName.insert(c.name, c);
                QStringList unknown;
                RepeatedCodes repeated; // the same id twice in one file: the first is used, the repeat rejected
                const Database::SaveMode mode = saveModeFor(db, t);
                in.seek(span.offset, span.line);
                if (in.first(']')) do {
                        int line = 0;
                        if (++done % kJsonProgressEvery == 0) reportProgress(double(done) / std::max(1, total));
                        in.readObject(fields, idKey, line);
                        QString id;
                        for (const auto& f : fields)
                            if (f.first == idKey) // the last, as in a JSON object; an id that is not text is none
                                id = f.second.typeId() == QMetaType::QString ? f.second.toString() : QString();
                        if (!id.isEmpty() && repeated.isRepeat(result, line, id)) continue;
                        applyRow(db, result, line, id, [&] {
                            if (id.isEmpty()) throw ValidationError("id", QStringLiteral("The record has no id."));
                            Row values;
                            for (const auto& [key, value] : fields) {
                                const auto c = byName.constFind(key);
                                if (c == byName.cend()) {
                                    if (!unknown.contains(key)) unknown << key;
                                    continue;
                                }
                                // Casebook writes a record's fields in column order: each goes at the end.
                                values.insert(values.cend(), key, typed(*c, value));
                            }
                            return upsertRecord(db, t, cols, std::move(values), mode);
                        });
                    } while (in.more(']'));
                if (!unknown.isEmpty())
                    result.notes << QStringLiteral("%1: fields not known to this version were ignored: %2")
                                        .arg(t.table, unknown.join(QStringLiteral(", ")));
            }
        } catch (const JsonStreamError&) {
            throw changed(); // it was whole and valid when it was opened
        }
        reportProgress(1);
    }

private:
    QString m_path;
    qint64 m_version;
    QList<std::pair<QString, TableSpan>> m_spans; // table -> where its records are, in file order
    QList<ExchangeTable> m_tables;
    QByteArray m_identity; // the file as it was checked
};

QVariant typedText(const ColumnInfo& c, const QString& raw) {
    if (raw.isEmpty()) return {};
    if (c.type == QLatin1String("INTEGER")) {
        bool ok = false;
        const qint64 v = raw.trimmed().toLongLong(&ok);
        if (!ok) throw ValidationError(c.name, QStringLiteral("%1 must be a whole number, not \"%2\".").arg(c.name, raw));
        return v;
    }
    if (c.type == QLatin1String("REAL")) {
        bool ok = false;
        const double v = raw.trimmed().toDouble(&ok);
        if (!ok || !std::isfinite(v)) throw ValidationError(c.name, QStringLiteral("%1 must be a number, not \"%2\".").arg(c.name, raw));
        return v;
    }
    // Undo the spreadsheet formula guard the CSV export added.
    if (raw.startsWith(QLatin1Char('\'')) && csv::needsFormulaGuard(raw.mid(1))) return raw.mid(1);
    return raw;
}

class CsvFile : public FileImporter {
public:
    // Streamed (issue 16): the file is read a record at a time, never whole, so a big CSV costs
    // the memory of one row; the header was found when the file was opened and checked.
    CsvFile(std::unique_ptr<CsvStream> stream, ExchangeTable table, QStringList names, int headerIndex)
        : m_stream(std::move(stream)), m_table(std::move(table)), m_names(std::move(names)), m_header(headerIndex) {}

    FileResult header() const override {
        FileResult r;
        r.file = fileNameOf(m_stream->path());
        r.kind = QStringLiteral("csv:") + m_table.recordType;
        r.description = QStringLiteral("Casebook CSV of %1").arg(m_table.title.toLower());
        r.encoding = csv::describe(m_stream->encoding());
        r.rows = m_stream->records() - m_header - 1;
        return r;
    }

    void apply(Database& db, FileResult& result) override {
        const QList<ColumnInfo> cols = columnsOf(db, m_table.table);
        QHash<QString, ColumnInfo> byName;
        for (const auto& c : cols) byName.insert(c.name, c);
        const QStringList& names = m_names;
        QStringList ignored;
        for (const QString& n : names)
            if (!byName.contains(n.trimmed())) ignored << n;
        // A file of another record type: required columns missing. Refused as a whole.
        QStringList missing;
        for (const auto& c : cols)
            if (c.notNull && !c.hasDefault && c.name != QLatin1String("id") && c.name != QLatin1String("created_at") &&
                c.name != QLatin1String("updated_at") && !names.contains(c.name))
                missing << c.name;
        if (!missing.isEmpty())
            throw ImportError(QStringLiteral("%1 is not a Casebook CSV of %2: it has no %3 column%4. Nothing was "
                                             "imported.")
                                  .arg(fileNameOf(m_stream->path()), m_table.title.toLower(),
                                       missing.join(QStringLiteral(", ")), missing.size() == 1 ? "" : "s"));
        if (!ignored.isEmpty())
            result.notes << QStringLiteral("Columns not in %1 were ignored: %2")
                                .arg(m_table.title.toLower(), ignored.join(QStringLiteral(", ")));
        RepeatedCodes repeated;
        const Database::SaveMode mode = saveModeFor(db, m_table);
        const int idCol = int(names.indexOf(QStringLiteral("id")));
        int index = 0;
        m_stream->read(*this, [&](const csv::Record& rec) {
            if (index++ <= m_header) return;
            if (rec.size() != names.size()) {
                result.rejections.append({rec.line, rec.value(0), QStringLiteral("The row has %1 fields; the header has "
                                                                                 "%2.").arg(rec.size()).arg(names.size())});
                return;
            }
            const int keyCol = idCol >= 0 && !rec.value(idCol).isEmpty()
                                   ? idCol
                                   : int(names.indexOf(m_table.naturalKey.isEmpty() ? QStringLiteral("id") : m_table.naturalKey));
            // The same record twice in one file: the first is used, the repeat rejected (never "last wins").
            if (keyCol >= 0 && !rec.value(keyCol).isEmpty() && repeated.isRepeat(result, rec.line, rec.value(keyCol)))
                return;
            applyRow(db, result, rec.line, idCol >= 0 ? rec.value(idCol) : rec.value(0), [&] {
                Row values;
                for (int c = 0; c < names.size(); ++c) {
                    const QString n = names.at(c).trimmed();
                    if (byName.contains(n)) values.insert(n, typedText(byName.value(n), rec.value(c)));
                }
                return upsertRecord(db, m_table, cols, std::move(values), mode);
            });
        });
    }

private:
    std::unique_ptr<CsvStream> m_stream;
    ExchangeTable m_table;
    QStringList m_names; // the header's column names
    int m_header;        // index of the header record (1 after a confidentiality notice)
};

} // namespace

std::unique_ptr<FileImporter> openJsonFile(const QString& path, const QList<ExchangeTable>& tables) {
    const QString name = fileNameOf(path);
    // Any size: the file is read a quarter of a megabyte at a time, twice, and never held whole.
    if (const QString why = files::whyNotReadable(path, std::numeric_limits<qint64>::max()); !why.isEmpty())
        throw ImportError(why);
    const QByteArray identity = fileStamp(path);
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        throw ImportError(QStringLiteral("%1 could not be opened (%2).").arg(name, file.errorString()));
    // Text, not binary or UTF-16: the checks every import makes, on the first part and on any part
    // holding a NUL byte.
    for (bool firstPart = true;; firstPart = false) {
        // At most what is left (QIODevice::read(n) allocates n bytes first: 1 MiB for every small file).
        const QByteArray part = file.read(std::clamp<qint64>(file.bytesAvailable(), 1, 1 << 20));
        if (part.isEmpty() && !firstPart) break;
        if (firstPart || part.contains('\0')) checkTextFile(path, part);
        if (part.isEmpty()) break;
    }
    file.seek(0);
    QList<std::pair<QString, TableSpan>> spans;
    bool casebook = false, tablesObject = false;
    QJsonValue version(QJsonValue::Undefined); // "missing" until the file says
    QString damaged; // the first structural fault: reported only if the file is valid JSON
    try {
        JsonStream in(file);
        if (in.peek() == '\xEF') { // a UTF-8 byte order mark, as some editors save
            in.expect('\xEF', "a value");
            in.expect('\xBB', "a value");
            in.expect('\xBF', "a value");
        }
        if (in.peek() != '{') {
            in.skipValue();
        } else {
            in.expect('{', "{");
            if (in.first('}')) do {
                    const QString key = in.readString();
                    in.expect(':', "\":\"");
                    if (key == QLatin1String("format")) {
                        casebook = in.readValue().toString() == QLatin1String(kJsonFormatName);
                    } else if (key == QLatin1String("version")) {
                        version = in.readValue();
                    } else if (key != QLatin1String("tables")) {
                        in.skipValue();
                    } else if (in.peek() != '{') {
                        in.skipValue();
                        tablesObject = false;
                    } else {
                        tablesObject = true;
                        spans.clear();
                        in.expect('{', "{");
                        if (in.first('}')) do {
                                const QString table = in.readString();
                                in.expect(':', "\":\"");
                                // A table named twice: the last counts, as in any JSON object.
                                spans.removeIf([&](const auto& s) { return s.first == table; });
                                if (in.peek() != '[') {
                                    if (damaged.isEmpty())
                                        damaged = QStringLiteral("%1 is damaged: \"%2\" should be a list of records in "
                                                                 "[ ], but it is not. Nothing was imported.")
                                                      .arg(name, table.left(60));
                                    in.skipValue(1);
                                    continue;
                                }
                                in.expect('[', "[");
                                TableSpan span{in.offset(), in.line(), 0};
                                if (in.first(']')) do {
                                        if (in.peek() != '{' && damaged.isEmpty())
                                            damaged = QStringLiteral("%1 is damaged: a record of \"%2\" is not a record "
                                                                     "in { }. Nothing was imported.")
                                                          .arg(name, table.left(60));
                                        in.skipValue(2);
                                        ++span.records;
                                    } while (in.more(']'));
                                spans.append({table, span});
                            } while (in.more('}'));
                    }
                } while (in.more('}'));
        }
        if (!in.atEnd()) in.fail(QStringLiteral("there is more after the end of the document"));
    } catch (const JsonStreamError& e) {
        throw ImportError(QStringLiteral("%1 is not valid JSON (line %2: %3). Nothing was imported.")
                              .arg(name).arg(e.line()).arg(e.what()));
    }
    if (!casebook || !tablesObject)
        throw ImportError(QStringLiteral("%1 is JSON, but not a Casebook exchange file. Nothing was imported.").arg(name));
    // The version must be a whole number this Casebook reads: "2", 1.5, 1e10 or no version at all
    // are refused, never read as version 0 or 1.
    const double v = version.toDouble(-1);
    if (!version.isDouble() || std::floor(v) != v || v < 1)
        throw ImportError(QStringLiteral("%1 does not say which version of the Casebook exchange format it is (its "
                                         "\"version\" is %2; it should be a whole number such as %3). It may have been "
                                         "edited by hand. Nothing was imported.")
                              .arg(name, version.isUndefined() ? QStringLiteral("missing")
                                                               : QString::fromUtf8(compact(version)).left(40))
                              .arg(kJsonFormatVersion));
    if (v > kJsonFormatVersion)
        throw ImportError(QStringLiteral("%1 was written by a newer Casebook (format version %2; this version reads up "
                                         "to %3). Install the latest Casebook to import it. Nothing was imported.")
                              .arg(name, QString::number(v, 'g', 17)).arg(kJsonFormatVersion));
    if (!damaged.isEmpty()) throw ImportError(damaged);
    return std::make_unique<JsonFile>(path, qint64(v), spans, tables, identity);
}

std::unique_ptr<FileImporter> openCsvFile(const QString& recordType, const QString& path,
                                          const QList<ExchangeTable>& tables) {
    const ExchangeTable* t = findTable(tables, recordType);
    if (!t)
        throw ImportError(QStringLiteral("There is no record type \"%1\". Choose one of: %2.")
                              .arg(recordType, recordTypes(tables).join(QStringLiteral(", "))));
    // The first two records are all that is kept: a confidential export starts with a notice line
    // before the header. The rest is counted and checked, then read again when applied.
    QList<csv::Record> head;
    auto stream = std::make_unique<CsvStream>(path, [&](const csv::Record& rec) {
        if (head.size() < 2) head << rec;
    });
    const QString name = fileNameOf(path);
    int header = 0;
    if (!head.isEmpty() && head.first().size() == 1 && head.first().value(0).startsWith(QLatin1String("CONFIDENTIAL")))
        header = 1;
    if (head.size() <= header)
        throw ImportError(QStringLiteral("%1 is empty: nothing to import.").arg(name));
    const QStringList names = head.at(header).fields;
    if (!names.contains(QStringLiteral("id")) && (t->naturalKey.isEmpty() || !names.contains(t->naturalKey)))
        throw ImportError(QStringLiteral("%1 is not a Casebook CSV of %2: its header needs an \"id\" column%3. "
                                         "Nothing was imported.")
                              .arg(name, t->title.toLower(),
                                   t->naturalKey.isEmpty() ? QString()
                                                           : QStringLiteral(" or \"%1\"").arg(t->naturalKey)));
    return std::make_unique<CsvFile>(std::move(stream), *t, names, header);
}

ImportJob ImportJob::json(const QString& path) {
    ImportJob job;
    job.m_files.push_back(openJsonFile(path));
    return job;
}

ImportJob ImportJob::csv(const QString& recordType, const QString& path) {
    ImportJob job;
    job.m_files.push_back(openCsvFile(recordType, path));
    return job;
}

} // namespace cb::exchange
