// libFuzzer target: the importer for NHS ODS extracts (epraccur, ebranchs, edispensary, epharmacyhq, egdpprac), opened and previewed against an in-memory register
// (the preview runs every rule and write, then rolls back).
#include "FuzzSupport.h"

#include "exchange/Import.h"
#include "exchange/RecordExchange.h"

#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    using namespace cb::exchange;
    try {
        ImportJob job = ImportJob::ods({fuzz::writeScratch(QStringLiteral("extract.csv"), data, size)});
        const ImportSummary s = job.preview(fuzz::database());
        (void)s.toText();
        (void)s.toJson();
    } catch (const cb::Error&) {
        // Refused with a message: the expected outcome for most inputs.
    }
    return 0;
}
