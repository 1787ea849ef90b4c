#pragma once

#include "common/Errors.h"

#include <QStringList>
#include <QJsonValue>
#include <QTextStream>
#include <functional>
#include <memory>
#include <vector>

namespace cb {
class Database;
}

namespace cb::cli {

// Exit statuses of casebook-cli.
enum Exit { Done = 0, Rejected = 1, Usage = 2, DatabaseFailure = 3 };

// Runs one casebook-cli command (arguments without the program name). Writes results to out and
// reasons to err; returns an Exit status.
int run(const QStringList& args, QTextStream& out, QTextStream& err);

// Wrong words on the command line: exit 2 with the message and the command's usage.
class UsageError : public Error {
public:
    using Error::Error;
};

// The words after the command name: options (--name value / --flag) and positionals.
class Args {
public:
    explicit Args(QStringList words) : m_words(std::move(words)) {}
    // Removes and returns the value of --name (or fallback if absent). Throws UsageError when the
    // value is missing or not one of allowed (if given).
    QString option(const QString& name, const QString& fallback = {}, const QStringList& allowed = {});
    bool flag(const QString& name);        // removes --name if present
    int intOption(const QString& name, int fallback, int min, int max);
    // After options are taken: the positionals, refusing any unknown --option left over.
    QStringList positionals(int min, int max);
    QString peekSubcommand() const; // the first word if it is not an option, left in place
    // Removes and returns the first word if it is not an option (a subcommand such as "report concerns").
    QString takeSubcommand();

private:
    QStringList m_words;
};

struct Context {
    QString dbPath; // --db, or Database::defaultPath()
    QTextStream& out;
    QTextStream& err;
    Args args;
    // The open database may not be the target of an export while it is open (see files::Protected).
    mutable std::vector<std::shared_ptr<void>> guards;

    // Opens an existing Casebook database to change it; OpenError propagates to run(), which
    // reports it with exit 3. A missing or empty file is refused: a mistyped --db never becomes a
    // new database.
    std::unique_ptr<Database> open(bool readOnly = false) const;
    // For commands that only read: opened normally so changes the app has not yet checkpointed
    // are seen, or read-only when the file is read-only (a shared copy). Also needs an existing file.
    std::unique_ptr<Database> openForReading() const;
    // For the commands that may create the database (init, seed).
    std::unique_ptr<Database> openOrCreate() const;
    // Refuses an output file that is the database, its journal, or any other database.
    void checkOutput(const QString& file) const;
};

struct Command {
    QString name;    // first word, e.g. "seed" or "report"
    QString usage;   // one line per form, without "casebook-cli [--db FILE] "
    std::function<int(Context&)> run;
};

// Each feature contributes its commands here (see Cli.cpp for the list).
void addRegisterCommands(QList<Command>& commands);
void addReportCommands(QList<Command>& commands); // "report X": see ReportCommands.h
int rosterReviewReport(Context& ctx); // report roster-review
int rosterExport(Context& ctx);       // export roster
void addExchangeCommands(QList<Command>& commands); // import ..., export ...
void addTeamCommands(QList<Command>& commands);     // team, sync, conflicts

// Shared output helpers.
QString tsvField(const QString& s);                  // tabs and newlines folded to spaces
void writeJson(QTextStream& out, const QJsonValue& value);

} // namespace cb::cli
