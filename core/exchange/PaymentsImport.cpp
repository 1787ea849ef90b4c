#include "exchange/PaymentsImport.h"

#include <cmath>

#include "common/Identifiers.h"
#include "contractors/Contractor.h"
#include "contracts/Contract.h"
#include "store/Database.h"
#include "store/RecordType.h"

#include <QHash>
#include <QRegularExpression>

namespace cb::exchange {

QString normaliseHeader(const QString& header) {
    QString s = header.toLower();
    static const QRegularExpression punct(QStringLiteral("[^a-z0-9]+"));
    s.replace(punct, QStringLiteral(" "));
    return s.simplified();
}

PaymentsColumns findPaymentsColumns(const csv::Document& doc) {
    // The header is normally the first row; a title line or two above it is tolerated.
    const int limit = std::min<int>(10, int(doc.records.size()));
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
        }
        if (c.complete()) return c;
    }
    return {};
}

namespace {

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
    PaymentsFile(QString path, csv::Document doc, PaymentsColumns cols)
        : m_path(std::move(path)), m_doc(std::move(doc)), m_cols(cols) {}

    FileResult header() const override {
        FileResult r;
        r.file = fileNameOf(m_path);
        r.kind = QStringLiteral("payments");
        r.description = QStringLiteral("NHS Payments to General Practice");
        r.encoding = csv::describe(m_doc.encoding);
        r.rows = int(m_doc.records.size()) - m_cols.headerIndex - 1;
        return r;
    }
    int order() const override { return 60; } // after the practices it refers to

    void apply(Database& db, FileResult& result) override {
        const int width = m_doc.records.at(m_cols.headerIndex).size();
        RepeatedCodes seen;
        for (int i = m_cols.headerIndex + 1; i < m_doc.records.size(); ++i) {
            const csv::Record& rec = m_doc.records.at(i);
            const QString code = ident::normaliseCode(rec.value(m_cols.code));
            if (rec.size() != width) {
                result.rejections.append({rec.line, code, QStringLiteral("The row has %1 fields; the header has %2.")
                                                              .arg(rec.size()).arg(width)});
                continue;
            }
            if (code.isEmpty()) {
                result.rejections.append({rec.line, code, QStringLiteral("The practice code is empty.")});
                continue;
            }
            if (seen.isRepeat(result, rec.line, code)) continue;
            applyRow(db, result, rec.line, code, [&] { return applyRecord(db, rec, code, result); });
        }
    }

private:
    RowOutcome applyRecord(Database& db, const csv::Record& rec, const QString& code, FileResult& result) {
        const auto practice = db.queryOne(
            QStringLiteral("SELECT id, contractor_group, name, open_date FROM contractor WHERE ods_code = ?"), {code});
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

        const auto existing = db.queryOne(
            QStringLiteral("SELECT * FROM contract WHERE contractor_id = ? AND route IN ('gms','pms','apms') "
                           "ORDER BY status = 'active' DESC, start_date DESC LIMIT 1"),
            {contractorId});
        if (existing) {
            Contract c = Contract::fromRow(*existing);
            if (knownRoute) c.route = route;
            c.listSize = listSize;
            Issues issues;
            validate(c, QStringLiteral("general_practice"), issues);
            if (!issues.isEmpty() && knownRoute && route != Contract::fromRow(*existing).route)
                throw ValidationError(QStringLiteral("route"),
                                      QStringLiteral("The file gives contract type %1 but the register holds a %2 "
                                                     "contract: %3 Record the change of contract by hand.")
                                          .arg(rawType, labelFor(contractRoutes(), existing->value("route").toString()),
                                               ValidationError(issues.list()).message()));
            issues.throwIfAny();
            return outcomeOf(db.save(contractRecord(), c.toRow(), Database::SaveMode::Existing));
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
        if (!knownRoute)
            throw ValidationError("route", QStringLiteral("The contract type is \"%1\", not GMS, PMS or APMS, and the "
                                                          "practice has no contract in the register: add its contract "
                                                          "by hand.").arg(rawType));
        if (isTimeLimitedRoute(route))
            throw ValidationError("endDate", QStringLiteral("The practice holds an APMS contract, which is time-limited, "
                                                            "and the file does not say when it ends. Add the contract "
                                                            "by hand with its end date; importing the file again will "
                                                            "then set its list size."));
        Contract c;
        c.id = Database::newId();
        c.contractorId = contractorId;
        c.route = route;
        const QString rawOpen = m_cols.openDate >= 0 ? rec.value(m_cols.openDate).trimmed() : QString();
        const auto opened = paymentsDate(rawOpen);
        if (!opened)
            result.notes << QStringLiteral("Line %1 (%2): the open date \"%3\" is not a date; it was not stored, and the "
                                           "register's open date was used as the contract's start.")
                                .arg(rec.line).arg(code, rawOpen.left(40));
        c.startDate = opened && opened->isValid() ? *opened
                                                  : fmt::parseIsoDate(practice->value("open_date").toString());
        if (!c.startDate.isValid())
            throw ValidationError("startDate", QStringLiteral("Neither the file nor the register gives the date the "
                                                              "practice opened, which the new contract needs as its "
                                                              "start date. Add the contract by hand."));
        c.listSize = listSize;
        c.notes = QStringLiteral("Created from %1.").arg(fileNameOf(m_path));
        Issues issues;
        validate(c, QStringLiteral("general_practice"), issues);
        issues.throwIfAny();
        return outcomeOf(db.save(contractRecord(), c.toRow(), Database::SaveMode::New));
    }

    QString m_path;
    csv::Document m_doc;
    PaymentsColumns m_cols;
};

} // namespace

std::unique_ptr<FileImporter> openPaymentsFile(const QString& path) {
    csv::Document doc = readCsvForImport(path);
    const QString name = fileNameOf(path);
    const PaymentsColumns cols = findPaymentsColumns(doc);
    if (!cols.complete())
        throw ImportError(QStringLiteral("%1 is not an NHS Payments to General Practice file: Casebook needs a header "
                                         "row with the practice code, the contract type and the number of registered "
                                         "patients. Nothing was imported.").arg(name));
    return std::make_unique<PaymentsFile>(path, std::move(doc), cols);
}

ImportJob ImportJob::payments(const QString& path) {
    ImportJob job;
    job.m_files.push_back(openPaymentsFile(path));
    return job;
}

} // namespace cb::exchange
