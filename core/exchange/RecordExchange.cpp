#include "exchange/RecordExchange.h"

#include "exchange/AtomicFile.h"
#include "exchange/Csv.h"
#include "store/Database.h"
#include "store/RecordType.h"

#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <SQLiteCpp/SQLiteCpp.h>
#include <algorithm>
#include <cmath>
#include <sqlite3.h>

namespace cb::exchange {

namespace {

QByteArray compact(const QJsonValue& v) {
    // QJsonDocument only serialises objects and arrays: wrap and unwrap.
    const QByteArray a = QJsonDocument(QJsonArray{v}).toJson(QJsonDocument::Compact);
    return a.mid(1, a.size() - 2);
}

// One JSON string, as QJsonDocument writes it, straight from SQLite's UTF-8. Text that is not plain
// ASCII goes through Qt, so anything unusual in it is written exactly as before.
void appendJsonText(QByteArray& out, const char* text, int size) {
    for (int i = 0; i < size; ++i)
        if (static_cast<unsigned char>(text[i]) >= 0x80) {
            out += compact(QJsonValue(QString::fromUtf8(text, size)));
            return;
        }
    out += '"';
    for (int i = 0; i < size; ++i) {
        const char c = text[i];
        switch (c) {
        case '"': out += "\\\""; break;
        case '\\': out += "\\\\"; break;
        case '\b': out += "\\b"; break;
        case '\f': out += "\\f"; break;
        case '\n': out += "\\n"; break;
        case '\r': out += "\\r"; break;
        case '\t': out += "\\t"; break;
        default:
            if (static_cast<unsigned char>(c) < 0x20) {
                static const char hex[] = "0123456789abcdef";
                out += "\\u00";
                out += hex[(c >> 4) & 0xf];
                out += hex[c & 0xf];
            } else {
                out += c;
            }
        }
    }
    out += '"';
}

// Every row of one table as one compact JSON object per line, byte for byte what QJsonDocument
// wrote from a Row (keys in QJsonObject's order), without building a QVariantMap and a QJsonObject
// for each of half a million records.
void appendTableRows(QByteArray& out, Database& db, const ExchangeTable& t, bool includeConfidential) {
    QString sql = QStringLiteral("SELECT * FROM %1").arg(t.table);
    if (!includeConfidential && !t.confidentialWhere.isEmpty())
        sql += QStringLiteral(" WHERE NOT coalesce((%1), 0)").arg(t.confidentialWhere); // as exportRows
    sql += QStringLiteral(" ORDER BY ") + t.orderBy;
    try {
        SQLite::Statement st(db.sqlite(), sql.toStdString());
        std::vector<std::pair<QString, int>> columns; // name -> index, in QJsonObject's key order
        for (int i = 0; i < st.getColumnCount(); ++i) {
            const QString name = QString::fromUtf8(st.getColumnName(i));
            if (name != kRowVersion) columns.emplace_back(name, i); // versions belong to the copy (as columnsOf)
        }
        std::sort(columns.begin(), columns.end());
        std::vector<QByteArray> keys;
        for (const auto& [name, index] : columns) keys.push_back(compact(name) + ':');
        bool first = true;
        while (st.executeStep()) {
            out += first ? "\n{" : ",\n{";
            first = false;
            for (size_t k = 0; k < columns.size(); ++k) {
                if (k > 0) out += ',';
                out += keys[k];
                const SQLite::Column c = st.getColumn(columns[k].second);
                switch (c.getType()) {
                case SQLITE_INTEGER: out += QByteArray::number(qint64(c.getInt64())); break;
                case SQLITE_FLOAT: out += compact(QJsonValue(c.getDouble())); break;
                case SQLITE_TEXT: appendJsonText(out, c.getText(), c.getBytes()); break;
                case SQLITE_NULL: out += "null"; break;
                default:
                    out += compact(QJsonValue::fromVariant(
                        QByteArray(static_cast<const char*>(c.getBlob()), c.getBytes())));
                }
            }
            out += '}';
        }
        out += first ? "]" : "\n]";
    } catch (const SQLite::Exception& e) {
        throw DatabaseError(Database::explain(e.getErrorCode(), QString::fromUtf8(e.what())));
    }
}

} // namespace

namespace {

QString words(const QString& column) {
    QString s = column;
    if (s.endsWith(QLatin1String("_id"))) s.chop(3);
    return s.replace(QLatin1Char('_'), QLatin1Char(' '));
}

void checkParents(Database& db, const ExchangeTable& t, const Row& row, Issues& issues) {
    for (const Row& fk : db.query(QStringLiteral("SELECT \"table\" AS parent, \"from\" AS col, \"to\" AS target "
                                                 "FROM pragma_foreign_key_list(?)"), {t.table})) {
        const QString col = fk.value("col").toString();
        const QVariant value = row.value(col);
        if (value.isNull()) continue;
        const QString parent = fk.value("parent").toString();
        QString target = fk.value("target").toString();
        if (target.isEmpty()) target = QStringLiteral("id");
        if (db.scalar(QStringLiteral("SELECT count(*) FROM %1 WHERE %2 = ?").arg(parent, target), {value}).toInt() > 0)
            continue;
        const ExchangeTable* p = findTable(standardTables(), parent);
        const QString parentName = p ? p->title.toLower() : words(parent);
        issues.add(col, QStringLiteral("The %1 \"%2\" is not in the register (no %3 has that %4). Import the %3 first, "
                                       "or correct the %5 column.")
                            .arg(words(col), value.toString().left(80), parentName, target, col));
    }
}

} // namespace

QStringList recordTypes(const QList<ExchangeTable>& tables) {
    QStringList out;
    for (const auto& t : tables) out << t.recordType;
    return out;
}

QByteArray jsonDocument(Database& db, const ExportOptions& options, const QList<ExchangeTable>& tables) {
    bool anyConfidential = false;
    for (const auto& t : tables)
        if (tableExists(db, t.table) && options.includeConfidential && confidentialCount(db, t) > 0) anyConfidential = true;
    // Written by hand so the first line says whether the file is confidential, keys keep a fixed
    // order, and each record is one line (diff-friendly, and import can report line numbers).
    QByteArray out = "{\n";
    out += "\"casebook\": " +
           compact(anyConfidential ? QStringLiteral("CONFIDENTIAL: includes confidential records. Do not share "
                                                    "beyond those entitled to see them.")
                                   : QStringLiteral("Casebook exchange file")) + ",\n";
    out += "\"format\": " + compact(QString::fromLatin1(kJsonFormatName)) + ",\n";
    out += "\"version\": " + QByteArray::number(kJsonFormatVersion) + ",\n";
    out += "\"schemaVersion\": " + QByteArray::number(db.fileSchemaVersion()) + ",\n";
    out += "\"confidential\": " + QByteArray(anyConfidential ? "true" : "false") + ",\n";
    out += "\"tables\": {";
    bool firstTable = true;
    for (const auto& t : tables) {
        if (!tableExists(db, t.table)) continue;
        out += firstTable ? "\n" : ",\n";
        firstTable = false;
        out += compact(t.table) + ": [";
        appendTableRows(out, db, t, options.includeConfidential);
    }
    out += "\n}\n}\n";
    return out;
}

ExportResult exportJson(Database& db, const QString& path, const ExportOptions& options,
                        const QList<ExchangeTable>& tables) {
    const ExportResult r = planExport(db, tables, path, options.includeConfidential);
    writeFileAtomically(r.path, jsonDocument(db, options, tables));
    return r;
}

QByteArray csvDocument(Database& db, const ExchangeTable& t, const ExportOptions& options) {
    const QList<ColumnInfo> cols = columnsOf(db, t.table);
    QList<QVariantList> rows;
    const bool confidential = options.includeConfidential && confidentialCount(db, t) > 0;
    if (confidential) rows << QVariantList{QStringLiteral("CONFIDENTIAL: includes confidential records. Do not share.")};
    QVariantList header;
    for (const auto& c : cols) header << c.name;
    rows << header;
    for (const Row& r : exportRows(db, t, options.includeConfidential)) {
        QVariantList line;
        for (const auto& c : cols) line << r.value(c.name);
        rows << line;
    }
    return csv::encode(rows);
}

ExportResult exportCsv(Database& db, const QString& recordType, const QString& path, const ExportOptions& options,
                       const QList<ExchangeTable>& tables) {
    const ExchangeTable* t = findTable(tables, recordType);
    if (!t || !tableExists(db, t->table))
        throw ExportError(QStringLiteral("There is no record type \"%1\". Choose one of: %2.")
                              .arg(recordType, recordTypes(tables).join(QStringLiteral(", "))));
    const ExportResult r = planExport(db, {*t}, path, options.includeConfidential);
    writeFileAtomically(r.path, csvDocument(db, *t, options));
    return r;
}

RowOutcome upsertRecord(Database& db, const ExchangeTable& t, const QList<ColumnInfo>&, Row values) {
    // Versions count this database's own saves: a file's versions belong to the copy that wrote it.
    values.remove(kRowVersion);
    QString id = values.value("id").toString();
    if (id.isEmpty() && !t.naturalKey.isEmpty() && !values.value(t.naturalKey).toString().isEmpty())
        id = db.scalar(QStringLiteral("SELECT id FROM %1 WHERE %2 = ?").arg(t.table, t.naturalKey),
                       {values.value(t.naturalKey)}).toString();
    if (id.isEmpty()) id = Database::newId();
    values.insert("id", id);
    const RecordType& type = recordTypeOf(t.table);
    // An empty created_at/updated_at in a file keeps what the register has (or now, for a new record).
    for (const char* stamp : {"created_at", "updated_at"})
        if (values.contains(QLatin1String(stamp)) && values.value(QLatin1String(stamp)).isNull())
            values.remove(QLatin1String(stamp));
    // A missing parent said in words before the write path's rules, which assume parents exist.
    Row whole = db.fetchRecord(t.table, id).value_or(Row());
    for (auto it = values.begin(); it != values.end(); ++it) whole.insert(it.key(), it.value());
    Issues issues;
    checkParents(db, t, whole, issues);
    issues.throwIfAny();
    return outcomeOf(db.save(type, values));
}

namespace {

QVariant typed(const ColumnInfo& c, const QJsonValue& v) {
    if (v.isNull() || v.isUndefined()) return {};
    if (c.type == QLatin1String("INTEGER")) {
        if (v.isBool()) return qint64(v.toBool() ? 1 : 0);
        const double d = v.toDouble(std::nan(""));
        // Beyond 2^53 a JSON number is no longer exact, and toInteger() gives 0 for 1e300: refuse.
        if (v.isDouble() && std::isfinite(d) && std::floor(d) == d && std::fabs(d) <= 9007199254740991.0)
            return v.toInteger();
        throw ValidationError(c.name, QStringLiteral("%1 must be a whole number%2.")
                                          .arg(c.name, v.isDouble() ? QStringLiteral(" of sensible size, not %1")
                                                                          .arg(QString::number(d, 'g', 17))
                                                                    : QString()));
    }
    if (c.type == QLatin1String("REAL")) {
        if (v.isDouble() && std::isfinite(v.toDouble())) return v.toDouble();
        throw ValidationError(c.name, QStringLiteral("%1 must be a number.").arg(c.name));
    }
    if (v.isString()) return v.toString();
    if (v.isDouble()) return QString::number(v.toDouble(), 'g', 17);
    throw ValidationError(c.name, QStringLiteral("%1 must be text.").arg(c.name));
}

class JsonFile : public FileImporter {
public:
    JsonFile(QString path, QJsonObject doc, QHash<QString, QList<int>> lines, QList<ExchangeTable> tables)
        : m_path(std::move(path)), m_doc(std::move(doc)), m_lines(std::move(lines)), m_tables(std::move(tables)) {}

