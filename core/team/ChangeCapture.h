#pragma once

#include <QString>

namespace cb {
class Database;
}

// The team exchange's change log (docs/exchange.md): once a database belongs to a team, every
// save and removal is logged in exchange_change with its field changes, the field clocks it saw
// and a hybrid logical clock, in the save's own transaction.
namespace cb::team {

// Installs the change log on db if it belongs to a team (called when the database opens, and by
// team init/join). Does nothing otherwise.
void attachChangeCapture(Database& db);

// A hybrid logical clock reading, "0001764498000123-000004", followed by "@replica" to name one
// change: such clocks compare as strings in (time, counter, replica) order on every replica.
QString nextClock(Database& db);      // advances this replica's clock; inside a write()
void observeClock(Database& db, const QString& clock); // moves this replica's clock past a received one

// While alive, saves on this thread are changes arriving from the team, not to be logged again.
class ApplyingScope {
public:
    ApplyingScope();
    ~ApplyingScope();
    ApplyingScope(const ApplyingScope&) = delete;
    ApplyingScope& operator=(const ApplyingScope&) = delete;
};
bool applying();

} // namespace cb::team
