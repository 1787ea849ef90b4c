#pragma once

#include "common/Errors.h"
#include "exchange/Csv.h"

#include <QDate>
#include <QHash>
#include <QJsonObject>
#include <QList>
#include <QMap>
#include <QString>
#include <QStringList>
#include <functional>
#include <memory>
#include <utility>

namespace cb {
class Database;
struct SaveResult;
}

// Importing shared files into the register. Every import is previewed first (counts of new,
// updated, unchanged, skipped and rejected rows, each rejection with its file line and reason) and
// then committed all-or-nothing in one transaction. The GUI's import dialog and casebook-cli both
// use ImportJob:
//
//     ImportJob job = ImportJob::ods({path});     // throws ImportError: not what it claims, nothing read
//     ImportSummary preview = job.preview(db);    // nothing changes
//     ... show preview.files[i].added / rejections ...
//     ImportSummary done = job.commit(db);        // one transaction; audit source "import <file>"
namespace cb::exchange {

// The file is not what it claims to be (wrong kind, unreadable, malformed). Nothing was changed.
class ImportError : public Error {
public:
    using Error::Error;
};

// The caseworker stopped the import (Cancel) before it finished: nothing was changed.
class ImportCancelled : public ImportError {
public:
    using ImportError::ImportError;
};

// A row of the file that was not applied, and why (worded for a caseworker).
struct Rejection {
    int line = 0;  // physical line in the file (1-based); 0 when the file has no lines (JSON record)
    QString key;   // the row's code or id, when known
    QString reason;
};

// What importing one file did (or would do).
struct FileResult {
    QString file;        // file name without folder
    QString kind;        // epraccur, ebranchs, edispensary, epharmacyhq, egdpprac, payments, json, csv:<type>
    QString description; // "GP practices (epraccur)"
    QString encoding;    // as read
    int rows = 0;        // data rows read (header excluded)
    int added = 0, updated = 0, unchanged = 0, skipped = 0;
    QList<Rejection> rejections;
    QMap<QString, int> skippedReasons; // reason -> rows (rows Casebook does not register, e.g. private dental)
    QStringList notes;                 // things worth knowing that are not errors
    QMap<QString, int> qualityNotes;   // data-quality notes (what is odd -> rows); the first lines are in notes

    int rejected() const { return int(rejections.size()); }
    QJsonObject toJson() const;
};

struct ImportSummary {
    bool committed = false; // false for a preview
    QList<FileResult> files;

    int added() const, updated() const, unchanged() const, skipped() const, rejected() const;
    bool changesAnything() const { return added() + updated() > 0; }
    QJsonObject toJson() const;
    QString toText() const; // the preview a caseworker reads (also the CLI output)
};

// Which rows of the national files a team imports (issue 13), remembered as settings: a local
// team imports its own area. Empty lists mean no limit. Rows outside are skipped, counted by the
// reason and the ODS field that put them outside.
struct AreaFilter {
    QStringList commissioners; // commissioner codes (ODS field 15, or 24 for pharmacies), upper case
    QString region;            // NHS England region / national grouping code (ODS field 3), e.g. Y56
    QString country = QStringLiteral("england"); // "england" (the default), "wales", or "" for both
    bool urgentCare = false;   // also walk-in and out-of-hours centres (prescribing settings 1-3)

    bool operator==(const AreaFilter&) const = default;
};
AreaFilter loadAreaFilter(Database& db);
// Validates (ValidationError naming the field: an unknown country, a code that is not a code) and
// stores the filter in the settings, all or nothing.
void saveAreaFilter(Database& db, const AreaFilter& filter);
QString describeAreaFilter(const AreaFilter& filter); // "England; commissioners 00K, 00L"

// One source file, parsed and checked as a whole when it is opened; apply() does its rows inside
// the caller's transaction and records what happened in result.
class FileImporter {
    friend class CsvStream;

public:
    virtual ~FileImporter() = default;
    virtual FileResult header() const = 0; // file, kind, description, encoding, rows
    virtual int order() const { return 50; } // lower first: practices before their branches
    virtual void apply(Database& db, FileResult& result) = 0;

