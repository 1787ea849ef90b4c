#pragma once

#include "team/TeamTransport.h"

#include <QList>
#include <QString>
#include <QStringList>
#include <memory>

namespace cb {
class Database;
}

// A team of replicas exchanging change packages through a team folder (docs/exchange.md).
namespace cb::team {

struct SyncReport {
    int changesIn = 0;   // changes applied from colleagues
    int changesOut = 0;  // own changes written to the folder
    int packagesIn = 0;
    int newConflicts = 0;
    int openConflicts = 0;
    QStringList problems; // in words: damaged, missing or foreign packages (nothing of them applied)
    QString summary(const QString& time) const; // "Synced 10:42 — 3 changes in, 1 out — 1 conflict"
};

struct Conflict {
    QString id, kind, table, record, field, fieldLabel, recordLabel, detail;
    QString mineValue, mineWho, mineAt, mineReplica;
    QString theirsValue, theirsWho, theirsAt, theirsReplica;
    bool resolved = false;
};

struct ReplicaInfo {
    QString replicaId, name, teamId, folder;
};

bool isMember(Database& db);
ReplicaInfo replicaInfo(Database& db); // throws Error when db is not in a team

// Makes db the first member of a new team folder and writes its snapshot. name: how colleagues see
// this replica ("Alice's laptop"); empty gives "<user> on <machine>".
ReplicaInfo initTeam(Database& db, const QString& folder, const QString& name = {});
// Creates a new database at dbPath from the folder's snapshot, then syncs it.
SyncReport joinTeam(const QString& folder, const QString& dbPath, const QString& name = {});
// Writes db's new changes as one package, then applies every colleague's packages in order.
SyncReport sync(Database& db);
SyncReport sync(Database& db, TeamTransport& transport);

QList<Conflict> conflicts(Database& db, bool includeResolved = false);
// Decides a conflict: keepMine keeps this replica's value (or its deletion), else the colleague's.
// The choice is saved as a normal change, so it syncs and closes the conflict everywhere.
void resolveConflict(Database& db, const QString& id, bool keepMine);

} // namespace cb::team
