#include "contractors/Contractor.h"

#include "common/Identifiers.h"
#include "store/RecordType.h"
#include "store/RowValues.h"
#include "tiers/AssuranceTier.h"

#include <QRegularExpression>

namespace cb {

using namespace rowval;

const QList<Choice>& contractorGroups() {
    static const QList<Choice> list = {{"general_practice", "General practice"},
                                       {"dental", "Dental"},
                                       {"eye_health", "Eye health"},
                                       {"pharmacy", "Community pharmacy"},
                                       {"appliance", "Appliance contractor"}};
    return list;
}

const QList<Choice>& contractorStatuses() {
    static const QList<Choice> list = {
        {"active", "Active"}, {"closed", "Closed"}, {"dormant", "Dormant"}, {"proposed", "Proposed"}};
    return list;
}

const QList<Choice>& cqcRatings() {
    static const QList<Choice> list = {{"outstanding", "Outstanding"},
                                       {"good", "Good"},
                                       {"requires_improvement", "Requires improvement"},
                                       {"inadequate", "Inadequate"}};
    return list;
}

const QList<Choice>& assuranceTiers() {
    static const QList<Choice> list = {{"assurance_based", "Assurance based"},
                                       {"room_for_improvement", "Room for improvement"},
                                       {"cause_for_concern", "Cause for concern"}};
    return list;
}

QString lrcForGroup(const QString& group) {
    if (group == QLatin1String("general_practice")) return QStringLiteral("LMC");
    if (group == QLatin1String("dental")) return QStringLiteral("LDC");
    if (group == QLatin1String("eye_health")) return QStringLiteral("LOC");
    return QStringLiteral("LPC");
}

QString contractorGroupOf(Database& db, const QString& contractorId) {
    return db.scalar(QStringLiteral("SELECT contractor_group FROM contractor WHERE id = ?"), {contractorId}).toString();
}

const RecordModel<Contractor>& contractorRecord() {
    static const RecordModel<Contractor> model = [] {
        RecordModel<Contractor> t("contractor", "Contractor", &Contractor::id);
        t.text("ods_code", &Contractor::odsCode, "ODS code").required()
            .code("contractor_group", &Contractor::group, contractorGroups, "group").required().as("group")
            .text("name", &Contractor::name, "name").required()
            .text("address1", &Contractor::address1, "address line 1")
            .text("address2", &Contractor::address2, "address line 2")
            .text("address3", &Contractor::address3, "address line 3")
            .text("address4", &Contractor::address4, "town")
            .text("address5", &Contractor::address5, "county")
            .text("postcode", &Contractor::postcode)
            .text("telephone", &Contractor::telephone)
            .text("email", &Contractor::email)
            .code("status", &Contractor::status, contractorStatuses).required()
            .date("open_date", &Contractor::openDate, "open date")
            .date("close_date", &Contractor::closeDate, "close date")
            .text("commissioner_code", &Contractor::commissionerCode, "commissioner")
            .text("parent_code", &Contractor::parentCode, "parent organisation")
            .text("cqc_location_id", &Contractor::cqcLocationId, "CQC location ID")
            .code("cqc_rating", &Contractor::cqcRating, cqcRatings, "CQC rating")
            .date("cqc_rating_date", &Contractor::cqcRatingDate, "CQC rating date")
            .code("assurance_tier", &Contractor::assuranceTier, assuranceTiers, "assurance tier")
            .text("notes", &Contractor::notes)
            .stamps(&Contractor::createdAt, &Contractor::updatedAt)
            .version(&Contractor::rowVersion);
        t.recordType = QStringLiteral("contractors");
        t.title = QStringLiteral("Contractors");
        t.naturalKey = QStringLiteral("ods_code");
        t.validate = [](Database& db, const Row& r, Issues& i) { validate(Contractor::fromRow(r), i, db.clock().today()); };
        t.fileRules = [](Database& db, const Row& r, Issues& i) {
            checkTierChange(db, r.value("id").toString(), r.value("assurance_tier").toString(), i, true);
        };
        t.owner = [](Database&, const Row& r) { return r.value("id").toString(); };
        t.label = [](Database&, const Row& r) { return Contractor::fromRow(r).label(); };
        return t;
    }();
    return model;
}
CB_RECORD_TYPE(contractorRecord)

QString Contractor::addressText() const {
    QStringList parts;
    for (const QString& p : {address1, address2, address3, address4, address5})
        if (!p.trimmed().isEmpty()) parts << p.trimmed();
    return parts.join(QStringLiteral(", "));
}

namespace {
// QString::simplified() makes a new string even when there is nothing to change, which for an
// import's rows is nearly always: looked at first, and the same string kept when it is simple.
QString simplifiedText(const QString& s) {
    bool afterSpace = true; // a space at the start is one too many
    for (const QChar c : s) {
        if (!c.isSpace()) afterSpace = false;
        else if (afterSpace || c != QLatin1Char(' ')) return s.simplified();
        else afterSpace = true;
    }
    return afterSpace && !s.isEmpty() ? s.simplified() : s;
}
} // namespace

void normalise(Contractor& c) {
    c.odsCode = ident::normaliseCode(c.odsCode);
    c.name = simplifiedText(c.name);
    if (!c.postcode.trimmed().isEmpty()) c.postcode = ident::normalisePostcode(c.postcode);
    else c.postcode.clear();
    c.commissionerCode = ident::normaliseCode(c.commissionerCode);
    c.parentCode = ident::normaliseCode(c.parentCode);
    c.telephone = simplifiedText(c.telephone);
    c.email = c.email.trimmed();
    c.cqcLocationId = c.cqcLocationId.trimmed();
    for (QString* line : {&c.address1, &c.address2, &c.address3, &c.address4, &c.address5}) *line = simplifiedText(*line);
}

void validate(const Contractor& c, Issues& issues, const QDate& today) {
    if (!hasCode(contractorGroups(), c.group))
        issues.add("group", QStringLiteral("Choose the contractor group: %1.").arg(describeChoices(contractorGroups())));
    else if (const QString m = ident::checkOdsCode(c.group, c.odsCode); !m.isEmpty())
        issues.add("odsCode", m);
    if (c.name.trimmed().isEmpty()) issues.add("name", QStringLiteral("Enter the contractor's name."));
    else if (c.name.size() > 200) issues.add("name", QStringLiteral("The name is too long: use at most 200 characters."));
    if (!c.postcode.isEmpty() && !ident::isValidPostcode(c.postcode))
        issues.add("postcode", QStringLiteral("\"%1\" is not a UK postcode. Enter it like TS18 1HU.").arg(c.postcode));
    if (!c.telephone.isEmpty() && !ident::isValidTelephone(c.telephone))
        issues.add("telephone",
                   QStringLiteral("\"%1\" is not a UK telephone number. Enter 10 or 11 digits, like 01642 672351.")
                       .arg(c.telephone));
    if (!c.email.isEmpty() && !ident::isValidEmail(c.email))
        issues.add("email", QStringLiteral("\"%1\" is not an email address. Enter it like name@nhs.net.").arg(c.email));
    if (!hasCode(contractorStatuses(), c.status))
        issues.add("status", QStringLiteral("Choose a status: %1.").arg(describeChoices(contractorStatuses())));
    if (c.openDate.isValid() && c.closeDate.isValid() && c.closeDate < c.openDate)
        issues.add("closeDate", QStringLiteral("The close date (%1) is before the open date (%2).")
                                    .arg(fmt::date(c.closeDate), fmt::date(c.openDate)));
    if (c.status == QLatin1String("closed") && !c.closeDate.isValid())
        issues.add("closeDate", QStringLiteral("A closed contractor needs its close date."));
    if (c.closeDate.isValid() && c.status == QLatin1String("active") && c.closeDate <= today)
        issues.add("status", QStringLiteral("The contractor closed on %1 but is marked active: set the status to "
                                            "Closed, or clear the close date.").arg(fmt::date(c.closeDate)));
    if (const QString m = ident::checkCommissionerCode(c.commissionerCode); !m.isEmpty())
        issues.add("commissionerCode", m);
    if (const QString m = ident::checkParentCode(c.group, c.parentCode); !m.isEmpty()) issues.add("parentCode", m);
    static const QRegularExpression cqcLocation(QStringLiteral("^1-[0-9]{6,12}$")); // compiled once: runs per imported row
    if (!c.cqcLocationId.isEmpty() && !cqcLocation.match(c.cqcLocationId).hasMatch())
        issues.add("cqcLocationId", QStringLiteral("A CQC location ID looks like 1-123456789."));
    if (!c.cqcRating.isEmpty() && !hasCode(cqcRatings(), c.cqcRating))
        issues.add("cqcRating", QStringLiteral("Choose a CQC rating: %1.").arg(describeChoices(cqcRatings())));
    if (!c.cqcRating.isEmpty() && !c.cqcRatingDate.isValid())
        issues.add("cqcRatingDate", QStringLiteral("Enter the date of the CQC rating."));
    if (c.cqcRatingDate.isValid() && c.cqcRatingDate > today)
        issues.add("cqcRatingDate", QStringLiteral("The CQC rating date cannot be in the future."));
    if (c.cqcRating.isEmpty() && c.cqcRatingDate.isValid())
        issues.add("cqcRating", QStringLiteral("Choose the CQC rating given on %1, or clear the date.")
                                    .arg(fmt::date(c.cqcRatingDate)));
    if (!c.assuranceTier.isEmpty() && !hasCode(assuranceTiers(), c.assuranceTier))
        issues.add("assuranceTier",
                   QStringLiteral("Choose an assurance tier: %1.").arg(describeChoices(assuranceTiers())));
}

void ContractorService::checkUnique(const Contractor& c, Issues& issues) {
    const auto other = m_db.queryOne(QStringLiteral("SELECT id, name FROM contractor WHERE ods_code = ? AND id <> ?"),
                                      {c.odsCode, c.id});
    if (other)
        issues.add("odsCode", QStringLiteral("ODS code %1 is already used by %2.")
                                  .arg(c.odsCode, other->value("name").toString()));
}

Contractor ContractorService::create(Contractor c) {
    normalise(c);
    if (c.id.isEmpty()) c.id = Database::newId();
    Issues issues;
    validate(c, issues, m_db.clock().today());
    checkUnique(c, issues);
    checkTierChange(m_db, c.id, c.assuranceTier, issues);
    issues.throwIfAny();
    m_db.save(contractorRecord(), c.toRow(), Database::SaveMode::New);
    return *get(c.id);
}

void ContractorService::update(Contractor c) {
    normalise(c);
    Issues issues;
    validate(c, issues, m_db.clock().today());
    checkUnique(c, issues);
    checkTierChange(m_db, c.id, c.assuranceTier, issues);
    issues.throwIfAny();
    m_db.save(contractorRecord(), c.toRow(), Database::SaveMode::Existing);
}

void ContractorService::remove(const QString& id) {
    const auto c = get(id);
    if (!c) return;
    const qint64 contracts = m_db.scalar(QStringLiteral("SELECT count(*) FROM contract WHERE contractor_id = ?"), {id}).toLongLong();
    const qint64 sites = m_db.scalar(QStringLiteral("SELECT count(*) FROM site WHERE contractor_id = ?"), {id}).toLongLong();
    const qint64 links =
        m_db.scalar(QStringLiteral("SELECT count(*) FROM performer_link WHERE contractor_id = ?"), {id}).toLongLong();
    QStringList held;
    if (contracts) held << QStringLiteral("%1 contract%2").arg(contracts).arg(contracts == 1 ? "" : "s");
    if (sites) held << QStringLiteral("%1 site%2").arg(sites).arg(sites == 1 ? "" : "s");
    if (links) held << QStringLiteral("%1 performer link%2").arg(links).arg(links == 1 ? "" : "s");
    if (!held.isEmpty())
        throw ValidationError(QString(), QStringLiteral("%1 cannot be deleted because it has %2. Close it instead, so "
                                                        "its history is kept.")
                                             .arg(c->name, held.join(QStringLiteral(", "))));
    try {
        m_db.remove("contractor", id);
    } catch (const DatabaseError&) {
        throw ValidationError(QString(), QStringLiteral("%1 cannot be deleted because other records refer to it. "
                                                        "Close it instead.").arg(c->name));
    }
}

void ContractorService::close(const QString& id, const QDate& closeDate) {
    auto c = get(id);
    if (!c) throw ValidationError(QString(), QStringLiteral("The contractor no longer exists."));
    c->status = QStringLiteral("closed");
    c->closeDate = closeDate;
    update(*c);
}

std::optional<Contractor> ContractorService::get(const QString& id) {
    const auto row = m_db.fetchRecord("contractor", id);
    if (!row) return std::nullopt;
    return Contractor::fromRow(*row);
}

std::optional<Contractor> ContractorService::findByOdsCode(const QString& code) {
    const auto row = m_db.queryOne(QStringLiteral("SELECT * FROM contractor WHERE ods_code = ?"),
                                   {ident::normaliseCode(code)});
    if (!row) return std::nullopt;
    return Contractor::fromRow(*row);
}

QString ContractorService::ftsQuery(const QString& search) {
    QString text = search.trimmed();
    if (ident::looksLikePostcode(text)) return QStringLiteral("postcode : \"%1\"").arg(ident::normalisePostcode(text));
    // Each word becomes a quoted prefix term, so punctuation typed by a user cannot break the query.
    QStringList terms;
    const auto words = text.split(QRegularExpression(QStringLiteral("[^\\w]+")), Qt::SkipEmptyParts);
    for (const QString& w : words) terms << QStringLiteral("\"%1\"*").arg(w);
    return terms.join(QLatin1Char(' '));
}

QString ContractorService::whereClause(const ContractorFilter& f, QVariantList& params) {
    QStringList where;
    if (!f.group.isEmpty()) {
        where << QStringLiteral("c.contractor_group = ?");
        params << f.group;
    }
    if (!f.status.isEmpty()) {
        where << QStringLiteral("c.status = ?");
        params << f.status;
    }
    if (f.tier == QLatin1String("none")) {
        where << QStringLiteral("c.assurance_tier IS NULL");
    } else if (!f.tier.isEmpty()) {
        where << QStringLiteral("c.assurance_tier = ?");
        params << f.tier;
    }
    if (!f.commissioner.isEmpty()) {
        where << QStringLiteral("c.commissioner_code = ?");
        params << f.commissioner;
    }
    const QString fts = ftsQuery(f.search);
    if (!fts.isEmpty()) {
        where << QStringLiteral("c.rowid IN (SELECT rowid FROM contractor_fts WHERE contractor_fts MATCH ?)");
        params << fts;
    }
    return where.isEmpty() ? QString() : QStringLiteral(" WHERE ") + where.join(QStringLiteral(" AND "));
}

namespace {
QString orderBy(const ContractorFilter& f) {
    static const QStringList allowed = {"name",   "ods_code",        "contractor_group", "postcode",     "status",
                                        "open_date", "commissioner_code", "assurance_tier", "cqc_rating", "address4",
                                        "updated_at"};
    const QString col = allowed.contains(f.sortColumn) ? f.sortColumn : QStringLiteral("name");
    const QString dir = f.descending ? QStringLiteral("DESC") : QStringLiteral("ASC");
    const QString collate = (col == QLatin1String("name") || col == QLatin1String("address4"))
                                ? QStringLiteral(" COLLATE NOCASE")
                                : QString();
    // rowid breaks ties: every index ends with it, so SQLite can walk the column's index in order
    // instead of sorting every row for each page.
    return QStringLiteral(" ORDER BY c.%1%2 %3, c.rowid %3").arg(col, collate, dir);
}

// Whether a search (alone, in name order) is better paged by walking the name index: true when it
// matches many contractors.
bool matchesMany(Database& db, const QString& search) {
    const QString text = search.trimmed();
    QString probe; // what to ask FTS5 how many it matches
    if (ident::looksLikePostcode(text)) {
        probe = ContractorService::ftsQuery(text);
    } else {
        // Only the words of two letters or more: a one-letter prefix matches a large part of the
        // register, and FTS5 expands it to every word it begins (about 8 ms at 50,000 contractors,
        // however few rows are asked for), so asking about it would cost as much as the search.
        static const QRegularExpression separators(QStringLiteral("[^\\w]+"));
        QStringList terms;
        for (const QString& w : text.split(separators, Qt::SkipEmptyParts))
            if (w.size() >= 2) terms << QStringLiteral("\"%1\"*").arg(w);
        probe = terms.join(QLatin1Char(' '));
    }
    if (probe.isEmpty()) return true; // no search, or one-letter words only: many
    // FTS5 finds the first thousand matches of whole words and longer prefixes in under a millisecond.
    constexpr int kMany = 1000;
    return db.scalar(QStringLiteral("SELECT count(*) FROM (SELECT 1 FROM contractor_fts WHERE contractor_fts MATCH ? "
                                    "LIMIT %1)").arg(kMany),
                     {probe})
               .toInt() >= kMany;
}
} // namespace

QList<Contractor> ContractorService::list(const ContractorFilter& f, int offset, int limit) {
    QVariantList params;
    const QString where = whereClause(f, params);
    params << limit << offset;
    const QString order = orderBy(f);
    const bool searchOnly = f.group.isEmpty() && f.status.isEmpty() && f.tier.isEmpty() && f.commissioner.isEmpty();
    if (searchOnly && order.startsWith(QLatin1String(" ORDER BY c.name ")) && matchesMany(m_db, f.search)) {
        // Search text alone, in name order (typing in the list), matching many: walk the name index
        // and stop at the page, keeping the index entries whose rowid the search matched, then read
        // only those records. Otherwise SQLite reads and sorts every matching record to keep one
        // page: 20,000 of them for the first letter typed at 50,000 contractors. A search that
        // matches few (or none) takes the plan below instead: sorting a few hundred records is
        // quicker than walking most of the index to find them.
        const QString sql = QStringLiteral("SELECT c.* FROM contractor c JOIN (SELECT c.rowid AS r FROM contractor c "
                                           "INDEXED BY contractor_name") +
                            where + order + QStringLiteral(" LIMIT ? OFFSET ?) page ON c.rowid = page.r") + order;
        return Contractor::fromRows(m_db.query(sql, params));
    }
    const QString sql = QStringLiteral("SELECT c.* FROM contractor c") + where + order + QStringLiteral(" LIMIT ? OFFSET ?");
    return Contractor::fromRows(m_db.query(sql, params));
}

int ContractorService::count(const ContractorFilter& f) {
    QVariantList params;
    return m_db.scalar(QStringLiteral("SELECT count(*) FROM contractor c") + whereClause(f, params), params).toInt();
}

QStringList ContractorService::commissionerCodes() {
    QStringList out;
    for (const Row& r : m_db.query(QStringLiteral("SELECT DISTINCT commissioner_code FROM contractor WHERE "
                                                  "commissioner_code IS NOT NULL ORDER BY 1")))
        out << r.value("commissioner_code").toString();
    return out;
}

} // namespace cb
