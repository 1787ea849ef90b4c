#include "TestSupport.h"

#include "exchange/AtomicFile.h"
#include "exchange/Csv.h"

#include <QDir>
#include <QFile>

using namespace cb;

namespace {
QStringList fieldsOf(const csv::Document& d, int i) { return d.records.at(i).fields; }
} // namespace

TEST_CASE("csv: quotes, doubled quotes and embedded newlines", "[csv]") {
    const auto d = csv::parse("a,\"b,c\",\"say \"\"hi\"\"\"\r\n\"two\nlines\",x,y\r\nlast,row,here\r\n");
    REQUIRE(d.problems.isEmpty());
    REQUIRE(d.records.size() == 3);
    CHECK(fieldsOf(d, 0) == QStringList{"a", "b,c", "say \"hi\""});
    CHECK(fieldsOf(d, 1) == QStringList{"two\nlines", "x", "y"});
    CHECK(d.records[0].line == 1);
    CHECK(d.records[1].line == 2);
    CHECK(d.records[1].endLine == 3);
    CHECK(d.records[2].line == 4); // physical line, not record number
}

TEST_CASE("csv: CR, LF and CRLF line ends all end a record and count as one line", "[csv]") {
    for (const QByteArray& eol : {QByteArray("\n"), QByteArray("\r"), QByteArray("\r\n")}) {
        const auto d = csv::parse("a,b" + eol + "c,d" + eol + eol + "e,f");
        REQUIRE(d.records.size() == 3);
        CHECK(fieldsOf(d, 2) == QStringList{"e", "f"});
        CHECK(d.records[2].line == 4); // the blank line is skipped but counted
    }
    const auto crInQuotes = csv::parse("\"a\r\nb\",c\r\nd,e");
    CHECK(crInQuotes.records[0].value(0) == "a\r\nb");
    CHECK(crInQuotes.records[1].line == 3);
}

TEST_CASE("csv: UTF-8 with and without BOM, Windows-1252 fallback", "[csv]") {
    csv::Encoding enc;
    CHECK(csv::decode("\xEF\xBB\xBF\"A1\",\xC2\xA3" "5", &enc) == QStringLiteral("\"A1\",£5"));
    CHECK(enc == csv::Encoding::Utf8WithBom);
    CHECK(csv::decode("caf\xC3\xA9", &enc) == QStringLiteral("café"));
    CHECK(enc == csv::Encoding::Utf8);
    CHECK(csv::decode("caf\xE9 \x80\x31 \x92", &enc) == QStringLiteral("café €1 ’"));
    CHECK(enc == csv::Encoding::Windows1252);
    const auto d = csv::parse("\xEF\xBB\xBF" "code,name\r\nA81001,ST JOHN\xE2\x80\x99S\r\n");
    CHECK(d.records[0].value(0) == "code"); // BOM is not part of the first field
    CHECK(d.records[1].value(1) == QStringLiteral("ST JOHN’S"));
}

TEST_CASE("csv: empty and missing fields stay distinct, ragged rows are reported by line", "[csv]") {
    const auto d = csv::parse("a,,\"\"\nb\nc,d,e,f\n");
    REQUIRE(d.records.size() == 3);
    const auto& r = d.records[0];
    REQUIRE(r.size() == 3);
    CHECK(r.value(1).isEmpty());
    CHECK_FALSE(r.value(1).isNull()); // present, empty
    CHECK_FALSE(r.value(2).isNull()); // quoted empty
    CHECK(d.records[1].value(2).isNull()); // missing
    const auto ragged = d.raggedRows(3);
    REQUIRE(ragged.size() == 2);
    CHECK(ragged[0].line == 2);
    CHECK(ragged[0].message == "Line 2 has 1 field; expected 3.");
    CHECK(ragged[1].message == "Line 3 has 4 fields; expected 3.");
    // A trailing comma is one more empty field.
    CHECK(csv::parse("a,b,").records[0].size() == 3);
}

TEST_CASE("csv: an unclosed quote is a problem with its line number, codes keep leading zeros", "[csv]") {
    const auto d = csv::parse("x,y\n\"open,z\nmore\n");
    REQUIRE(d.problems.size() == 1);
    CHECK(d.problems[0].line == 2);
    CHECK(d.problems[0].message.contains("never closed"));
    const auto z = csv::parse("00K,007,\"0123\"");
    CHECK(z.records[0].fields == QStringList{"00K", "007", "0123"});
    const auto stray = csv::parse("\"a\"b,c");
    CHECK(stray.records[0].value(0) == "ab");
    CHECK(stray.problems.size() == 1);
}

TEST_CASE("csv writer: BOM, quoting, CRLF and the formula-injection guard", "[csv]") {
    const QByteArray out = csv::encode(QList<QVariantList>{
        {QStringLiteral("=SUM(A1)"), QStringLiteral("+44"), QStringLiteral("-x"), QStringLiteral("@me"),
         QStringLiteral("\tt"), QStringLiteral("\rr")},
        {qint64(-5), 2.5, QVariant(), QStringLiteral("a,b"), QStringLiteral("say \"x\""), QStringLiteral("l1\nl2")}});
    CHECK(out.startsWith("\xEF\xBB\xBF"));
    const QString text = QString::fromUtf8(out.mid(3));
    CHECK(text == QStringLiteral("'=SUM(A1),'+44,'-x,'@me,'\tt,\"'\rr\"\r\n-5,2.5,,\"a,b\",\"say \"\"x\"\"\",\"l1\nl2\"\r\n"));
    csv::WriteOptions plain;
    plain.guardFormulas = false;
    plain.byteOrderMark = false;
    CHECK(csv::encode(QList<QStringList>{{"=1", "b"}}, plain) == "=1,b\r\n");
}

TEST_CASE("csv: what the writer writes, the reader reads back", "[csv]") {
    const QList<QStringList> rows = {{"code", "name", "note"},
                                     {"A81001", QStringLiteral("Café, \"Ltd\""), "line1\r\nline2"},
                                     {"00K", "", "x"}};
    csv::WriteOptions o;
    o.guardFormulas = false;
    const auto d = csv::parse(csv::encode(rows, o));
    REQUIRE(d.encoding == csv::Encoding::Utf8WithBom);
    REQUIRE(d.records.size() == 3);
    for (int i = 0; i < 3; ++i) CHECK(d.records[i].fields == rows[i]);
}

TEST_CASE("atomic write: success replaces the file, a failure leaves no file and says why", "[csv]") {
    QTemporaryDir dir;
    const QString path = dir.filePath("out.csv");
    writeFileAtomically(path, "one");
    writeFileAtomically(path, "two");
    QFile f(path);
    REQUIRE(f.open(QIODevice::ReadOnly));
    CHECK(f.readAll() == "two");
    const QString missing = dir.filePath("no-such-folder/out.csv");
    try {
        writeFileAtomically(missing, "x");
        FAIL("expected an ExportError");
    } catch (const ExportError& e) {
        CHECK(e.message().contains("does not exist"));
    }
    CHECK_FALSE(QFile::exists(missing));
    CHECK(QDir(dir.path()).entryList(QDir::Files) == QStringList{"out.csv"}); // no temporary left behind
    try {
        csv::readFile(dir.filePath("absent.csv"));
        FAIL("expected an Error");
    } catch (const Error& e) {
        CHECK(e.message().contains("does not exist"));
    }
}
