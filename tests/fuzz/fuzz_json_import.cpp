// libFuzzer target: the importer for Casebook's JSON exchange file, opened and previewed against an in-memory register
// (the preview runs every rule and write, then rolls back).
#include "FuzzSupport.h"

#include "exchange/Import.h"
#include "exchange/RecordExchange.h"

#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    using namespace cb::exchange;
    try {
        ImportJob job = ImportJob::json(fuzz::writeScratch(QStringLiteral("exchange.json"), data, size));
        const ImportSummary s = job.preview(fuzz::database());
        (void)s.toText();
        (void)s.toJson();
    } catch (const cb::Error&) {
        // Refused with a message: the expected outcome for most inputs.
    }
    return 0;
}
