#include "cli/Cli.h"

#include "common/FileSafety.h"
#include "common/TextHygiene.h"
#include "store/Database.h"
#include "store/MigrationProgress.h"

#include <QDir>
#include <QFileInfo>

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace cb::cli {

namespace {

QList<Command> allCommands() {
    QList<Command> commands;
    addRegisterCommands(commands);
    addReportCommands(commands);
    addExchangeCommands(commands);
    addTeamCommands(commands);
    return commands;
}

// One usage line. A command that names its own database ("--db NEW_FILE team join ...") is shown
// as it is typed, not after a second, optional --db that the command would refuse.
void printUsageLines(QTextStream& s, const Command& c) {
    for (const QString& line : c.usage.split('\n'))
        s << (line.startsWith(QLatin1String("--db ")) ? "  casebook-cli " : "  casebook-cli [--db FILE] ") << line << '\n';
}

void printUsage(QTextStream& s, const QList<Command>& commands) {
    s << "Usage:\n";
    for (const Command& c : commands) printUsageLines(s, c);
    s << "\nExit status: 0 done; 1 input rejected (nothing changed); 2 usage; 3 database error.\n";
    s << "Default database: " << Database::defaultPath() << '\n';
}

} // namespace

QString Args::option(const QString& name, const QString& fallback, const QStringList& allowed) {
    for (int i = 0; i < m_words.size(); ++i) {
        QString value;
        if (m_words[i] == name) {
            if (i + 1 >= m_words.size()) throw UsageError(QStringLiteral("%1 needs a value.").arg(name));
            value = m_words[i + 1];
            m_words.remove(i, 2);
        } else if (m_words[i].startsWith(name + QLatin1Char('='))) {
            value = m_words[i].mid(name.size() + 1);
            m_words.remove(i);
        } else {
            continue;
        }
        if (!allowed.isEmpty() && !allowed.contains(value))
            throw UsageError(QStringLiteral("%1 must be one of: %2 (not \"%3\").").arg(name, allowed.join(", "), value));
        return value;
    }
    return fallback;
}

bool Args::flag(const QString& name) { return m_words.removeAll(name) > 0; }

int Args::intOption(const QString& name, int fallback, int min, int max) {
    const QString text = option(name);
    if (text.isEmpty()) return fallback;
    bool ok = false;
    const int v = text.toInt(&ok);
    if (!ok || v < min || v > max)
        throw UsageError(QStringLiteral("%1 must be a whole number from %2 to %3 (not \"%4\").").arg(name).arg(min).arg(max).arg(text));
    return v;
}

QStringList Args::positionals(int min, int max) {
    for (const QString& w : m_words)
        if (w.startsWith(QLatin1String("--"))) throw UsageError(QStringLiteral("Unknown option %1.").arg(w));
    if (m_words.size() < min) throw UsageError(QStringLiteral("Not enough arguments."));
    if (max >= 0 && m_words.size() > max)
        throw UsageError(QStringLiteral("Unexpected argument \"%1\".").arg(m_words.at(max)));
    return m_words;
}

QString Args::peekSubcommand() const {
    if (m_words.isEmpty() || m_words.first().startsWith(QLatin1String("--"))) return {};
    return m_words.first();
}

QString Args::takeSubcommand() {
    if (m_words.isEmpty() || m_words.first().startsWith(QLatin1String("--"))) return {};
    return m_words.takeFirst();
}

namespace {
// Reading and changing need a Casebook database that exists: a typing mistake in --db must not
// quietly create folders and an empty database (and then report that it holds nothing).
void requireExisting(const QString& path) {
    if (path == QLatin1String(":memory:")) return;
    const QFileInfo info(path);
    const QString name = QDir::toNativeSeparators(path);
    if (!info.exists()) {
        // A folder on the way that this user may not open hides the file: say that, not "run init".
        QFileInfo dir(info.absolutePath());
        for (int up = 0; up < 64; ++up, dir = QFileInfo(dir.absolutePath())) {
            if (dir.exists()) {
                if (!dir.isExecutable() || !dir.isReadable())
                    throw OpenError(OpenError::Kind::Io,
                                    QStringLiteral("%1 cannot be reached: you do not have permission to open the folder "
                                                   "%2. Ask whoever manages that folder for access, or use a copy of "
                                                   "the database in a folder you can open.")
                                        .arg(name, QDir::toNativeSeparators(dir.absoluteFilePath())));
                break;
            }
            if (dir.isRoot()) break;
        }
        throw OpenError(OpenError::Kind::Missing,
                        QStringLiteral("%1 does not exist. Check the file name; to start a new database there, run "
                                       "casebook-cli --db %1 init.").arg(name));
    }
    if (info.isFile() && info.size() == 0)
        throw OpenError(OpenError::Kind::NotCasebook,
                        QStringLiteral("%1 is empty, not a Casebook database. Check the file name; to make it a new "
                                       "database, run casebook-cli --db %1 init.").arg(name));
}

// Updating a file from an older version can take minutes at national scale: a line on the error
// stream (the output stream is the command's answer) before the first step, then one per step.
MigrationProgressScope announceMigration(const QString& path, QTextStream& err) {
    return MigrationProgressScope([path, &err](int step, int steps, const QString& name) {
        if (step == 1)
            err << QStringLiteral("Updating %1 to this version of Casebook (%2 step%3). A large register can take a "
                                  "few minutes. It is all or nothing: if it is stopped, the file stays as it was.\n")
                       .arg(QDir::toNativeSeparators(path))
                       .arg(steps)
                       .arg(steps == 1 ? "" : "s");
        err << QStringLiteral("  step %1 of %2: %3\n").arg(step).arg(steps).arg(name);
        err.flush();
    });
}
} // namespace

std::unique_ptr<Database> Context::open(bool readOnly) const {
    requireExisting(dbPath);
    const MigrationProgressScope saying = announceMigration(dbPath, err);
    auto db = std::make_unique<Database>(dbPath, readOnly ? Database::Access::ReadOnly : Database::Access::ReadWrite);
    guards.push_back(std::make_shared<files::Protected>(dbPath));
    return db;
}

std::unique_ptr<Database> Context::openOrCreate() const {
    const MigrationProgressScope saying = announceMigration(dbPath, err);
    auto db = std::make_unique<Database>(dbPath, Database::Access::ReadWrite);
    guards.push_back(std::make_shared<files::Protected>(dbPath));
    return db;
}

std::unique_ptr<Database> Context::openForReading() const {
    try {
        return open(false);
    } catch (const OpenError& e) {
        if (e.kind() != OpenError::Kind::ReadOnly) throw;
        return open(true);
    }
}

void Context::checkOutput(const QString& file) const {
    files::Protected db(dbPath);
    if (const QString why = files::whyNotWritable(file); !why.isEmpty()) throw Error(why);
}

QString tsvField(const QString& s) {
    QString out = s;
    out.replace(QLatin1Char('\t'), QLatin1Char(' ')).replace(QLatin1Char('\n'), QLatin1Char(' ')).remove(QLatin1Char('\r'));
    return out;
}

void writeJson(QTextStream& out, const QJsonValue& value) {
    const QJsonDocument doc = value.isArray() ? QJsonDocument(value.toArray()) : QJsonDocument(value.toObject());
    out << doc.toJson(QJsonDocument::Indented);
}

namespace {
int runCommand(const QStringList& rawArgs, QTextStream& out, QTextStream& err);
}

// Everything the commands print passes through text::printable: a value holding an escape
// sequence or a bell (from a hostile file, or stored before Casebook refused them) is shown as
// \x1B, never sent raw to the terminal.
int run(const QStringList& rawArgs, QTextStream& out, QTextStream& err) {
    QString outText, errText;
    int status = Done;
    {
        QTextStream o(&outText), e(&errText);
        status = runCommand(rawArgs, o, e);
        o.flush();
        e.flush();
    }
    out << text::printable(outText);
    err << text::printable(errText);
    out.flush();
    err.flush();
    return status;
}

namespace {
int runCommand(const QStringList& rawArgs, QTextStream& out, QTextStream& err) {
    const QList<Command> commands = allCommands();
    QStringList words = rawArgs;
    QString dbPath;
    // --db may come before the command (documented) or anywhere after it.
    for (int i = 0; i < words.size(); ++i) {
        if (words[i] == QLatin1String("--db")) {
            if (i + 1 >= words.size()) {
                err << "--db needs a file name.\n";
                printUsage(err, commands);
                return Usage;
            }
            dbPath = words[i + 1];
            words.remove(i, 2);
            break;
        }
    }
    if (words.isEmpty() || words.first() == QLatin1String("--help") || words.first() == QLatin1String("help")) {
        printUsage(words.isEmpty() ? err : out, commands);
        return words.isEmpty() ? Usage : Done;
    }
    if (words.first() == QLatin1String("--version")) {
        out << "casebook-cli " << CASEBOOK_VERSION << " (schema " << Database::schemaVersion() << ")\n";
        return Done;
    }
    const QString name = words.takeFirst();
    const Command* command = nullptr;
    for (const Command& c : commands)
        if (c.name == name) command = &c;
    if (!command) {
        err << "Unknown command \"" << name << "\".\n";
        printUsage(err, commands);
        return Usage;
    }
    Context ctx{dbPath.isEmpty() ? Database::defaultPath() : dbPath, out, err, Args(words)};
    try {
        return command->run(ctx);
    } catch (const UsageError& e) {
        err << e.message() << "\nUsage:\n";
        printUsageLines(err, *command);
        return Usage;
    } catch (const ValidationError& e) {
        err << e.message() << '\n';
        return Rejected;
    } catch (const OpenError& e) {
        err << e.message() << '\n';
        return DatabaseFailure;
    } catch (const DatabaseError& e) {
        err << e.message() << '\n';
        return DatabaseFailure;
    } catch (const Error& e) {
        err << e.message() << '\n';
        return Rejected;
    } catch (const std::bad_alloc&) {
        err << "casebook-cli ran out of memory. Nothing was changed. Check the file is the one you meant.\n";
        return DatabaseFailure;
    }
}
} // namespace

} // namespace cb::cli
