// libFuzzer target: the importer for Casebook's CSV of one record type (the first byte picks the type), opened and
// previewed against an in-memory register (the preview runs every rule and write, then rolls back).
#include "FuzzSupport.h"

#include "exchange/RecordExchange.h"

#include <cstdint>

FUZZ_REGISTER_BEFORE_THE_FIRST_INPUT

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    using cb::exchange::ImportJob;
    const QStringList types = cb::exchange::recordTypes();
    if (size == 0) return 0;
    const QString type = types.at(data[0] % types.size());
    ++data;
    --size;
    return fuzz::previewImport(
        [&] { return ImportJob::csv(type, fuzz::writeScratch(QStringLiteral("records.csv"), data, size)); });
}
