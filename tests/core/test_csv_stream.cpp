// The CSV reader that streams (issue 16): a file is read chunk by chunk, never whole, and gives the
// same records, lines and problems as parsing the whole text; importers built on it keep their
// all-or-nothing import, their line numbers, and refuse a file changed between preview and import.
#include "TestSupport.h"

#include "exchange/Csv.h"
#include "exchange/Import.h"
#include "exchange/OdsImport.h"

#include <QFile>
#include <QTemporaryDir>
#include <random>

using namespace cb;

namespace {

struct Parsed {
    QList<csv::Record> records;
    QList<csv::Problem> problems;
};

// Feeds text to the parser in pieces of `step` characters.
Parsed inPieces(const QString& text, int step) {
    csv::Parser p;
    for (int i = 0; i < text.size(); i += step) p.feed(QStringView(text).mid(i, step));
    p.finish();
    Parsed out;
    csv::Record r;
    while (p.take(r)) out.records << r;
    out.problems = p.problems();
    return out;
}

bool same(const Parsed& a, const csv::Document& b) {
    if (a.records.size() != b.records.size() || a.problems.size() != b.problems.size()) return false;
    for (int i = 0; i < a.records.size(); ++i) {
        const auto& x = a.records[i];
        const auto& y = b.records[i];
        if (x.fields != y.fields || x.line != y.line || x.endLine != y.endLine) return false;
        for (int f = 0; f < x.fields.size(); ++f)
            if (x.fields[f].isNull() != y.fields[f].isNull()) return false;
    }
    for (int i = 0; i < a.problems.size(); ++i)
        if (a.problems[i].line != b.problems[i].line || a.problems[i].message != b.problems[i].message) return false;
    return true;
}

void write(const QString& path, const QByteArray& bytes) {
    QFile f(path);
    REQUIRE(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
    f.write(bytes);
}

QList<csv::Record> readAll(csv::Reader& r) {
    QList<csv::Record> out;
    csv::Record rec;
    while (r.next(rec)) out << rec;
    return out;
}

QByteArray odsRow(const QString& code, const QString& name) {
    QStringList f(27, QString());
    f[0] = code;
    f[1] = name;
    f[2] = "Y56";
    f[4] = "1 HIGH STREET";
    f[9] = "LS1 4AP";
    f[10] = "19740401";
    f[12] = "A";
    f[13] = "B";
    f[14] = "15F";
    f[25] = "4";
    return f.join(',').toUtf8() + "\r\n";
}

} // namespace

TEST_CASE("csv stream: text fed in pieces of any size gives the same records, lines and problems", "[csv][stream]") {
    const QStringList texts{
        "a,\"b,c\",\"say \"\"hi\"\"\"\r\n\"two\nlines\",x,y\r\nlast,row,here\r\n",
        "a,b\rc,d\r\r\ne,f",
        "\"a\r\nb\",c\r\nd,e\n\n\n",
        "a,,\"\"\nb\nc,d,e,f\n",
        "x,y\n\"open,z\nmore\n",
        "\"a\"b,c\r\n\"x\" y,z",
        "a,b,",
        "a,b,\r\n,\r\n\"\"",
        "\n\r\n\r",
        "\"A81001\",\"THE SURGERY\",\"\",\"\"\r\n\"B1\",\"\",\"x\"\n\"C\"\r\"D\"",
        "\"\"\"\",\"a\"\"\",\"\"\r\n",
    };
    for (const QString& text : texts)
        for (int step = 1; step <= text.size(); ++step) {
            INFO("text " << text.toStdString() << " in pieces of " << step);
            CHECK(same(inPieces(text, step), csv::parseText(text)));
        }
}

TEST_CASE("csv stream: a file is read chunk by chunk with its encoding, lines and fields", "[csv][stream]") {
    cbtest::TempDb t;
    // Many chunks (csv::kReadChunkBytes), with a character split across chunk boundaries somewhere.
    QByteArray bytes = "\xEF\xBB\xBF" "code,name\r\n";
    int rows = 0;
    while (bytes.size() < 700 * 1024) {
        bytes += QStringLiteral("A%1,\"ST JOHN\u2019S\nSURGERY\",£%2\r\n").arg(rows, 5, 10, QLatin1Char('0')).arg(rows).toUtf8();
        ++rows;
    }
    const QString path = t.file("big.csv");
    write(path, bytes);
    csv::Reader reader(path);
    CHECK(reader.encoding() == csv::Encoding::Utf8WithBom);
    CHECK_FALSE(reader.blank());
    const auto records = readAll(reader);
    REQUIRE(reader.problems().isEmpty());
    REQUIRE(records.size() == rows + 1);
    CHECK(records[0].fields == QStringList{"code", "name"});
    CHECK(records[rows].value(1) == QStringLiteral("ST JOHN\u2019S\nSURGERY"));
    CHECK(records[rows].value(2) == QStringLiteral("£%1").arg(rows - 1));
    CHECK(records[rows].line == 2 + 2 * (rows - 1)); // each row spans two physical lines
    CHECK(reader.position() == reader.size());

    // Windows-1252 (not valid UTF-8) is known before the first record is read.
    write(path, "A1,caf\xE9\r\n");
    csv::Reader latin(path);
    CHECK(latin.encoding() == csv::Encoding::Windows1252);
    CHECK(readAll(latin)[0].value(1) == QStringLiteral("café"));
}

TEST_CASE("csv stream: a huge field or row is refused with its line, without reading the rest", "[csv][stream]") {
    cbtest::TempDb t;
    const QString path = t.file("huge.csv");
    write(path, "a,b\n" + QByteArray(csv::kMaxFieldChars + 10, 'x') + ",c\n");
    csv::Reader reader(path);
    const auto records = readAll(reader);
    CHECK(records.size() == 1);
    REQUIRE(reader.problems().size() == 1);
    CHECK(reader.problems()[0].message.contains("Line 2: a field is"));
    CHECK(reader.problems()[0].message.contains("characters long"));

    // Many fields each under the field limit, but a row far longer than any real one.
    QByteArray row;
    while (row.size() <= csv::kMaxRecordChars) row += QByteArray(900'000, 'y') + ',';
    write(path, "a\n" + row + "\n");
    csv::Reader wide(path);
    readAll(wide);
    REQUIRE(wide.problems().size() == 1);
    CHECK(wide.problems()[0].message.contains("Line 2: a row is more than"));
}

TEST_CASE("csv stream: an ODS file changed after its preview is refused at import, nothing changed", "[csv][stream][ods]") {
    cbtest::TempDb t;
    const QString path = t.file("epraccur.csv");
    write(path, odsRow("A81001", "FIRST SURGERY") + odsRow("A81002", "SECOND SURGERY"));
    auto job = exchange::ImportJob::ods({path});
    const auto preview = job.preview(t.db());
    CHECK(preview.added() == 2);
    write(path, odsRow("A81001", "FIRST SURGERY") + odsRow("A81003", "ANOTHER SURGERY"));
    try {
        job.commit(t.db());
        FAIL("the changed file was imported");
    } catch (const exchange::ImportError& e) {
        CHECK(e.message().contains("changed after it was checked"));
        CHECK(e.message().contains("Nothing was imported"));
    }
    CHECK(cbtest::count(t.db(), "contractor") == 0);
}

TEST_CASE("csv stream: a file whose size stays the same but one byte changed after its preview is refused",
          "[csv][stream][ods]") {
    cbtest::TempDb t;
    const QString path = t.file("epraccur.csv");
    // With and without a byte order mark: the second read skips it, and must still agree with the first.
    for (const QByteArray& bom : {QByteArray(), QByteArray("\xEF\xBB\xBF")}) {
        write(path, bom + odsRow("A81001", "FIRST SURGERY") + odsRow("A81002", "SECOND SURGERY"));
        auto unchanged = exchange::ImportJob::ods({path});
        CHECK(unchanged.preview(t.db()).added() == 2);
        auto job = exchange::ImportJob::ods({path});
        CHECK(job.preview(t.db()).added() == 2);
        write(path, bom + odsRow("A81001", "FIRST SURGERY") + odsRow("A81009", "SECOND SURGERY"));
        try {
            job.commit(t.db());
            FAIL("the changed file was imported");
        } catch (const exchange::ImportError& e) {
            CHECK(e.message().contains("changed after it was checked"));
        }
        CHECK(cbtest::count(t.db(), "contractor") == 0);
    }
}

TEST_CASE("csv stream: the digest sees every byte, wherever the reads end", "[csv][stream]") {
    cbtest::TempDb t;
    const QString path = t.file("rows.csv");
    // Read whole, a file agrees with itself at every size around a word and around a read
    // (csv::kReadChunkBytes), with and without a byte order mark (the second read starts after it,
    // three bytes in).
    constexpr qsizetype chunk = csv::kReadChunkBytes;
    for (const QByteArray& bom : {QByteArray(), QByteArray("\xEF\xBB\xBF")})
        for (const qsizetype size : {qsizetype(1), qsizetype(2), qsizetype(7), qsizetype(8), qsizetype(9), qsizetype(15),
                                     qsizetype(16), qsizetype(17), chunk - 1, chunk, chunk + 1, chunk + 7, 2 * chunk + 12}) {
            QByteArray body(size, 'a');
            for (qsizetype i = 5; i < size; i += 6) body[i] = '\n';
            write(path, bom + body);
            csv::Reader r(path);
            csv::Record rec;
            INFO("size " << size << (bom.isEmpty() ? "" : " with a byte order mark"));
            CHECK_NOTHROW([&] { while (r.next(rec)) {} }());
        }
    // One byte changed anywhere, or two swapped, gives another digest.
    const QByteArray text = "A81001,FIRST SURGERY\nA81002,SECOND SURGERY\n";
    write(path, text);
    const QByteArray original = csv::Reader(path).digest();
    QSet<QByteArray> seen{original};
    for (qsizetype i = 0; i < text.size(); ++i) {
        QByteArray changed = text;
        changed[i] = changed[i] == 'Z' ? 'Y' : 'Z';
        write(path, changed);
        seen.insert(csv::Reader(path).digest());
        if (i + 1 < text.size() && text[i] != text[i + 1]) {
            changed = text;
            std::swap(changed[i], changed[i + 1]);
            write(path, changed);
            CHECK(csv::Reader(path).digest() != original);
        }
    }
    CHECK(seen.size() == text.size() + 1);
}

TEST_CASE("csv stream: progress moves through an import and Cancel stops it with nothing changed", "[csv][stream][ods]") {
    cbtest::TempDb t;
    const QString path = t.file("epraccur.csv");
    QByteArray bytes;
    for (int i = 0; i < 3000; ++i) bytes += odsRow(QStringLiteral("A%1").arg(10000 + i), "SURGERY");
    write(path, bytes);

    auto job = exchange::ImportJob::ods({path});
    QList<int> seen;
    job.setProgress([&](int permille) {
        seen << permille;
        return true;
    });
    CHECK(job.preview(t.db()).added() == 3000);
    REQUIRE(seen.size() >= 4); // the start, some steps between, the end
    CHECK(seen.first() == 0);
    CHECK(seen.last() == 1000);
    CHECK(std::is_sorted(seen.begin(), seen.end()));
    CHECK(std::any_of(seen.begin(), seen.end(), [](int p) { return p > 0 && p < 1000; }));

    auto cancelled = exchange::ImportJob::ods({path});
    int calls = 0;
    cancelled.setProgress([&](int) { return ++calls < 3; }); // Cancel pressed part way through
    CHECK_THROWS_AS(cancelled.commit(t.db()), exchange::ImportCancelled);
    CHECK(cbtest::count(t.db(), "contractor") == 0);
    CHECK(cbtest::count(t.db(), "audit") == 0);
}

TEST_CASE("csv stream: a reader that keeps nothing still gets every record right, and what it kept stays as it was",
          "[csv][stream]") {
    // The reader writes each record into the buffers of records already taken (csv::Parser::recycle).
    // A file of ragged, quoted, empty, long and non-ASCII fields across several chunks and slices is
    // read by a consumer that keeps no record, only copies of some fields: each record matches the
    // whole text's, and the kept copies are untouched by the records read after them.
    QString text;
    std::mt19937 rng(20261202);
    auto pick = [&](int n) { return int(rng() % unsigned(n)); };
    for (int row = 0; row < 6000; ++row) {
        QStringList fields;
        const int n = 1 + pick(30);
        for (int f = 0; f < n; ++f) {
            switch (pick(9)) {
            case 0: fields << QString(); break; // empty
            case 1: fields << QStringLiteral("\"quoted, with \"\"quotes\"\"\nand a line break\""); break;
            case 2: fields << QString(300 + pick(400), QLatin1Char('x')); break; // longer than a kept buffer
            case 3: fields << QStringLiteral("caf\u00e9 \u20ac%1").arg(pick(1000)); break;
            case 4: fields << QStringLiteral("\"Q%1\"").arg(pick(100000)); break; // quoted, as ODS writes every field
            case 5: fields << QStringLiteral("\"\""); break;                        // quoted and empty
            default: fields << QStringLiteral("F%1").arg(pick(100000)); break;
            }
        }
        text += fields.join(QLatin1Char(',')) + (pick(2) ? QStringLiteral("\r\n") : QStringLiteral("\n"));
    }
    const csv::Document whole = csv::parseText(text);
    REQUIRE(whole.problems.isEmpty());
    QTemporaryDir dir;
    const QString path = dir.filePath("recycled.csv");
    write(path, text.toUtf8());
    csv::Reader reader(path);
    csv::Record rec;
    QStringList kept;
    QList<QStringList> keptRecords; // whole field lists: theirs is never written over
    int i = 0;
    while (reader.next(rec)) {
        REQUIRE(i < whole.records.size());
        const csv::Record& expected = whole.records.at(i);
        INFO("record " << i << " at line " << expected.line);
        REQUIRE(rec.line == expected.line);
        REQUIRE(rec.endLine == expected.endLine);
        REQUIRE(rec.fields == expected.fields);
        for (int f = 0; f < rec.size(); ++f) REQUIRE(rec.fields.at(f).isNull() == expected.fields.at(f).isNull());
        if (i % 3 == 0) kept << rec.value(0);
        if (i % 7 == 0) keptRecords << rec.fields;
        ++i;
    }
    REQUIRE(i == whole.records.size());
    for (int k = 0; k < kept.size(); ++k) REQUIRE(kept.at(k) == whole.records.at(k * 3).fields.at(0));
    for (int k = 0; k < keptRecords.size(); ++k) REQUIRE(keptRecords.at(k) == whole.records.at(k * 7).fields);
}
