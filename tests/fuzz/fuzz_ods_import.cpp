// libFuzzer target: the importer for NHS ODS extracts (epraccur, ebranchs, edispensary, epharmacyhq, egdpprac), opened
// and previewed against an in-memory register (the preview runs every rule and write, then rolls back).
#include "FuzzSupport.h"

#include "exchange/RecordExchange.h"

#include <cstdint>

FUZZ_REGISTER_BEFORE_THE_FIRST_INPUT

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    using cb::exchange::ImportJob;
    return fuzz::previewImport(
        [&] { return ImportJob::ods({fuzz::writeScratch(QStringLiteral("extract.csv"), data, size)}); });
}
