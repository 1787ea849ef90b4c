#pragma once

#include "common/Clock.h"
#include "common/Errors.h"
#include "store/Row.h"

#include <QString>
#include <QVariant>
#include <QVariantList>
#include <QVariantMap>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <unordered_map>

namespace SQLite {
class Database;
class Statement;
} // namespace SQLite

namespace cb {

class RecordType;
template <class T> class RecordModel;


// What an audit row records about a change: the owning contractor (so a practice file can show its
// whole history) and a short human label for the record ("Contract GMS-0001").
struct AuditContext {
    QString contractorId;
    QString label;
};

// One field of one record changed by a save: the unit the audit trail shows, a stale-save message
// names and a merge works on (store/RecordMerge.h).
struct FieldChange {
    QString table;
    QString recordId;
    QString column;
    QVariant before; // null when the record is new or the field was empty
    QVariant after;  // null when the record was deleted or the field cleared
    qint64 version = 0; // the record's row_version after the change
    QString who;
    QString at; // UTC ISO-8601
};

// What one save did.
struct SaveResult {
    bool added = false;   // a new record
    bool changed = false; // something was written (always true when added)
    qint64 version = 0;   // the record's row_version now
    // What changed, field by field: an update's changed fields, or every value a new record
    // stored. A new record's list is made only when asked for: an import of thousands of records
    // never asks, and making it was 3 % of an ODS import.
    QList<FieldChange> changes() const;

private:
    friend class Database;
    QList<FieldChange> m_updated; // an update's changes, made as it is written
    Row m_inserted;               // a new record as stored, with the rest of its changes below
    QString m_table, m_id, m_who, m_at;
};

// A save from a form opened at an older version of the record: someone else saved it since.
// Nothing was written. message() says who changed what since; current() is the record as stored.
class StaleRecordError : public ValidationError {
public:
    StaleRecordError(const QString& message, QString table, Row current, qint64 expected)
        : ValidationError(QString(), message), m_table(std::move(table)), m_current(std::move(current)),
          m_expected(expected) {}
    const QString& table() const { return m_table; }
    const Row& current() const { return m_current; }
    qint64 expectedVersion() const { return m_expected; }
    qint64 currentVersion() const;

private:
    QString m_table;
    Row m_current;
    qint64 m_expected;
};

// The one owner of the SQLite connection. Opens or creates a Casebook file, refuses files that are
// not Casebook's, newer, read-only when writing is needed, or corrupt; migrates older files.
// Every change of a user record goes through save()/remove(): they normalise, validate against the
// record type (store/RecordType.h), check the expected row version and write the audit row, in one
// transaction. A raw INSERT/UPDATE/DELETE on a record table through this connection is refused by
// SQLite itself (an authorizer), in release builds too.
class Database {
public:
    enum class Access { ReadWrite, ReadOnly };

    static constexpr int kApplicationId = 0x43534245; // "CSBE" in the SQLite header
    static int schemaVersion();                        // the version this build writes

    // Opens path (":memory:" for a private in-memory database). Throws OpenError. This is the whole
    // open (the benchmark times it): only cheap checks run here (the file header, the application
    // id and schema version through the real connection, which honours the WAL). The full
    // quick_check runs later, off the UI thread (quickCheck in IntegrityCheck.h), so a crash or a
    // full disk recovered by SQLite is never mistaken for damage.
    explicit Database(const QString& path, Access access = Access::ReadWrite);

    // A second, read-only connection to the same file for a worker thread (counts, background
    // checks): it sees every commit (it honours the WAL), never writes, and skips the open checks
    // `main` already made. Call it on main's thread; the reader may then be used on another one
    // (one thread at a time). Throws OpenError. Not for ":memory:" databases.
    static std::unique_ptr<Database> openReader(const Database& main);

    // The fields of a SQLite file header, read straight from the file's bytes (no SQLite
    // connection, so nothing is created beside a file that may be refused). The main file's header
    // may lag behind a WAL beside it; only a connection sees the committed state.
    struct FileHeader {
        enum class Kind { Missing, Empty, Sqlite, Other, Unreadable } kind = Kind::Missing;
        qint64 applicationId = 0;
        qint64 userVersion = 0;
        bool walMode = false;
    };
    static FileHeader readFileHeader(const QString& path);
    ~Database();
    Database(const Database&) = delete;
    Database& operator=(const Database&) = delete;

    // Where the GUI and the CLI keep their database unless told otherwise.
    static QString defaultPath();

