#include "exchange/OdsImport.h"

#include "common/Identifiers.h"
#include "contractors/Contractor.h"
#include "contractors/Site.h"
#include "store/Database.h"
#include "store/RecordType.h"

#include <QHash>
#include <QRegularExpression>

namespace cb::exchange {

namespace {

// ODS field numbers as PRIMER gives them (1-based), as 0-based indexes.
enum Field {
    fCode = 0, fName = 1, fAddress1 = 4, fPostcode = 9, fOpen = 10, fClose = 11, fStatus = 12, fSubType = 13,
    fParent = 14, fTelephone = 17, fCommissioner = 23, fSetting = 25
};

bool matches(const QRegularExpression& re, const QString& s) { return re.match(s).hasMatch(); }

const QRegularExpression& practiceCode() {
    static const QRegularExpression re(QStringLiteral("^(?:[A-Z][0-9]{5}|[A-Z]{3}[0-9]{3})$"));
    return re;
}
const QRegularExpression& branchCode() {
    static const QRegularExpression re(QStringLiteral("^(?:[A-Z][0-9]{5}|[A-Z]{3}[0-9]{3})[0-9]{3}$"));
    return re;
}

QString nonEmpty(const QString& s) { return s.trimmed(); }

// ODS dates are YYYYMMDD; empty means none. nullopt when present but not a date.
std::optional<QDate> odsDate(const QString& raw) {
    const QString s = raw.trimmed();
    if (s.isEmpty()) return QDate();
    const QDate d = QDate::fromString(s, QStringLiteral("yyyyMMdd"));
    if (!d.isValid()) return std::nullopt;
    return d;
}

QVariant text(const QString& s) { return s.isEmpty() ? QVariant() : QVariant(s); }
QVariant day(const QDate& d) { return d.isValid() ? QVariant(d.toString(Qt::ISODate)) : QVariant(); }

} // namespace

QString odsKindName(OdsKind kind) {
    switch (kind) {
    case OdsKind::Practices: return QStringLiteral("epraccur");
    case OdsKind::Branches: return QStringLiteral("ebranchs");
    case OdsKind::Dispensaries: return QStringLiteral("edispensary");
    case OdsKind::PharmacyHeadOffices: return QStringLiteral("epharmacyhq");
    case OdsKind::Dental: return QStringLiteral("egdpprac");
    case OdsKind::Unknown: break;
    }
    return QStringLiteral("unknown");
}

QString odsKindDescription(OdsKind kind) {
    switch (kind) {
    case OdsKind::Practices: return QStringLiteral("GP practices (epraccur)");
    case OdsKind::Branches: return QStringLiteral("GP branch surgeries (ebranchs)");
    case OdsKind::Dispensaries: return QStringLiteral("pharmacies and appliance contractors (edispensary)");
    case OdsKind::PharmacyHeadOffices: return QStringLiteral("pharmacy head offices (epharmacyhq)");
    case OdsKind::Dental: return QStringLiteral("dental practices (egdpprac)");
    case OdsKind::Unknown: break;
    }
    return QStringLiteral("an unrecognised ODS extract");
}

OdsKind classifyOdsRow(const QStringList& f) {
    if (f.size() < kOdsFieldCount) return OdsKind::Unknown;
    const QString code = ident::normaliseCode(f.at(fCode));
    const QString sub = f.at(fSubType).trimmed().toUpper();
    const QString parent = ident::normaliseCode(f.at(fParent));
    // A branch code is its practice's code + 3 digits, but a branch that moved to another practice
    // keeps its code: field 15 (the parent practice) is what counts.
    if (matches(branchCode(), code) && matches(practiceCode(), parent)) return OdsKind::Branches;
    if (matches(practiceCode(), code) && (sub == QLatin1String("B") || sub == QLatin1String("Z") || sub.isEmpty()))
        return OdsKind::Practices;
    static const QRegularExpression pharmacy(QStringLiteral("^F[A-Z0-9]{4}$"));
    if (matches(pharmacy, code) && (sub == QLatin1String("1") || sub == QLatin1String("2")))
        return OdsKind::Dispensaries;
    // Head offices: P + 3 or 4 characters, or (newer) any 5; the file has no sub-type.
    static const QRegularExpression headOffice(QStringLiteral("^(?:P[A-Z0-9]{3,4}|[A-Z0-9]{5})$"));
    if (matches(headOffice, code) && sub.isEmpty()) return OdsKind::PharmacyHeadOffices;
    static const QRegularExpression dental(QStringLiteral("^V[0-9]{5,6}$"));
    if (matches(dental, code) && (sub == QLatin1String("D") || sub == QLatin1String("P") || sub.isEmpty()))
        return OdsKind::Dental;
    return OdsKind::Unknown;
}

OdsKind detectOdsKind(const csv::Document& doc, double* share) {
    QHash<int, int> counts;
    for (const csv::Record& r : doc.records) ++counts[int(classifyOdsRow(r.fields))];
    OdsKind best = OdsKind::Unknown;
    int bestCount = 0;
    for (auto it = counts.begin(); it != counts.end(); ++it)
        if (it.key() != int(OdsKind::Unknown) && it.value() > bestCount) {
            best = OdsKind(it.key());
            bestCount = it.value();
        }
    const double s = doc.records.isEmpty() ? 0.0 : double(bestCount) / doc.records.size();
    if (share) *share = s;
    return s >= kOdsDetectShare ? best : OdsKind::Unknown;
}

QString odsStatus(const QString& raw, const QDate& closeDate, const QDate& today) {
    const QString s = raw.trimmed().toUpper();
    if (s.isEmpty()) return closeDate.isValid() && closeDate <= today ? QStringLiteral("closed") : QStringLiteral("active");
    if (s == QLatin1String("A") || s == QLatin1String("ACTIVE")) return QStringLiteral("active");
    if (s == QLatin1String("C") || s == QLatin1String("CLOSED")) return QStringLiteral("closed");
    if (s == QLatin1String("D") || s == QLatin1String("DORMANT")) return QStringLiteral("dormant");
    if (s == QLatin1String("P") || s == QLatin1String("PROPOSED")) return QStringLiteral("proposed");
    return {};
}

bool isGpPracticeSetting(const QString& setting) {
    // 4 = GP practice. An empty setting (older or trimmed extracts) is taken as a practice.
    const QString s = setting.trimmed();
    return s.isEmpty() || s == QLatin1String("4");
}

namespace {

class OdsFile : public FileImporter {
public:
    OdsFile(QString path, OdsKind kind, csv::Document doc) : m_path(std::move(path)), m_kind(kind), m_doc(std::move(doc)) {}

