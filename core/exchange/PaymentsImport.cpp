#include "exchange/PaymentsImport.h"

#include <cmath>

#include "common/Identifiers.h"
#include "contractors/Contractor.h"
#include "contracts/Contract.h"
#include "dataquality/DataQuality.h"
#include "store/Database.h"
#include "store/RecordType.h"

#include <QHash>
#include <QRegularExpression>

namespace cb {

// What a payments file said of a contract in one financial year: the history kept beside the
// contract's current figures (an older file adds its year here and overwrites nothing).
const RecordType& contractYearRecord() {
    static const RecordTable table = [] {
        RecordTable t("contract_year", "Contract year");
        t.column("contract_id", FieldKind::Reference, "contract").required()
            .column("year_start", FieldKind::Year, "financial year").required()
            .column("list_size", FieldKind::Integer, "list size")
            .code("route", contractRoutes)
            .column("dispensing", FieldKind::Flag, "dispensing practice")
            .column("file", FieldKind::Text, "from file");
        t.recordType = QStringLiteral("contract_years");
        t.title = QStringLiteral("Contract figures by year");
        t.orderBy = QStringLiteral("contract_id, year_start");
        t.owner = [](Database& db, const Row& r) { return contractOwner(db, r.value("contract_id").toString()).contractorId; };
        t.label = [](Database& db, const Row& r) {
            const int y = r.value("year_start").toInt();
            return QStringLiteral("%1 in %2/%3").arg(contractOwner(db, r.value("contract_id").toString()).label).arg(y)
                .arg((y + 1) % 100, 2, 10, QLatin1Char('0'));
        };
        return t;
    }();
    return table;
}
CB_RECORD_TYPE(contractYearRecord)

} // namespace cb

namespace cb::exchange {

QString normaliseHeader(const QString& header) {
    QString s = header.toLower();
    static const QRegularExpression punct(QStringLiteral("[^a-z0-9]+"));
    s.replace(punct, QStringLiteral(" "));
    return s.simplified();
}

namespace {
constexpr int kPaymentsHeaderSearch = 10;                     // rows where the header may be
constexpr int kPaymentsHeadRows = kPaymentsHeaderSearch + 1; // and the first data row after it
} // namespace

PaymentsColumns findPaymentsColumns(const csv::Document& doc) {
    // The header is normally the first row; a title line or two above it is tolerated.
    const int limit = std::min<int>(kPaymentsHeaderSearch, int(doc.records.size()));
    for (int h = 0; h < limit; ++h) {
        PaymentsColumns c;
        c.headerIndex = h;
        const QStringList& fields = doc.records.at(h).fields;
        for (int i = 0; i < fields.size(); ++i) {
            const QString n = normaliseHeader(fields.at(i));
            auto take = [&](int& slot) {
                if (slot < 0) slot = i;
            };
            if (n == QLatin1String("practice code") || n == QLatin1String("practice ods code") ||
                (n.contains(QLatin1String("practice code")) && !n.contains(QLatin1String("parent"))))
                take(c.code);
            else if (n == QLatin1String("practice name"))
                take(c.name);
            else if (n.contains(QLatin1String("contract type")))
                take(c.contractType);
            else if (n.contains(QLatin1String("registered patients")) && !n.contains(QLatin1String("weighted")) &&
                     !n.contains(QLatin1String("per ")))
                take(c.registeredPatients);
            else if (n.contains(QLatin1String("practice open date")) || n == QLatin1String("open date"))
                take(c.openDate);
            else if (n.contains(QLatin1String("practice close date")) || n == QLatin1String("close date"))
                take(c.closeDate);
            else if (n.contains(QLatin1String("dispensing practice")) || n == QLatin1String("dispensing"))
                take(c.dispensing);
            else if (n == QLatin1String("year") || n == QLatin1String("financial year") || n == QLatin1String("fin year"))
                take(c.year);
        }
        if (c.complete()) return c;
    }
    return {};
}

int financialYearIn(const QString& text) {
    // 2022-23, 2022/23, 2022_23, 2022-2023, 202223: the second year follows the first.
    static const QRegularExpression re(QStringLiteral("(?<![0-9])(20[0-9]{2})[-/_ ]?(20)?([0-9]{2})(?![0-9])"));
    auto it = re.globalMatch(text);
    while (it.hasNext()) {
        const auto m = it.next();
        const int first = m.captured(1).toInt();
        if (m.captured(3).toInt() == (first + 1) % 100) return first;
    }
    return 0;
}

int paymentsFileYear(const csv::Document& doc, const PaymentsColumns& cols, const QString& path) {
    if (cols.year >= 0 && cols.headerIndex + 1 < doc.records.size())
        if (const int y = financialYearIn(doc.records.at(cols.headerIndex + 1).value(cols.year))) return y;
    for (int i = 0; i < cols.headerIndex && i < doc.records.size(); ++i)
        if (const int y = financialYearIn(doc.records.at(i).fields.join(QLatin1Char(' ')))) return y;
    return financialYearIn(fileNameOf(path));
}

namespace {

QString yearLabel(int year) { return QStringLiteral("%1/%2").arg(year).arg((year + 1) % 100, 2, 10, QLatin1Char('0')); }

constexpr int kMaxListSize = 10'000'000; // far above the largest practice list in England

std::optional<QDate> paymentsDate(const QString& raw) {
    const QString s = raw.trimmed();
    if (s.isEmpty()) return QDate();
    for (const char* f : {"dd/MM/yyyy", "d/M/yyyy", "yyyy-MM-dd", "dd-MMM-yy", "dd-MMM-yyyy"}) {
        const QDate d = QDate::fromString(s, QString::fromLatin1(f));
        if (d.isValid()) return d.year() < 1900 ? d.addYears(100) : d;
    }
    return std::nullopt;
}

class PaymentsFile : public FileImporter {
public:
    // head: the first records of the file (the header and what is above it, and the first data row).
    PaymentsFile(std::unique_ptr<CsvStream> stream, const csv::Document& head, PaymentsColumns cols)
        : m_path(stream->path()), m_stream(std::move(stream)), m_cols(cols),
          m_width(head.records.at(cols.headerIndex).size()), m_year(paymentsFileYear(head, m_cols, m_path)) {}

