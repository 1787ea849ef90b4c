#include "store/Database.h"

#include "common/FileSafety.h"
#include "common/RecordId.h"
#include "common/TextHygiene.h"
#include "store/AuditTrail.h"
#include "store/DatabaseCopy.h"
#include "store/MigrationProgress.h"
#include "store/Migrations.h"
#include "store/RecordType.h"
#include "team/ChangeCapture.h"

#include <QSet>

#include <algorithm>
#include <cstring>
#include <deque>
#include <vector>

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSaveFile>
#include <QScopeGuard>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QUrl>
#include <SQLiteCpp/SQLiteCpp.h>
#include <sqlite3.h>
#ifdef Q_OS_UNIX
#include <pwd.h>
#include <unistd.h>
#endif

namespace cb {

namespace {

QString utf8(const char* s) { return QString::fromUtf8(s ? s : ""); }

QString osUser() {
    QString user = qEnvironmentVariable("USERNAME"); // Windows
    if (user.isEmpty()) user = qEnvironmentVariable("USER");
#ifdef Q_OS_UNIX
    if (user.isEmpty()) // services and CI often run without USER set
        if (const passwd* pw = getpwuid(geteuid())) user = QString::fromLocal8Bit(pw->pw_name);
#endif
    return user.isEmpty() ? QStringLiteral("unknown") : user;
}

// A path SQLite can open as a URI with query options (read-only shared copies use immutable=1).
std::string uriFor(const QString& path, const QString& query) {
    QUrl url = QUrl::fromLocalFile(QFileInfo(path).absoluteFilePath());
    url.setQuery(query);
    return url.toString(QUrl::FullyEncoded).toStdString();
}

// A new register is made with 8 KiB pages rather than SQLite's 4 KiB: half as many pages to
// allocate, write to the WAL, copy back at a checkpoint and split as they fill. Importing the real
// epraccur into an empty register took 5-10 % less CPU (alternated runs); in one pair of 50,000-
// contractor benches the JSON import took 7.73 s instead of 8.46 and the file was a little smaller
// (148.3 MiB against 148.9). 16 KiB pages were no faster than 8 and made that file larger (149.0
// MiB). A register made earlier keeps its 4 KiB pages: SQLite cannot change the page size of a
// file in WAL mode, and nothing needs it changed.
constexpr int kNewFilePageBytes = 8 * 1024;

// Page cache sizes. Everyday work fits in 32 MiB. A bulk write (seeding 50,000 contractors writes
// about half a million records into random places of the id and audit indexes) gets up to 64 MiB,
// so fewer pages are spilled to the WAL and read back; 64 MiB rather than the 256 MiB it once had
// keeps a seed of 50,000 under 150 MiB of memory now the compact audit trail (V007) needs fewer pages.
constexpr int kCacheKiB = 32 * 1024;
constexpr int kBulkCacheKiB = 64 * 1024;
// A bulk write's cache starts at half the file's size (at least this) and grows with the file to
// kBulkCacheKiB, looked at again every kBulkCacheCheckEvery inserts. Each page a cache takes is fresh
// memory the system must hand over (a page fault for every 4 KiB, about 11 microseconds each in
// this virtual machine), and a cache larger than the pages a write goes back to only keeps pages it
// will not read again: written once, they go to the WAL now or at the commit, at the same cost.
// Importing the real epraccur (8,204 practices) into an empty register with the full 64 MiB took
// 7-11 % more CPU (four alternated pairs; 2,170 page faults against 1,130).
constexpr int kBulkCacheMinKiB = 2 * 1024;
constexpr int kBulkCacheCheckEvery = 1024;
constexpr int kReaderCacheKiB = 8 * 1024;
// While a bulk write builds its deferred indexes at the end, SQLite's sorter holds every key in
// memory when temporary storage is in memory, and otherwise up to a page cache's worth before it
// spills to a temporary file: either way on top of a page cache full of the records just written
// (a 100,000-contractor JSON import peaked at 162 MiB). The end of a bulk write puts temporary
// storage back on disk and runs with this smaller cache, so the sorter spills early.
constexpr int kIndexBuildCacheKiB = 8 * 1024;
// A bulk write into a register whose audit trail has fewer rows than this rebuilds the trail's
// indexes once at the end rather than row by row (see bulkWrite): rebuilding this many takes well
// under a second.
constexpr qint64 kDeferAuditIndexesBelow = 250'000;
// Indexes no save reads: no rule, owner, label or lookup a save makes uses them
// (tests/core/test_bulkwrite.cpp runs imports and a seed and checks that none of their statements
// scans a table instead). A bulk write into a register with a small trail sets them aside with the
// trail's indexes and builds them once, sorted, at the end; a delete puts them back first
// (deleteRecord), as it looks up the rows that refer to the record through them.
// - Those only screens and reports read (names, postcodes, statuses, dates): kept in step row by
//   row, they were 6 % of an epraccur import.
// - A service's contract and a performer link's performer, in the largest tables an import fills
//   after the practices: each row's contract or performer is a random key, so keeping them in step
//   took a search into a random page of the index for every row.
// Indexes a rule does read stay: a site's code, a performer's registration, a network's name, a
// practice's contracts (a GMS practice's other contracts), a contract's events (a pharmacy's
// dispute resolution), a concern's actions and events, a practice's tier history. So does a link's
// practice: the demo seed looks up a practice's first performer for each performer concern it
// adds, and without the index each lookup read the links table (6.6 ms at 50,000 contractors).
constexpr const char* kIndexesNoSaveReads[] = {
    "contractor_group_name",     "contractor_name",          "contractor_postcode",      "contractor_commissioner",
    "contractor_status",         "contract_end",             "contract_event_deadline",  "concern_stage",
    "concern_received",          "concern_action_due",       "visit_date",               "performer_name",
    "contract_service_contract", "performer_link_performer",
};
// A bulk write that starts on such a register and at least doubles its trail, by this many rows or
// more, built most of the file: the seed compacts it afterwards (Database::compact), an import
// only gathers the planner's statistics (AfterBulkWrite). Inserting records in random id order
// leaves the record indexes' pages about a tenth empty: 5.7 MiB of a 50,000-contractor seed's
// 155 MiB, for about 1.2 s of compaction.
constexpr qint64 kBuiltMostAuditRows = 10'000;
constexpr int kCompactCacheKiB = 2 * 1024;
std::string cacheSizePragma(int kib) { return "PRAGMA cache_size = -" + std::to_string(kib); }

QString displayName(const QString& path) { return QDir::toNativeSeparators(path); }

// How long a connection waits for another process's lock before giving up: a busy writer (an
// import, a seed, a checkpoint) must never turn into an error, let alone a "damaged" one.
constexpr int kBusyTimeoutMs = 5000;

quint32 bigEndian32(const QByteArray& bytes, int offset) {
    const auto* p = reinterpret_cast<const unsigned char*>(bytes.constData()) + offset;
    return (quint32(p[0]) << 24) | (quint32(p[1]) << 16) | (quint32(p[2]) << 8) | quint32(p[3]);
}

// A committed WAL beside a file holds changes its main file does not show yet.
bool walBeside(const QString& path) { return QFileInfo(path + QStringLiteral("-wal")).size() > 0; }

OpenError::Kind kindFor(int code) {
    switch (code & 0xff) {
    case SQLITE_CORRUPT:
    case SQLITE_NOTADB: return OpenError::Kind::Corrupt;
    case SQLITE_READONLY: return OpenError::Kind::ReadOnly;
    default: return OpenError::Kind::Io;
    }
}

} // namespace

int Database::schemaVersion() { return migrations().back().version; }

QString Database::defaultPath() {
    const QString dir = QStandardPaths::writableLocation(QStandardPaths::AppDataLocation);
    return QDir(dir.isEmpty() ? QDir::homePath() : dir).filePath(QStringLiteral("casebook.db"));
}

namespace {
thread_local std::function<QString()> t_idSource;
}

QString Database::newId() { return t_idSource ? t_idSource() : ident::newRecordId(); }

Database::IdSourceScope::IdSourceScope(std::function<QString()> next) : m_previous(std::move(t_idSource)) {
    t_idSource = std::move(next);
}

Database::IdSourceScope::~IdSourceScope() { t_idSource = std::move(m_previous); }

QString Database::explain(int code, const QString& detail) {
    switch (code & 0xff) {
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
        return QStringLiteral("The database is busy: another copy of Casebook is saving to it. Try again in a "
                              "moment. (%1)").arg(detail);
    case SQLITE_FULL:
        return QStringLiteral("The disk is full, so the change could not be saved. Free some space and try "
                              "again. (%1)").arg(detail);
    case SQLITE_READONLY:
        return QStringLiteral("The database is read-only, so the change could not be saved. (%1)").arg(detail);
    case SQLITE_CORRUPT:
    case SQLITE_NOTADB:
        return QStringLiteral("The database file is damaged. Restore it from your latest backup. (%1)").arg(detail);
    case SQLITE_IOERR:
    case SQLITE_CANTOPEN:
        return QStringLiteral("The database file could not be read or written. Check the drive is available. "
                              "(%1)").arg(detail);
    case SQLITE_AUTH:
        return QStringLiteral("Casebook refused a change that did not go through its save path, so nothing was "
                              "changed. Make changes through Casebook's forms, imports or casebook-cli. (%1)")
            .arg(detail);
    case SQLITE_CONSTRAINT:
        return QStringLiteral("The change conflicts with other records. (%1)").arg(detail);
    default:
        return QStringLiteral("The database reported a problem: %1").arg(detail);
    }
}

Database::FileHeader Database::readFileHeader(const QString& path) {
    FileHeader h;
    QFile f(path);
    if (!f.exists()) return h;
    if (!files::isOrdinaryFile(path)) { // never opened: a pipe would wait for a writer
        h.kind = FileHeader::Kind::Other;
        return h;
    }
    if (!f.open(QIODevice::ReadOnly)) {
        h.kind = FileHeader::Kind::Unreadable;
        return h;
    }
    const QByteArray head = f.read(100); // the database header is the first 100 bytes
    if (head.isEmpty()) {
        h.kind = FileHeader::Kind::Empty;
        return h;
    }
    if (head.size() < 100 || !head.startsWith(QByteArray("SQLite format 3\0", 16))) {
        h.kind = FileHeader::Kind::Other;
        return h;
    }
    h.kind = FileHeader::Kind::Sqlite;
    h.walMode = head.at(18) == 2 && head.at(19) == 2;
    h.userVersion = qint32(bigEndian32(head, 60));
    h.applicationId = qint32(bigEndian32(head, 68));
    return h;
}

namespace {
// The UTF-8 of the texts one prepared write binds (bindText), each in a buffer of its own that stays
// where it is until the statement has run: a deque's elements never move, so neither does a short
// string held inside its object. The next write uses the same buffers again.
class BoundTexts {
public:
    std::string& next() {
        if (m_used == m_buffers.size()) m_buffers.emplace_back();
        return m_buffers[m_used++];
    }
    void restart() { m_used = 0; }

private:
    std::deque<std::string> m_buffers;
    std::size_t m_used = 0;
};
} // namespace

// The write path's two most frequent statements, kept apart from the caches keyed by SQL text: a
// record's insert found by its table and the set of columns it fills (a bit mask over the table's
// columns in name order), the audit row's insert held as it is. Building, hashing and comparing
// their text for every record was about 3 % of an import's instructions.
struct Database::PreparedWrites {
    struct Table {
        std::vector<QString> columns; // in name order, as a Row keeps them
        std::map<std::vector<quint64>, std::unique_ptr<SQLite::Statement>> inserts;
    };
    std::unordered_map<QString, Table> tables; // by table name
    std::unique_ptr<SQLite::Statement> audit;
    // In a bulk write: its page cache now (0 outside one), and the inserts since it was last looked at
    // (an update seldom makes the file larger).
    int bulkCacheKiB = 0;
    int insertsSinceCacheLook = 0;

