// Parent organisations (pharmacy and optical head offices) as the ODS importer stores them.
#include "common/Identifiers.h"
#include "store/RecordType.h"

namespace cb {

namespace {
const QList<Choice>& organisationStatuses() {
    static const QList<Choice> list = {{"active", "Active"}, {"closed", "Closed"}};
    return list;
}
const QList<Choice>& organisationKinds() {
    static const QList<Choice> list = {{"pharmacy_head_office", "Pharmacy head office"},
                                               {"optical_head_office", "Optical head office"}};
    return list;
}
} // namespace

const RecordType& organisationRecord() {
    static const RecordTable table = [] {
        RecordTable t("organisation", "Head office");
        t.column("ods_code", FieldKind::Text, "ODS code").required()
            .code("kind", organisationKinds).required()
            .column("name", FieldKind::Text).required()
            .column("address1", FieldKind::Text, "address line 1")
            .column("address2", FieldKind::Text, "address line 2")
            .column("address3", FieldKind::Text, "address line 3")
            .column("address4", FieldKind::Text, "town")
            .column("address5", FieldKind::Text, "county")
            .column("postcode", FieldKind::Text)
            .column("telephone", FieldKind::Text)
            .code("status", organisationStatuses).required()
            .column("open_date", FieldKind::Date, "open date")
            .column("close_date", FieldKind::Date, "close date")
            .column("created_at", FieldKind::Stamp, "created")
            .column("updated_at", FieldKind::Stamp, "last changed");
        t.fields[t.fields.size() - 2].written = false;
        t.fields[t.fields.size() - 1].written = false;
        t.recordType = QStringLiteral("organisations");
        t.title = QStringLiteral("Parent organisations");
        t.naturalKey = QStringLiteral("ods_code");
        t.validate = [](Database&, const Row& r, Issues& issues) {
            const QString code = r.value("ods_code").toString();
            // Optical head office codes have no pharmacy-style pattern (eopthq: 3 or 4 letters or digits).
            const bool optical = r.value("kind").toString() == QLatin1String("optical_head_office");
            if (const QString m = ident::checkParentCode(optical ? QStringLiteral("eye_health") : QStringLiteral("pharmacy"), code);
                !m.isEmpty())
                issues.add("odsCode", m);
            const QDate open = fmt::parseIsoDate(r.value("open_date").toString());
            const QDate close = fmt::parseIsoDate(r.value("close_date").toString());
            if (open.isValid() && close.isValid() && close < open)
                issues.add("closeDate", QStringLiteral("The close date is before the open date."));
        };
        t.label = [](Database&, const Row& r) {
            return QStringLiteral("%1 %2").arg(r.value("ods_code").toString(), r.value("name").toString());
        };
        return t;
    }();
    return table;
}
CB_RECORD_TYPE(organisationRecord)

} // namespace cb