    FileResult header() const override {
        FileResult r;
        r.file = fileNameOf(m_path);
        r.kind = QStringLiteral("json");
        r.description = QStringLiteral("Casebook exchange file (JSON, version %1)").arg(qint64(m_doc.value("version").toDouble()));
        r.encoding = QStringLiteral("UTF-8");
        const QJsonObject tables = m_doc.value("tables").toObject();
        for (auto it = tables.begin(); it != tables.end(); ++it) r.rows += int(it.value().toArray().size());
        return r;
    }
    int order() const override { return 5; }

    void apply(Database& db, FileResult& result) override {
        const QJsonObject tables = m_doc.value("tables").toObject();
        for (auto it = tables.begin(); it != tables.end(); ++it) {
            const ExchangeTable* t = findTable(m_tables, it.key());
            if (!t || !tableExists(db, it.key())) {
                result.skipped += int(it.value().toArray().size());
                result.skippedReasons[QStringLiteral("records of \"%1\", which this version of Casebook does not "
                                                     "know").arg(it.key())] += int(it.value().toArray().size());
            }
        }
        for (const ExchangeTable& t : m_tables) {
            if (!tables.contains(t.table) || !tableExists(db, t.table)) continue;
            const QList<ColumnInfo> cols = columnsOf(db, t.table);
            QHash<QString, ColumnInfo> byName;
            for (const auto& c : cols) byName.insert(c.name, c);
            QStringList unknown;
            RepeatedCodes repeated; // the same id twice in one file: the first is used, the repeat rejected
            for (const QJsonValue& v : tables.value(t.table).toArray()) {
                const QJsonObject o = v.toObject();
                const QString id = o.value("id").toString();
                const QList<int> lines = m_lines.value(id);
                const int seen = m_seen[id]++;
                const int line = lines.isEmpty() ? 0 : lines.value(seen, lines.last());
                if (!id.isEmpty() && repeated.isRepeat(result, line, id)) continue;
                applyRow(db, result, line, id, [&] {
                    if (id.isEmpty()) throw ValidationError("id", QStringLiteral("The record has no id."));
                    Row values;
                    for (auto c = o.begin(); c != o.end(); ++c) {
                        if (!byName.contains(c.key())) {
                            if (!unknown.contains(c.key())) unknown << c.key();
                            continue;
                        }
                        values.insert(c.key(), typed(byName.value(c.key()), c.value()));
                    }
                    return upsertRecord(db, t, cols, values);
                });
            }
            if (!unknown.isEmpty())
                result.notes << QStringLiteral("%1: fields not known to this version were ignored: %2")
                                    .arg(t.table, unknown.join(QStringLiteral(", ")));
        }
    }

private:
    QString m_path;
    QJsonObject m_doc;
    QHash<QString, QList<int>> m_lines; // id -> the line of each record with that id, in file order
    QHash<QString, int> m_seen;
    QList<ExchangeTable> m_tables;
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
    CsvFile(QString path, ExchangeTable table, csv::Document doc, int headerIndex)
        : m_path(std::move(path)), m_table(std::move(table)), m_doc(std::move(doc)), m_header(headerIndex) {}

