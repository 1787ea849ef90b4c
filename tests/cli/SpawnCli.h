#pragma once
// Starts the real casebook-cli as a child process (for tests that kill it mid-run), its output
// thrown away. Returns the child's pid; the caller waits for it.
#include <catch2/catch.hpp>

#include <QString>
#include <QStringList>
#include <fcntl.h>
#include <spawn.h>
#include <string>
#include <vector>

extern char** environ;

namespace cbtest {

inline pid_t spawnCli(const QString& db, const QStringList& args) {
    std::vector<std::string> words{CASEBOOK_CLI_EXE, "--db", db.toStdString()};
    for (const QString& a : args) words.push_back(a.toStdString());
    std::vector<char*> argv;
    for (std::string& s : words) argv.push_back(s.data());
    argv.push_back(nullptr);
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0);
    posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0);
    pid_t pid = 0;
    const int spawned = posix_spawn(&pid, CASEBOOK_CLI_EXE, &actions, nullptr, argv.data(), environ);
    posix_spawn_file_actions_destroy(&actions);
    REQUIRE(spawned == 0);
    return pid;
}

} // namespace cbtest