    QString path() const { return m_path; }
    bool isReadOnly() const { return m_access == Access::ReadOnly; }
    int fileSchemaVersion() const;

    // Who is making changes (the OS user by default) and what "now" is.
    void setActor(const QString& actor) { m_actor = actor; }
    QString source() const { return m_source; } // what SourceScope says is writing ("import x.csv"), or ""
    QString actor() const { return m_actor; }
    void setClock(const Clock* clock) { m_clock = clock ? clock : &Clock::system(); }
    const Clock& clock() const { return *m_clock; }
    QString nowStamp() const; // UTC ISO-8601, for audit and created/updated columns

    // Runs fn inside one short transaction (BEGIN IMMEDIATE ... COMMIT), rolling back if fn
    // throws. Nested calls join the outer transaction.
    void write(const std::function<void()>& fn);
    bool inTransaction() const { return m_depth > 0; }

    // write() for work that changes thousands of rows at once (seeding, imports): the same
    // transaction, audit and validation, but the full-text indexes are rebuilt once at the end
    // instead of row by row, and the page cache is larger while it runs. Nested inside another
    // write() it is a plain write(), because only the outermost transaction is sure to roll back
    // (and so restore the search triggers) if fn throws.
    // A bulk write that built most of a register (it at least doubled the audit trail) leaves its
    // indexes with some slack, as inserts in random id order do, and gathers the planner's
    // statistics. `after` says whether it then compacts the file (compact()): the seed does, for
    // the smallest file; an import does not, because a caseworker waits for it, and compacting took
    // about 8 % of a 50,000-contractor JSON import's time to save 3 % of its file (File > Compact
    // database does it when she chooses).
    enum class AfterBulkWrite { Compact, LeaveSlack };
    void bulkWrite(const std::function<void()>& fn, AfterBulkWrite after = AfterBulkWrite::Compact);

    // While alive, audit rows written record this source (e.g. "import epraccur.csv").
    class SourceScope {
    public:
        SourceScope(Database& db, const QString& source) : m_db(db), m_old(db.m_source) { db.m_source = source; }
        ~SourceScope() { m_db.m_source = m_old; }

    private:
        Database& m_db;
        QString m_old;
    };

    // The write path. `row` keys are column names and must include "id"; only the columns given
    // change (the rest of a stored record stays). With "row_version" in the row, the save is refused
    // (StaleRecordError) unless the record is still at that version. Throws ValidationError with
    // field-level messages; nothing is written then. Runs in its own transaction, or joins write().
    enum class SaveMode { NewOrExisting, New, Existing };
    SaveResult save(const RecordType& type, const Row& row, SaveMode mode = SaveMode::NewOrExisting);
    SaveResult save(const QString& table, const Row& row, SaveMode mode = SaveMode::NewOrExisting);
    // Deletes a record (audited). expectedVersion > 0 refuses a stale delete. False if it was gone.
    bool remove(const RecordType& type, const QString& id, qint64 expectedVersion = 0);
    bool remove(const QString& table, const QString& id, qint64 expectedVersion = 0);
    std::optional<Row> fetchRecord(const QString& table, const QString& id);

    // Told of every record a save() or remove() changed, inside its transaction (before COMMIT), so
    // what it writes commits or rolls back with the change: the team exchange records its change
    // log this way (team/ChangeCapture.h). op is "insert", "update" or "delete"; a delete's changes
    // carry the stored values as `before`. An exception from it rolls the save back.
    using ChangeObserver =
        std::function<void(const RecordType& type, const QString& id, const QString& op, const QList<FieldChange>&)>;
    void setChangeObserver(ChangeObserver observer) { m_observer = std::move(observer); }

    // Plain queries with positional (?) parameters. Values convert QDate to ISO text.
    QList<Row> query(const QString& sql, const QVariantList& params = {});
    // The same rows handed to fn one at a time, never all held at once (an export of half a million
    // rows). The statement is its own, so fn may run other queries meanwhile.
    void each(const QString& sql, const QVariantList& params, const std::function<void(const Row&)>& fn);
    std::optional<Row> queryOne(const QString& sql, const QVariantList& params = {});
    QVariant scalar(const QString& sql, const QVariantList& params = {});
    int exec(const QString& sql, const QVariantList& params = {}); // returns rows changed
    void execScript(const QString& sql);                           // several statements, no params

    // Copy the whole database to file with SQLite's online backup API (atomic: a temporary file
    // renamed into place). Throws DatabaseError.
    void backupTo(const QString& file);

