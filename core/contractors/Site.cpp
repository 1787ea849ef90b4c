#include "contractors/Site.h"

#include "common/Identifiers.h"
#include "contractors/Contractor.h"
#include "store/ExportOrder.h"
#include "store/RecordType.h"
#include "store/RowValues.h"

namespace cb {

using namespace rowval;

const QList<Choice>& siteStatuses() {
    static const QList<Choice> list = {{"active", "Active"}, {"closed", "Closed"}, {"proposed", "Proposed"}};
    return list;
}

const RecordModel<Site>& siteRecord() {
    static const RecordModel<Site> model = [] {
        RecordModel<Site> t("site", "Site", &Site::id);
        t.ref("contractor_id", &Site::contractorId, "contractor").required()
            .text("code", &Site::code, "site code")
            .text("name", &Site::name).required()
            .text("address1", &Site::address1, "address line 1")
            .text("address2", &Site::address2, "address line 2")
            .text("address3", &Site::address3, "address line 3")
            .text("address4", &Site::address4, "town")
            .text("postcode", &Site::postcode)
            .code("status", &Site::status, siteStatuses).required()
            .date("open_date", &Site::openDate, "open date")
            .date("close_date", &Site::closeDate, "close date")
            .version(&Site::rowVersion);
        t.recordType = QStringLiteral("sites");
        t.orderBy = byPractice();
        t.title = QStringLiteral("Sites");
        t.naturalKey = QStringLiteral("code");
        t.validate = [](Database& db, const Row& r, Issues& i) {
            validate(Site::fromRow(r), contractorGroupOf(db, r.value("contractor_id").toString()), i);
        };
        t.owner = [](Database&, const Row& r) { return r.value("contractor_id").toString(); };
        t.label = [](Database&, const Row& r) { return r.value("name").toString(); };
        return t;
    }();
    return model;
}
CB_RECORD_TYPE(siteRecord)

void validate(const Site& s, const QString& group, Issues& issues) {
    if (s.name.trimmed().isEmpty()) issues.add("name", QStringLiteral("Enter the site's name."));
    if (!s.code.isEmpty() && group == QLatin1String("general_practice"))
        if (const QString m = ident::checkBranchCode(s.code); !m.isEmpty()) issues.add("code", m);
    if (!s.postcode.isEmpty() && !ident::isValidPostcode(s.postcode))
        issues.add("postcode", QStringLiteral("\"%1\" is not a UK postcode. Enter it like TS18 1HU.").arg(s.postcode));
    if (!hasCode(siteStatuses(), s.status))
        issues.add("status", QStringLiteral("Choose a status: %1.").arg(describeChoices(siteStatuses())));
    if (s.openDate.isValid() && s.closeDate.isValid() && s.closeDate < s.openDate)
        issues.add("closeDate", QStringLiteral("The close date is before the open date."));
}

void SiteService::check(Site& s) {
    s.code = ident::normaliseCode(s.code);
    s.name = s.name.simplified();
    if (!s.postcode.trimmed().isEmpty()) s.postcode = ident::normalisePostcode(s.postcode);
    const auto owner = m_db.queryOne(QStringLiteral("SELECT contractor_group FROM contractor WHERE id = ?"),
                                     {s.contractorId});
    Issues issues;
    if (!owner) issues.add("contractorId", QStringLiteral("Choose the contractor this site belongs to."));
    validate(s, owner ? owner->value("contractor_group").toString() : QString(), issues);
    if (!s.code.isEmpty()) {
        const auto other = m_db.queryOne(QStringLiteral("SELECT name FROM site WHERE code = ? AND id <> ?"), {s.code, s.id});
        if (other)
            issues.add("code", QStringLiteral("Site code %1 is already used by %2.").arg(s.code, other->value("name").toString()));
    }
    issues.throwIfAny();
}

Site SiteService::create(Site s) {
    if (s.id.isEmpty()) s.id = Database::newId();
    check(s);
    m_db.save("site", s.toRow(), Database::SaveMode::New);
    return s;
}

void SiteService::update(Site s) {
    check(s);
    m_db.write([&] { m_db.save("site", s.toRow(), Database::SaveMode::Existing); });
}

void SiteService::remove(const QString& id) {
    const auto s = get(id);
    if (!s) return;
    m_db.remove("site", id);
}

std::optional<Site> SiteService::get(const QString& id) {
    return Site::fromRecord(m_db.fetchRecord("site", id));
}

QList<Site> SiteService::forContractor(const QString& contractorId) {
    return Site::fromRows(m_db.query(QStringLiteral("SELECT * FROM site WHERE contractor_id = ? ORDER BY name"), {contractorId}));
}

} // namespace cb
