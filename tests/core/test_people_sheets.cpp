// Excel for people, one sheet per purpose (issue 15): performers, open concerns and LPN members in
// words with real dates, confidential concerns only when included; and the CSV and exchange file
// cut to the contractors a list shows, the exchange file still importing on its own.
#include "ConcernFixtures.h"
#include "ExportFixtures.h"
#include "concerns/Concern.h"
#include "demo/DemoSeeder.h"
#include "exchange/AtomicFile.h"
#include "exchange/ExportScope.h"
#include "exchange/Import.h"
#include "exchange/XlsxExport.h"
#include "lpn/Network.h"
#include "performers/Performer.h"

#include <QFile>
#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QSet>

using namespace cb;
using namespace cb::exchange;

namespace {

using cbtest::workbookPart;

QString unescape(QString s) {
    s.remove(QRegularExpression("<[^>]*>"));
    return s.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&apos;", "'").replace("&amp;", "&");
}

struct Cell {
    QString text;
    bool number = false; // a numeric cell (a date is a number with a date style)
    bool styled = false;
};

// One sheet of a workbook by its name, as rows of cells keyed by header; empty when unzip is missing.
struct Sheet {
    QStringList headers;
    QList<QHash<QString, Cell>> rows;
    QByteArray xml;
    QList<Cell> column(const QString& header) const {
        QList<Cell> out;
        for (const auto& r : rows) out << r.value(header);
        return out;
    }
};

std::optional<Sheet> sheet(const QString& file, const QString& name) {
    const auto workbook = workbookPart(file, "xl/workbook.xml");
    if (!workbook) return std::nullopt;
    // Strings are in the cells (t="inlineStr") or, from other writers, in a shared table (t="s").
    const auto shared = workbookPart(file, "xl/sharedStrings.xml");
    QStringList strings;
    auto si = QRegularExpression("<si>(.*?)</si>", QRegularExpression::DotMatchesEverythingOption)
                  .globalMatch(shared ? QString::fromUtf8(*shared) : QString());
    while (si.hasNext()) strings << unescape(si.next().captured(1));
    const auto xml = cbtest::sheetXml(file, name);
    REQUIRE(xml);
    Sheet s;
    s.xml = *xml;
    auto rowIt = QRegularExpression("<row [^>]*>(.*?)</row>", QRegularExpression::DotMatchesEverythingOption).globalMatch(QString::fromUtf8(s.xml));
    bool header = true;
    while (rowIt.hasNext()) {
        const QString row = rowIt.next().captured(1);
        QHash<QString, Cell> cells;
        QStringList texts;
        auto c = QRegularExpression("<c r=\"([A-Z]+)\\d+\"([^>]*?)(?:/>|>(.*?)</c>)", QRegularExpression::DotMatchesEverythingOption).globalMatch(row);
        QHash<QString, Cell> byColumn;
        while (c.hasNext()) {
            const auto cm = c.next();
            Cell cell;
            const QString attrs = cm.captured(2);
            const QString v = QRegularExpression("<v>(.*?)</v>").match(cm.captured(3)).captured(1);
            cell.styled = attrs.contains(" s=\"");
            if (attrs.contains("t=\"s\"")) cell.text = strings.value(v.toInt());
            else if (attrs.contains("t=\"inlineStr\"")) cell.text = unescape(cm.captured(3));
            else {
                cell.text = v;
                cell.number = !v.isEmpty();
            }
            byColumn.insert(cm.captured(1), cell);
        }
        if (header) {
            QStringList letters = byColumn.keys();
            std::sort(letters.begin(), letters.end(), [](const QString& a, const QString& b) {
                return a.size() != b.size() ? a.size() < b.size() : a < b;
            });
            for (const QString& l : letters) s.headers << byColumn.value(l).text;
            header = false;
            continue;
        }
        for (int i = 0; i < s.headers.size(); ++i) {
            const QString letter = i < 26 ? QString(QChar('A' + i)) : QString(QChar('A' + i / 26 - 1)) + QChar('A' + i % 26);
            cells.insert(s.headers[i], byColumn.value(letter));
        }
        s.rows << cells;
    }
    return s;
}

QSet<QString> labels(const QList<Choice>& choices) {
    QSet<QString> out;
    for (const Choice& c : choices) out << c.label;
    return out;
}

QSet<QString> codesNotLabels(const QList<Choice>& choices) {
    QSet<QString> out;
    for (const Choice& c : choices)
        if (c.code != c.label) out << c.code;
    return out;
}

// Every non-empty value of a column is a label of the vocabulary, never its code.
void checkWords(const Sheet& s, const QString& header, const QList<Choice>& choices) {
    INFO(header.toStdString());
    int seen = 0;
    for (const Cell& c : s.column(header)) {
        if (c.text.isEmpty()) continue;
        ++seen;
        INFO(c.text.toStdString());
        CHECK_FALSE(codesNotLabels(choices).contains(c.text));
        CHECK(labels(choices).contains(c.text));
    }
    CHECK(seen > 0);
}

// Every non-empty cell of a date column is an Excel date: a number with the date style.
void checkDates(const Sheet& s, const QString& header) {
    INFO(header.toStdString());
    int seen = 0;
    for (const Cell& c : s.column(header)) {
        if (c.text.isEmpty()) continue;
        ++seen;
        CHECK(c.number);
        CHECK(c.styled);
    }
    CHECK(seen > 0);
}

struct Register {
    cbtest::TempDb t;
    Database& db = t.db();
    Concern secret;
    Register() {
        SeedOptions o;
        o.contractors = 60;
        seedDemo(db, o);
        const QString practice = db.scalar("SELECT id FROM contractor WHERE contractor_group = 'pharmacy' ORDER BY id LIMIT 1").toString();
        Concern c = cbtest::newConcern(db, practice);
        c.summary = "Secret whistleblowing about the superintendent";
        c.confidential = true;
        secret = ConcernService(db).create(c);
    }
};

} // namespace