    // Rewrites the file without the free space inside it (SQLite's VACUUM): pages that deletions
    // emptied and the slack a bulk write leaves in its indexes. No record, audit row or setting
    // changes. It needs free disk space of about the file's size (and as much again for the
    // journal) and takes about a second per 100 MiB. Throws DatabaseError (read-only, busy, disk
    // full, inside a write) with nothing changed. bulkWrite() does it itself after building most of
    // a register at once.
    struct Compaction {
        qint64 before = 0; // the file's size in bytes
        qint64 after = 0;
    };
    Compaction compact();

    SQLite::Database& sqlite() { return *m_db; }

    // Turns any SQLite failure into a message a caseworker can act on.
    static QString explain(int sqliteCode, const QString& detail);

    static QString newId(); // a new UUID (lowercase, no braces) for a user record

    // While alive, newId() on this thread takes its ids from `next`: the demo seeder uses it so the
    // same seed gives the same ids, even for records created through the services.
    class IdSourceScope {
    public:
        explicit IdSourceScope(std::function<QString()> next);
        ~IdSourceScope();
        IdSourceScope(const IdSourceScope&) = delete;
        IdSourceScope& operator=(const IdSourceScope&) = delete;

    private:
        std::function<QString()> m_previous;
    };

private:
    struct ReaderTag {};
    Database(const Database& main, ReaderTag);
    void insertRecord(const RecordType& type, const Row& row, const AuditContext& ctx);
    bool updateRecord(const RecordType& type, const Row& current, const Row& row, const AuditContext& ctx,
                      SaveResult& result);
    void deleteRecord(const QString& table, const Row& current, const AuditContext& ctx);
    void putBackSetAside(); // builds again, now, the indexes a bulk write set aside that are not there
    StaleRecordError staleError(const RecordType& type, const Row& current, qint64 expected);
    Row columnDefaults(const QString& table);
    int writeExec(const QString& sql, const QVariantList& params); // only inside the write path
    void installWriteGuard();
    static int authorize(void* self, int action, const char* a, const char* b, const char* db, const char* trigger);
    void configure();
    void verifyThroughConnection(const QString& name);
    void migrate();
    void writeAudit(const QString& table, const QString& id, const QString& action, const Row& oldValues,
                    const Row& newValues, const AuditContext& ctx);
    qint64 auditNameId(const QString& name); // audit_name id of a user, table or source (V007)
    qint64 auditPracticeNumber(const QString& contractorId); // audit_practice number of a practice file (V017)
    void forgetAuditIds(); // after a rollback: ids learnt since may have gone with it
    SQLite::Statement& cached(const QString& sql);
    void dropStatements();

    QString m_path;
    Access m_access;
    std::unique_ptr<SQLite::Database> m_db;
    std::unordered_map<QString, std::unique_ptr<SQLite::Statement>> m_statements; // hashed: SQL texts are long
    // Statements of the write path, apart: prepared while the guard lets them through, they must
    // never be handed to exec() by someone else.
    std::unordered_map<QString, std::unique_ptr<SQLite::Statement>> m_writeStatements;
    // The record inserts and the audit row's insert, prepared once and found without building or
    // hashing their text (Database.cpp).
    struct PreparedWrites;
    std::unique_ptr<PreparedWrites> m_prepared;
    std::unordered_map<QString, Row> m_defaults;
    ChangeObserver m_observer;
    int m_writeOpen = 0; // > 0 while save()/remove() write their statements
    QString m_actor;
    QString m_source;
    std::unordered_map<QString, qint64> m_auditNames;     // audit_name ids, forgotten on rollback
    std::unordered_map<QString, qint64> m_auditPractices; // audit_practice numbers, forgotten on rollback
    const Clock* m_clock = &Clock::system();
    mutable qint64 m_stampSecond = 0; // nowStamp()'s last second and its text
    mutable QString m_stamp;
    int m_depth = 0;
    // The indexes (name, sql) a bulk write sets aside until its end (bulkWrite, putBackSetAside).
    QList<Row> m_setAside;
    bool m_wrote = false;
    bool m_immutable = false; // a read-only shared copy with no WAL beside it
};

// Binds positional parameters and reads rows; shared by Database and feature code that keeps its
// own prepared statements for bulk work.
void bindAll(SQLite::Statement& st, const QVariantList& params);
Row readRow(SQLite::Statement& st);

} // namespace cb
