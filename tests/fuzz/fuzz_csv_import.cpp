// libFuzzer target: the importer for Casebook's CSV of one record type (the first byte picks the type), opened and previewed against an in-memory register
// (the preview runs every rule and write, then rolls back).
#include "FuzzSupport.h"

#include "exchange/Import.h"
#include "exchange/RecordExchange.h"

#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    using namespace cb::exchange;
    const QStringList types = cb::exchange::recordTypes();
    if (size == 0) return 0;
    const QString type = types.at(data[0] % types.size());
    ++data;
    --size;
    try {
        ImportJob job = ImportJob::csv(type, fuzz::writeScratch(QStringLiteral("records.csv"), data, size));
        const ImportSummary s = job.preview(fuzz::database());
        (void)s.toText();
        (void)s.toJson();
    } catch (const cb::Error&) {
        // Refused with a message: the expected outcome for most inputs.
    }
    return 0;
}
