#include "exchange/Import.h"

#include "store/Database.h"

#include <QFileInfo>
#include <QJsonArray>
#include <algorithm>

namespace cb::exchange {

QString fileNameOf(const QString& path) { return QFileInfo(path).fileName(); }

bool RepeatedCodes::isRepeat(FileResult& result, int line, const QString& code) {
    const auto first = m_firstLine.constFind(code);
    if (first == m_firstLine.cend()) {
        m_firstLine.insert(code, line);
        return false;
    }
    result.rejections.append({line, code, QStringLiteral("%1 appears twice in the file (first on line %2); only the "
                                                         "first was used.").arg(code).arg(*first)});
    return true;
}

csv::Document readCsvForImport(const QString& path) {
    csv::Document doc;
    try {
        doc = csv::readFile(path);
    } catch (const Error& e) {
        throw ImportError(e.message());
    }
    if (!doc.problems.isEmpty())
        throw ImportError(QStringLiteral("%1 is not a well-formed CSV file: %2 Nothing was imported.")
                              .arg(fileNameOf(path), doc.problems.first().message));
    return doc;
}

QJsonObject FileResult::toJson() const {
    QJsonArray rejected;
    for (const Rejection& r : rejections)
        rejected.append(QJsonObject{{"line", r.line}, {"key", r.key}, {"reason", r.reason}});
    QJsonObject skippedObj;
    for (auto it = skippedReasons.begin(); it != skippedReasons.end(); ++it) skippedObj.insert(it.key(), it.value());
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

void applyRow(Database& db, FileResult& result, int line, const QString& key, const std::function<RowOutcome()>& fn) {
    db.execScript(QStringLiteral("SAVEPOINT import_row"));
    auto reject = [&](const QString& why) {
        db.execScript(QStringLiteral("ROLLBACK TO import_row; RELEASE import_row"));
        result.rejections.append({line, key, why});
    };
    RowOutcome outcome;
    try {
        outcome = fn();
    } catch (const ValidationError& e) {
        reject(e.message().replace(QLatin1Char('\n'), QLatin1Char(' ')));
        return;
    } catch (const DatabaseError& e) {
        reject(e.message());
        return;
    }
    db.execScript(QStringLiteral("RELEASE import_row"));
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
        if (rows >= kBulkImportRows) db.bulkWrite(fn);
        else db.write(fn);
    };
    try {
        transaction([&] {
            summary.files.clear();
            for (auto& f : m_files) {
                FileResult r = f->header();
                Database::SourceScope scope(db, QStringLiteral("import ") + r.file);
                f->apply(db, r);
                summary.files.append(r);
            }
            if (!keep) throw RollbackPreview{};
        });
    } catch (const RollbackPreview&) {
    }
    return summary;
}

ImportSummary ImportJob::preview(Database& db) { return run(db, false); }
ImportSummary ImportJob::commit(Database& db) { return run(db, true); }

} // namespace cb::exchange
