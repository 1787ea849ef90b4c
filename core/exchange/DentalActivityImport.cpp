#include "exchange/DentalActivityImport.h"

#include "common/Identifiers.h"
#include "common/Units.h"
#include "contracts/Contract.h"
#include "exchange/PaymentsImport.h"
#include "store/Database.h"

#include <QHash>

namespace cb::exchange {

namespace {

// Columns, as the header names them. The last two are optional.
enum Column { kContract, kYear, kUdaTarget, kUdaDelivered, kUoaTarget, kUoaDelivered, kUdaValue, kUdaH1, kUoaH1, kColumns };
constexpr int kRequiredColumns = kUdaH1;

const QStringList& headerWords() {
    static const QStringList words = {
        QStringLiteral("Contract number"), QStringLiteral("Financial year"),   QStringLiteral("UDA target"),
        QStringLiteral("UDA delivered"),   QStringLiteral("UOA target"),       QStringLiteral("UOA delivered"),
        QStringLiteral("UDA value"),       QStringLiteral("UDA delivered by 30 September"),
        QStringLiteral("UOA delivered by 30 September")};
    return words;
}

QString yearLabel(int year) { return QStringLiteral("%1/%2").arg(year).arg((year + 1) % 100, 2, 10, QLatin1Char('0')); }

// A line's figures, read and checked before anything is written.
struct Line {
    int line = 0;
    QString contractNumber;
    QString contractId;
    DentalActivity activity;      // the figures the line gives (ids filled from the register)
    bool hasH1[2] = {false, false}; // the line gives the mid-year figures (UDA, UOA)
};

class DentalActivityFile : public FileImporter {
public:
    // columns: the named columns (7 to 9); width: the header's fields, counting empty trailing ones.
    DentalActivityFile(QString path, csv::Document doc, int columns, int width)
        : m_path(std::move(path)), m_doc(std::move(doc)), m_columns(columns), m_width(width) {}

    FileResult header() const override {
        FileResult r;
        r.file = fileNameOf(m_path);
        r.kind = QStringLiteral("dental-activity");
        r.description = QStringLiteral("Dental activity by contract and year");
        r.encoding = csv::describe(m_doc.encoding);
        r.rows = int(m_doc.records.size()) - 1;
        return r;
    }
    int order() const override { return 70; } // after the contracts it refers to

