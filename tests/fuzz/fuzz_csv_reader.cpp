// libFuzzer target: the CSV reader every importer uses (decoding, quoting, line counting, limits).
#include "exchange/Csv.h"

#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    const QByteArray bytes = QByteArray::fromRawData(reinterpret_cast<const char*>(data), qsizetype(size));
    const cb::csv::Document doc = cb::csv::parse(bytes);
    (void)doc.raggedRows(27);
    // Whatever was read writes back out without trouble.
    QList<QStringList> rows;
    for (const cb::csv::Record& r : doc.records)
        rows << r.fields;
    (void)cb::csv::encode(rows);
    (void)cb::csv::parse(bytes, QLatin1Char(';'));
    return 0;
}
