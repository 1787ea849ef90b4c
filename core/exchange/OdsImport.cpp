#include "exchange/OdsImport.h"

#include "common/CodeShape.h"
#include "common/Identifiers.h"
#include "contractors/Contractor.h"
#include "contractors/Site.h"
#include "dataquality/DataQuality.h"
#include "store/Database.h"
#include "store/RecordType.h"

#include <QHash>
#include <algorithm>

namespace cb::exchange {

namespace {

// ODS field numbers as PRIMER gives them (1-based), as 0-based indexes.
enum Field {
    fCode = 0, fName = 1, fNational = 2, fAddress1 = 4, fPostcode = 9, fOpen = 10, fClose = 11, fStatus = 12, fSubType = 13,
    fParent = 14, fTelephone = 17, fCommissioner = 23, fSetting = 25
};

// The code formats, as shapes (common/CodeShape.h). A GP branch is its practice's code and 3 digits.
using ident::isDentalCode;
using ident::isPharmacyCode;
using ident::isPharmacyHeadOfficeCode;
using ident::isPracticeCode;
bool isBranchCode(QStringView c) { return ident::hasShape(c, {"a99999999", "aaa999999"}); }
// The published eopthq and eoptsite layouts give codes of at most 4 and 5 characters.
bool isOpticalHeadOfficeCode(QStringView c) { return ident::hasShape(c, {"xxx", "xxxx"}); }
bool isOpticalSiteCode(QStringView c) { return ident::hasShape(c, "xxxxx"); }

QString nonEmpty(const QString& s) { return s.trimmed(); }

// ODS dates are YYYYMMDD; empty means none. nullopt when present but not a date.
std::optional<QDate> odsDate(const QString& raw) {
    const QString s = raw.trimmed();
    if (s.isEmpty()) return QDate();
    // Eight digits, read by hand: QDate::fromString's parser was a tenth of a preview's time.
    if (s.size() == 8 && std::all_of(s.cbegin(), s.cend(), [](QChar c) { return c >= u'0' && c <= u'9'; })) {
        const auto number = [&](int from, int length) {
            int n = 0;
            for (int i = from; i < from + length; ++i) n = n * 10 + (s.at(i).unicode() - u'0');
            return n;
        };
        const QDate d(number(0, 4), number(4, 2), number(6, 2));
        if (!d.isValid()) return std::nullopt;
        return d;
    }
    const QDate d = QDate::fromString(s, QStringLiteral("yyyyMMdd"));
    if (!d.isValid()) return std::nullopt;
    return d;
}

QString headOfficeWords(const QString& kind) {
    return kind == QLatin1String("optical_head_office") ? QStringLiteral("an optical head office")
                                                        : QStringLiteral("a pharmacy head office");
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
    case OdsKind::OpticalHeadOffices: return QStringLiteral("eopthq");
    case OdsKind::OpticalSites: return QStringLiteral("eoptsite");
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
    case OdsKind::OpticalHeadOffices: return QStringLiteral("optical head offices (eopthq)");
    case OdsKind::OpticalSites: return QStringLiteral("optical sites (eoptsite)");
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
    if (isBranchCode(code) && isPracticeCode(parent)) return OdsKind::Branches;
    if (isPracticeCode(code) && (sub == QLatin1String("B") || sub == QLatin1String("Z") || sub.isEmpty()))
        return OdsKind::Practices;
    // Sub-type 3 (oxygen suppliers) is in the same file: recognised here, skipped with its reason.
    if (isPharmacyCode(code) && (sub == QLatin1String("1") || sub == QLatin1String("2") || sub == QLatin1String("3")))
        return OdsKind::Dispensaries;
    // Optical sites (eoptsite): a 5-character code, no sub-type, and field 15 their optical head
    // office (at most 4 characters). Pharmacy head offices have no parent, so none is taken for a site.
    if (isOpticalSiteCode(code) && sub.isEmpty() && isOpticalHeadOfficeCode(parent))
        return OdsKind::OpticalSites;
    // Head offices: P + 3 or 4 characters, or (newer) any 5; the file has no sub-type.
    if (isPharmacyHeadOfficeCode(code) && sub.isEmpty()) return OdsKind::PharmacyHeadOffices;
    // Optical head offices (eopthq): at most 4 characters, no sub-type, no parent. A P + 3 code reads
    // as a pharmacy head office here; within an eopthq file it is still taken (rowFitsKind).
    if (isOpticalHeadOfficeCode(code) && sub.isEmpty() && parent.isEmpty())
        return OdsKind::OpticalHeadOffices;
    if (isDentalCode(code) && (sub == QLatin1String("D") || sub == QLatin1String("P") || sub.isEmpty()))
        return OdsKind::Dental;
    return OdsKind::Unknown;
}

namespace {
// Whether a row can be imported from a file of `kind`: a row of that kind, or, in an optical file,
// a row of the published optical layout that reads as another kind on its own (a P + 3 optical head
// office code, an optical site whose head office field is empty).
bool rowFitsKind(const QStringList& f, OdsKind kind) {
    if (classifyOdsRow(f) == kind) return true;
    if (f.size() < kOdsFieldCount || !f.at(fSubType).trimmed().isEmpty()) return false;
    const QString code = ident::normaliseCode(f.at(fCode));
    if (kind == OdsKind::OpticalHeadOffices)
        return isOpticalHeadOfficeCode(code) && ident::normaliseCode(f.at(fParent)).isEmpty();
    if (kind == OdsKind::OpticalSites) return isOpticalSiteCode(code);
    return false;
}

bool isHeadOffices(OdsKind kind) { return kind == OdsKind::PharmacyHeadOffices || kind == OdsKind::OpticalHeadOffices; }

// The kind most rows have, from the rows of each kind counted: Unknown below kOdsDetectShare.
OdsKind mostRowsKind(const QHash<int, int>& counts, qsizetype rows, double* share) {
    OdsKind best = OdsKind::Unknown;
    int bestCount = 0;
    for (auto it = counts.begin(); it != counts.end(); ++it)
        if (it.key() != int(OdsKind::Unknown) && it.value() > bestCount) {
            best = OdsKind(it.key());
            bestCount = it.value();
        }
    const double s = rows == 0 ? 0.0 : double(bestCount) / rows;
    if (share) *share = s;
    return s >= kOdsDetectShare ? best : OdsKind::Unknown;
}
} // namespace

OdsKind detectOdsKind(const csv::Document& doc, double* share) {
    QHash<int, int> counts;
    for (const csv::Record& r : doc.records) ++counts[int(classifyOdsRow(r.fields))];
    return mostRowsKind(counts, doc.records.size(), share);
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

QString prescribingSettingName(const QString& setting) {
    static const QHash<QString, QString> names = {
        {"0", "other"}, {"1", "walk-in centre"}, {"2", "out of hours"}, {"3", "walk-in centre and out of hours"},
        {"4", "GP practice"}, {"5", "out of hours, urgent care"}, {"8", "public health service"},
        {"9", "community health service"}, {"10", "hospital service"}, {"11", "optometry service"},
        {"12", "urgent and emergency care"}, {"13", "hospice"}, {"14", "care home or nursing home"},
        {"15", "border force"}, {"16", "young offender institution"}, {"17", "secure training centre"},
        {"18", "secure children's home"}, {"19", "immigration removal centre"}, {"20", "court"},
        {"21", "police custody"}, {"22", "sexual assault referral centre"}, {"24", "other justice estate"},
        {"25", "prison"}, {"26", "independent sector"}, {"27", "other"}};
    const QString s = setting.trimmed();
    return names.value(s, QStringLiteral("setting %1").arg(s));
}

bool isUrgentCareSetting(const QString& setting) {
    const QString s = setting.trimmed();
    return s == QLatin1String("1") || s == QLatin1String("2") || s == QLatin1String("3");
}

bool isGpPracticeSetting(const QString& setting) {
    // 4 = GP practice. An empty setting (older or trimmed extracts) is taken as a practice.
    const QString s = setting.trimmed();
    return s.isEmpty() || s == QLatin1String("4");
}

namespace {

class OdsFile : public FileImporter {
public:
    OdsFile(std::unique_ptr<CsvStream> stream, OdsKind kind)
        : m_path(stream->path()), m_kind(kind), m_stream(std::move(stream)) {}

    FileResult header() const override {
        FileResult r;
        r.file = fileNameOf(m_path);
        r.kind = odsKindName(m_kind);
        r.description = odsKindDescription(m_kind);
        r.encoding = csv::describe(m_stream->encoding());
        r.rows = m_stream->records();
        return r;
    }

    int order() const override {
        // Head offices and practices first, so pharmacies and branches find their parents.
        switch (m_kind) {
        case OdsKind::PharmacyHeadOffices:
        case OdsKind::OpticalHeadOffices: return 10;
        case OdsKind::Practices: return 20;
        case OdsKind::Branches: return 30;
        default: return 40;
        }
    }

    void apply(Database& db, FileResult& result) override {
        const QDate today = db.clock().today();
        m_area = loadAreaFilter(db);
        m_branchOutside = 0;
        // Into a register with no contractors yet (a new team's first import) no practice is sought
        // by its code before it is added: the file's repeated codes are refused above, so none is there.
        m_noContractors = !db.queryOne(QStringLiteral("SELECT 1 FROM contractor LIMIT 1"));
        if (!isHeadOffices(m_kind))
            result.notes << QStringLiteral("Area: %1 (change it in the import options).").arg(describeAreaFilter(m_area));
        RepeatedCodes seen;
        m_stream->read(*this, [&](const csv::Record& rec) {
            const QString code = ident::normaliseCode(rec.value(fCode));
            if (rec.size() != kOdsFieldCount) {
                result.rejections.append({rec.line, code,
                                          QStringLiteral("The row has %1 fields; an ODS extract row has %2.")
                                              .arg(rec.size()).arg(kOdsFieldCount)});
                return;
            }
            if (seen.isRepeat(result, rec.line, code)) return;
            if (!rowFitsKind(rec.fields, m_kind)) {
                result.rejections.append({rec.line, code, QStringLiteral("\"%1\" does not look like a row of %2: check "
                                                                         "the code.").arg(code, odsKindDescription(m_kind))});
                return;
            }
            // A row the import leaves out (another area, not a practice) is counted without a write:
            // no savepoint is opened and released for it.
            if (const QString why = skipReason(rec, today); !why.isEmpty()) {
                ++result.skipped;
                ++result.skippedReasons[why];
                return;
            }
            applyRow(db, result, rec.line, code, [&] { return applyRecord(db, rec, code, today, result); });
        });
        if (m_branchOutside > 0)
            result.skippedReasons[QStringLiteral("its practice (ODS field 15) is not in the register: outside the area "
                                                 "(%1)").arg(m_area.commissioners.join(QStringLiteral(", ")))] = m_branchOutside;
    }

private:
    // Why a row is outside the area filter (with the ODS field that put it there); empty when inside.
    QString outsideArea(const csv::Record& rec) const {
        const QString national = rec.value(fNational).trimmed().toUpper();
        const bool wales = national.startsWith(QLatin1Char('W'));
        if (m_area.country == QLatin1String("england") && wales)
            return QStringLiteral("in Wales (national grouping %1, ODS field 3): outside the area (England)").arg(national);
        if (m_area.country == QLatin1String("wales") && !wales)
            return QStringLiteral("in England (national grouping, ODS field 3): outside the area (Wales)");
        if (!m_area.region.isEmpty() && national != m_area.region)
            return QStringLiteral("another region (national grouping, ODS field 3): outside the area (%1)").arg(m_area.region);
        if (!m_area.commissioners.isEmpty() && m_kind != OdsKind::Branches) {
            // Pharmacies and optical sites name their commissioner in field 24 (field 15 is the head office).
            const bool pharmacy = m_kind == OdsKind::Dispensaries || m_kind == OdsKind::OpticalSites;
            const QString commissioner = rec.value(pharmacy ? fCommissioner : fParent).trimmed().toUpper();
            if (!m_area.commissioners.contains(commissioner))
                return QStringLiteral("another commissioner (ODS field %1): outside the area (%2)")
                    .arg(pharmacy ? 24 : 15).arg(m_area.commissioners.join(QStringLiteral(", ")));
        }
        return {};
    }

    // Why the import leaves this row out (outside the area, not a practice, a private dental practice,
    // an oxygen supplier), with the ODS field that says so; empty when it is imported. A row whose
    // status is not one Casebook knows is not left out here: applyRecord refuses it, as it always did.
    QString skipReason(const csv::Record& rec, const QDate& today) const {
        const auto close = odsDate(rec.value(fClose));
        if (odsStatus(rec.value(fStatus), close ? *close : QDate(), today).isEmpty()) return {};
        if (!isHeadOffices(m_kind))
            if (QString why = outsideArea(rec); !why.isEmpty()) return why;
        if (m_kind == OdsKind::Practices && !isGpPracticeSetting(rec.value(fSetting)) &&
            !(m_area.urgentCare && isUrgentCareSetting(rec.value(fSetting)))) {
            const QString setting = rec.value(fSetting).trimmed();
            return isUrgentCareSetting(setting)
                       ? QStringLiteral("prescribing setting %1 (%2, ODS field 26): not a GP practice; walk-in and "
                                        "out-of-hours centres are imported when the import options include them")
                             .arg(setting, prescribingSettingName(setting))
                       : QStringLiteral("prescribing setting %1 (%2, ODS field 26): not a GP practice")
                             .arg(setting, prescribingSettingName(setting));
        }
        if (m_kind == OdsKind::Dental && rec.value(fSubType).trimmed().toUpper() == QLatin1String("P"))
            return QStringLiteral("private dental practice (sub-type P): not NHS-commissioned");
        if (m_kind == OdsKind::Dispensaries && rec.value(fSubType).trimmed() == QLatin1String("3"))
            return QStringLiteral("oxygen supplier (sub-type 3, ODS field 14): not a pharmacy or appliance contractor "
                                  "Casebook registers");
        return {};
    }

    // A value the file gives that cannot be stored as it is: left out, and noted once the record is saved.
    struct Pending {
        QString field, value, problem;
    };

    RowOutcome applyRecord(Database& db, const csv::Record& rec, const QString& code, const QDate& today,
                           FileResult& result) {
        QList<Pending> pending;
        auto readDate = [&](int field, const char* name, const char* words) {
            const auto d = odsDate(rec.value(field));
            if (d) return *d;
            pending << Pending{QString::fromLatin1(name), rec.value(field).trimmed(),
                               QStringLiteral("The %1 in the file is not a date (YYYYMMDD): not stored, to confirm.")
                                   .arg(QString::fromLatin1(words))};
            return QDate();
        };
        const QDate open = readDate(fOpen, "openDate", "open date");
        const QDate close = readDate(fClose, "closeDate", "close date");
        const QString status = odsStatus(rec.value(fStatus), close, today);
        if (status.isEmpty())
            throw ValidationError("status", QStringLiteral("The status \"%1\" is not one Casebook knows (A active, C "
                                                           "closed, D dormant, P proposed).")
                                                .arg(rec.value(fStatus)));
        // Rows left out were counted before the write began (skipReason), so none reaches here.
        QString table, id, contractorId;
        RowOutcome outcome;
        switch (m_kind) {
        case OdsKind::Branches:
            outcome = applyBranch(db, rec, code, open, close, status, pending, id, contractorId);
            table = QStringLiteral("site");
            break;
        case OdsKind::PharmacyHeadOffices:
        case OdsKind::OpticalHeadOffices:
            outcome = applyHeadOffice(db, rec, code, open, close, status, pending);
            table = QStringLiteral("organisation");
            id = db.scalar(QStringLiteral("SELECT id FROM organisation WHERE ods_code = ?"), {code}).toString();
            break;
        default:
            outcome = applyContractor(db, rec, code, open, close, status, pending, id);
            table = QStringLiteral("contractor");
            contractorId = id;
            break;
        }
        for (const Pending& p : pending) {
            DataQualityNote n;
            n.recordTable = table;
            n.recordId = id;
            n.contractorId = contractorId;
            n.field = p.field;
            n.value = p.value;
            n.file = fileNameOf(m_path);
            n.line = rec.line;
            n.problem = p.problem;
            noteDataQuality(db, result, n);
        }
        return outcome;
    }

    QString groupFor(const csv::Record& rec) const {
        switch (m_kind) {
        case OdsKind::Practices: return QStringLiteral("general_practice");
        case OdsKind::Dental: return QStringLiteral("dental");
        case OdsKind::OpticalSites: return QStringLiteral("eye_health");
        case OdsKind::Dispensaries:
            return rec.value(fSubType).trimmed() == QLatin1String("2") ? QStringLiteral("appliance")
                                                                       : QStringLiteral("pharmacy");
        default: return {};
        }
    }

    RowOutcome applyContractor(Database& db, const csv::Record& rec, const QString& code, const QDate& open,
                               const QDate& close, const QString& status, QList<Pending>& pending, QString& id) {
        const auto existingRow = m_noContractors ? std::optional<Row>()
                                                 : db.queryOne(QStringLiteral("SELECT * FROM contractor WHERE ods_code = ?"),
                                                               {code});
        Contractor c = existingRow ? Contractor::fromRow(*existingRow) : Contractor();
        const Row stored = existingRow ? c.toRow() : Row(); // as the register has it, to compare with
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
        if (m_kind == OdsKind::Dispensaries || m_kind == OdsKind::OpticalSites) {
            // Field 15 is the head office (pharmacy or optical), field 24 the commissioner.
            c.commissionerCode = rec.value(fCommissioner);
            c.parentCode = rec.value(fParent);
        } else {
            c.commissionerCode = rec.value(fParent);
        }
        normalise(c);
        // A row that changes nothing is not checked and written again: a re-import of the same
        // extract costs a read per row (its rules were checked when it was stored).
        if (existingRow && pending.isEmpty() && c.toRow() == stored) {
            id = c.id;
            return RowOutcome::Unchanged;
        }
        if (!existingRow) c.id = Database::newId();
        id = c.id;
        const auto mode = existingRow ? Database::SaveMode::Existing : Database::SaveMode::New;
        // Saved as it is: the write path checks it. Only a row it refuses is looked at field by field
        // (checked once, not twice, for nearly every row).
        try {
            return outcomeOf(db.save(contractorRecord(), c.toRow(), mode));
        } catch (const ValidationError& refused) {
            // What the file gives but Casebook cannot store as it is: left out with a note, the rest
            // of the row kept, and saved again. Anything else refused stays refused.
            if (!leaveOut(c, refused.issues(), existingRow, pending)) throw;
        }
        return outcomeOf(db.save(contractorRecord(), c.toRow(), mode));
    }

    // Leaves out of c each value the write path refused that the file gave but Casebook cannot store
    // as it is, noting it in pending; false when there was none.
    static bool leaveOut(Contractor& c, const QList<FieldIssue>& issues, const std::optional<Row>& existingRow,
                         QList<Pending>& pending) {
        const qsizetype before = pending.size();
        for (const FieldIssue& issue : issues) {
            const QString f = issue.field;
            if (f == QLatin1String("telephone") && !c.telephone.isEmpty()) {
                pending << Pending{f, c.telephone, QStringLiteral("The telephone number is not one Casebook accepts (for "
                                                                  "example a 12-digit freephone number): not stored, to confirm.")};
                c.telephone = existingRow ? existingRow->value("telephone").toString() : QString();
            } else if (f == QLatin1String("postcode") && !c.postcode.isEmpty()) {
                pending << Pending{f, c.postcode, QStringLiteral("The postcode is not a UK postcode: not stored, to confirm.")};
                c.postcode.clear();
            } else if (f == QLatin1String("commissionerCode") && !c.commissionerCode.isEmpty()) {
                pending << Pending{f, c.commissionerCode, QStringLiteral("The commissioner code is not one Casebook "
                                                                         "recognises: not stored, to confirm.")};
                c.commissionerCode.clear();
            } else if (f == QLatin1String("parentCode") && !c.parentCode.isEmpty()) {
                pending << Pending{f, c.parentCode, QStringLiteral("The parent organisation code is not one Casebook "
                                                                   "recognises: not stored, to confirm.")};
                c.parentCode.clear();
            } else if ((f == QLatin1String("status") || f == QLatin1String("closeDate")) && c.closeDate.isValid() &&
                       c.status != QLatin1String("closed")) {
                // ODS records a closure ahead of the status: the status is the file's, the date waits for a person.
                pending << Pending{QStringLiteral("closeDate"), c.closeDate.toString(QStringLiteral("yyyyMMdd")),
                                   c.closeDate < c.openDate
                                       ? QStringLiteral("The close date is before the open date: not stored, to confirm.")
                                       : QStringLiteral("Marked %1 in ODS but with a close date that has passed (ODS "
                                                        "records closures ahead of the status): close date not stored; "
                                                        "confirm whether it has closed.").arg(c.status)};
                c.closeDate = QDate();
            }
        }
        return pending.size() > before;
    }

    RowOutcome applyBranch(Database& db, const csv::Record& rec, const QString& code, const QDate& open,
                           const QDate& close, const QString& status, QList<Pending>&, QString& id,
                           QString& contractorIdOut) {
        const QString parentCode = ident::normaliseCode(rec.value(fParent));
        const auto parent = db.queryOne(
            QStringLiteral("SELECT id, contractor_group FROM contractor WHERE ods_code = ?"), {parentCode});
        if (!parent && !m_area.commissioners.isEmpty()) {
            ++m_branchOutside;
            return RowOutcome::Skipped; // counted under its reason in apply()
        }
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
        id = s.id;
        contractorIdOut = contractorId;
        return outcomeOf(db.save(siteRecord(), s.toRow()));
    }

    RowOutcome applyHeadOffice(Database& db, const csv::Record& rec, const QString& code, const QDate& open,
                               QDate close, const QString& status, QList<Pending>& pending) {
        const QString kind = m_kind == OdsKind::OpticalHeadOffices ? QStringLiteral("optical_head_office")
                                                                   : QStringLiteral("pharmacy_head_office");
        const QString name = rec.value(fName).simplified();
        // Without a name the row cannot be stored; a postcode or close date that cannot be is left out and noted.
        if (name.isEmpty()) throw ValidationError("name", QStringLiteral("The head office has no name."));
        QString postcode =
            rec.value(fPostcode).trimmed().isEmpty() ? QString() : ident::normalisePostcode(rec.value(fPostcode));
        if (!postcode.isEmpty() && !ident::isValidPostcode(postcode)) {
            pending << Pending{QStringLiteral("postcode"), postcode,
                               QStringLiteral("The postcode is not a UK postcode: not stored, to confirm.")};
            postcode.clear();
        }
        if (open.isValid() && close.isValid() && close < open) {
            pending << Pending{QStringLiteral("closeDate"), close.toString(QStringLiteral("yyyyMMdd")),
                               QStringLiteral("The close date is before the open date: not stored, to confirm.")};
            close = QDate();
        }
        const auto existingRow = db.queryOne(QStringLiteral("SELECT * FROM organisation WHERE ods_code = ?"), {code});
        if (existingRow && existingRow->value("kind").toString() != kind)
            throw ValidationError("kind", QStringLiteral("%1 is already in the register as %2, not as %3: "
                                                         "check the file.")
                                              .arg(code, headOfficeWords(existingRow->value("kind").toString()), headOfficeWords(kind)));
        const QString id = existingRow ? existingRow->value("id").toString() : Database::newId();
        QString telephone = rec.value(fTelephone).simplified();
        if (telephone.isEmpty() && existingRow) telephone = existingRow->value("telephone").toString();
        Row row{{"id", id},
                {"ods_code", code},
                {"kind", kind},
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
    std::unique_ptr<CsvStream> m_stream;
    AreaFilter m_area;
    int m_branchOutside = 0;
    bool m_noContractors = false; // the register had none when apply() began
};

// The kind a file name claims, if it uses one of the published extract names.
OdsKind kindFromFileName(const QString& path) {
    const QString name = fileNameOf(path).toLower();
    for (OdsKind k : {OdsKind::Practices, OdsKind::Branches, OdsKind::Dispensaries, OdsKind::PharmacyHeadOffices,
                      OdsKind::Dental, OdsKind::OpticalHeadOffices, OdsKind::OpticalSites})
        if (name.contains(odsKindName(k))) return k;
    return OdsKind::Unknown;
}

} // namespace

std::unique_ptr<FileImporter> openOdsFile(const QString& path) {
    // Read through once: each row's kind is counted, only the first row is kept.
    QHash<int, int> counts;
    QStringList firstRow;
    auto stream = std::make_unique<CsvStream>(path, [&](const csv::Record& rec) {
        if (firstRow.isEmpty()) firstRow = rec.fields;
        ++counts[int(classifyOdsRow(rec.fields))];
    });
    const QString name = fileNameOf(path);
    if (stream->records() == 0) throw ImportError(QStringLiteral("%1 is empty: nothing to import.").arg(name));
    double share = 0;
    const OdsKind kind = mostRowsKind(counts, stream->records(), &share);
    if (kind == OdsKind::Unknown) {
        QString hint;
        const QString first = firstRow.join(QLatin1Char(' ')).toLower();
        if (first.contains(QLatin1String("practice code")) && first.contains(QLatin1String("contract type")))
            hint = QStringLiteral(" It looks like an NHS Payments to General Practice file: import it as payments.");
        throw ImportError(QStringLiteral("%1 is not an ODS extract Casebook recognises: an extract has no header row, "
                                         "%2 fields per row and an ODS code first (epraccur, ebranchs, edispensary, "
                                         "epharmacyhq, egdpprac, eopthq, eoptsite).%3 Nothing was imported.")
                              .arg(name).arg(kOdsFieldCount).arg(hint));
    }
    const OdsKind claimed = kindFromFileName(path);
    if (claimed != OdsKind::Unknown && claimed != kind)
        throw ImportError(QStringLiteral("%1 is named like %2, but it holds %3. Check you chose the right file. "
                                         "Nothing was imported.")
                              .arg(name, odsKindDescription(claimed), odsKindDescription(kind)));
    return std::make_unique<OdsFile>(std::move(stream), kind);
}

ImportJob ImportJob::ods(const QStringList& paths) {
    if (paths.isEmpty()) throw ImportError(QStringLiteral("Choose at least one ODS extract to import."));
    ImportJob job;
    for (const QString& p : paths) job.m_files.push_back(openOdsFile(p));
    return job;
}

} // namespace cb::exchange