    FileResult header() const override {
        FileResult r;
        r.file = fileNameOf(m_path);
        r.kind = QStringLiteral("csv:") + m_table.recordType;
        r.description = QStringLiteral("Casebook CSV of %1").arg(m_table.title.toLower());
        r.encoding = csv::describe(m_doc.encoding);
        r.rows = int(m_doc.records.size()) - m_header - 1;
        return r;
    }

    void apply(Database& db, FileResult& result) override {
        const QList<ColumnInfo> cols = columnsOf(db, m_table.table);
        QHash<QString, ColumnInfo> byName;
        for (const auto& c : cols) byName.insert(c.name, c);
        const QStringList names = m_doc.records.at(m_header).fields;
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
                                  .arg(fileNameOf(m_path), m_table.title.toLower(), missing.join(QStringLiteral(", ")),
                                       missing.size() == 1 ? "" : "s"));
        if (!ignored.isEmpty())
            result.notes << QStringLiteral("Columns not in %1 were ignored: %2")
                                .arg(m_table.title.toLower(), ignored.join(QStringLiteral(", ")));
        RepeatedCodes repeated;
        for (int i = m_header + 1; i < m_doc.records.size(); ++i) {
            const csv::Record& rec = m_doc.records.at(i);
            if (rec.size() != names.size()) {
                result.rejections.append({rec.line, rec.value(0), QStringLiteral("The row has %1 fields; the header has "
                                                                                 "%2.").arg(rec.size()).arg(names.size())});
                continue;
            }
            const int idCol = int(names.indexOf(QStringLiteral("id")));
            const int keyCol = idCol >= 0 && !rec.value(idCol).isEmpty()
                                   ? idCol
                                   : int(names.indexOf(m_table.naturalKey.isEmpty() ? QStringLiteral("id") : m_table.naturalKey));
            // The same record twice in one file: the first is used, the repeat rejected (never "last wins").
            if (keyCol >= 0 && !rec.value(keyCol).isEmpty() && repeated.isRepeat(result, rec.line, rec.value(keyCol)))
                continue;
            applyRow(db, result, rec.line, idCol >= 0 ? rec.value(idCol) : rec.value(0), [&] {
                Row values;
                for (int c = 0; c < names.size(); ++c) {
                    const QString n = names.at(c).trimmed();
                    if (byName.contains(n)) values.insert(n, typedText(byName.value(n), rec.value(c)));
                }
                return upsertRecord(db, m_table, cols, values);
            });
        }
    }

private:
    QString m_path;
    ExchangeTable m_table;
    csv::Document m_doc;
    int m_header;
};

} // namespace

