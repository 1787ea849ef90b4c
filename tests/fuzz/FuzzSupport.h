#pragma once
// Shared by the libFuzzer targets: a scratch file for readers that take a path, and one in-memory
// database per process (imports are previewed, so every run rolls back and the next starts clean).
#include "demo/DemoSeeder.h"
#include "exchange/Import.h"
#include "store/Database.h"

#include <QByteArray>
#include <QDir>
#include <QFile>
#include <QString>
#include <functional>
#include <memory>
#include <unistd.h>

namespace fuzz {

inline QString scratchFile(const QString& name) {
    static const QString dir = [] {
        const QString d = QDir::temp().filePath(QStringLiteral("casebook-fuzz-%1").arg(::getpid()));
        QDir().mkpath(d);
        return d;
    }();
    return QDir(dir).filePath(name);
}

inline QString writeScratch(const QString& name, const uint8_t* data, size_t size) {
    const QString path = scratchFile(name);
    QFile f(path);
    if (f.open(QIODevice::WriteOnly | QIODevice::Truncate)) f.write(reinterpret_cast<const char*>(data), qint64(size));
    return path;
}

// A register with a few records, so updates, repeats and parents are exercised, not only inserts.
inline cb::Database& database() {
    static std::unique_ptr<cb::Database> db = [] {
        auto d = std::make_unique<cb::Database>(QStringLiteral(":memory:"));
        d->setActor(QStringLiteral("fuzz"));
        cb::SeedOptions options;
        options.contractors = 12;
        cb::seedDemo(*d, options);
        return d;
    }();
    return *db;
}

// An importer target's LLVMFuzzerInitialize: the register is migrated and seeded before the first
// input, not during it (under ASan that takes seconds, which libFuzzer would otherwise charge to the
// first input and report as a slow unit, writing it out as an artifact).
#define FUZZ_REGISTER_BEFORE_THE_FIRST_INPUT                                                                           \
    extern "C" int LLVMFuzzerInitialize(int*, char***) {                                                               \
        fuzz::database();                                                                                              \
        return 0;                                                                                                      \
    }

// Opens the file(s) and previews the import; a refusal with a message is the expected outcome for
// most inputs. Anything else (a crash, a sanitizer report, another exception) is a finding.
inline int previewImport(const std::function<cb::exchange::ImportJob()>& open) {
    try {
        cb::exchange::ImportJob job = open();
        const cb::exchange::ImportSummary s = job.preview(database());
        (void)s.toText();
        (void)s.toJson();
    } catch (const cb::Error&) {
    }
    return 0;
}

} // namespace fuzz