    void apply(Database& db, FileResult& result) override {
        // First every line is read and checked; only a file with no rejected line is written.
        QList<Line> lines;
        QHash<QString, int> firstLine; // contract id + year -> line
        for (int i = 1; i < m_doc.records.size(); ++i) {
            const csv::Record& rec = m_doc.records.at(i);
            Line l;
            if (read(db, rec, l, result)) {
                const QString key = l.contractId + QLatin1Char('/') + QString::number(l.activity.yearStart);
                if (const auto it = firstLine.constFind(key); it != firstLine.constEnd()) {
                    result.rejections.append({rec.line, l.contractNumber,
                                              QStringLiteral("Contract %1 has a line for %2 already (line %3): give each "
                                                             "contract and year one line, then import again.")
                                                  .arg(l.contractNumber, yearLabel(l.activity.yearStart))
                                                  .arg(*it)});
                    continue;
                }
                firstLine.insert(key, rec.line);
                lines << l;
            }
            reportProgress(0.5 * i / m_doc.records.size());
        }

        // Then written, each through the contract book (its rules, the one write path and the audit
        // trail), inside one savepoint so that a refused line takes the whole file back.
        db.execScript(QStringLiteral("SAVEPOINT dental_activity_file"));
        QStringList changes;
        for (int i = 0; i < lines.size(); ++i) {
            const Line& l = lines.at(i);
            applyRow(db, result, l.line, l.contractNumber, [&] { return write(db, l, changes); });
            reportProgress(0.5 + 0.5 * (i + 1) / std::max<qsizetype>(1, lines.size()));
        }
        if (result.rejected() > 0) {
            db.execScript(QStringLiteral("ROLLBACK TO dental_activity_file; RELEASE dental_activity_file"));
            const int ready = result.added + result.updated + result.unchanged;
            result.notes << QStringLiteral("Nothing from this file is imported while any line is rejected: correct the "
                                           "%1 line%2 listed below and import the file again%3.")
                                .arg(result.rejected())
                                .arg(result.rejected() == 1 ? "" : "s")
                                .arg(ready > 0 ? QStringLiteral(" (the other %1 line%2 are ready: %3 new, %4 updated, "
                                                                "%5 unchanged)")
                                                     .arg(ready).arg(ready == 1 ? "" : "s")
                                                     .arg(result.added).arg(result.updated).arg(result.unchanged)
                                               : QString());
            result.added = result.updated = result.unchanged = 0;
            return;
        }
        db.execScript(QStringLiteral("RELEASE dental_activity_file"));
        result.notes << changes;
    }

private:
    // Reads one line into l; false (with the rejection recorded) when it cannot be used.
    bool read(Database& db, const csv::Record& rec, Line& l, FileResult& result) {
        l.line = rec.line;
        l.contractNumber = rec.value(kContract).trimmed();
        const auto reject = [&](const QString& why) {
            result.rejections.append({rec.line, l.contractNumber, why});
            return false;
        };
        if (rec.size() != m_width && rec.size() != m_columns)
            return reject(QStringLiteral("The line has %1 fields; the header has %2. Check for a missing or extra comma.")
                              .arg(rec.size()).arg(m_columns));
        if (l.contractNumber.isEmpty()) return reject(QStringLiteral("The contract number is empty."));
        const QString yearText = rec.value(kYear).trimmed();
        const int year = financialYearIn(yearText);
        if (!year || year < 2006 || year > 2100)
            return reject(QStringLiteral("The financial year \"%1\" is not one Casebook can read: write it like 2025/26.")
                              .arg(yearText));
        const auto contracts = db.query(QStringLiteral("SELECT id FROM contract WHERE reference = ? AND route IN ('gds', 'pds')"),
                                        {l.contractNumber});
        if (contracts.isEmpty())
            return reject(QStringLiteral("No dental contract in the register has the number %1: check the number, or "
                                         "add the contract first.").arg(l.contractNumber));
        if (contracts.size() > 1)
            return reject(QStringLiteral("%1 dental contracts in the register have the number %2: give them different "
                                         "numbers first.").arg(contracts.size()).arg(l.contractNumber));
        l.contractId = contracts.first().value("id").toString();

        DentalActivity& a = l.activity;
        a.contractId = l.contractId;
        a.yearStart = year;
        bool ok = true;
        // A count: blank is "not known", otherwise a number of units, never negative.
        const auto count = [&](int column, bool required = false) -> std::optional<Units> {
            const QString text = rec.value(column).trimmed();
            const QString name = headerWords().at(column);
            if (text.isEmpty()) {
                if (required && ok) ok = reject(QStringLiteral("The %1 is empty: write 0 if there is none.").arg(name));
                return std::nullopt;
            }
            QString why;
            const auto u = Units::parse(text, &why);
            if (!u) {
                if (ok) ok = reject(QStringLiteral("The %1: %2. Write a number of units like 1234.5.").arg(name, why));
                return std::nullopt;
            }
            if (*u < 0) {
                if (ok) ok = reject(QStringLiteral("The %1 is %2: it cannot be negative.").arg(name, text));
                return std::nullopt;
            }
            return u;
        };
        a.udaTarget = count(kUdaTarget, true).value_or(Units());
        a.udaDelivered = count(kUdaDelivered);
        a.uoaTarget = count(kUoaTarget, true).value_or(Units());
        a.uoaDelivered = count(kUoaDelivered);
        if (m_columns > kUdaH1) {
            a.udaDeliveredH1 = count(kUdaH1);
            l.hasH1[0] = a.udaDeliveredH1.has_value();
        }
        if (m_columns > kUoaH1) {
            a.uoaDeliveredH1 = count(kUoaH1);
            l.hasH1[1] = a.uoaDeliveredH1.has_value();
        }
        const QString valueText = rec.value(kUdaValue).trimmed();
        if (ok && !valueText.isEmpty()) {
            QString pounds = valueText;
            pounds.remove(QChar(0xA3));
            QString why;
            const auto p = Units::parse(pounds, &why); // pounds to the penny: hundredths, exactly
            if (!p) ok = reject(QStringLiteral("The UDA value \"%1\" is not an amount in pounds: write it like 28.50.").arg(valueText));
            else if (*p < 0) ok = reject(QStringLiteral("The UDA value is %1: it cannot be negative.").arg(valueText));
            else a.udaValuePence = p->hundredths();
        }
        if (!ok) return false;
        Issues issues;
        validate(a, issues);
        if (!issues.isEmpty()) return reject(issues.list().constFirst().message);
        return true;
    }