TEST_CASE("the workbook has a sheet per purpose: performers, open concerns and LPN members in words", "[export][desk][xlsx]") {
    Register r;
    REQUIRE(cbtest::count(r.db, "performer") > 0);
    REQUIRE(cbtest::count(r.db, "lpn_member") > 0);
    REQUIRE(r.db.scalar("SELECT count(*) FROM concern WHERE stage <> 'closed' AND confidential = 0").toInt() > 0);
    const ExportResult written = exportXlsx(r.db, r.t.file("register.xlsx"));
    const auto wb = workbookPart(written.path, "xl/workbook.xml");
    if (!wb) {
        WARN("unzip is not available: the sheets were not inspected");
        return;
    }
    // People's sheets first, then the data sheets (still every record type, for re-import), "About" last.
    const QStringList order = {"Contractors and contracts", "Performers and practices", "Open concerns", "LPN members",
                               "Contractors", "Performers", "About this workbook"};
    for (int i = 0; i + 1 < order.size(); ++i) {
        INFO(order[i].toStdString());
        CHECK(wb->indexOf(("name=\"" + order[i] + "\"").toUtf8()) >= 0);
        CHECK(wb->indexOf(("name=\"" + order[i] + "\"").toUtf8()) < wb->indexOf(("name=\"" + order[i + 1] + "\"").toUtf8()));
    }

    const Sheet performers = *sheet(written.path, "Performers and practices");
    CHECK(performers.rows.size() >= cbtest::count(r.db, "performer"));
    checkWords(performers, "Professional group", professions());
    checkWords(performers, "List status", performersListStatuses());
    checkDates(performers, "Works there from");
    CHECK(performers.headers.last() == "Contractor id"); // technical ids last
    CHECK(performers.headers.at(performers.headers.size() - 2) == "Performer id");
    CHECK(performers.xml.contains("<autoFilter"));
    CHECK(performers.xml.contains("<col "));

    const Sheet concerns = *sheet(written.path, "Open concerns");
    CHECK(concerns.rows.size() == r.db.scalar("SELECT count(*) FROM concern WHERE stage <> 'closed' AND confidential = 0").toInt());
    checkWords(concerns, "Stage", concernStages());
    checkWords(concerns, "Level", concernLevels());
    checkWords(concerns, "Assurance tier", assuranceTiers());
    checkDates(concerns, "Received");
    CHECK(concerns.headers.last() == "Contractor id");
    CHECK(concerns.xml.contains("<autoFilter"));
    // The confidential concern is left out by default, everywhere in the file.
    for (const Cell& c : concerns.column("Concern id")) CHECK(c.text != r.secret.id);
    CHECK_FALSE(cbtest::workbookText(written.path).contains("Secret whistleblowing"));

    const Sheet members = *sheet(written.path, "LPN members");
    CHECK(members.rows.size() == cbtest::count(r.db, "lpn_member"));
    checkWords(members, "Profession", memberProfessions());
    checkWords(members, "Status", memberStatuses());
    CHECK(members.headers.last() == "Member id");

    // Included on purpose: the confidential concern is on the sheet, and the file says CONFIDENTIAL.
    ExportOptions include;
    include.includeConfidential = true;
    const ExportResult secret = exportXlsx(r.db, r.t.file("secret.xlsx"), include);
    CHECK(secret.path.contains("CONFIDENTIAL-"));
    const Sheet withSecret = *sheet(secret.path, "Open concerns");
    QStringList ids;
    for (const Cell& c : withSecret.column("Concern id")) ids << c.text;
    CHECK(ids.contains(r.secret.id));
}

