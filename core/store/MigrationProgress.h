#pragma once

#include <QString>
#include <functional>

namespace cb {

// Upgrading a file saved by an older version of Casebook runs every pending migration step in the
// one transaction that opens it (all or nothing: stopped half-way, the file stays as it was). At
// national scale a step can take a minute or more, so whoever opens a file may want to say so.

// Told before each step of an upgrade (never for a new file): step (1-based) of steps, and its name.
using MigrationProgress = std::function<void(int step, int steps, const QString& name)>;

// While one is alive, every Database opened for writing on this thread reports its migration steps
// to `progress`. Scopes nest; the innermost one is told.
class MigrationProgressScope {
public:
    explicit MigrationProgressScope(MigrationProgress progress);
    ~MigrationProgressScope();
    MigrationProgressScope(const MigrationProgressScope&) = delete;
    MigrationProgressScope& operator=(const MigrationProgressScope&) = delete;

private:
    MigrationProgress m_previous;
};

// How many migration steps opening path for writing would run, from the file's header alone (no
// connection is made; a WAL beside the file may already hold some of them): 0 for a current, new,
// missing or foreign file. Lets a caller say "updating your register" before a long open.
int pendingMigrations(const QString& path);

} // namespace cb
