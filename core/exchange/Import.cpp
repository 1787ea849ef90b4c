#include "exchange/Import.h"

#include "store/RecordType.h"

#include "common/FileSafety.h"
#include "common/RecordId.h"
#include "store/Database.h"
#include "store/Settings.h"

#include <QFileInfo>
#include <QRegularExpression>
#include <QJsonArray>
#include <SQLiteCpp/Database.h>
#include <algorithm>
#include <cstring>
#include <optional>
#include <utility>

namespace cb::exchange {

QString fileNameOf(const QString& path) { return QFileInfo(path).fileName(); }

namespace {
const QString kAreaCommissioners = QStringLiteral("import.area.commissioners");
const QString kAreaRegion = QStringLiteral("import.area.region");
const QString kAreaCountry = QStringLiteral("import.area.country");
const QString kUrgentCare = QStringLiteral("import.urgent_care_centres");

QStringList codeList(const QString& text) {
    QStringList out;
    for (const QString& part : text.toUpper().split(QRegularExpression(QStringLiteral("[\\s,;]+")), Qt::SkipEmptyParts))
        if (!out.contains(part)) out << part;
    return out;
}
} // namespace

AreaFilter loadAreaFilter(Database& db) {
    Settings settings(db);
    AreaFilter f;
    f.commissioners = codeList(settings.text(kAreaCommissioners, QString()));
    f.region = settings.text(kAreaRegion, QString()).trimmed().toUpper();
    f.country = settings.text(kAreaCountry, QStringLiteral("england")).trimmed().toLower();
    if (f.country == QLatin1String("both")) f.country.clear();
    f.urgentCare = settings.integer(kUrgentCare, 0) != 0;
    return f;
}

void saveAreaFilter(Database& db, const AreaFilter& f) {
    Issues issues;
    const QString country = f.country.trimmed().toLower();
    if (!country.isEmpty() && country != QLatin1String("england") && country != QLatin1String("wales"))
        issues.add("country", QStringLiteral("Choose England, Wales, or both (\"%1\" is not one).").arg(f.country));
    static const QRegularExpression code(QStringLiteral("^[A-Z0-9]{2,9}$"));
    for (const QString& c : f.commissioners)
        if (!code.match(c.trimmed().toUpper()).hasMatch())
            issues.add("commissioners", QStringLiteral("\"%1\" is not a commissioner code: enter codes like 00K or "
                                                       "15N, separated by commas.").arg(c));
    if (!f.region.trimmed().isEmpty() && !code.match(f.region.trimmed().toUpper()).hasMatch())
        issues.add("region", QStringLiteral("\"%1\" is not a region code: enter one like Y56.").arg(f.region));
    issues.throwIfAny();
    Settings settings(db);
    db.write([&] {
        const auto setOrReset = [&](const QString& key, const QString& value) {
            if (value.isEmpty()) settings.reset(key);
            else settings.set(key, value);
        };
        setOrReset(kAreaCommissioners, codeList(f.commissioners.join(QLatin1Char(','))).join(QLatin1Char(',')));
        setOrReset(kAreaRegion, f.region.trimmed().toUpper());
        settings.set(kAreaCountry, country.isEmpty() ? QStringLiteral("both") : country);
        settings.set(kUrgentCare, f.urgentCare ? 1 : 0);
    });
}

QString describeAreaFilter(const AreaFilter& f) {
    QStringList parts;
    parts << (f.country == QLatin1String("england") ? QStringLiteral("England")
              : f.country == QLatin1String("wales") ? QStringLiteral("Wales")
                                                    : QStringLiteral("England and Wales"));
    if (!f.region.isEmpty()) parts << QStringLiteral("region %1").arg(f.region);
    if (!f.commissioners.isEmpty()) parts << QStringLiteral("commissioners %1").arg(f.commissioners.join(QStringLiteral(", ")));
    if (f.urgentCare) parts << QStringLiteral("with walk-in and out-of-hours centres");
    return parts.join(QStringLiteral("; "));
}

namespace {
// 0 when the code does not pack: more than 12 characters, or one outside A-Z, 0-9 and space.
quint64 packCode(const QString& code) {
    if (code.isEmpty() || code.size() > 12) return 0;
    quint64 v = 0;
    for (QChar ch : code) {
        const char16_t c = ch.unicode();
        int d;
        if (c >= u'0' && c <= u'9') d = 1 + (c - u'0');
        else if (c >= u'A' && c <= u'Z') d = 11 + (c - u'A');
        else if (c == u' ') d = 37; // digits 1..37 in base 38, never 0: codes of different lengths differ
        else return 0;
        v = v * 38 + quint64(d);
    }
    return v;
}
} // namespace

bool RepeatedCodes::isRepeat(FileResult& result, int line, const QString& code) {
    // The line a code was first met on; none (and this line remembered) if it is new.
    const auto firstOf = [line](auto& seen, const auto& key) -> std::optional<int> {
        const auto it = seen.constFind(key);
        if (it != seen.cend()) return *it;
        seen.insert(key, line);
        return std::nullopt;
    };
    std::optional<int> first;
    if (const quint64 packed = packCode(code)) {
        first = firstOf(m_packed, packed);
    } else if (const QByteArray bits = code.size() == 22 ? ident::idBytes(code) : QByteArray(); bits.size() == 16) {
        // Only the 22-character form: an id repeated in its 36-character form is left to the
        // insert, which refuses it as already there.
        std::pair<quint64, quint64> key;
        std::memcpy(&key.first, bits.constData(), 8);
        std::memcpy(&key.second, bits.constData() + 8, 8);
        first = firstOf(m_ids, key);
    } else {
        first = firstOf(m_firstLine, code);
    }
    if (!first) return false;
    result.rejections.append({line, code, QStringLiteral("%1 appears twice in the file (first on line %2); only the "
                                                         "first was used.").arg(code).arg(*first)});
    return true;
}

namespace {
void refuseText(const QString& path, bool blank, bool utf16, bool binary) {
    const QString name = fileNameOf(path);
    if (blank) throw ImportError(QStringLiteral("%1 is empty: nothing to import.").arg(name));
    // Text files never hold NUL bytes: this is binary data, or text saved as UTF-16, which would
    // otherwise be read as nonsense with a NUL in every other character.
    if (utf16)
        throw ImportError(QStringLiteral("%1 is saved as UTF-16 text, which Casebook does not read. Save it again as "
                                         "UTF-8 (\"CSV UTF-8\" in Excel) and import that. Nothing was imported.")
                              .arg(name));
    if (binary)
        throw ImportError(QStringLiteral("%1 is not a text file: it holds binary data (NUL bytes). Check you chose the "
                                         "right file. Nothing was imported.").arg(name));
}

void refuseMalformed(const QString& path, const QList<csv::Problem>& problems) {
    if (!problems.isEmpty())
        throw ImportError(QStringLiteral("%1 is not a well-formed CSV file: %2 Nothing was imported.")
                              .arg(fileNameOf(path), problems.first().message));
}
} // namespace

void checkTextFile(const QString& path, const QByteArray& bytes) {
    refuseText(path, bytes.trimmed().isEmpty() || bytes == "\xEF\xBB\xBF",
               bytes.startsWith("\xFF\xFE") || bytes.startsWith("\xFE\xFF"), bytes.contains('\0'));
}

csv::Document readCsvForImport(const QString& path) {
    QByteArray bytes;
    try {
        bytes = files::readRegularFile(path, csv::kMaxFileBytes);
    } catch (const Error& e) {
        throw ImportError(e.message());
    }
    checkTextFile(path, bytes);
    csv::Document doc = csv::parse(bytes);
    refuseMalformed(path, doc.problems);
    return doc;
}

void FileImporter::reportProgress(double fraction) {
    if (m_progress && !m_progress(std::clamp(fraction, 0.0, 1.0)))
        throw ImportCancelled(QStringLiteral("The import was cancelled: nothing was changed."));
}

namespace {
constexpr int kProgressEvery = 512; // records between progress reports
}

CsvStream::CsvStream(const QString& path, const std::function<void(const csv::Record&)>& onRecord) : m_path(path) {
    try {
        csv::Reader reader(path);
        refuseText(path, reader.blank(), reader.utf16(), reader.binary());
        m_encoding = reader.encoding();
        m_digest = reader.digest();
        csv::Record rec;
        while (reader.next(rec)) {
            ++m_records;
            onRecord(rec);
        }
        refuseMalformed(path, reader.problems());
    } catch (const ImportError&) {
        throw;
    } catch (const Error& e) {
        throw ImportError(e.message());
    }
}

void CsvStream::read(FileImporter& importer, const std::function<void(const csv::Record&)>& fn) const {
    std::unique_ptr<csv::Reader> reader;
    try {
        reader = std::make_unique<csv::Reader>(m_path);
    } catch (const Error& e) {
        throw ImportError(e.message());
    }
    if (reader->digest() != m_digest)
        throw ImportError(QStringLiteral("%1 changed after it was checked. Choose it again so Casebook reads it as it is "
                                         "now. Nothing was imported.").arg(fileNameOf(m_path)));
    csv::Record rec;
    int n = 0;
    const double total = std::max(1, m_records);
    importer.reportProgress(0);
    while (reader->next(rec)) {
        fn(rec);
        if (++n % kProgressEvery == 0) importer.reportProgress(n / total);
    }
    refuseMalformed(m_path, reader->problems());
    importer.reportProgress(1);
}

QJsonObject FileResult::toJson() const {
    QJsonArray rejected;
    for (const Rejection& r : rejections)
        rejected.append(QJsonObject{{"line", r.line}, {"key", r.key}, {"reason", r.reason}});
    QJsonObject skippedObj;
    for (auto it = skippedReasons.begin(); it != skippedReasons.end(); ++it) skippedObj.insert(it.key(), it.value());
    QJsonObject qualityObj;
    for (auto it = qualityNotes.begin(); it != qualityNotes.end(); ++it) qualityObj.insert(it.key(), it.value());
    return QJsonObject{{"file", file},
                       {"kind", kind},
                       {"description", description},
                       {"encoding", encoding},
                       {"rows", rows},
                       {"added", added},
                       {"updated", updated},
                       {"unchanged", unchanged},
                       {"skipped", skipped},
                       {"rejected", rejected.size()},
                       {"skippedReasons", skippedObj},
                       {"dataQuality", qualityObj},
                       {"rejections", rejected},
                       {"notes", QJsonArray::fromStringList(notes)}};
}

namespace {
template <class F> int total(const QList<FileResult>& files, F f) {
    int n = 0;
    for (const FileResult& r : files) n += f(r);
    return n;
}
} // namespace

int ImportSummary::added() const { return total(files, [](const FileResult& r) { return r.added; }); }
int ImportSummary::updated() const { return total(files, [](const FileResult& r) { return r.updated; }); }
int ImportSummary::unchanged() const { return total(files, [](const FileResult& r) { return r.unchanged; }); }
int ImportSummary::skipped() const { return total(files, [](const FileResult& r) { return r.skipped; }); }
int ImportSummary::rejected() const { return total(files, [](const FileResult& r) { return r.rejected(); }); }

QJsonObject ImportSummary::toJson() const {
    QJsonArray list;
    for (const FileResult& r : files) list.append(r.toJson());
    return QJsonObject{{"committed", committed}, {"added", added()},     {"updated", updated()},
                       {"unchanged", unchanged()}, {"skipped", skipped()}, {"rejected", rejected()},
                       {"files", list}};
}

QString ImportSummary::toText() const {
    QString out;
    for (const FileResult& r : files) {
        out += QStringLiteral("%1: %2, %3 rows (%4)\n").arg(r.file, r.description).arg(r.rows).arg(r.encoding);
        out += QStringLiteral("  new %1, updated %2, unchanged %3, skipped %4, rejected %5\n")
                   .arg(r.added).arg(r.updated).arg(r.unchanged).arg(r.skipped).arg(r.rejected());
        for (auto it = r.skippedReasons.begin(); it != r.skippedReasons.end(); ++it)
            out += QStringLiteral("  skipped %1: %2\n").arg(it.value()).arg(it.key());
        for (auto it = r.qualityNotes.begin(); it != r.qualityNotes.end(); ++it)
            out += QStringLiteral("  data quality, %1 row%2: %3\n").arg(it.value()).arg(it.value() == 1 ? "" : "s", it.key());
        for (const QString& n : r.notes) out += QStringLiteral("  note: %1\n").arg(n);
        for (const Rejection& j : r.rejections)
            out += QStringLiteral("  line %1%2: %3\n")
                       .arg(j.line)
                       .arg(j.key.isEmpty() ? QString() : QStringLiteral(" (%1)").arg(j.key), j.reason);
    }
    out += committed ? QStringLiteral("Imported: ") : QStringLiteral("Preview (nothing changed): ");
    out += QStringLiteral("new %1, updated %2, unchanged %3, skipped %4, rejected %5.\n")
               .arg(added()).arg(updated()).arg(unchanged()).arg(skipped()).arg(rejected());
    return out;
}

namespace {
// Whether each imported row is written inside a savepoint of its own (see applyRow).
thread_local bool t_rowSavepoints = false;
// A row was refused after part of it had been written, and no savepoint can take that part back.
struct RowPartlyWritten {};
} // namespace

void applyRow(Database& db, FileResult& result, int line, const QString& key, const std::function<RowOutcome()>& fn) {
    // A row is kept whole or refused whole. A refusal nearly always comes before the row writes
    // anything (the rules run before the insert, and a statement SQLite refuses leaves nothing), so
    // it needs no savepoint to be taken back: a savepoint for every row, with the pages SQLite
    // copies for it, was 9 % of an ODS import's instructions. Should a row be refused after part of
    // it was written (SQLite refusing what the rules did not foresee), the import is rolled back
    // whole and run again with a savepoint for every row (ImportJob::run), so that the refusal still
    // takes back that row alone.
    const bool savepoint = t_rowSavepoints;
    if (savepoint) db.execScript(QStringLiteral("SAVEPOINT import_row"));
    const int changesBefore = db.sqlite().getTotalChanges();
    auto reject = [&](const QString& why) {
        if (savepoint) db.execScript(QStringLiteral("ROLLBACK TO import_row; RELEASE import_row"));
        else if (db.sqlite().getTotalChanges() != changesBefore) throw RowPartlyWritten{};
        result.rejections.append({line, key, why});
    };
    RowOutcome outcome;
    try {
        outcome = fn();
    } catch (const ValidationError& e) {
        reject(e.message().replace(QLatin1Char('\n'), QLatin1Char(' ')));
        return;
    } catch (const DatabaseError& e) {
        // Checks before the write catch missing fields and parents; should SQLite still refuse the
        // row, say what it means rather than "FOREIGN KEY constraint failed".
        const QString m = e.message();
        if (m.contains(QLatin1String("FOREIGN KEY")))
            reject(QStringLiteral("The row refers to a record that is not in the register (or is still referred to by "
                                  "others). Import the records it belongs to first."));
        else if (m.contains(QLatin1String("NOT NULL")))
            reject(QStringLiteral("A required field is empty (%1). Fill it in and import again.")
                       .arg(m.section(QLatin1String("NOT NULL constraint failed: "), 1).section(QLatin1Char(')'), 0, 0)));
        else if (m.contains(QLatin1String("UNIQUE")))
            reject(QStringLiteral("Another record already has this code or key (%1). Correct the row and import again.")
                       .arg(m.section(QLatin1String("UNIQUE constraint failed: "), 1).section(QLatin1Char(')'), 0, 0)));
        else if (m.contains(QLatin1String("CHECK")))
            reject(QStringLiteral("A value is not one Casebook accepts (%1). Correct the row and import again.")
                       .arg(m.section(QLatin1String("CHECK constraint failed: "), 1).section(QLatin1Char(')'), 0, 0)));
        else reject(m);
        return;
    }
    if (savepoint) db.execScript(QStringLiteral("RELEASE import_row"));
    switch (outcome) {
    case RowOutcome::Added: ++result.added; break;
    case RowOutcome::Updated: ++result.updated; break;
    case RowOutcome::Unchanged: ++result.unchanged; break;
    case RowOutcome::Skipped: ++result.skipped; break;
    }
}

RowOutcome outcomeOf(const SaveResult& saved) {
    return saved.added ? RowOutcome::Added : saved.changed ? RowOutcome::Updated : RowOutcome::Unchanged;
}

ImportJob::ImportJob() = default;
void ImportJob::add(std::unique_ptr<FileImporter> file) { m_files.push_back(std::move(file)); }
ImportJob::ImportJob(ImportJob&&) noexcept = default;
ImportJob& ImportJob::operator=(ImportJob&&) noexcept = default;
ImportJob::~ImportJob() = default;

namespace {
struct RollbackPreview {};
constexpr int kBulkImportRows = 1000;
} // namespace

ImportSummary ImportJob::run(Database& db, bool keep) {
    std::stable_sort(m_files.begin(), m_files.end(),
                     [](const auto& a, const auto& b) { return a->order() < b->order(); });
    ImportSummary summary;
    summary.committed = keep;
    // A large file is a bulk write: its search index is rebuilt once at the end rather than row
    // by row. A few rows into a large register are cheaper kept in step as they go.
    int rows = 0;
    for (const auto& f : m_files) rows += f->header().rows;
    const auto transaction = [&](const std::function<void()>& fn) {
        if (rows >= kBulkImportRows) db.bulkWrite(fn, Database::AfterBulkWrite::LeaveSlack);
        else db.write(fn);
    };
    // The file as it was when the import began: if it is deleted or replaced while the import
    // runs, the commit lands in a file nobody will open again, and must not be reported as done.
    const QString dbPath = db.path();
    const QByteArray identityBefore = files::identity(dbPath);
    const auto attempt = [&] {
        try {
            transaction([&] {
                summary.files.clear();
                const int count = int(m_files.size());
                for (int k = 0; k < count; ++k) {
                    auto& f = m_files[k];
                    if (m_progress)
                        f->setProgress([this, k, count](double fraction) {
                            return m_progress(int((k + fraction) * 1000 / count));
                        });
                    FileResult r = f->header();
                    Database::SourceScope scope(db, QStringLiteral("import ") + r.file);
                    f->apply(db, r);
                    summary.files.append(r);
                }
                // Rules a row cannot check alone (a notice's concern may come later in the file): each
                // record type's wholeFileRule. If a whole exchange file (JSON) breaks one, nothing is
                // imported, and the message says why. A CSV of events alone may name concerns that the
                // concerns' CSV brings next (their own check then covers the notice).
                const bool wholeFile = std::any_of(summary.files.cbegin(), summary.files.cend(),
                                                   [](const FileResult& r) { return r.kind == QLatin1String("json"); });
                Issues broken;
                for (const RecordType* type : wholeFile ? recordTypes() : QList<const RecordType*>())
                    if (type->wholeFileRule) type->wholeFileRule(db, broken);
                if (!broken.isEmpty()) {
                    QStringList refused, why;
                    for (const FileResult& r : summary.files)
                        for (const Rejection& j : r.rejections)
                            if (refused.size() < 3) refused << QStringLiteral("line %1: %2").arg(j.line).arg(j.reason);
                    for (const FieldIssue& i : broken.list()) why << i.message;
                    throw ValidationError(
                        broken.list().constFirst().field,
                        QStringLiteral("Nothing was imported: %1. %2Correct the file, then import it again.")
                            .arg(why.join(QStringLiteral("; ")),
                                 refused.isEmpty() ? QString()
                                                   : QStringLiteral("The file's rows that were refused: %1. ")
                                                         .arg(refused.join(QStringLiteral("; ")))));
                }
                if (!keep) throw RollbackPreview{};
            });
        } catch (const RollbackPreview&) {
        }
    };
    try {
        attempt();
    } catch (const RowPartlyWritten&) {
        // Everything was rolled back (see applyRow): again, each row in a savepoint of its own.
        const bool before = std::exchange(t_rowSavepoints, true);
        try {
            attempt();
        } catch (...) {
            t_rowSavepoints = before;
            throw;
        }
        t_rowSavepoints = before;
    }
    if (keep && !identityBefore.isEmpty() && files::identity(dbPath) != identityBefore)
        throw DatabaseError(QStringLiteral("The database file %1 was deleted or replaced while the import ran, so the "
                                           "imported records are not in it. Check the file, then import again.")
                                .arg(dbPath));
    return summary;
}

ImportSummary ImportJob::preview(Database& db) { return run(db, false); }
ImportSummary ImportJob::commit(Database& db) { return run(db, true); }

} // namespace cb::exchange
