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
#include <cmath>

namespace cb::exchange {

namespace {

QByteArray compact(const QJsonValue& v) {
    // QJsonDocument only serialises objects and arrays: wrap and unwrap.
    const QByteArray a = QJsonDocument(QJsonArray{v}).toJson(QJsonDocument::Compact);
    return a.mid(1, a.size() - 2);
}

QJsonObject rowToJson(const Row& row) {
    QJsonObject o;
    for (auto it = row.begin(); it != row.end(); ++it) o.insert(it.key(), QJsonValue::fromVariant(it.value()));
    return o;
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
        const QList<Row> rows = exportRows(db, t, options.includeConfidential);
        for (int i = 0; i < rows.size(); ++i) {
            out += i == 0 ? "\n" : ",\n";
            out += QJsonDocument(rowToJson(rows[i])).toJson(QJsonDocument::Compact);
        }
        out += rows.isEmpty() ? "]" : "\n]";
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
    return outcomeOf(db.save(recordTypeOf(t.table), values));
}

namespace {

QVariant typed(const ColumnInfo& c, const QJsonValue& v) {
    if (v.isNull() || v.isUndefined()) return {};
    if (c.type == QLatin1String("INTEGER")) {
        if (v.isBool()) return qint64(v.toBool() ? 1 : 0);
        const double d = v.toDouble(std::nan(""));
        if (v.isDouble() && std::floor(d) == d) return v.toInteger();
        throw ValidationError(c.name, QStringLiteral("%1 must be a whole number.").arg(c.name));
    }
    if (c.type == QLatin1String("REAL")) {
        if (v.isDouble()) return v.toDouble();
        throw ValidationError(c.name, QStringLiteral("%1 must be a number.").arg(c.name));
    }
    if (v.isString()) return v.toString();
    if (v.isDouble()) return QString::number(v.toDouble(), 'g', 17);
    throw ValidationError(c.name, QStringLiteral("%1 must be text.").arg(c.name));
}

class JsonFile : public FileImporter {
public:
    JsonFile(QString path, QJsonObject doc, QHash<QString, int> lines, QList<ExchangeTable> tables)
        : m_path(std::move(path)), m_doc(std::move(doc)), m_lines(std::move(lines)), m_tables(std::move(tables)) {}

    FileResult header() const override {
        FileResult r;
        r.file = fileNameOf(m_path);
        r.kind = QStringLiteral("json");
        r.description = QStringLiteral("Casebook exchange file (JSON, version %1)").arg(m_doc.value("version").toInt());
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
            for (const QJsonValue& v : tables.value(t.table).toArray()) {
                const QJsonObject o = v.toObject();
                const QString id = o.value("id").toString();
                const int line = m_lines.value(id);
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
    QHash<QString, int> m_lines;
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
        if (!ok) throw ValidationError(c.name, QStringLiteral("%1 must be a number, not \"%2\".").arg(c.name, raw));
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
        for (int i = m_header + 1; i < m_doc.records.size(); ++i) {
            const csv::Record& rec = m_doc.records.at(i);
            if (rec.size() != names.size()) {
                result.rejections.append({rec.line, rec.value(0), QStringLiteral("The row has %1 fields; the header has "
                                                                                 "%2.").arg(rec.size()).arg(names.size())});
                continue;
            }
            const int idCol = int(names.indexOf(QStringLiteral("id")));
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
    const QString name = fileNameOf(path);
    QJsonParseError err{};
    const QJsonDocument doc = QJsonDocument::fromJson(bytes, &err);
    if (err.error != QJsonParseError::NoError) {
        const int line = int(bytes.left(err.offset).count('\n')) + 1;
        throw ImportError(QStringLiteral("%1 is not valid JSON (line %2: %3). Nothing was imported.")
                              .arg(name).arg(line).arg(err.errorString()));
    }
    const QJsonObject o = doc.object();
    if (o.value("format").toString() != QLatin1String(kJsonFormatName) || !o.value("tables").isObject())
        throw ImportError(QStringLiteral("%1 is JSON, but not a Casebook exchange file. Nothing was imported.").arg(name));
    if (o.value("version").toInt() > kJsonFormatVersion)
        throw ImportError(QStringLiteral("%1 was written by a newer Casebook (format version %2; this version reads up "
                                         "to %3). Install the latest Casebook to import it. Nothing was imported.")
                              .arg(name).arg(o.value("version").toInt()).arg(kJsonFormatVersion));
    // Line of each record: the export writes one record per line.
    QHash<QString, int> lines;
    static const QRegularExpression idRe(QStringLiteral("\"id\":\"([^\"]+)\""));
    int line = 1;
    for (const QByteArray& l : bytes.split('\n')) {
        const auto m = idRe.match(QString::fromUtf8(l));
        if (m.hasMatch() && !lines.contains(m.captured(1))) lines.insert(m.captured(1), line);
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
