#pragma once

#include "common/Errors.h"

#include <QByteArray>
#include <QString>

// Guards for the files Casebook reads and writes: nothing ever writes over a database (the open
// one, its -wal/-shm/-journal, or a backup being written), and nothing reads from a device, a pipe
// or a file too large to be what it claims.
namespace cb::files {

// Largest file an importer reads (NHS extracts are a few megabytes; a full JSON export of a large
// register is well under this).
constexpr qint64 kMaxImportBytes = 256LL * 1024 * 1024;

// True when a and b name the same file: same device and inode when both exist (so links and
// symlinks are caught), else the same absolute path (case-insensitively on Windows).
bool sameFile(const QString& a, const QString& b);

// The identity of the file at path now (device and inode, or the canonical path where those are
// not available); empty when there is no file there.
QByteArray identity(const QString& path);

// While alive, path (and its -wal, -shm and -journal) may not be the target of any export or
// backup in this process. Used for the open database and for a backup being written.
class Protected {
public:
    explicit Protected(const QString& path);
    ~Protected();
    Protected(const Protected&) = delete;
    Protected& operator=(const Protected&) = delete;

private:
    QString m_path;
};

// True when path names an ordinary file (after following links): not a folder, a device, a pipe or
// a socket. Opening a pipe waits for a writer that may never come, and a device reads forever.
bool isOrdinaryFile(const QString& path);

// Why target, when something other than an ordinary file or a folder is there (a device, a pipe, a
// socket), may not be written, or an empty string. Saving "over" one would replace it (a device in
// /dev, for an administrator) and report success while nothing reached the place meant.
QString whyNotOrdinaryTarget(const QString& target);

// Why target must not be written (it is a database, a database's journal, or protected above, or a
// device, pipe or socket), or an empty string when it may be. Worded for a caseworker.
QString whyNotWritable(const QString& target);
// Throws Error with that reason.
void checkWritable(const QString& target);

// Why path cannot be read as an import file (missing, a folder, a device or pipe, too large), or
// an empty string.
QString whyNotReadable(const QString& path, qint64 maxBytes = kMaxImportBytes);
// Reads a regular file of at most maxBytes; throws Error with the reason otherwise.
QByteArray readRegularFile(const QString& path, qint64 maxBytes = kMaxImportBytes);

} // namespace cb::files