    FileResult header() const override {
        FileResult r;
        r.file = fileNameOf(m_path);
        r.kind = QStringLiteral("payments");
        r.description = m_year ? QStringLiteral("NHS Payments to General Practice %1").arg(yearLabel(m_year))
                               : QStringLiteral("NHS Payments to General Practice");
        r.encoding = csv::describe(m_stream->encoding());
        r.rows = m_stream->records() - m_cols.headerIndex - 1;
        return r;
    }
    int order() const override { return 60; } // after the practices it refers to

    void apply(Database& db, FileResult& result) override {
        const int width = m_width;
        if (!m_year)
            result.notes << QStringLiteral("The file does not say which financial year it covers (no year in its name "
                                           "or title), so its figures were taken as the latest and kept without a year. "
                                           "Name it like \"payments-2022-23.csv\" to keep each year's figures.");
        m_historyOnly = 0;
        RepeatedCodes seen;
        int index = -1;
        m_stream->read(*this, [&](const csv::Record& rec) {
            if (++index <= m_cols.headerIndex) return; // the header and any title above it
            const QString code = ident::normaliseCode(rec.value(m_cols.code));
            if (rec.size() != width) {
                result.rejections.append({rec.line, code, QStringLiteral("The row has %1 fields; the header has %2.")
                                                              .arg(rec.size()).arg(width)});
                return;
            }
            if (code.isEmpty()) {
                result.rejections.append({rec.line, code, QStringLiteral("The practice code is empty.")});
                return;
            }
            if (seen.isRepeat(result, rec.line, code)) return;
            applyRow(db, result, rec.line, code, [&] { return applyRecord(db, rec, code, result); });
        });
        if (m_historyOnly > 0)
            result.notes << QStringLiteral("%1 practices already have figures for a later year than %2: the file's list "
                                           "sizes were kept as %2 history and filled only what the register lacked.")
                                .arg(m_historyOnly).arg(yearLabel(m_year));
    }

private:
    DataQualityNote note(const csv::Record& rec, const QString& table, const QString& id, const QString& contractorId,
                         const QString& field, const QString& value, const QString& problem) const {
        DataQualityNote n;
        n.recordTable = table;
        n.recordId = id;
        n.contractorId = contractorId;
        n.field = field;
        n.value = value;
        n.file = fileNameOf(m_path);
        n.line = rec.line;
        n.problem = problem;
        return n;
    }