    // Sets a bulk write's page cache from the file's size (kBulkCacheMinKiB), only ever larger
    // within the write; `starting`: the bulk write begins.
    static void growBulkCache(Database& db, bool starting);

    // A statement of the write path, prepared while the write guard lets it through.
    static std::unique_ptr<SQLite::Statement> prepare(Database& db, const QString& sql);
    // Runs one: `bind` sets its parameters, its texts kept in the BoundTexts it is given (bindValue);
    // the guard lets its changes through. The changes' count.
    static int run(Database& db, SQLite::Statement& st,
                   const std::function<void(SQLite::Statement&, BoundTexts&)>& bind);

    // The connection's own, made when first needed.
    static PreparedWrites& of(Database& db) {
        if (!db.m_prepared) db.m_prepared = std::make_unique<PreparedWrites>();
        return *db.m_prepared;
    }

    void resetAll() {
        for (auto& [name, t] : tables)
            for (auto& [mask, st] : t.inserts) st->tryReset();
        if (audit) audit->tryReset();
    }
};

void Database::PreparedWrites::growBulkCache(Database& db, bool starting) {
    PreparedWrites& p = of(db);
    p.insertsSinceCacheLook = 0;
    const qint64 fileKiB = db.m_db->execAndGet("PRAGMA page_count").getInt64() *
                           db.m_db->execAndGet("PRAGMA page_size").getInt64() / 1024;
    const int want = int(std::clamp<qint64>(fileKiB / 2, kBulkCacheMinKiB, kBulkCacheKiB));
    if (!starting && want <= p.bulkCacheKiB) return;
    p.bulkCacheKiB = want;
    db.m_db->exec(cacheSizePragma(want));
}

Database::Database(const QString& path, Access access) : m_path(path), m_access(access), m_actor(osUser()) {
    // SQLite counts every allocation under a global mutex for sqlite3_memory_used(), which Casebook
    // never asks: about 3 % of an import's instructions. Only possible before SQLite's first use
    // (afterwards the call is refused, harmlessly).
    static const int kNoMemoryStatus = sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
    Q_UNUSED(kNoMemoryStatus);
    const bool memory = path == QLatin1String(":memory:");
    const QString name = displayName(path);
    const QFileInfo info(path);

    if (!memory && !info.exists() && access == Access::ReadOnly)
        throw OpenError(OpenError::Kind::Missing, QStringLiteral("%1 does not exist. Check the file name.").arg(name));
    if (!memory && info.exists() && info.isDir())
        throw OpenError(OpenError::Kind::NotCasebook,
                        QStringLiteral("%1 is a folder, not a Casebook database. Choose the .db file.").arg(name));
    // A pipe would hold the open until something writes to it; a device is no database either.
    if (!memory && info.exists() && !files::isOrdinaryFile(path))
        throw OpenError(OpenError::Kind::NotCasebook,
                        QStringLiteral("%1 is not an ordinary file (it is a device, a pipe or a socket), so it is not a "
                                       "Casebook database. Choose the .db file.").arg(name));

    // First the header bytes, with no SQLite connection, so a file we must refuse is never touched.
    // These refusals hold whatever a WAL beside the file says: a Casebook file's application id is
    // 0 (before its first migration) or Casebook's, and its schema version only ever grows. Whether
    // an id of 0 or an older version is still current is asked through the connection below.
    if (!memory && info.exists()) {
        const FileHeader header = readFileHeader(path);
        if (header.kind == FileHeader::Kind::Unreadable)
            throw OpenError(OpenError::Kind::Io,
                            QStringLiteral("%1 could not be read. Check you have permission to open it.").arg(name));
        if (header.kind == FileHeader::Kind::Other)
            throw OpenError(OpenError::Kind::NotCasebook,
                            QStringLiteral("%1 is not a Casebook database (it is not a database file at all). "
                                           "Choose a Casebook .db file, or use File > Import for spreadsheets.")
                                .arg(name));
        if (header.kind == FileHeader::Kind::Sqlite) {
            if (header.applicationId != kApplicationId && header.applicationId != 0)
                throw OpenError(OpenError::Kind::NotCasebook,
                                QStringLiteral("%1 is a database, but not a Casebook one. Choose a Casebook .db "
                                               "file.").arg(name));
            if (header.userVersion > schemaVersion())
                throw OpenError(OpenError::Kind::TooNew,
                                QStringLiteral("%1 was saved by a newer version of Casebook (schema %2; this "
                                               "version understands up to %3). It has not been changed. Install "
                                               "the latest Casebook to open it.")
                                    .arg(name).arg(header.userVersion).arg(schemaVersion()));
        }
        if (access == Access::ReadWrite) {
            const QFileInfo dir(info.absolutePath());
            if (!info.isWritable() || !dir.isWritable())
                throw OpenError(OpenError::Kind::ReadOnly,
                                QStringLiteral("%1 is read-only, so Casebook cannot save changes to it. Open it "
                                               "read-only to review it (casebook --read-only), or copy it to a "
                                               "folder you can write to.").arg(name));
        }
    }
    if (!memory && !info.exists()) {
        if (!QDir().mkpath(info.absolutePath()))
            throw OpenError(OpenError::Kind::Io,
                            QStringLiteral("The folder for %1 could not be created.").arg(name));
    }

    // A read-only shared copy is opened immutable (SQLite neither writes nor creates anything
    // beside it), unless committed changes wait in a WAL beside it: immutable would ignore them and
    // show (and export) a stale copy, so then it is read with its WAL, or refused in words.
    const bool withWal = !memory && access == Access::ReadOnly && walBeside(path);
    m_immutable = !memory && access == Access::ReadOnly && !withWal;
    try {
        if (memory) {
            m_db = std::make_unique<SQLite::Database>(":memory:", SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
        } else if (access == Access::ReadOnly) {
            m_db = std::make_unique<SQLite::Database>(uriFor(path, withWal ? QStringLiteral("mode=ro")
                                                                           : QStringLiteral("mode=ro&immutable=1")),
                                                      SQLite::OPEN_READONLY | SQLite::OPEN_URI, kBusyTimeoutMs);
        } else {
            m_db = std::make_unique<SQLite::Database>(QFileInfo(path).absoluteFilePath().toStdString(),
                                                      SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE | SQLite::OPEN_NOMUTEX, kBusyTimeoutMs);
        }
        verifyThroughConnection(name);
        configure();
        // Audit names and practice numbers learnt inside a transaction go with its rollback.
        sqlite3_rollback_hook(m_db->getHandle(), [](void* self) { static_cast<Database*>(self)->forgetAuditIds(); },
                              this);
        if (access == Access::ReadWrite) migrate();
        if (access == Access::ReadWrite) team::attachChangeCapture(*this); // a team member logs its changes
        installWriteGuard(); // only save()/remove() may change a user record (store/RecordType.h)
    } catch (const OpenError&) {
        dropStatements();
        m_db.reset();
        throw;
    } catch (const SQLite::Exception& e) {
        dropStatements();
        if (m_db) sqlite3_db_config(m_db->getHandle(), SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, 1, nullptr);
        m_db.reset();
        const int code = e.getErrorCode();
        if (withWal && kindFor(code) != OpenError::Kind::Corrupt)
            throw OpenError(OpenError::Kind::ReadOnly,
                            QStringLiteral("%1 has recent changes kept in %2 beside it, and Casebook cannot read "
                                           "them from here (%3). Ask whoever shares it to close Casebook so the "
                                           "changes are written into the file, or copy both files to a folder you "
                                           "can write to and open the copy.")
                                .arg(name, displayName(path + QStringLiteral("-wal")), utf8(e.what())));
        const OpenError::Kind kind = kindFor(code);
        if (kind == OpenError::Kind::Corrupt)
            throw OpenError(kind, QStringLiteral("%1 is damaged and cannot be opened (%2). It has not been changed. "
                                                 "Restore it from your latest backup.").arg(name, utf8(e.what())));
        throw OpenError(kind, QStringLiteral("%1 could not be opened. %2").arg(name, explain(code, utf8(e.what()))));
    }
}

// The header checks again, now through the connection, so they see what a WAL beside the file
// says (the main file's own header may lag behind it).
void Database::verifyThroughConnection(const QString& name) {
    const int appId = m_db->execAndGet("PRAGMA application_id").getInt();
    const int version = m_db->execAndGet("PRAGMA user_version").getInt();
    // Reading the schema is cheap (a page or two) and every query needs it: a file whose schema
    // cannot be read is refused now, in words, rather than failing at the first list.
    const int tables = m_db->execAndGet("SELECT count(*) FROM sqlite_schema").getInt();
    auto refuse = [&](OpenError::Kind kind, const QString& message) {
        // Leave a file we refuse exactly as it was: no checkpoint of its WAL on the way out.
        sqlite3_db_config(m_db->getHandle(), SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, 1, nullptr);
        throw OpenError(kind, message);
    };
    if (appId != kApplicationId && !(appId == 0 && tables == 0))
        refuse(OpenError::Kind::NotCasebook,
               QStringLiteral("%1 is a database, but not a Casebook one. Choose a Casebook .db file.").arg(name));
    if (version > schemaVersion())
        refuse(OpenError::Kind::TooNew,
               QStringLiteral("%1 was saved by a newer version of Casebook (schema %2; this version understands up "
                              "to %3). It has not been changed. Install the latest Casebook to open it.")
                   .arg(name).arg(version).arg(schemaVersion()));
    if (m_access == Access::ReadOnly && version < schemaVersion())
        refuse(OpenError::Kind::ReadOnly,
               QStringLiteral("%1 was saved by an older version of Casebook and must be upgraded before it can be "
                              "opened read-only. Open it normally once, or ask whoever shared it to.").arg(name));
}

Database::Database(const Database& main, ReaderTag)
    : m_path(main.m_path), m_access(Access::ReadOnly), m_actor(main.m_actor), m_clock(main.m_clock) {
    // The same view of the file as `main`: an immutable shared copy stays immutable; anything
    // else is read through its WAL so every commit is seen.
    const bool immutable = main.m_immutable;
    m_immutable = immutable;
    try {
        m_db = std::make_unique<SQLite::Database>(
            uriFor(m_path, immutable ? QStringLiteral("mode=ro&immutable=1") : QStringLiteral("mode=ro")),
            SQLite::OPEN_READONLY | SQLite::OPEN_URI, kBusyTimeoutMs);
        configure();
        m_db->exec(cacheSizePragma(kReaderCacheKiB)); // several lists may each keep one
    } catch (const SQLite::Exception& e) {
        m_db.reset();
        throw OpenError(kindFor(e.getErrorCode()), QStringLiteral("%1 could not be opened for reading. %2")
                                                       .arg(displayName(m_path), explain(e.getErrorCode(), utf8(e.what()))));
    }
}

std::unique_ptr<Database> Database::openReader(const Database& main) {
    return std::unique_ptr<Database>(new Database(main, ReaderTag{}));
}

// Every prepared statement finalised, as the connection must be before it is closed.
void Database::dropStatements() {
    m_prepared.reset();
    m_writeStatements.clear();
    m_statements.clear();
}

Database::~Database() {
    dropStatements();
    // Refresh the query planner's statistics only when this session changed something.
    if (m_db && m_access == Access::ReadWrite && m_wrote) m_db->tryExec("PRAGMA optimize");
}

void Database::configure() {
    m_db->setBusyTimeout(kBusyTimeoutMs);
    m_db->exec("PRAGMA foreign_keys = ON");
    // 32 MiB page cache: imports write large transactions that would otherwise spill to the WAL
    // and read pages back (bulkWrite sets its own, half the file's size up to 64 MiB).
    m_db->exec(cacheSizePragma(kCacheKiB));
    if (m_access == Access::ReadWrite) {
        // Only a file with nothing in it yet takes it (before WAL mode is set); any other ignores it.
        m_db->exec("PRAGMA page_size = " + std::to_string(kNewFilePageBytes));
        if (m_path != QLatin1String(":memory:")) m_db->exec("PRAGMA journal_mode = WAL");
        // FULL: a Save is durable when it returns, even across a power cut.
        m_db->exec("PRAGMA synchronous = FULL");
    }
}

int Database::fileSchemaVersion() const { return m_db->execAndGet("PRAGMA user_version").getInt(); }

namespace {
thread_local MigrationProgress tlsMigrationProgress; // see MigrationProgressScope

int stepsAfter(qint64 version) {
    return int(std::count_if(migrations().begin(), migrations().end(),
                             [version](const Migration& m) { return m.version > version; }));
}
} // namespace

MigrationProgressScope::MigrationProgressScope(MigrationProgress progress)
    : m_previous(std::exchange(tlsMigrationProgress, std::move(progress))) {}

MigrationProgressScope::~MigrationProgressScope() { tlsMigrationProgress = std::move(m_previous); }

int pendingMigrations(const QString& path) {
    if (path == QLatin1String(":memory:")) return 0;
    const Database::FileHeader header = Database::readFileHeader(path);
    if (header.kind != Database::FileHeader::Kind::Sqlite || header.applicationId != Database::kApplicationId ||
        header.userVersion <= 0)
        return 0;
    return stepsAfter(header.userVersion);
}

void Database::migrate() {
    // An up-to-date file is not written at all: opening and closing leaves its bytes alone.
    if (fileSchemaVersion() == schemaVersion() &&
        m_db->execAndGet("PRAGMA application_id").getInt() == kApplicationId)
        return;
    SQLite::Transaction tx(*m_db, SQLite::TransactionBehavior::IMMEDIATE);
    const int current = fileSchemaVersion();
    const int steps = stepsAfter(current);
    int done = 0;
    for (const Migration& step : migrations()) {
        if (step.version <= current) continue;
        // An upgrade (not a new file) may take minutes at national scale: whoever opens it may say so.
        if (tlsMigrationProgress && current > 0) tlsMigrationProgress(++done, steps, QString::fromUtf8(step.name));
        m_db->exec(step.sql);
        m_db->exec(QStringLiteral("PRAGMA user_version = %1").arg(step.version).toStdString());
    }
    m_db->exec(QStringLiteral("PRAGMA application_id = %1").arg(kApplicationId).toStdString());
    tx.commit();
}

QString Database::nowStamp() const {
    // Formatted once a second: a bulk write stamps thousands of records with the same second.
    const qint64 second = m_clock->nowUtc().toSecsSinceEpoch();
    if (second != m_stampSecond || m_stamp.isEmpty()) {
        // Qt::UTC, not QTimeZone::utc(): only the former is written with a "Z" (as every stamp is).
        m_stamp = QDateTime::fromSecsSinceEpoch(second, Qt::UTC).toString(Qt::ISODate);
        m_stampSecond = second;
    }
    return m_stamp;
}

void Database::write(const std::function<void()>& fn) {
    if (m_access == Access::ReadOnly)
        throw DatabaseError(QStringLiteral("This database was opened read-only, so nothing can be changed. Open your "
                                           "own copy to make changes."));
    if (m_depth > 0) {
        fn();
        return;
    }
    try {
        m_db->exec("BEGIN IMMEDIATE");
    } catch (const SQLite::Exception& e) {
        throw DatabaseError(explain(e.getErrorCode(), utf8(e.what())));
    }
    ++m_depth;
    try {
        fn();
        m_db->exec("COMMIT");
        m_wrote = true;
        --m_depth;
    } catch (const SQLite::Exception& e) {
        --m_depth;
        m_db->tryExec("ROLLBACK");
        throw DatabaseError(explain(e.getErrorCode(), utf8(e.what())));
    } catch (...) {
        --m_depth;
        m_db->tryExec("ROLLBACK");
        throw;
    }
}

void Database::bulkWrite(const std::function<void()>& fn, AfterBulkWrite after) {
    if (m_depth > 0 || m_access == Access::ReadOnly) {
        write(fn);
        return;
    }
    // FTS5 (SQLite 3.40) flushes its pending terms to a new index segment at every statement
    // savepoint, which every audited insert opens: keeping the search index in step row by row
    // costs about a quarter of a seed. Instead the triggers that keep it in step are dropped inside
    // this transaction and the indexes rebuilt from their tables at the end, which gives the same
    // index. If fn throws, write() rolls back, and the triggers come back with everything else.
    PreparedWrites::growBulkCache(*this, true);
    // Every audited insert, and every imported row's savepoint, keeps a statement journal of the
    // pages it changes; beyond 64 KiB SQLite spills it to a temporary file. Kept in memory it costs
    // no system calls: a 5,000-contractor JSON import takes 43 % less CPU.
    m_db->exec("PRAGMA temp_store = MEMORY");
    const auto restore = [this] {
        m_setAside.clear(); // built again at the end, or back with the rollback
        PreparedWrites::of(*this).bulkCacheKiB = 0;
        m_db->tryExec(cacheSizePragma(kCacheKiB));
        m_db->tryExec("PRAGMA temp_store = DEFAULT");
    };
    bool builtMost = false;
    struct NothingWritten {}; // thrown to roll back a bulk write that changed no row
    try {
        write([&] {
            // By convention (V002) the triggers keeping index X in step are named X_ai, X_ad, X_au.
            const QString ftsTables = QStringLiteral("SELECT name FROM sqlite_schema WHERE type = 'table' AND "
                                                     "sql LIKE 'CREATE VIRTUAL TABLE % USING fts5%'");
            const QList<Row> indexes = query(ftsTables + QStringLiteral(" ORDER BY name"));
            const QList<Row> triggers = query(QStringLiteral("SELECT t.name, t.sql FROM sqlite_schema t JOIN (%1) f ON "
                                                             "t.name LIKE f.name || '\\_%' ESCAPE '\\' WHERE "
                                                             "t.type = 'trigger' ORDER BY t.name").arg(ftsTables));
            for (const Row& t : triggers) execScript(QStringLiteral("DROP TRIGGER \"%1\"").arg(t.value("name").toString()));
            // The audit trail's indexes (record and practice ids: random 16-byte keys) took a write
            // into a random page of each for every record saved; at 50,000 contractors they outgrew
            // the page cache and most of an import was spent spilling and re-reading their pages.
            // Nothing a save checks reads them (only a stale save's message does, and imports never
            // send versions), so for a register with a small trail they, and the indexes no save
            // reads (kIndexesNoSaveReads), are dropped here and built again in one sorted pass at
            // the end. A large trail keeps them: rebuilding them whole would cost more than a few
            // thousand rows kept in step.
            const QString trailSize = QStringLiteral("SELECT coalesce(max(seq), 0) FROM audit_log");
            const qint64 trailBefore = scalar(trailSize).toLongLong();
            const bool deferIndexes = trailBefore < kDeferAuditIndexesBelow;
            QStringList noSaveReads;
            for (const char* name : kIndexesNoSaveReads) noSaveReads << QLatin1Char('\'') + QLatin1String(name) + QLatin1Char('\'');
            m_setAside =
                deferIndexes ? query(QStringLiteral("SELECT name, sql FROM sqlite_schema WHERE type = 'index' AND "
                                                  "(tbl_name = 'audit_log' OR name IN (%1)) AND sql IS NOT NULL "
                                                  "ORDER BY name").arg(noSaveReads.join(QLatin1Char(','))))
                           : QList<Row>();
            for (const Row& i : m_setAside) execScript(QStringLiteral("DROP INDEX \"%1\"").arg(i.value("name").toString()));
            const int changesBefore = m_db->getTotalChanges();
            fn();
            // Nothing written (a re-import of a file the register already has): rolled back, which
            // puts back what was set aside as it was, with no index built again, no search index
            // rebuilt and nothing to commit (those were about a third of such a re-import).
            if (m_db->getTotalChanges() == changesBefore) throw NothingWritten{};
            const qint64 added = scalar(trailSize).toLongLong() - trailBefore;
            builtMost = deferIndexes && added >= kBuiltMostAuditRows && added >= trailBefore;
            // SQLite refuses this change inside a transaction only when a temporary table has been
            // made since the bulk write began (none of Casebook's work makes one): then just the
            // smaller cache applies, and the import goes on.
            m_db->tryExec("PRAGMA temp_store = DEFAULT");
            m_db->exec(cacheSizePragma(std::min(kIndexBuildCacheKiB, PreparedWrites::of(*this).bulkCacheKiB)));
            putBackSetAside();
            m_setAside.clear();
            for (const Row& t : triggers) execScript(t.value("sql").toString());
            for (const Row& i : indexes)
                execScript(QStringLiteral("INSERT INTO \"%1\"(\"%1\") VALUES ('rebuild')").arg(i.value("name").toString()));
        });
    } catch (const NothingWritten&) {
        restore();
        return;
    } catch (...) {
        restore();
        throw;
    }
    restore();
    if (!builtMost) return;
    if (after == AfterBulkWrite::LeaveSlack) {
        // The planner's statistics, for every table: a register just built without them sorted a
        // list by postcode in 30 ms at 100,000 contractors instead of 1.6. `PRAGMA optimize` (as
        // compact() and closing run it) only looks at tables this connection searched by an index,
        // which an import into an empty register never does. Sampling a thousand rows of each
        // index is enough for the planner, and took 50 ms at 50,000 contractors.
        m_db->tryExec("PRAGMA analysis_limit = 1000");
        m_db->tryExec("ANALYZE");
        m_db->tryExec("PRAGMA analysis_limit = 0");
        return;
    }
    try {
        compact();
    } catch (const Error&) {
        // Everything is saved: the file is only larger than it needs to be (a full disk, a busy
        // reader). The next bulk write, or File > Compact database, tries again.
    }
}

Database::Compaction Database::compact() {
    if (m_access == Access::ReadOnly)
        throw DatabaseError(QStringLiteral("This database was opened read-only, so it cannot be compacted. Open your "
                                           "own copy to compact it."));
    if (m_depth > 0)
        throw DatabaseError(QStringLiteral("The database cannot be compacted while a change is being saved. Try again "
                                           "when it has finished."));
    const auto fileBytes = [this] {
        return m_db->execAndGet("PRAGMA page_count").getInt64() * m_db->execAndGet("PRAGMA page_size").getInt64();
    };
    // A cached query left part-way through holds a read transaction open, which VACUUM refuses.
    for (auto& entry : m_statements) entry.second->tryReset();
    for (auto& entry : m_writeStatements) entry.second->tryReset();
    if (m_prepared) m_prepared->resetAll();
    Compaction result;
    try {
        result.before = fileBytes();
        // The planner's statistics first, as closing would gather them: VACUUM reloads the schema,
        // which forgets the tables this connection has used, so `PRAGMA optimize` at closing would
        // find nothing to analyse and a freshly built register would be left with none (a list
        // sorted by postcode then took 30 ms at 100,000 contractors instead of 1.6).
        m_db->exec("PRAGMA optimize");
        // The copy VACUUM builds goes to a temporary file, not memory: it is as large as the database.
        m_db->exec("PRAGMA temp_store = DEFAULT");
        // VACUUM gives the copy it builds the same page cache as the database's: a small one for
        // both keeps a compaction's memory low (a 10,000-contractor seed peaked 30 MiB higher with
        // the usual 32 MiB each). It reads and writes in order, so a large cache would not help.
        m_db->exec(cacheSizePragma(kCompactCacheKiB));
        // VACUUM copies every table with statements of its own, which the write guard (authorize)
        // would take for a change made around the save path: it copies, it changes nothing.
        ++m_writeOpen;
        try {
            m_db->exec("VACUUM");
        } catch (...) {
            --m_writeOpen;
            throw;
        }
        --m_writeOpen;
        m_db->exec(cacheSizePragma(kCacheKiB));
        result.after = fileBytes();
    } catch (const SQLite::Exception& e) {
        m_db->tryExec(cacheSizePragma(kCacheKiB));
        m_db->tryExec("PRAGMA wal_checkpoint(TRUNCATE)");
        const QString why = (e.getErrorCode() & 0xff) == SQLITE_FULL
                                ? QStringLiteral("there is not enough free disk space. Compacting needs about %1 MB "
                                                 "free, twice the file's size; free some space and try again.")
                                      .arg(std::max<qint64>(1, 2 * result.before / 1'000'000))
                                : explain(e.getErrorCode(), utf8(e.what()));
        throw DatabaseError(QStringLiteral("The database was not compacted: %1 Nothing in it was changed.").arg(why));
    }
    // VACUUM wrote every page through the WAL: give that space back now rather than at closing.
    m_db->tryExec("PRAGMA wal_checkpoint(TRUNCATE)");
    return result;
}

SQLite::Statement& Database::cached(const QString& sql) {
    auto it = m_statements.find(sql);
    if (it == m_statements.end())
        it = m_statements.emplace(sql, std::make_unique<SQLite::Statement>(*m_db, sql.toStdString())).first;
    SQLite::Statement& st = *it->second;
    st.tryReset(); // reset() would throw again the error of a step that failed (a UNIQUE clash) last time
    st.clearBindings();
    return st;
}

namespace {
// Text bound as UTF-8 without the copies toStdString() makes (a QByteArray, then a std::string;
// every save binds a dozen texts): ASCII, nearly all of it, goes straight into a buffer in one
// pass with no branch a character, and text beyond ASCII goes the long way. With `kept` (a
// prepared write, PreparedWrites::run) the buffer is one of kept's, which stays as it is until the
// statement has run, and SQLite reads the text in place; otherwise it is this thread's one buffer
// and SQLite takes its own copy, which costs it an allocation, a copy and a free under its mutex
// for every text (a tenth of an import).
void bindText(SQLite::Statement& st, int index, const QString& text, BoundTexts* kept = nullptr) {
    thread_local std::string scratch;
    std::string& out = kept ? kept->next() : scratch;
    const qsizetype n = text.size();
    out.resize(size_t(n));
    const char16_t* in = reinterpret_cast<const char16_t*>(text.utf16());
    char* o = out.data();
    char16_t seen = 0; // every character's bits: beyond ASCII if any is 0x80 or more
    for (qsizetype i = 0; i < n; ++i) {
        seen |= in[i];
        o[i] = char(in[i]);
    }
    if (seen >= 0x80) out = text.toStdString();
    if (kept) st.bindNoCopy(index, out); // its length, NULs and all
    else st.bind(index, out);            // copied (SQLITE_TRANSIENT)
}
} // namespace

namespace {
void bindValue(SQLite::Statement& st, int index, const QVariant& v, BoundTexts* kept = nullptr) {
    if (v.isNull() || !v.isValid()) {
        st.bind(index);
        return;
    }
    switch (v.typeId()) {
    case QMetaType::Bool:
    case QMetaType::Int:
    case QMetaType::UInt:
    case QMetaType::Long:
    case QMetaType::LongLong:
    case QMetaType::ULongLong:
        st.bind(index, static_cast<int64_t>(v.toLongLong()));
        break;
    case QMetaType::Double:
    case QMetaType::Float:
        st.bind(index, v.toDouble());
        break;
    case QMetaType::QDate:
        st.bind(index, iso::dateText(v.toDate()).toStdString());
        break;
    case QMetaType::QDateTime:
        st.bind(index, v.toDateTime().toUTC().toString(Qt::ISODate).toStdString());
        break;
    case QMetaType::QByteArray: { // a blob, e.g. a UUID in its 16 bytes
        const QByteArray bytes = v.toByteArray();
        st.bind(index, bytes.constData(), int(bytes.size()));
        break;
    }
    case QMetaType::QString:
        bindText(st, index, *static_cast<const QString*>(v.constData()), kept);
        break;
    default:
        bindText(st, index, v.toString(), kept);
    }
}
} // namespace

void bindAll(SQLite::Statement& st, const QVariantList& params) {
    for (int i = 0; i < params.size(); ++i) bindValue(st, i + 1, params.at(i));
}

namespace {
// One column of the current row as the store's value (null, qint64, double, QString or QByteArray).
QVariant columnValue(const SQLite::Column& c) {
    switch (c.getType()) {
    case SQLITE_INTEGER:
        return static_cast<qint64>(c.getInt64());
    case SQLITE_FLOAT:
        return c.getDouble();
    case SQLITE_TEXT:
        return QString::fromUtf8(c.getText(), c.getBytes());
    case SQLITE_BLOB:
        return QByteArray(static_cast<const char*>(c.getBlob()), c.getBytes());
    default:
        return {}; // null
    }
}

// The column names of a statement as QStrings, made once per statement rather than once per row
// read (a save reads a few rows for its checks: the names showed among its allocations), with the
// columns' order by name. Each name is compared with SQLite's before it is reused, so a statement
// destroyed and another made at the same address simply refreshes its entry.
struct ColumnNames {
    std::vector<QByteArray> raw; // as SQLite names them
    std::vector<QString> names;
    std::vector<int> byName;     // column indexes in name order (stable: of two equal names, the later last)
};

const ColumnNames& columnNames(const SQLite::Statement& st) {
    thread_local std::unordered_map<const void*, ColumnNames> cache;
    if (cache.size() > 1024) cache.clear(); // statements come and go with connections
    ColumnNames& c = cache[&st];
    const int n = st.getColumnCount();
    bool same = int(c.raw.size()) == n;
    for (int i = 0; same && i < n; ++i) {
        const char* name = st.getColumnName(i);
        const size_t length = std::strlen(name);
        same = size_t(c.raw[size_t(i)].size()) == length && std::memcmp(c.raw[size_t(i)].constData(), name, length) == 0;
    }
    if (!same) {
        c.raw.assign(size_t(n), QByteArray());
        c.names.assign(size_t(n), QString());
        c.byName.resize(size_t(n));
        for (int i = 0; i < n; ++i) {
            c.raw[size_t(i)] = QByteArray(st.getColumnName(i));
            c.names[size_t(i)] = QString::fromUtf8(c.raw[size_t(i)]);
            c.byName[size_t(i)] = i;
        }
        std::stable_sort(c.byName.begin(), c.byName.end(),
                         [&c](int a, int b) { return c.names[size_t(a)] < c.names[size_t(b)]; });
    }
    return c;
}
} // namespace

Row readRow(SQLite::Statement& st) {
    // A row is kept in name order: filled in that order, each column goes at the end instead of being
    // sought from the top (a 25-column record took 40,000 instructions to read, most of it here).
    const ColumnNames& c = columnNames(st);
    Row row;
    row.reserve(qsizetype(c.byName.size()));
    for (const int i : c.byName) row.insert(row.cend(), c.names[size_t(i)], columnValue(st.getColumn(i)));
    return row;
}

namespace {
// While a save checks a record (its rules, owner and label), the same read is often asked several
// times: a service's rules, its practice file and its label each look up its contract. Nothing
// changes the database in between (the write path holds the write lock, and any write through
// this connection forgets what was read), so inside that span queryOne() and scalar() answer a
// repeated read from memory.
struct ReadMemo {
    struct Entry {
        QString sql;
        QVariantList params;
        bool one = false; // queryOne (else scalar)
        std::optional<Row> row;
        QVariant value;
    };
    const Database* db = nullptr;
    std::vector<Entry> entries;

    Entry* find(const Database* of, const QString& sql, const QVariantList& params, bool one) {
        if (of != db) return nullptr;
        for (Entry& e : entries)
            if (e.one == one && e.sql == sql && e.params == params) return &e;
        return nullptr;
    }
    void forget(const Database* of) {
        if (of == db) entries.clear();
    }
};
thread_local ReadMemo t_memo;

class ReadMemoScope {
public:
    explicit ReadMemoScope(const Database* db) : m_previous(t_memo.db) {
        if (m_previous) return; // one span at a time (a nested save keeps the outer one's)
        t_memo.db = db;
        m_owner = true;
    }
    ~ReadMemoScope() {
        if (!m_owner) return;
        t_memo.db = nullptr;
        t_memo.entries.clear();
    }
    ReadMemoScope(const ReadMemoScope&) = delete;
    ReadMemoScope& operator=(const ReadMemoScope&) = delete;

private:
    const Database* m_previous;
    bool m_owner = false;
};
} // namespace

QList<Row> Database::query(const QString& sql, const QVariantList& params) {
    try {
        SQLite::Statement& st = cached(sql);
        bindAll(st, params);
        QList<Row> rows;
        while (st.executeStep()) rows.append(readRow(st));
        st.reset();
        return rows;
    } catch (const SQLite::Exception& e) {
        throw DatabaseError(explain(e.getErrorCode(), utf8(e.what())));
    }
}

void Database::each(const QString& sql, const QVariantList& params, const std::function<void(const Row&)>& fn) {
    try {
        SQLite::Statement st(*m_db, sql.toStdString());
        bindAll(st, params);
        while (st.executeStep()) fn(readRow(st));
    } catch (const SQLite::Exception& e) {
        throw DatabaseError(explain(e.getErrorCode(), utf8(e.what())));
    }
}

std::optional<Row> Database::queryOne(const QString& sql, const QVariantList& params) {
    if (const ReadMemo::Entry* e = t_memo.find(this, sql, params, true)) return e->row;
    try {
        SQLite::Statement& st = cached(sql);
        bindAll(st, params);
        std::optional<Row> row;
        if (st.executeStep()) row = readRow(st);
        st.reset();
        if (t_memo.db == this) t_memo.entries.push_back({sql, params, true, row, {}});
        return row;
    } catch (const SQLite::Exception& e) {
        throw DatabaseError(explain(e.getErrorCode(), utf8(e.what())));
    }
}

QVariant Database::scalar(const QString& sql, const QVariantList& params) {
    if (const ReadMemo::Entry* e = t_memo.find(this, sql, params, false)) return e->value;
    try {
        SQLite::Statement& st = cached(sql);
        bindAll(st, params);
        QVariant value;
        if (st.executeStep() && st.getColumnCount() > 0) value = columnValue(st.getColumn(0));
        st.reset();
        if (t_memo.db == this) t_memo.entries.push_back({sql, params, false, {}, value});
        return value;
    } catch (const SQLite::Exception& e) {
        throw DatabaseError(explain(e.getErrorCode(), utf8(e.what())));
    }
}

int Database::exec(const QString& sql, const QVariantList& params) {
    t_memo.forget(this);
    try {
        SQLite::Statement& st = cached(sql);
        bindAll(st, params);
        const int n = st.exec();
        st.reset();
        return n;
    } catch (const SQLite::Exception& e) {
        throw DatabaseError(explain(e.getErrorCode(), utf8(e.what())));
    }
}

void Database::execScript(const QString& sql) {
    t_memo.forget(this);
    try {
        // An import opens and releases a savepoint for every row: prepared once, not parsed each time.
        if ((sql.startsWith(QLatin1String("SAVEPOINT ")) || sql.startsWith(QLatin1String("RELEASE "))) &&
            !sql.contains(QLatin1Char(';'))) {
            SQLite::Statement& st = cached(sql);
            st.exec();
            st.reset();
            return;
        }
        // ROLLBACK TO a savepoint (an import's refused row) takes back names and practices added
        // since, which the rollback hook does not hear of: forget them too.
        if (sql.contains(QLatin1String("ROLLBACK"), Qt::CaseInsensitive)) forgetAuditIds();
        m_db->exec(sql.toStdString());
    } catch (const SQLite::Exception& e) {
        throw DatabaseError(explain(e.getErrorCode(), utf8(e.what())));
    }
}

void Database::forgetAuditIds() {
    m_auditNames.clear();
    m_auditPractices.clear();
}

std::optional<Row> Database::fetchRecord(const QString& table, const QString& id) {
    // Every save asks: the statement's text is made once for each table, not formatted each time.
    thread_local std::unordered_map<QString, QString> byTable;
    auto it = byTable.find(table);
    if (it == byTable.end()) it = byTable.emplace(table, QStringLiteral("SELECT * FROM %1 WHERE id = ?").arg(table)).first;
    return queryOne(it->second, {id});
}

namespace {
QJsonObject toJson(const Row& row) {
    QJsonObject o;
    for (auto it = row.begin(); it != row.end(); ++it) o.insert(it.key(), QJsonValue::fromVariant(it.value()));
    return o;
}
QString jsonText(const Row& row) {
    return row.isEmpty() ? QString() : QString::fromUtf8(QJsonDocument(toJson(row)).toJson(QJsonDocument::Compact));
}
// Stored values compare equal if they are the same SQLite value; "" and null stay distinct.
bool sameValue(const QVariant& a, const QVariant& b) {
    if (a.isNull() != b.isNull()) return false;
    if (a.isNull()) return true;
    const bool aNum = a.typeId() == QMetaType::LongLong || a.typeId() == QMetaType::Int ||
                      a.typeId() == QMetaType::Double || a.typeId() == QMetaType::Bool;
    const bool bNum = b.typeId() == QMetaType::LongLong || b.typeId() == QMetaType::Int ||
                      b.typeId() == QMetaType::Double || b.typeId() == QMetaType::Bool;
    if (aNum && bNum) return a.toDouble() == b.toDouble();
    return a.toString() == b.toString();
}
} // namespace

namespace {
// How many numbers of each kind the write path remembers. An import of Casebook's own files
// writes one record type at a time, so it meets each practice once per type: remembering 65,536
// (about 8 MiB) spares a lookup for every record of a register of that many practices, where 1,024
// missed on nearly every one. Unbounded, a 1,000,000-row import would keep a million practice ids
// in memory (130 MiB).
constexpr std::size_t kAuditNumbersCached = 65'536;

// The number a lookup table of the audit trail (audit_name, audit_practice) gives `value`, added
// the first time it is seen. `cache` keeps what was learnt; a rollback may take an added row away
// again, so the caches are forgotten then (Database::forgetAuditIds).
// `likelyNew`: the value is probably not there yet (a new practice's own first record), so it is
// added first (one statement) and looked up only if it was there after all.
qint64 auditNumber(Database& db, std::unordered_map<QString, qint64>& cache, const QString& select,
                   const QString& insert, const QString& insertIfNew, const QString& value, bool likelyNew = false) {
    if (cache.size() >= kAuditNumbersCached) cache.clear();
    // Its place in the cache made now, found or not: one hash and one search of the cache a value,
    // not two (sought, then added: 1 % of an ODS import). Taken out again if the number cannot be had.
    const auto [it, added] = cache.try_emplace(value, 0);
    if (!added) return it->second;
    try {
        if (likelyNew && db.exec(insertIfNew, {value}) == 1) {
            it->second = db.sqlite().getLastInsertRowid(); // both numbers are their table's INTEGER PRIMARY KEY
        } else {
            const QVariant found = db.scalar(select, {value});
            it->second = found.toLongLong();
            if (found.isNull()) {
                db.exec(insert, {value});
                it->second = db.sqlite().getLastInsertRowid();
            }
        }
    } catch (...) {
        cache.erase(value); // by value: a rollback on the way may have emptied the cache already
        throw;
    }
    return it->second;
}

qint64 practiceNumber(Database& db, std::unordered_map<QString, qint64>& cache, const QString& contractorId,
                      bool likelyNew) {
    return auditNumber(db, cache, QStringLiteral("SELECT n FROM audit_practice WHERE id = ?"),
                       QStringLiteral("INSERT INTO audit_practice(id) VALUES (?)"),
                       QStringLiteral("INSERT INTO audit_practice(id) VALUES (?) ON CONFLICT DO NOTHING"), contractorId,
                       likelyNew);
}
} // namespace

void Database::writeAudit(const QString& table, const QString& id, const QString& action, const Row& oldValues,
                          const Row& newValues, const AuditContext& ctx) {
    // Stored compactly (V007): names as small integers, ids as 16-byte UUIDs, time as seconds, and
    // an insert without its values, which the record itself holds (see AuditTrail::createdWith);
    // since V017 the practice file as its number in audit_practice.
    const int code = action == QLatin1String("insert") ? 1 : action == QLatin1String("update") ? 2 : 3;
    // The numbers first: each may add a row to its own table, which must not happen between the
    // binding and the step of the audit row's own statement.
    const qint64 at = m_clock->nowUtc().toSecsSinceEpoch();
    const qint64 who = auditNameId(m_actor);
    const qint64 entity = auditNameId(table);
    // A practice's own insert (its first audit row) is added to audit_practice first, not sought.
    const QVariant practice = ctx.contractorId.isEmpty()
                                  ? QVariant()
                                  : QVariant(practiceNumber(*this, m_auditPractices, ctx.contractorId,
                                                            code == 1 && ctx.contractorId == id));
    const QVariant source = m_source.isEmpty() ? QVariant() : QVariant(auditNameId(m_source));
    std::unique_ptr<SQLite::Statement>& audit = PreparedWrites::of(*this).audit;
    if (!audit)
        audit = PreparedWrites::prepare(
            *this, QStringLiteral("INSERT INTO audit_log(at, who, entity, action, record_id, practice, label, source, "
                                  "old_values, new_values) VALUES (?,?,?,?,?,?,?,?,?,?)"));
    PreparedWrites::run(*this, *audit, [&](SQLite::Statement& st, BoundTexts& texts) {
        st.bind(1, static_cast<int64_t>(at));
        st.bind(2, static_cast<int64_t>(who));
        st.bind(3, static_cast<int64_t>(entity));
        st.bind(4, code);
        bindValue(st, 5, AuditTrail::storedId(id));
        bindValue(st, 6, practice);
        bindValue(st, 7, ctx.label.isEmpty() ? QVariant() : QVariant(ctx.label), &texts);
        bindValue(st, 8, source);
        bindValue(st, 9, oldValues.isEmpty() ? QVariant() : QVariant(jsonText(oldValues)), &texts);
        bindValue(st, 10, code == 1 || newValues.isEmpty() ? QVariant() : QVariant(jsonText(newValues)), &texts);
    });
}

qint64 Database::auditNameId(const QString& name) {
    return auditNumber(*this, m_auditNames, QStringLiteral("SELECT id FROM audit_name WHERE name = ?"),
                       QStringLiteral("INSERT INTO audit_name(name) VALUES (?)"),
                       QStringLiteral("INSERT INTO audit_name(name) VALUES (?) ON CONFLICT DO NOTHING"), name);
}

qint64 Database::auditPracticeNumber(const QString& contractorId) {
    return practiceNumber(*this, m_auditPractices, contractorId, false);
}

qint64 StaleRecordError::currentVersion() const { return m_current.value(kRowVersion).toLongLong(); }

Row Database::columnDefaults(const QString& table) {
    auto it = m_defaults.find(table);
    if (it != m_defaults.end()) return it->second;
    Row defaults;
    for (const Row& r : query(QStringLiteral("SELECT name, dflt_value FROM pragma_table_info(?)"), {table})) {
        const QString literal = r.value("dflt_value").toString();
        if (literal.isEmpty()) continue;
        bool number = false;
        const qint64 n = literal.toLongLong(&number);
        if (number) defaults.insert(r.value("name").toString(), n);
        else if (literal.startsWith(QLatin1Char('\'')) && literal.endsWith(QLatin1Char('\'')))
            defaults.insert(r.value("name").toString(), literal.mid(1, literal.size() - 2).replace("''", "'"));
    }
    m_defaults.emplace(table, defaults);
    return defaults;
}

int Database::writeExec(const QString& sql, const QVariantList& params) {
    auto it = m_writeStatements.find(sql);
    if (it == m_writeStatements.end()) it = m_writeStatements.emplace(sql, PreparedWrites::prepare(*this, sql)).first;
    return PreparedWrites::run(*this, *it->second, [&](SQLite::Statement& st, BoundTexts& texts) {
        for (int i = 0; i < params.size(); ++i) bindValue(st, i + 1, params.at(i), &texts);
    });
}

namespace {
// Tables whose rows are user records: only the write path may change them.
bool isRecordTable(const char* table) {
    // Never destroyed: a connection closed during static destruction may still ask.
    static const QSet<QByteArray>* tables = [] {
        auto* out = new QSet<QByteArray>;
        for (const RecordType* t : registeredRecordTypes()) out->insert(t->table.toUtf8());
        return out;
    }();
    return table && tables->contains(QByteArray(table));
}
} // namespace

int Database::authorize(void* self, int action, const char* a, const char*, const char*, const char* trigger) {
    if (action != SQLITE_INSERT && action != SQLITE_UPDATE && action != SQLITE_DELETE) return SQLITE_OK;
    // Triggers keep the search indexes in step: the statement that fired them was checked.
    if (trigger) return SQLITE_OK;
    if (static_cast<Database*>(self)->m_writeOpen > 0) return SQLITE_OK;
    return isRecordTable(a) ? SQLITE_DENY : SQLITE_OK;
}

void Database::installWriteGuard() { sqlite3_set_authorizer(m_db->getHandle(), &Database::authorize, this); }

StaleRecordError Database::staleError(const RecordType& type, const Row& current, qint64 expected) {
    const qint64 now = current.value(kRowVersion).toLongLong();
    const QString name = type.entity + QLatin1Char(' ') + type.labelOf(*this, current);
    QStringList lines;
    // Each save that bumps the version writes one audit row: the newest (now - expected) are the
    // changes made since the form was opened.
    const QList<AuditEntry> since =
        AuditTrail(*this).forRecord(current.value("id").toString(), int(std::max<qint64>(1, now - expected)));
    for (auto it = since.crbegin(); it != since.crend(); ++it) {
        QStringList parts;
        for (const AuditChange& c : it->changes)
            parts << (c.before.isEmpty()   ? QStringLiteral("%1 set to %2").arg(c.label, c.after)
                      : c.after.isEmpty() ? QStringLiteral("%1 cleared (was %2)").arg(c.label, c.before)
                                          : QStringLiteral("%1 from %2 to %3").arg(c.label, c.before, c.after));
        lines << QStringLiteral("%1 at %2: %3")
                     .arg(it->who, it->at.toLocalTime().toString(QStringLiteral("dd/MM/yyyy HH:mm")),
                          parts.isEmpty() ? QStringLiteral("saved it") : parts.join(QStringLiteral("; ")));
    }
    const QString message =
        QStringLiteral("%1 was changed by someone else after you opened it, so your changes were not saved (nothing "
                       "was overwritten). Changed since: %2. Reload the record to see their changes; your own "
                       "typing is kept where it does not clash.")
            .arg(name, lines.isEmpty() ? QStringLiteral("(the audit trail has no details)")
                                       : lines.join(QStringLiteral(" · ")));
    return StaleRecordError(message, type.table, current, expected);
}

SaveResult Database::save(const QString& table, const Row& row, SaveMode mode) {
    return save(recordTypeOf(table), row, mode);
}

bool Database::remove(const QString& table, const QString& id, qint64 expectedVersion) {
    return remove(recordTypeOf(table), id, expectedVersion);
}

SaveResult Database::save(const RecordType& type, const Row& input, SaveMode mode) {
    SaveResult result;
    write([&] {
        Row row = type.normalised(input);
        text::checkRecord(type.table, row); // no control characters, no megabyte fields
        const QString id = row.value(QStringLiteral("id")).toString();
        if (id.isEmpty())
            throw ValidationError(QStringLiteral("id"), QStringLiteral("The %1 record has no id, so it cannot be "
                                                                       "saved.").arg(type.entity.toLower()));
        const QVariant expected = row.take(kRowVersion);
        // A record saved as new is not sought first (every row an import adds, every record of a
        // seed): the insert's primary key refuses an id that is there, and only then is it sought,
        // to say so (below).
        const auto current = mode == SaveMode::New ? std::optional<Row>() : fetchRecord(type.table, id);
        if (!current && mode == SaveMode::Existing)
            throw ValidationError(QString(), QStringLiteral("This record no longer exists: someone may have deleted "
                                                            "it. Close the form and look it up again."));
        if (current && !expected.isNull() && expected.toLongLong() > 0 &&
            expected.toLongLong() != current->value(kRowVersion).toLongLong()) {
            // A stale save that would write nothing overwrites nothing: it is simply unchanged.
            bool writes = false;
            for (auto it = row.begin(); it != row.end() && !writes; ++it) {
                const FieldSpec* f = type.field(it.key());
                writes = (!f || f->written) && !sameValue(current->value(it.key()), it.value());
            }
            if (writes) throw staleError(type, *current, expected.toLongLong());
            result.version = current->value(kRowVersion).toLongLong();
            return;
        }

        // The whole record as it would be stored, for the rules: the row over what is stored, or
        // over the table's defaults and the new record's stamps.
        Row base = current ? *current : columnDefaults(type.table);
        const QString now = current ? QString() : nowStamp(); // formatted once: it showed in import profiles
        if (!current && type.hasStamps()) {
            base.insert(QStringLiteral("created_at"), now);
            base.insert(QStringLiteral("updated_at"), now);
        }
        Row whole = Row::merged(base, row);
        whole.remove(kRowVersion);
        AuditContext ctx;
        {
            const ReadMemoScope reads(this); // the rules, owner and label often read the same rows
            Issues issues;
            type.check(*this, whole, issues);
            issues.throwIfAny();
            // An insert's audit row keeps no label (V016): AuditTrail names it from the record.
            ctx = {type.ownerOf(*this, whole), current ? type.labelOf(*this, whole) : QString()};
        }
        if (!current) {
            const int changesBefore = m_db->getTotalChanges();
            try {
                insertRecord(type, whole, ctx); // stores the values that are not null
            } catch (const DatabaseError&) {
                // Refused before anything was written (not the audit row after the record): the id
                // may be there already.
                if (mode == SaveMode::New && m_db->getTotalChanges() == changesBefore && fetchRecord(type.table, id))
                    throw ValidationError(QStringLiteral("id"), QStringLiteral("A %1 record with id %2 already exists.")
                                                                    .arg(type.entity.toLower(), id));
                throw;
            }
            result.added = result.changed = true;
            result.version = 1;
            result.m_inserted = std::move(whole);
            result.m_table = type.table;
            result.m_id = id;
            result.m_who = m_actor;
            result.m_at = now;
            if (m_observer) m_observer(type, id, QStringLiteral("insert"), result.changes());
            return;
        }
        result.version = current->value(kRowVersion).toLongLong();
        result.changed = updateRecord(type, *current, row, ctx, result);
        if (result.changed && m_observer) m_observer(type, id, QStringLiteral("update"), result.m_updated);
    });
    return result;
}

QList<FieldChange> SaveResult::changes() const {
    if (!added) return m_updated;
    QList<FieldChange> out;
    out.reserve(m_inserted.size());
    for (auto it = m_inserted.begin(); it != m_inserted.end(); ++it)
        if (!it.value().isNull()) out.append({m_table, m_id, it.key(), QVariant(), it.value(), 1, m_who, m_at});
    return out;
}

std::unique_ptr<SQLite::Statement> Database::PreparedWrites::prepare(Database& db, const QString& sql) {
    ++db.m_writeOpen;
    try {
        auto st = std::make_unique<SQLite::Statement>(*db.m_db, sql.toStdString());
        --db.m_writeOpen;
        return st;
    } catch (const SQLite::Exception& e) {
        --db.m_writeOpen;
        throw DatabaseError(explain(e.getErrorCode(), utf8(e.what())));
    }
}

int Database::PreparedWrites::run(Database& db, SQLite::Statement& st,
                                  const std::function<void(SQLite::Statement&, BoundTexts&)>& bind) {
    t_memo.forget(&db);
    // Texts the statement reads in place until it has run. A write within a write (none today:
    // the binding and the step are never apart) would have buffers of its own.
    thread_local std::deque<BoundTexts> pool;
    thread_local std::size_t depth = 0;
    if (pool.size() == depth) pool.emplace_back();
    BoundTexts& texts = pool[depth];
    texts.restart();
    ++depth;
    ++db.m_writeOpen;
    // Afterwards no parameter is left pointing at a buffer that the next write changes.
    const auto done = qScopeGuard([&] {
        try {
            st.clearBindings(); // sqlite3_clear_bindings, which always succeeds
        } catch (const SQLite::Exception&) {
        }
        --depth;
        --db.m_writeOpen;
    });
    try {
        st.tryReset(); // as in cached(): a failed exec last time must not fail this one
        bind(st, texts);
        const int n = st.exec();
        st.reset();
        return n;
    } catch (const SQLite::Exception& e) {
        throw DatabaseError(explain(e.getErrorCode(), utf8(e.what())));
    }
}

void Database::insertRecord(const RecordType& type, const Row& row, const AuditContext& ctx) {
    PreparedWrites& prepared = PreparedWrites::of(*this);
    if (prepared.bulkCacheKiB > 0 && ++prepared.insertsSinceCacheLook >= kBulkCacheCheckEvery)
        PreparedWrites::growBulkCache(*this, false);
    PreparedWrites::Table& table = prepared.tables[type.table];
    if (table.columns.empty()) {
        for (const Row& r : query(QStringLiteral("SELECT name FROM pragma_table_info(?)"), {type.table}))
            table.columns.push_back(r.value("name").toString());
        std::sort(table.columns.begin(), table.columns.end()); // QString's order, which a Row keeps
    }
    // The columns that are not null, in the row's (sorted) order: each is found by walking the
    // table's sorted columns alongside.
    std::vector<const QVariant*> values;
    values.reserve(std::size_t(row.size()));
    std::vector<quint64> mask((table.columns.size() + 63) / 64 + 1, 0);
    std::size_t c = 0;
    bool known = true;
    for (auto it = row.begin(); it != row.end() && known; ++it) {
        if (it.value().isNull()) continue;
        while (c < table.columns.size() && table.columns[c] < it.key()) ++c;
        known = c < table.columns.size() && table.columns[c] == it.key() && it.key() != kRowVersion;
        if (!known) break;
        mask[c / 64] |= quint64(1) << (c % 64);
        values.push_back(&it.value());
    }
    if (!known) // a field description naming a column its table lacks: a mistake in Casebook, not the data
        throw DatabaseError(QStringLiteral("The %1 record could not be saved: the table has no column for one of its "
                                           "fields. Report this to the Casebook team.").arg(type.entity.toLower()));
    auto st = table.inserts.find(mask);
    if (st == table.inserts.end()) {
        QString sql = QStringLiteral("INSERT INTO ") + type.table + QLatin1Char('(');
        for (std::size_t i = 0; i < table.columns.size(); ++i)
            if (mask[i / 64] & (quint64(1) << (i % 64))) sql += table.columns[i] + QLatin1Char(',');
        sql += kRowVersion + QStringLiteral(") VALUES (") + QStringLiteral("?,").repeated(values.size()) +
               QStringLiteral("1)");
        st = table.inserts.emplace(mask, PreparedWrites::prepare(*this, sql)).first;
    }
    PreparedWrites::run(*this, *st->second, [&](SQLite::Statement& s, BoundTexts& texts) {
        for (std::size_t i = 0; i < values.size(); ++i) bindValue(s, int(i) + 1, *values[i], &texts);
    });
    // An insert's audit row stores no values (V007): the record holds them.
    writeAudit(type.table, row.value(QStringLiteral("id")).toString(), QStringLiteral("insert"), {}, {}, ctx);
}

bool Database::updateRecord(const RecordType& type, const Row& current, const Row& row, const AuditContext& ctx,
                            SaveResult& result) {
    const QString id = current.value(QStringLiteral("id")).toString();
    Row before, after;
    QStringList sets;
    QVariantList values;
    for (auto it = row.begin(); it != row.end(); ++it) {
        if (it.key() == QLatin1String("id")) continue;
        const FieldSpec* f = type.field(it.key());
        if (f && !f->written) continue; // created_at / updated_at are the write path's
        const QVariant was = current.value(it.key());
        if (sameValue(was, it.value())) continue;
        sets << QStringLiteral("%1 = ?").arg(it.key());
        values << it.value();
        before.insert(it.key(), was);
        after.insert(it.key(), it.value());
    }
    if (sets.isEmpty()) return false;
    const QString now = nowStamp();
    if (type.hasStamps()) {
        sets << QStringLiteral("updated_at = ?");
        values << now;
    }
    sets << QStringLiteral("%1 = %1 + 1").arg(kRowVersion);
    values << id;
    writeExec(QStringLiteral("UPDATE %1 SET %2 WHERE id = ?").arg(type.table, sets.join(',')), values);
    writeAudit(type.table, id, QStringLiteral("update"), before, after, ctx);
    result.version = current.value(kRowVersion).toLongLong() + 1;
    for (auto it = after.begin(); it != after.end(); ++it)
        result.m_updated.append({type.table, id, it.key(), before.value(it.key()), it.value(), result.version,
                                 m_actor, now});
    return true;
}

bool Database::remove(const RecordType& type, const QString& id, qint64 expectedVersion) {
    bool removed = false;
    write([&] {
        const auto current = fetchRecord(type.table, id);
        if (!current) return;
        if (expectedVersion > 0 && expectedVersion != current->value(kRowVersion).toLongLong())
            throw staleError(type, *current, expectedVersion);
        deleteRecord(type.table, *current, {type.ownerOf(*this, *current), type.labelOf(*this, *current)});
        removed = true;
        if (m_observer) {
            QList<FieldChange> gone;
            for (auto it = current->begin(); it != current->end(); ++it)
                if (it.key() != kRowVersion)
                    gone.append({type.table, id, it.key(), it.value(), QVariant(), 0, m_actor, nowStamp()});
            m_observer(type, id, QStringLiteral("delete"), gone);
        }
    });
    return removed;
}

void Database::putBackSetAside() {
    if (m_setAside.isEmpty()) return;
    // Those not there already: one put back for an earlier delete goes again if that delete's
    // savepoint is rolled back (an import's refused row), so the list is kept to the end.
    QSet<QString> present;
    for (const Row& r : query(QStringLiteral("SELECT name FROM sqlite_schema WHERE type = 'index'")))
        present.insert(r.value("name").toString());
    for (const Row& i : m_setAside)
        if (!present.contains(i.value("name").toString())) execScript(i.value("sql").toString());
}

void Database::deleteRecord(const QString& table, const Row& current, const AuditContext& ctx) {
    // SQLite finds the rows that refer to this one (to refuse or cascade the delete) through the
    // indexes on their references: without them it would read every row of those tables.
    putBackSetAside();
    Row stored;
    for (auto it = current.begin(); it != current.end(); ++it)
        if (!it.value().isNull() && it.key() != kRowVersion) stored.insert(it.key(), it.value());
    const QString id = current.value(QStringLiteral("id")).toString();
    writeExec(QStringLiteral("DELETE FROM %1 WHERE id = ?").arg(table), {id});
    writeAudit(table, id, QStringLiteral("delete"), stored, {}, ctx);
}

void Database::backupTo(const QString& file) {
    const QString target = QFileInfo(file).absoluteFilePath();
    // A destination that cannot be used is refused as an export's would be (casebook-cli exit 1,
    // nothing changed); a backup that fails while it is made is a database error.
    if (files::sameFile(target, m_path))
        throw Error(QStringLiteral("Choose a different file for the backup: it cannot overwrite the open database."));
    for (const char* suffix : {"-wal", "-shm", "-journal"})
        if (files::sameFile(target, m_path + QLatin1String(suffix)))
            throw Error(QStringLiteral("Choose a different file for the backup: %1 belongs to the open database.")
                            .arg(displayName(target)));
    if (QFileInfo(target).isDir())
        throw Error(QStringLiteral("%1 is a folder: choose a file name for the backup.").arg(displayName(target)));
    if (const QString why = files::whyNotOrdinaryTarget(target); !why.isEmpty()) throw Error(why);
    if (!QFileInfo(QFileInfo(target).absolutePath()).isDir())
        throw Error(QStringLiteral("The backup could not be written to %1: the folder does not exist.")
                        .arg(displayName(target)));
    // Copy the pages with SQLite's online backup API into a temporary file, a few at a time, then
    // write that file to the target with QSaveFile: the old backup stays until the new one is
    // complete and renamed over it. Memory stays at a page cache's worth (the image was once held
    // in memory: about 200 MiB for a backup at 50,000 contractors). The temporary copy is in the
    // system's temporary folder, removed at the end; only a crash part way leaves it there. Beside
    // the target, QSaveFile's file has no name until it is complete (Linux); a crash in the moment
    // it is renamed over an earlier backup leaves that finished copy as NAME.XXXXXX.
    QTemporaryDir work;
    if (!work.isValid())
        throw DatabaseError(QStringLiteral("The backup to %1 failed: no temporary folder could be made (%2). Check there "
                                           "is space on the drive.").arg(displayName(target), work.errorString()));
    const QString copy = work.filePath(QStringLiteral("backup.db"));
    try {
        copyDatabaseFile(*m_db, copy);
    } catch (const SQLite::Exception& e) {
        throw DatabaseError(QStringLiteral("The backup to %1 failed: %2")
                                .arg(displayName(target), explain(e.getErrorCode(), utf8(e.what()))));
    }
    QFile in(copy);
    if (!in.open(QIODevice::ReadOnly))
        throw DatabaseError(QStringLiteral("The backup to %1 failed: its temporary copy could not be read (%2).")
                                .arg(displayName(target), in.errorString()));
    const files::Protected writing(target); // no export may target it meanwhile
    QSaveFile out(target);
    out.setDirectWriteFallback(false);
    if (!out.open(QIODevice::WriteOnly))
        throw DatabaseError(QStringLiteral("The backup could not be written to %1 (%2): check the folder exists and "
                                           "you may write there.").arg(displayName(target), out.errorString()));
    QByteArray chunk;
    while (!in.atEnd()) {
        chunk = in.read(qint64(1) << 20);
        if (chunk.isEmpty() || out.write(chunk) != chunk.size()) {
            const QString why = chunk.isEmpty() ? in.errorString() : out.errorString();
            out.cancelWriting();
            throw DatabaseError(QStringLiteral("The backup could not be written to %1 (%2). Any earlier backup there is "
                                               "unchanged; check there is space on the drive.")
                                    .arg(displayName(target), why));
        }
    }
    if (!out.commit())
        throw DatabaseError(QStringLiteral("The backup could not replace %1 (%2): check it is not open elsewhere and "
                                           "that you may write there. Any earlier backup there is unchanged.")
                                .arg(displayName(target), out.errorString()));
}

} // namespace cb