    FileResult header() const override {
        FileResult r;
        r.file = fileNameOf(m_path);
        r.kind = odsKindName(m_kind);
        r.description = odsKindDescription(m_kind);
        r.encoding = csv::describe(m_doc.encoding);
        r.rows = int(m_doc.records.size());
        return r;
    }

    int order() const override {
        // Head offices and practices first, so pharmacies and branches find their parents.
        switch (m_kind) {
        case OdsKind::PharmacyHeadOffices: return 10;
        case OdsKind::Practices: return 20;
        case OdsKind::Branches: return 30;
        default: return 40;
        }
    }

    void apply(Database& db, FileResult& result) override {
        const QDate today = db.clock().today();
        RepeatedCodes seen;
        for (const csv::Record& rec : m_doc.records) {
            const QString code = ident::normaliseCode(rec.value(fCode));
            if (rec.size() != kOdsFieldCount) {
                result.rejections.append({rec.line, code,
                                          QStringLiteral("The row has %1 fields; an ODS extract row has %2.")
                                              .arg(rec.size()).arg(kOdsFieldCount)});
                continue;
            }
            if (seen.isRepeat(result, rec.line, code)) continue;
            if (classifyOdsRow(rec.fields) != m_kind) {
                result.rejections.append({rec.line, code, QStringLiteral("\"%1\" does not look like a row of %2: check "
                                                                         "the code.").arg(code, odsKindDescription(m_kind))});
                continue;
            }
            applyRow(db, result, rec.line, code, [&] { return applyRecord(db, rec, code, today, result); });
        }
    }

private:
    RowOutcome applyRecord(Database& db, const csv::Record& rec, const QString& code, const QDate& today,
                           FileResult& result) {
        const auto open = odsDate(rec.value(fOpen));
        const auto close = odsDate(rec.value(fClose));
        if (!open)
            throw ValidationError("openDate", QStringLiteral("The open date \"%1\" is not a date (YYYYMMDD).")
                                                  .arg(rec.value(fOpen)));
        if (!close)
            throw ValidationError("closeDate", QStringLiteral("The close date \"%1\" is not a date (YYYYMMDD).")
                                                   .arg(rec.value(fClose)));
        const QString status = odsStatus(rec.value(fStatus), *close, today);
        if (status.isEmpty())
            throw ValidationError("status", QStringLiteral("The status \"%1\" is not one Casebook knows (A active, C "
                                                           "closed, D dormant, P proposed).")
                                                .arg(rec.value(fStatus)));
        switch (m_kind) {
        case OdsKind::Branches: return applyBranch(db, rec, code, *open, *close, status);
        case OdsKind::PharmacyHeadOffices: return applyHeadOffice(db, rec, code, *open, *close, status);
        default: break;
        }
        if (m_kind == OdsKind::Practices && !isGpPracticeSetting(rec.value(fSetting))) {
            ++result.skippedReasons[QStringLiteral("not a GP practice (prescribing setting other than 4: out of "
                                                   "hours, walk-in, prison, hospital and other cost centres)")];
            return RowOutcome::Skipped;
        }
        if (m_kind == OdsKind::Dental && rec.value(fSubType).trimmed().toUpper() == QLatin1String("P")) {
            ++result.skippedReasons[QStringLiteral("private dental practice (sub-type P): not NHS-commissioned")];
            return RowOutcome::Skipped;
        }
        return applyContractor(db, rec, code, *open, *close, status, today);
    }

