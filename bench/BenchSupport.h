#pragma once

// Small helpers shared by the benchmarks: wall-clock timing and peak memory.
#include <QElapsedTimer>
#include <QFile>
#include <QString>
#include <QTextStream>
#include <cstdio>
#include <sys/resource.h>

namespace bench {

inline double peakMemoryMiB() {
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    return usage.ru_maxrss / 1024.0; // Linux reports KiB
}

// Prints one figure as "name: value unit", aligned, to stdout.
inline void figure(const QString& name, double value, const QString& unit) {
    std::printf("  %-52s %12.2f %s\n", qPrintable(name), value, qPrintable(unit));
    std::fflush(stdout);
}

template <class F> double millis(F&& f) {
    QElapsedTimer t;
    t.start();
    f();
    return t.nsecsElapsed() / 1e6;
}

} // namespace bench