    // The file's own dates for a contract already in the register are not used (the register's are
    // kept), but one that is not a date is an oddity to tell: a data-quality note names the line,
    // the field and the value (issue 16: "31/02/2020" and "99/99/9999" went unsaid).
    bool noteUnreadableDates(Database& db, FileResult& result, const csv::Record& rec, const QString& contractId,
                             const QString& contractorId) {
        bool noted = false;
        const struct {
            int column;
            const char* field;
            const char* words;
        } dates[] = {{m_cols.openDate, "startDate", "open date"}, {m_cols.closeDate, "endDate", "close date"}};
        for (const auto& d : dates) {
            if (d.column < 0) continue;
            const QString raw = rec.value(d.column).trimmed();
            if (paymentsDate(raw)) continue;
            noted = noteDataQuality(db, result, note(rec, QStringLiteral("contract"), contractId, contractorId,
                                                     QString::fromLatin1(d.field), raw.left(40),
                                                     QStringLiteral("The %1 in the payments file \"%2\" is not a date; it "
                                                                    "was not used (the register's is kept). Check the "
                                                                    "practice's dates.")
                                                         .arg(QString::fromLatin1(d.words), raw.left(40)))) ||
                    noted;
        }
        return noted; // a note made now (a re-import of the same file notes nothing again)
    }

    // This year's figures of a contract, kept as history (one row per contract and year).
    bool keepYear(Database& db, const QString& contractId, qint64 listSize, const QString& route, std::optional<bool> dispensing) {
        if (!m_year) return false;
        const auto existing = db.queryOne(QStringLiteral("SELECT id FROM contract_year WHERE contract_id = ? AND year_start = ?"),
                                          {contractId, m_year});
        Row row{{"id", existing ? existing->value("id").toString() : Database::newId()},
                {"contract_id", contractId},
                {"year_start", m_year},
                {"list_size", listSize},
                {"route", route.isEmpty() ? QVariant() : QVariant(route)},
                {"dispensing", dispensing ? QVariant(qint64(*dispensing ? 1 : 0)) : QVariant()},
                {"file", fileNameOf(m_path)}};
        return db.save(QStringLiteral("contract_year"), row).changed;
    }