    // What changed on a year already recorded, in words: "UDAs delivered 9,500 → 9,612.4".
    static QStringList differences(const DentalActivity& before, const DentalActivity& after) {
        QStringList out;
        const auto units = [&](const QString& what, const std::optional<Units>& b, const std::optional<Units>& a) {
            if (b != a)
                out << QStringLiteral("%1 %2 → %3").arg(what, b ? b->display() : QStringLiteral("none"),
                                                       a ? a->display() : QStringLiteral("none"));
        };
        units(QStringLiteral("UDA target"), before.udaTarget, after.udaTarget);
        units(QStringLiteral("UDAs delivered"), before.udaDelivered, after.udaDelivered);
        units(QStringLiteral("UDAs by 30 September"), before.udaDeliveredH1, after.udaDeliveredH1);
        units(QStringLiteral("UOA target"), before.uoaTarget, after.uoaTarget);
        units(QStringLiteral("UOAs delivered"), before.uoaDelivered, after.uoaDelivered);
        units(QStringLiteral("UOAs by 30 September"), before.uoaDeliveredH1, after.uoaDeliveredH1);
        if (before.udaValuePence != after.udaValuePence)
            out << QStringLiteral("UDA value %1 → %2")
                       .arg(before.udaValuePence ? fmt::money(*before.udaValuePence) : QStringLiteral("none"),
                            after.udaValuePence ? fmt::money(*after.udaValuePence) : QStringLiteral("none"));
        return out;
    }

    RowOutcome write(Database& db, const Line& l, QStringList& changes) {
        ContractBook book(db);
        const auto existing = db.queryOne(QStringLiteral("SELECT * FROM dental_activity WHERE contract_id = ? AND year_start = ?"),
                                          {l.contractId, l.activity.yearStart});
        if (!existing) {
            book.saveActivity(l.activity);
            return RowOutcome::Added;
        }
        // A year already recorded: the file's figures replace the recorded ones; a figure the file
        // leaves blank keeps what is recorded (a blank never erases), as does the mid-year review.
        const DentalActivity before = DentalActivity::fromRow(*existing);
        DentalActivity after = before;
        after.udaTarget = l.activity.udaTarget;
        after.uoaTarget = l.activity.uoaTarget;
        if (l.activity.udaDelivered) after.udaDelivered = l.activity.udaDelivered;
        if (l.activity.uoaDelivered) after.uoaDelivered = l.activity.uoaDelivered;
        if (l.hasH1[0]) after.udaDeliveredH1 = l.activity.udaDeliveredH1;
        if (l.hasH1[1]) after.uoaDeliveredH1 = l.activity.uoaDeliveredH1;
        if (l.activity.udaValuePence) after.udaValuePence = l.activity.udaValuePence;
        const QStringList diff = differences(before, after);
        if (diff.isEmpty()) return RowOutcome::Unchanged;
        book.saveActivity(after);
        if (changes.size() < kChangesListed)
            changes << QStringLiteral("line %1: %2 %3 updated: %4")
                           .arg(l.line)
                           .arg(l.contractNumber, yearLabel(after.yearStart), diff.join(QStringLiteral("; ")));
        else if (changes.size() == kChangesListed)
            changes << QStringLiteral("(more updated lines are not listed)");
        return RowOutcome::Updated;
    }

    static constexpr int kChangesListed = 50;
    QString m_path;
    csv::Document m_doc;
    int m_columns = 0, m_width = 0;
};

} // namespace

QStringList dentalActivityHeader() { return headerWords(); }

std::unique_ptr<FileImporter> openDentalActivityFile(const QString& path) {
    const csv::Document doc = readCsvForImport(path);
    const QString name = fileNameOf(path);
    const QString expected = headerWords().mid(0, kRequiredColumns).join(QStringLiteral(", "));
    if (doc.records.isEmpty())
        throw ImportError(QStringLiteral("%1 is empty: a dental activity file starts with the header line (%2). Nothing "
                                         "was imported.").arg(name, expected));
    const QStringList& head = doc.records.first().fields;
    int columns = int(head.size());
    // Trailing empty header cells (a spreadsheet's extra commas) are not columns.
    while (columns > 0 && head.at(columns - 1).trimmed().isEmpty()) --columns;
    bool matches = columns >= kRequiredColumns && columns <= kColumns;
    for (int i = 0; matches && i < columns; ++i)
        matches = normaliseHeader(head.at(i)) == normaliseHeader(headerWords().at(i));
    if (!matches) {
        QStringList found;
        for (int i = 0; i < std::min<int>(columns, kColumns + 1); ++i) found << head.at(i).trimmed();
        throw ImportError(QStringLiteral("%1 is not a dental activity file Casebook can read: its first line must be the "
                                         "header %2 (then optionally %3, %4), but it is: %5. Nothing was imported.")
                              .arg(name, expected, headerWords().at(kUdaH1), headerWords().at(kUoaH1),
                                   found.join(QStringLiteral(", "))));
    }
    return std::make_unique<DentalActivityFile>(path, doc, columns, int(head.size()));
}

ImportJob ImportJob::dentalActivity(const QString& path) {
    ImportJob job;
    job.add(openDentalActivityFile(path));
    return job;
}

} // namespace cb::exchange