    QString groupFor(const csv::Record& rec) const {
        switch (m_kind) {
        case OdsKind::Practices: return QStringLiteral("general_practice");
        case OdsKind::Dental: return QStringLiteral("dental");
        case OdsKind::Dispensaries:
            return rec.value(fSubType).trimmed() == QLatin1String("2") ? QStringLiteral("appliance")
                                                                       : QStringLiteral("pharmacy");
        default: return {};
        }
    }

    RowOutcome applyContractor(Database& db, const csv::Record& rec, const QString& code, const QDate& open,
                               const QDate& close, const QString& status, const QDate& today) {
        const auto existingRow = db.queryOne(QStringLiteral("SELECT * FROM contractor WHERE ods_code = ?"), {code});
        Contractor c = existingRow ? Contractor::fromRow(*existingRow) : Contractor();
        const QString group = groupFor(rec);
        if (existingRow && c.group != group)
            throw ValidationError("group", QStringLiteral("%1 is already in the register as %2, not %3: check the "
                                                          "file, or correct the contractor first.")
                                               .arg(code, labelFor(contractorGroups(), c.group).toLower(),
                                                    labelFor(contractorGroups(), group).toLower()));
        c.odsCode = code;
        c.group = group;
        // The official upper-case name is the business name that appears on contracts: kept as is.
        c.name = rec.value(fName);
        c.address1 = rec.value(fAddress1);
        c.address2 = rec.value(fAddress1 + 1);
        c.address3 = rec.value(fAddress1 + 2);
        c.address4 = rec.value(fAddress1 + 3);
        c.address5 = rec.value(fAddress1 + 4);
        c.postcode = rec.value(fPostcode);
        // An empty ODS telephone does not erase a number typed in Casebook.
        if (!rec.value(fTelephone).trimmed().isEmpty()) c.telephone = rec.value(fTelephone);
        c.status = status;
        c.openDate = open;
        c.closeDate = close;
        if (m_kind == OdsKind::Dispensaries) {
            c.commissionerCode = rec.value(fCommissioner);
            c.parentCode = rec.value(fParent);
        } else {
            c.commissionerCode = rec.value(fParent);
        }
        normalise(c);
        Issues issues;
        validate(c, issues, today);
        issues.throwIfAny();
        if (!existingRow) c.id = Database::newId();
        return outcomeOf(db.save(contractorRecord(), c.toRow()));
    }

    RowOutcome applyBranch(Database& db, const csv::Record& rec, const QString& code, const QDate& open,
                           const QDate& close, const QString& status) {
        const QString parentCode = ident::normaliseCode(rec.value(fParent));
        const auto parent = db.queryOne(
            QStringLiteral("SELECT id, contractor_group FROM contractor WHERE ods_code = ?"), {parentCode});
        if (!parent)
            throw ValidationError("contractorId", QStringLiteral("Its practice %1 is not in the register: import the "
                                                                 "practices (epraccur) first.").arg(parentCode));
        const QString contractorId = parent->value("id").toString();
        const auto existingRow = db.queryOne(QStringLiteral("SELECT * FROM site WHERE code = ?"), {code});
        Site s = existingRow ? Site::fromRow(*existingRow) : Site();
        if (existingRow && s.contractorId != contractorId)
            throw ValidationError("contractorId", QStringLiteral("Site %1 belongs to another contractor in the "
                                                                 "register; a branch code starts with its practice's "
                                                                 "code.").arg(code));
        s.contractorId = contractorId;
        s.code = code;
        s.name = rec.value(fName).simplified();
        // Sites keep four address lines: three street lines and the town; the county is left out.
        s.address1 = rec.value(fAddress1).simplified();
        s.address2 = rec.value(fAddress1 + 1).simplified();
        s.address3 = rec.value(fAddress1 + 2).simplified();
        s.address4 = rec.value(fAddress1 + 3).simplified();
        s.postcode = rec.value(fPostcode).trimmed().isEmpty() ? QString() : ident::normalisePostcode(rec.value(fPostcode));
        // Sites have no "dormant": a dormant branch is not open to patients.
        s.status = status == QLatin1String("dormant") ? QStringLiteral("closed") : status;
        s.openDate = open;
        s.closeDate = close;
        Issues issues;
        validate(s, parent->value("contractor_group").toString(), issues);
        issues.throwIfAny();
        if (!existingRow) s.id = Database::newId();
        return outcomeOf(db.save(siteRecord(), s.toRow()));
    }