    RowOutcome applyRecord(Database& db, const csv::Record& rec, const QString& code, FileResult& result) {
        const auto practice = db.queryOne(
            QStringLiteral("SELECT id, contractor_group, name, status FROM contractor WHERE ods_code = ?"), {code});
        if (!practice)
            throw ValidationError("odsCode", QStringLiteral("Practice %1 is not in the register: import the GP "
                                                            "practices (epraccur) first, or add it by hand.").arg(code));
        if (practice->value("contractor_group").toString() != QLatin1String("general_practice"))
            throw ValidationError("odsCode", QStringLiteral("%1 is in the register as %2, not a GP practice.")
                                                 .arg(code, labelFor(contractorGroups(),
                                                                     practice->value("contractor_group").toString())
                                                                .toLower()));
        const QString contractorId = practice->value("id").toString();
        const QString rawType = rec.value(m_cols.contractType).trimmed();
        const QString route = codeFor(routesForGroup(QStringLiteral("general_practice")), rawType);
        const bool knownRoute = route == QLatin1String("gms") || route == QLatin1String("pms") ||
                                route == QLatin1String("apms");
        bool ok = false;
        const QString rawList = rec.value(m_cols.registeredPatients).trimmed();
        const double patients = QString(rawList).remove(QLatin1Char(',')).toDouble(&ok);
        if (!ok || !std::isfinite(patients) || patients < 0)
            throw ValidationError("listSize", QStringLiteral("The number of registered patients \"%1\" is not a "
                                                             "number.").arg(rawList.left(40)));
        if (patients > kMaxListSize)
            throw ValidationError("listSize", QStringLiteral("The number of registered patients \"%1\" is larger than "
                                                             "any practice list (at most %2); the row was not used.")
                                                  .arg(rawList.left(40)).arg(kMaxListSize));
        // The file gives an average over the year's quarters (9023.5): the list size is a head count.
        const qint64 listSize = qRound64(patients);
        std::optional<bool> dispensing;
        if (m_cols.dispensing >= 0) {
            const QString d = rec.value(m_cols.dispensing).trimmed().toLower();
            if (d == QLatin1String("yes") || d == QLatin1String("y") || d == QLatin1String("1")) dispensing = true;
            else if (d == QLatin1String("no") || d == QLatin1String("n") || d == QLatin1String("0")) dispensing = false;
        }

        const auto existing = db.queryOne(
            QStringLiteral("SELECT * FROM contract WHERE contractor_id = ? AND route IN ('gms','pms','apms') "
                           "ORDER BY status = 'active' DESC, start_date DESC LIMIT 1"),
            {contractorId});
        if (existing) {
            Contract c = Contract::fromRow(*existing);
            const bool datesNoted = noteUnreadableDates(db, result, rec, c.id, contractorId);
            // The latest year the register has figures for, from any of the practice's GP contracts.
            const int registerYear = db.scalar(QStringLiteral("SELECT coalesce(max(y.year_start), 0) FROM contract_year y "
                                                              "JOIN contract k ON k.id = y.contract_id WHERE k.contractor_id = ?"),
                                               {contractorId}).toInt();
            if (m_year && registerYear > m_year) {
                // An older file: kept as history; it fills what the register lacks and overwrites nothing.
                ++m_historyOnly;
                bool changed = keepYear(db, c.id, listSize, knownRoute ? route : QString(), dispensing);
                if (!c.listSize) {
                    c.listSize = listSize;
                    changed = db.save(contractRecord(), c.toRow(), Database::SaveMode::Existing).changed || changed;
                }
                return changed || datesNoted ? RowOutcome::Updated : RowOutcome::Unchanged;
            }
            bool eventAdded = false;
            if (knownRoute && route != c.route) {
                // A change of contract between years is an event to record, not a rewrite of the contract.
                const QString what = QStringLiteral("The payments file%1 gives contract type %2; the register holds %3. "
                                                    "Confirm the change, then record the new contract and end this one.")
                                         .arg(m_year ? QStringLiteral(" for ") + yearLabel(m_year) : QString(),
                                              labelFor(contractRoutes(), route), c.label());
                const bool known = db.queryOne(QStringLiteral("SELECT 1 FROM contract_event WHERE contract_id = ? AND "
                                                              "kind = 'variation' AND description = ?"),
                                               {c.id, what}).has_value();
                if (!known) {
                    ContractEvent e;
                    e.id = Database::newId();
                    e.contractId = c.id;
                    e.kind = QStringLiteral("variation");
                    // When the change happened is not in the file: the first day of the year whose file
                    // shows it, flagged for a person to confirm; without a year, the day it was noticed.
                    e.eventDate = m_year ? QDate(m_year, 4, 1) : db.clock().today();
                    e.description = what;
                    db.save(contractEventRecord(), e.toRow(), Database::SaveMode::New);
                    noteDataQuality(db, result, note(rec, QStringLiteral("contract_event"), e.id, contractorId,
                                                     QStringLiteral("eventDate"), rawType,
                                                     QStringLiteral("Contract type changed from %1 to %2; the file does not "
                                                                    "say when (recorded as %3, to confirm).")
                                                         .arg(labelFor(contractRoutes(), c.route),
                                                              labelFor(contractRoutes(), route), fmt::date(e.eventDate))));
                    eventAdded = true;
                }
            }
            c.listSize = listSize;
            if (dispensing) c.dispensing = *dispensing;
            Issues issues;
            validate(c, QStringLiteral("general_practice"), issues);
            const bool saved = db.save(contractRecord(), c.toRow(), Database::SaveMode::Existing).changed;
            const bool year = keepYear(db, c.id, listSize, knownRoute ? route : QString(), dispensing);
            return saved || eventAdded || year || datesNoted ? RowOutcome::Updated : RowOutcome::Unchanged;
        }
        const QString rawClose = m_cols.closeDate >= 0 ? rec.value(m_cols.closeDate).trimmed() : QString();
        const auto closed = paymentsDate(rawClose);
        if (!closed) {
            // Not a date: Casebook cannot tell whether the practice has closed, so it creates nothing.
            result.notes << QStringLiteral("Line %1 (%2): the close date \"%3\" is not a date; it was not stored, and "
                                           "no contract was created.").arg(rec.line).arg(code, rawClose.left(40));
            ++result.skippedReasons[QStringLiteral("close date in the file is not a date: no contract created")];
            return RowOutcome::Skipped;
        }
        if (closed->isValid()) {
            ++result.skippedReasons[QStringLiteral("practice closed (close date in the file) and no contract in the "
                                                   "register: none created")];
            return RowOutcome::Skipped;
        }
        const QString status = practice->value("status").toString();
        if (status == QLatin1String("dormant") || status == QLatin1String("closed")) {
            ++result.skippedReasons[QStringLiteral("practice %1 in the register (ODS status): no active contract "
                                                   "created").arg(status)];
            return RowOutcome::Skipped;
        }
        if (!knownRoute)
            throw ValidationError("route", QStringLiteral("The contract type is \"%1\", not GMS, PMS or APMS, and the "
                                                          "practice has no contract in the register: add its contract "
                                                          "by hand.").arg(rawType));
        Contract c;
        c.id = Database::newId();
        c.contractorId = contractorId;
        c.route = route;
        // Start (and, for APMS, end) dates: unknown unless the file says. The practice's open date is
        // not the contract's start (GMS began in 2004, PMS in 1998); never invented.
        c.listSize = listSize;
        c.dispensing = dispensing.value_or(false);
        c.notes = QStringLiteral("Created from %1.").arg(fileNameOf(m_path));
        db.save(contractRecord(), c.toRow(), Database::SaveMode::New);
        keepYear(db, c.id, listSize, route, dispensing);
        if (isTimeLimitedRoute(route))
            noteDataQuality(db, result, note(rec, QStringLiteral("contract"), c.id, contractorId, QStringLiteral("endDate"),
                                             QString(),
                                             QStringLiteral("%1 contract: time-limited, and the file does not say "
                                                            "when it ends: end date unknown, to confirm. Enter it from "
                                                            "the contract.").arg(labelFor(contractRoutes(), route))));
        noteDataQuality(db, result, note(rec, QStringLiteral("contract"), c.id, contractorId, QStringLiteral("startDate"),
                                         QString(),
                                         QStringLiteral("Contract start date not in the payments file: unknown, to confirm.")));
        return RowOutcome::Added;
    }

    QString m_path;
    std::unique_ptr<CsvStream> m_stream;
    PaymentsColumns m_cols;
    int m_width = 0;
    int m_year = 0;
    int m_historyOnly = 0;
};

} // namespace

std::unique_ptr<FileImporter> openPaymentsFile(const QString& path) {
    // Read through once, keeping only the first rows: the header is within the first ten, and the
    // row after it may say the year.
    csv::Document head;
    auto stream = std::make_unique<CsvStream>(path, [&](const csv::Record& rec) {
        if (head.records.size() < kPaymentsHeadRows) head.records.append(rec);
    });
    const QString name = fileNameOf(path);
    const PaymentsColumns cols = findPaymentsColumns(head);
    if (!cols.complete())
        throw ImportError(QStringLiteral("%1 is not an NHS Payments to General Practice file: Casebook needs a header "
                                         "row with the practice code, the contract type and the number of registered "
                                         "patients. Nothing was imported.").arg(name));
    return std::make_unique<PaymentsFile>(std::move(stream), head, cols);
}

ImportJob ImportJob::payments(const QString& path) {
    ImportJob job;
    job.m_files.push_back(openPaymentsFile(path));
    return job;
}

} // namespace cb::exchange
