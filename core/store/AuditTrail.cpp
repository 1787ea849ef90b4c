#include "store/AuditTrail.h"

#include "common/Identifiers.h"
#include "contractors/Contractor.h"
#include "contractors/Site.h"
#include "contracts/Contract.h"
#include "performers/Performer.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QLocale>

namespace cb {

namespace {

// Columns that are bookkeeping rather than something a caseworker changed.
bool isHidden(const QString& column) {
    return column == QLatin1String("id") || column == QLatin1String("created_at") ||
           column == QLatin1String("updated_at") || column == QLatin1String("contractor_id") ||
           column == QLatin1String("contract_id") || column == QLatin1String("performer_id");
}

const QList<Choice>* vocabularyFor(const QString& table, const QString& column) {
    if (column == QLatin1String("contractor_group")) return &contractorGroups();
    if (column == QLatin1String("cqc_rating")) return &cqcRatings();
    if (column == QLatin1String("assurance_tier")) return &assuranceTiers();
    if (column == QLatin1String("route")) return &contractRoutes();
    if (column == QLatin1String("category")) return &serviceCategories();
    if (column == QLatin1String("kind") && table == QLatin1String("contract_event")) return &contractEventKinds();
    if (column == QLatin1String("profession")) return &professions();
    if (column == QLatin1String("list_status")) return &performersListStatuses();
    if (column == QLatin1String("role") && table == QLatin1String("performer_link")) return &performerRoles();
    if (column == QLatin1String("status")) {
        if (table == QLatin1String("contractor")) return &contractorStatuses();
        if (table == QLatin1String("site")) return &siteStatuses();
        if (table == QLatin1String("contract")) return &contractStatuses();
        if (table == QLatin1String("contract_event")) return &contractEventStatuses();
    }
    return nullptr;
}

QString changeText(const AuditChange& c) {
    if (c.before.isEmpty()) return QStringLiteral("%1 set to %2").arg(c.label, c.after);
    if (c.after.isEmpty()) return QStringLiteral("%1 cleared (was %2)").arg(c.label, c.before);
    return QStringLiteral("%1 from %2 to %3").arg(c.label, c.before, c.after);
}

} // namespace

QString AuditTrail::entityName(const QString& table) {
    static const QMap<QString, QString> names = {{"contractor", "Contractor"},
                                                 {"site", "Site"},
                                                 {"contract", "Contract"},
                                                 {"contract_service", "Service"},
                                                 {"contract_event", "Contract event"},
                                                 {"dental_activity", "Dental activity"},
                                                 {"performer", "Performer"},
                                                 {"performer_link", "Performer link"}};
    if (names.contains(table)) return names.value(table);
    QString words = table;
    words.replace(QLatin1Char('_'), QLatin1Char(' '));
    if (!words.isEmpty()) words[0] = words[0].toUpper();
    return words;
}

QString AuditTrail::fieldLabel(const QString& column) {
    static const QMap<QString, QString> labels = {
        {"ods_code", "ODS code"},
        {"contractor_group", "group"},
        {"address1", "address line 1"},
        {"address2", "address line 2"},
        {"address3", "address line 3"},
        {"address4", "town"},
        {"address5", "county"},
        {"commissioner_code", "commissioner"},
        {"parent_code", "parent organisation"},
        {"cqc_location_id", "CQC location ID"},
        {"cqc_rating", "CQC rating"},
        {"cqc_rating_date", "CQC rating date"},
        {"annual_value_pence", "annual value"},
        {"uda_target", "UDA target"},
        {"uoa_target", "UOA target"},
        {"uda_delivered", "UDAs delivered"},
        {"uoa_delivered", "UOAs delivered"},
        {"uda_delivered_h1", "UDAs delivered by 30 September"},
        {"uoa_delivered_h1", "UOAs delivered by 30 September"},
        {"year_start", "financial year"},
        {"opted_out", "opted out"},
        {"urgent_reason", "reason for urgency"},
        {"registration_body", "regulator"},
        {"registration_number", "registration number"},
        {"list_status", "performers list status"},
        {"from_date", "start date"},
        {"to_date", "end date"}};
    if (labels.contains(column)) return labels.value(column);
    QString words = column;
    words.replace(QLatin1Char('_'), QLatin1Char(' '));
    return words;
}

QString AuditTrail::formatValue(const QString& table, const QString& column, const QVariant& value) {
    if (value.isNull() || !value.isValid()) return {};
    const QString text = value.toString();
    if (text.isEmpty()) return {};
    if (column.endsWith(QLatin1String("_date")) || column == QLatin1String("deadline")) {
        const QDate d = fmt::parseIsoDate(text);
        return d.isValid() ? fmt::date(d) : text;
    }
    if (column.endsWith(QLatin1String("_pence"))) return fmt::money(value.toLongLong());
    if (column == QLatin1String("opted_out") || column == QLatin1String("unilateral") || column == QLatin1String("urgent"))
        return value.toLongLong() ? QStringLiteral("yes") : QStringLiteral("no");
    if (column == QLatin1String("year_start")) {
        DentalActivity a;
        a.yearStart = value.toInt();
        return a.yearLabel();
    }
    if (const QList<Choice>* vocab = vocabularyFor(table, column)) return labelFor(*vocab, text);
    if (value.typeId() == QMetaType::LongLong || value.typeId() == QMetaType::Int)
        return QLocale(QLocale::English, QLocale::UnitedKingdom).toString(value.toLongLong());
    return text;
}

AuditEntry AuditTrail::fromRow(const Row& r) {
    AuditEntry e;
    e.seq = r.value("seq").toLongLong();
    e.at = QDateTime::fromString(r.value("at").toString(), Qt::ISODate);
    e.at.setTimeZone(QTimeZone::utc());
    e.who = r.value("who").toString();
    e.entity = r.value("entity").toString();
    e.recordId = r.value("record_id").toString();
    e.label = r.value("label").toString();
    e.action = r.value("action").toString();
    e.source = r.value("source").toString();
    if (e.action == QLatin1String("update")) {
        const QJsonObject before = QJsonDocument::fromJson(r.value("old_values").toString().toUtf8()).object();
        const QJsonObject after = QJsonDocument::fromJson(r.value("new_values").toString().toUtf8()).object();
        QStringList columns = before.keys();
        for (const QString& k : after.keys())
            if (!columns.contains(k)) columns << k;
        for (const QString& col : columns) {
            if (isHidden(col)) continue;
            AuditChange c{col, fieldLabel(col), formatValue(e.entity, col, before.value(col).toVariant()),
                          formatValue(e.entity, col, after.value(col).toVariant())};
            if (c.before != c.after) e.changes << c;
        }
    }
    return e;
}

QString AuditEntry::recordName() const {
    const QString kind = AuditTrail::entityName(entity);
    if (label.isEmpty()) return kind;
    // Labels of some records already start with what they are ("Site Main surgery", "GMS contract").
    if (label.startsWith(kind, Qt::CaseInsensitive) || label.contains(QLatin1String(" contract"))) return label;
    return kind + QLatin1Char(' ') + label;
}

QString AuditEntry::text() const {
    const QString when = at.toLocalTime().toString(QStringLiteral("dd/MM/yyyy HH:mm"));
    QString verb = action == QLatin1String("insert")   ? QStringLiteral("added")
                   : action == QLatin1String("delete") ? QStringLiteral("deleted")
                                                       : QStringLiteral("changed");
    QString line = QStringLiteral("%1 — %2 %3 %4").arg(when, who, verb, recordName());
    if (!changes.isEmpty()) {
        QStringList parts;
        for (const AuditChange& c : changes) parts << changeText(c);
        line += QStringLiteral(": ") + parts.join(QStringLiteral("; "));
    }
    if (!source.isEmpty()) line += QStringLiteral(" (%1)").arg(source);
    return line;
}

QList<AuditEntry> AuditTrail::forContractor(const QString& contractorId, int limit) {
    QList<AuditEntry> out;
    for (const Row& r : m_db.query(QStringLiteral("SELECT * FROM audit WHERE contractor_id = ? ORDER BY seq DESC LIMIT ?"),
                                   {contractorId, limit}))
        out << fromRow(r);
    return out;
}

QList<AuditEntry> AuditTrail::forRecord(const QString& recordId, int limit) {
    QList<AuditEntry> out;
    for (const Row& r : m_db.query(QStringLiteral("SELECT * FROM audit WHERE record_id = ? ORDER BY seq DESC LIMIT ?"),
                                   {recordId, limit}))
        out << fromRow(r);
    return out;
}

} // namespace cb