TEST_CASE("a workbook cut to pharmacies has only their performers and concerns, and no LPN sheet", "[export][desk][xlsx]") {
    Register r;
    const ContractorScope scope = cbtest::pharmacyScope();
    const ExportResult written = exportXlsx(r.db, r.t.file("pharmacies.xlsx"), {}, standardTables(), scope);
    const auto wb = workbookPart(written.path, "xl/workbook.xml");
    if (!wb) {
        WARN("unzip is not available: the sheets were not inspected");
        return;
    }
    CHECK_FALSE(wb->contains("name=\"LPN members\""));
    const QSet<QString> pharmacyIds = [&] {
        QSet<QString> out;
        for (const Row& row : r.db.query("SELECT id FROM contractor WHERE contractor_group = 'pharmacy'")) out << row.value("id").toString();
        return out;
    }();
    const Sheet performers = *sheet(written.path, "Performers and practices");
    for (const Cell& c : performers.column("Contractor id")) CHECK(pharmacyIds.contains(c.text));
    const Sheet concerns = *sheet(written.path, "Open concerns");
    for (const Cell& c : concerns.column("Contractor id")) CHECK(pharmacyIds.contains(c.text));
}

TEST_CASE("CSV and the exchange file cut to pharmacies hold only theirs, and the exchange file imports on its own", "[export][desk][json]") {
    Register r;
    const ContractorScope scope = cbtest::pharmacyScope();
    const int pharmacyCount = contractorCount(r.db, scope);
    REQUIRE(pharmacyCount > 0);
    REQUIRE(pharmacyCount < cbtest::count(r.db, "contractor"));

    // CSV of contractors: the pharmacies and the header.
    const ExportResult csv = exportScopedCsv(r.db, "contractors", r.t.file("pharmacies.csv"), {}, scope);
    CHECK(csv.records == pharmacyCount);
    QFile csvFile(csv.path);
    REQUIRE(csvFile.open(QIODevice::ReadOnly));
    CHECK(csvFile.readAll().count("\r\n") == pharmacyCount + 1);
    // CSV of performers: those who work at a pharmacy.
    const int pharmacyPerformers =
        r.db.scalar("SELECT count(DISTINCT performer_id) FROM performer_link l JOIN contractor c ON c.id = l.contractor_id "
                    "WHERE c.contractor_group = 'pharmacy'").toInt();
    CHECK(exportScopedCsv(r.db, "performers", r.t.file("performers.csv"), {}, scope).records == pharmacyPerformers);
    // Networks belong to no contractor: refused with what to do, nothing written.
    try {
        exportScopedCsv(r.db, "networks", r.t.file("networks.csv"), {}, scope);
        FAIL("a CSV of networks cut to pharmacies was written");
    } catch (const ExportError& e) {
        CHECK(e.message().contains("Export everything"));
    }
    CHECK_FALSE(QFile::exists(r.t.file("networks.csv")));

    // The exchange file: the pharmacies, their records, the performers they name; no confidential concern.
    const ExportResult json = exportScopedJson(r.db, r.t.file("pharmacies.json"), {}, scope);
    QFile jsonFile(json.path);
    REQUIRE(jsonFile.open(QIODevice::ReadOnly));
    const QByteArray text = jsonFile.readAll();
    CHECK_FALSE(text.contains(r.secret.id.toUtf8()));
    CHECK_FALSE(text.contains("lpn_network"));
    const QJsonObject tables = QJsonDocument::fromJson(text).object().value("tables").toObject();
    CHECK(tables.value("contractor").toArray().size() == pharmacyCount);
    for (const QJsonValue& v : tables.value("contractor").toArray())
        CHECK(v.toObject().value("contractor_group").toString() == "pharmacy");
    CHECK(tables.value("performer").toArray().size() == pharmacyPerformers);
    CHECK(json.records == planScoped(r.db, scopedTables(r.db, standardTables(), scope, true), json.path, false).records);

    // Into an empty Casebook: every record arrives, none is rejected.
    cbtest::TempDb other;
    ImportJob job = ImportJob::json(json.path);
    const ImportSummary preview = job.preview(other.db());
    INFO(preview.rejected());
    CHECK(preview.rejected() == 0);
    job.commit(other.db());
    CHECK(cbtest::count(other.db(), "contractor") == pharmacyCount);
    CHECK(cbtest::count(other.db(), "performer") == pharmacyPerformers);
    CHECK(cbtest::count(other.db(), "contract") ==
          r.db.scalar("SELECT count(*) FROM contract k JOIN contractor c ON c.id = k.contractor_id "
                      "WHERE c.contractor_group = 'pharmacy'").toInt());
}
