#pragma once

// Small helpers shared by the benchmarks: wall-clock timing, peak memory, and this program run again
// as a child whose CPU time and peak memory are its own.
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QString>
#include <QStringList>
#include <QTextStream>
#include <algorithm>
#include <cstdio>
#include <fcntl.h>
#include <spawn.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <vector>

extern char** environ;

namespace bench {

inline double peakMemoryMiB() {
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    return usage.ru_maxrss / 1024.0; // Linux reports KiB
}

// Linux lets a process reset its own resident-memory high-water mark ("5" to /proc/self/clear_refs):
// then stepPeakMemoryMiB() is the peak since, so each step of a run in one process has a figure of
// its own. False (and stepPeakMemoryMiB() -1) where that is not available.
inline bool resetPeakMemory() {
    FILE* f = std::fopen("/proc/self/clear_refs", "w");
    if (!f) return false;
    const bool ok = std::fputs("5", f) >= 0;
    return std::fclose(f) == 0 && ok;
}

inline double stepPeakMemoryMiB() {
    FILE* f = std::fopen("/proc/self/status", "r");
    if (!f) return -1;
    char line[256];
    double kib = -1;
    while (std::fgets(line, sizeof line, f))
        if (std::sscanf(line, "VmHWM: %lf kB", &kib) == 1) break;
    std::fclose(f);
    return kib < 0 ? -1 : kib / 1024.0;
}

// Prints one figure as "name: value unit", aligned, to stdout.
inline void figure(const QString& name, double value, const QString& unit) {
    std::printf("  %-52s %12.2f %s\n", qPrintable(name), value, qPrintable(unit));
    std::fflush(stdout);
}

// The value at fraction p (0 to 1) of the way through v sorted, the nearest one taken (0.5: the
// median of an odd number of values); -1 for none.
inline double percentile(std::vector<double> v, double p) {
    if (v.empty()) return -1;
    std::sort(v.begin(), v.end());
    return v[std::min(v.size() - 1, size_t(p * double(v.size() - 1) + 0.5))];
}

template <class F> double millis(F&& f) {
    QElapsedTimer t;
    t.start();
    f();
    return t.nsecsElapsed() / 1e6;
}

// CLOCK_MONOTONIC is one clock for every process on the machine: a child's instants can be compared
// with the moment its parent started it.
inline double monotonicSeconds() {
    timespec ts{};
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec + ts.tv_nsec / 1e9;
}

struct Spawned {
    bool ok = false;        // started, and exited with status 0
    double startedAt = 0;   // monotonicSeconds() just before it was started
    double wallSeconds = 0; // from then until it had exited
    double cpuSeconds = 0;  // user + system: what the job costs, however busy the machine is
    double peakMiB = 0;     // its own peak (wait4's ru_maxrss; getrusage's RUSAGE_CHILDREN would merge children)
};

// Runs this program again with `args` and waits for it; its standard output goes to `stdoutFile`
// when one is named.
inline Spawned spawnSelf(const QStringList& args, const QString& stdoutFile = {}) {
    QList<QByteArray> storage{QFile::encodeName(QCoreApplication::applicationFilePath())};
    for (const QString& a : args) storage << QFile::encodeName(a);
    std::vector<char*> argv;
    for (QByteArray& a : storage) argv.push_back(a.data());
    argv.push_back(nullptr);
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    const QByteArray out = QFile::encodeName(stdoutFile);
    if (!stdoutFile.isEmpty())
        posix_spawn_file_actions_addopen(&actions, 1, out.constData(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    Spawned r;
    pid_t pid = 0;
    r.startedAt = monotonicSeconds();
    const int spawned = posix_spawn(&pid, argv[0], &actions, nullptr, argv.data(), environ);
    posix_spawn_file_actions_destroy(&actions);
    int status = 0;
    rusage usage{};
    if (spawned != 0 || wait4(pid, &status, 0, &usage) != pid) return r;
    r.wallSeconds = monotonicSeconds() - r.startedAt;
    r.cpuSeconds = usage.ru_utime.tv_sec + usage.ru_stime.tv_sec + (usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6;
    r.peakMiB = usage.ru_maxrss / 1024.0;
    r.ok = WIFEXITED(status) && WEXITSTATUS(status) == 0;
    return r;
}

} // namespace bench