std::unique_ptr<FileImporter> openJsonFile(const QString& path, const QList<ExchangeTable>& tables) {
    QByteArray bytes;
    try {
        bytes = readWholeFile(path);
    } catch (const Error& e) {
        throw ImportError(e.message());
    }
    checkTextFile(path, bytes);
    const QString name = fileNameOf(path);
    QJsonParseError err{};
    const QJsonDocument doc = QJsonDocument::fromJson(bytes, &err);
    if (err.error != QJsonParseError::NoError) {
        const int line = int(bytes.left(err.offset).count('\n')) + 1;
        throw ImportError(QStringLiteral("%1 is not valid JSON (line %2: %3). Nothing was imported.")
                              .arg(name).arg(line).arg(err.errorString()));
    }
    const QJsonObject o = doc.object();
    if (!doc.isObject() || o.value("format").toString() != QLatin1String(kJsonFormatName) || !o.value("tables").isObject())
        throw ImportError(QStringLiteral("%1 is JSON, but not a Casebook exchange file. Nothing was imported.").arg(name));
    // The version must be a whole number this Casebook reads: "2", 1.5, 1e10 or no version at all
    // are refused, never read as version 0 or 1.
    const QJsonValue version = o.value("version");
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
    const QJsonObject tableObject = o.value("tables").toObject();
    for (auto it = tableObject.begin(); it != tableObject.end(); ++it) {
        if (!it.value().isArray())
            throw ImportError(QStringLiteral("%1 is damaged: \"%2\" should be a list of records in [ ], but it is not. "
                                             "Nothing was imported.").arg(name, it.key().left(60)));
        for (const QJsonValue& r : it.value().toArray())
            if (!r.isObject())
                throw ImportError(QStringLiteral("%1 is damaged: a record of \"%2\" is not a record in { }. Nothing "
                                                 "was imported.").arg(name, it.key().left(60)));
    }
    // Line of each record: the export writes one record per line.
    QHash<QString, QList<int>> lines;
    static const QRegularExpression idRe(QStringLiteral("\"id\"\\s*:\\s*\"([^\"]+)\""));
    int line = 1;
    for (const QByteArray& l : bytes.split('\n')) {
        const auto m = idRe.match(QString::fromUtf8(l));
        if (m.hasMatch()) lines[m.captured(1)].append(line);
        ++line;
    }
    return std::make_unique<JsonFile>(path, o, lines, tables);
}

