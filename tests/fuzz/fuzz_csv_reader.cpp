// libFuzzer target: the CSV reader every importer uses (decoding, quoting, line counting, limits).
// Also checks that the streaming parser, fed the same text in pieces (the importers read files a
// chunk at a time), gives exactly the records, lines and problems of parsing the text whole.
#include "exchange/Csv.h"

#include <cstdint>
#include <cstdlib>

namespace {
bool sameRecords(const cb::csv::Record& a, const cb::csv::Record& b) {
    if (a.line != b.line || a.endLine != b.endLine || a.fields != b.fields) return false;
    for (int i = 0; i < a.fields.size(); ++i)
        if (a.fields[i].isNull() != b.fields[i].isNull()) return false;
    return true;
}
} // namespace

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

    // The same text in pieces of 1 to 16 characters (chosen by the first byte) parses the same.
    const QString text = cb::csv::decode(bytes);
    const int step = size > 0 ? 1 + data[0] % 16 : 1;
    cb::csv::Parser parser;
    for (qsizetype i = 0; i < text.size(); i += step) parser.feed(QStringView(text).mid(i, step));
    parser.finish();
    cb::csv::Record r;
    int n = 0;
    while (parser.take(r)) {
        if (n >= doc.records.size() || !sameRecords(r, doc.records[n])) std::abort();
        ++n;
    }
    if (n != doc.records.size() || parser.problems().size() != doc.problems.size()) std::abort();
    for (int i = 0; i < doc.problems.size(); ++i)
        if (parser.problems()[i].line != doc.problems[i].line || parser.problems()[i].message != doc.problems[i].message)
            std::abort();
    return 0;
}
