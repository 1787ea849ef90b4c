#include "store/DatabaseCopy.h"

#include <QThread>
#include <SQLiteCpp/Backup.h>
#include <SQLiteCpp/Database.h>
#include <sqlite3.h>

namespace cb {

void copyDatabaseFile(SQLite::Database& source, const QString& file) {
    {
        SQLite::Database dest(file.toStdString(), SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
        dest.exec("PRAGMA synchronous = OFF"); // a new file: the caller makes it durable where it ends up
        SQLite::Backup backup(dest, source);
        for (int waits = 0;;) {
            const int rc = backup.executeStep(1024);
            if (rc == SQLITE_DONE) break;
            if (rc == SQLITE_BUSY || rc == SQLITE_LOCKED) { // another program writing: wait a moment
                if (++waits > 200) throw SQLite::Exception("the database stayed busy for 10 seconds", rc);
                QThread::msleep(50);
            }
        }
    }
    // The copy carries the source's header, WAL mode included: set it back, so it travels alone.
    SQLite::Database copy(file.toStdString(), SQLite::OPEN_READWRITE);
    copy.exec("PRAGMA journal_mode = DELETE");
}

} // namespace cb