    RowOutcome applyHeadOffice(Database& db, const csv::Record& rec, const QString& code, const QDate& open,
                               const QDate& close, const QString& status) {
        Issues issues;
        const QString name = rec.value(fName).simplified();
        if (name.isEmpty()) issues.add("name", QStringLiteral("The head office has no name."));
        const QString postcode =
            rec.value(fPostcode).trimmed().isEmpty() ? QString() : ident::normalisePostcode(rec.value(fPostcode));
        if (!postcode.isEmpty() && !ident::isValidPostcode(postcode))
            issues.add("postcode", QStringLiteral("\"%1\" is not a UK postcode.").arg(postcode));
        if (open.isValid() && close.isValid() && close < open)
            issues.add("closeDate", QStringLiteral("The close date is before the open date."));
        issues.throwIfAny();
        const auto existingRow = db.queryOne(QStringLiteral("SELECT * FROM organisation WHERE ods_code = ?"), {code});
        const QString id = existingRow ? existingRow->value("id").toString() : Database::newId();
        QString telephone = rec.value(fTelephone).simplified();
        if (telephone.isEmpty() && existingRow) telephone = existingRow->value("telephone").toString();
        Row row{{"id", id},
                {"ods_code", code},
                {"kind", QStringLiteral("pharmacy_head_office")},
                {"name", name},
                {"postcode", text(postcode)},
                {"telephone", text(telephone)},
                // Head office files carry no status: closed once the close date has passed.
                {"status", status == QLatin1String("closed") ? status : QStringLiteral("active")},
                {"open_date", day(open)},
                {"close_date", day(close)}};
        for (int i = 0; i < 5; ++i)
            row.insert(QStringLiteral("address%1").arg(i + 1), text(rec.value(fAddress1 + i).simplified()));
        return outcomeOf(db.save(QStringLiteral("organisation"), row));
    }

    QString m_path;
    OdsKind m_kind;
    csv::Document m_doc;
};

// The kind a file name claims, if it uses one of the published extract names.
OdsKind kindFromFileName(const QString& path) {
    const QString name = fileNameOf(path).toLower();
    for (OdsKind k : {OdsKind::Practices, OdsKind::Branches, OdsKind::Dispensaries, OdsKind::PharmacyHeadOffices,
                      OdsKind::Dental})
        if (name.contains(odsKindName(k))) return k;
    return OdsKind::Unknown;
}

} // namespace

std::unique_ptr<FileImporter> openOdsFile(const QString& path) {
    csv::Document doc = readCsvForImport(path);
    const QString name = fileNameOf(path);
    if (doc.records.isEmpty()) throw ImportError(QStringLiteral("%1 is empty: nothing to import.").arg(name));
    double share = 0;
    const OdsKind kind = detectOdsKind(doc, &share);
    if (kind == OdsKind::Unknown) {
        QString hint;
        const QString first = doc.records.first().fields.join(QLatin1Char(' ')).toLower();
        if (first.contains(QLatin1String("practice code")) && first.contains(QLatin1String("contract type")))
            hint = QStringLiteral(" It looks like an NHS Payments to General Practice file: import it as payments.");
        throw ImportError(QStringLiteral("%1 is not an ODS extract Casebook recognises: an extract has no header row, "
                                         "%2 fields per row and an ODS code first (epraccur, ebranchs, edispensary, "
                                         "epharmacyhq, egdpprac).%3 Nothing was imported.")
                              .arg(name).arg(kOdsFieldCount).arg(hint));
    }
    const OdsKind claimed = kindFromFileName(path);
    if (claimed != OdsKind::Unknown && claimed != kind)
        throw ImportError(QStringLiteral("%1 is named like %2, but it holds %3. Check you chose the right file. "
                                         "Nothing was imported.")
                              .arg(name, odsKindDescription(claimed), odsKindDescription(kind)));
    return std::make_unique<OdsFile>(path, kind, std::move(doc));
}

ImportJob ImportJob::ods(const QStringList& paths) {
    if (paths.isEmpty()) throw ImportError(QStringLiteral("Choose at least one ODS extract to import."));
    ImportJob job;
    for (const QString& p : paths) job.m_files.push_back(openOdsFile(p));
    return job;
}

} // namespace cb::exchange
