#include "contractors/Site.h"

#include "common/Identifiers.h"
#include "contractors/Contractor.h"
#include "store/RowValues.h"

namespace cb {

using namespace rowval;

const QList<Choice>& siteStatuses() {
    static const QList<Choice> list = {{"active", "Active"}, {"closed", "Closed"}, {"proposed", "Proposed"}};
    return list;
}

Row Site::toRow() const {
    return Row{{"id", id},          {"contractor_id", contractorId}, {"code", text(code)},
               {"name", name},      {"address1", text(address1)},    {"address2", text(address2)},
               {"address3", text(address3)}, {"address4", text(address4)}, {"postcode", text(postcode)},
               {"status", status},  {"open_date", day(openDate)},    {"close_date", day(closeDate)}};
}

Site Site::fromRow(const Row& r) {
    Site s;
    s.id = r.value("id").toString();
    s.contractorId = r.value("contractor_id").toString();
    s.code = r.value("code").toString();
    s.name = r.value("name").toString();
    s.address1 = r.value("address1").toString();
    s.address2 = r.value("address2").toString();
    s.address3 = r.value("address3").toString();
    s.address4 = r.value("address4").toString();
    s.postcode = r.value("postcode").toString();
    s.status = r.value("status").toString();
    s.openDate = fmt::parseIsoDate(r.value("open_date").toString());
    s.closeDate = fmt::parseIsoDate(r.value("close_date").toString());
    return s;
}

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
    m_db.write([&] { m_db.insertRecord("site", s.toRow(), {s.contractorId, QStringLiteral("Site ") + s.name}); });
    return s;
}

void SiteService::update(Site s) {
    check(s);
    m_db.write([&] { m_db.updateRecord("site", s.toRow(), {s.contractorId, QStringLiteral("Site ") + s.name}); });
}

void SiteService::remove(const QString& id) {
    const auto s = get(id);
    if (!s) return;
    m_db.write([&] { m_db.deleteRecord("site", id, {s->contractorId, QStringLiteral("Site ") + s->name}); });
}

std::optional<Site> SiteService::get(const QString& id) {
    const auto row = m_db.fetchRecord("site", id);
    return row ? std::optional<Site>(Site::fromRow(*row)) : std::nullopt;
}

QList<Site> SiteService::forContractor(const QString& contractorId) {
    QList<Site> out;
    for (const Row& r : m_db.query(QStringLiteral("SELECT * FROM site WHERE contractor_id = ? ORDER BY name"), {contractorId}))
        out << Site::fromRow(r);
    return out;
}

} // namespace cb