    // Called by ImportJob: fn receives how far apply() has got (0 to 1) and returns false to stop.
    void setProgress(std::function<bool(double)> fn) { m_progress = std::move(fn); }

protected:
    // Says how far apply() has got; throws ImportCancelled when the caller asked to stop.
    void reportProgress(double fraction);

private:
    std::function<bool(double)> m_progress;
};

// A long import reports how far it has got, in thousandths of the whole job; returning false
// cancels it (ImportCancelled is thrown and nothing is changed). Called from the importing thread.
using ImportProgress = std::function<bool(int permille)>;

class ImportJob {
public:
    // Each opens and checks its files now; throws ImportError when a file is not what it claims.
    static ImportJob ods(const QStringList& paths);
    static ImportJob payments(const QString& path);
    static ImportJob json(const QString& path);
    static ImportJob csv(const QString& recordType, const QString& path);
    static ImportJob dentalActivity(const QString& path); // DentalActivityImport.cpp

    ImportSummary preview(Database& db); // runs the import and rolls it back: nothing changes
    ImportSummary commit(Database& db);  // one transaction for all files
    void setProgress(ImportProgress progress) { m_progress = std::move(progress); }

    ImportJob();
    void add(std::unique_ptr<FileImporter> file); // for importers opened by hand (tests, other formats)

    ImportJob(ImportJob&&) noexcept;
    ImportJob& operator=(ImportJob&&) noexcept;
    ~ImportJob();

private:
    ImportSummary run(Database& db, bool keep);
    std::vector<std::unique_ptr<FileImporter>> m_files;
    ImportProgress m_progress;
};

// Shared by the importers: applies one row in its own savepoint, so a row that a rule or the
// database refuses is rejected (with the message) and leaves nothing behind, while the others go on.
// fn returns the outcome to count.
enum class RowOutcome { Added, Updated, Unchanged, Skipped };
void applyRow(Database& db, FileResult& result, int line, const QString& key, const std::function<RowOutcome()>& fn);
RowOutcome outcomeOf(const SaveResult& saved); // added, updated or unchanged

QString fileNameOf(const QString& path);

// Codes already met in a file: a repeat is rejected (only the first occurrence is used).
class RepeatedCodes {
public:
    // True (and the rejection recorded) when code was met on an earlier line.
    bool isRepeat(FileResult& result, int line, const QString& code);

private:
    // A million-row file keeps a million codes: a short code (up to 12 letters, digits, spaces)
    // is packed into a number, so each costs a few bytes rather than a string's allocation.
    QHash<quint64, int> m_packed;
    // A record id (22 characters of base64url) by its 128 bits: a JSON import meets one per record.
    QHash<std::pair<quint64, quint64>, int> m_ids;
    QHash<QString, int> m_firstLine; // codes that do not pack
};

// Refuses bytes read from path that cannot be a text file to import (empty, UTF-16, binary):
// throws ImportError with the reason.
void checkTextFile(const QString& path, const QByteArray& bytes);

// Reads a whole CSV file to import (at most csv::kMaxFileBytes); throws ImportError when it cannot be
// read or is not well-formed CSV.
csv::Document readCsvForImport(const QString& path);

// A CSV file imported as a stream, never held whole: opened and checked once (encoding, kind,
// rows), then read again row by row by each preview or import.
class CsvStream {
public:
    // Opens path and reads it through, giving each record to onRecord (to count, classify, keep
    // the first few). Throws ImportError when it cannot be read, is not text, or is not
    // well-formed CSV; nothing was imported.
    CsvStream(const QString& path, const std::function<void(const csv::Record&)>& onRecord);
    csv::Encoding encoding() const { return m_encoding; }
    int records() const { return m_records; }
    const QString& path() const { return m_path; }

    // Reads the file again from the start, giving each record to fn and telling importer how far
    // it has got. Throws ImportError if the file changed since it was opened and checked.
    void read(FileImporter& importer, const std::function<void(const csv::Record&)>& fn) const;

private:
    QString m_path;
    csv::Encoding m_encoding = csv::Encoding::Utf8;
    QByteArray m_digest;
    int m_records = 0;
};

} // namespace cb::exchange