std::unique_ptr<FileImporter> openCsvFile(const QString& recordType, const QString& path,
                                          const QList<ExchangeTable>& tables) {
    const ExchangeTable* t = findTable(tables, recordType);
    if (!t)
        throw ImportError(QStringLiteral("There is no record type \"%1\". Choose one of: %2.")
                              .arg(recordType, recordTypes(tables).join(QStringLiteral(", "))));
    csv::Document doc = readCsvForImport(path);
    const QString name = fileNameOf(path);
    // A confidential export starts with a notice line before the header.
    int header = 0;
    if (!doc.records.isEmpty() && doc.records.first().size() == 1 &&
        doc.records.first().value(0).startsWith(QLatin1String("CONFIDENTIAL")))
        header = 1;
    if (doc.records.size() <= header)
        throw ImportError(QStringLiteral("%1 is empty: nothing to import.").arg(name));
    const QStringList names = doc.records.at(header).fields;
    if (!names.contains(QStringLiteral("id")) && (t->naturalKey.isEmpty() || !names.contains(t->naturalKey)))
        throw ImportError(QStringLiteral("%1 is not a Casebook CSV of %2: its header needs an \"id\" column%3. "
                                         "Nothing was imported.")
                              .arg(name, t->title.toLower(),
                                   t->naturalKey.isEmpty() ? QString()
                                                           : QStringLiteral(" or \"%1\"").arg(t->naturalKey)));
    return std::make_unique<CsvFile>(path, *t, std::move(doc), header);
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
