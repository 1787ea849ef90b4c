#pragma once

#include "common/Errors.h"
#include "common/IsoDate.h"
#include "common/Units.h"
#include "common/Vocabulary.h"
#include "store/Database.h"

#include <QDate>
#include <QStringList>
#include <algorithm>
#include <functional>
#include <optional>
#include <vector>

// What a record type is, said once: its table and columns, the words a caseworker reads for them,
// its rules, which practice file it belongs to, what makes it confidential and how it is matched
// on import. Row mapping, the write path (Database::save), audit wording, exchange tables and
// integrity checks all read it. The store knows no feature: each feature describes its own types
// beside its structs and lists each with a CB_RECORD_TYPE line (see records/RecordRegistry.cpp).
namespace cb {

enum class FieldKind {
    Text,      // free text; blank is stored as null
    Lines,     // several lines of text (e.g. visit attendees)
    Code,      // one code of a vocabulary
    Date,      // ISO yyyy-MM-dd
    Integer,
    Money,     // integer pence
    Real,
    Flag,      // 0 or 1
    Level,     // 1..5 on the risk matrix; null when not graded
    Reference, // the id of another record
    Stamp,     // UTC timestamp kept by the write path (created_at, updated_at) or by the service
    Year,      // first year of a financial year (2025 means 2025/26)
    Units,     // dental activity (UDAs, UOAs) to the hundredth, stored as decimal text ("1234.5")
};

struct FieldSpec {
    QString column;  // SQL name: "ods_code"
    QString field;   // name in field issues and editors: "odsCode"
    QString label;   // what a caseworker reads: "ODS code"
    FieldKind kind = FieldKind::Text;
    const QList<Choice>& (*vocabulary)() = nullptr;
    bool required = false;
    bool written = true; // false: read into the struct, kept by the write path (created_at...)

    bool isBookkeeping() const { return kind == FieldKind::Reference || kind == FieldKind::Stamp || column == "id"; }
    bool isNumber() const {
        return kind == FieldKind::Integer || kind == FieldKind::Money || kind == FieldKind::Real ||
               kind == FieldKind::Flag || kind == FieldKind::Level || kind == FieldKind::Year;
    }
    // The stored value in a caseworker's words: dates dd/MM/yyyy, money in pounds, codes as labels.
    QString words(const QVariant& value) const;
};

// A field described by its SQL name; its field name is the name in camelCase ("ods_code" -> "odsCode")
// and its label the name in words unless given.
FieldSpec makeField(const char* column, const QString& label, FieldKind kind);

// The column every record carries, bumped by each save; a form that loaded version n may save
// only while the record is still at version n.
inline const QString kRowVersion = QStringLiteral("row_version");

class RecordType {
public:
    RecordType(QString table, QString entity) : table(std::move(table)), entity(std::move(entity)) {}
    virtual ~RecordType() = default;

    QString table;      // "contractor"
    QString entity;     // "Contractor": what the audit trail calls one record
    QString recordType; // exchange name (CSV type, sheet): "contractors"
    QString title;      // "Contractors"
    QList<FieldSpec> fields;

    // Rules of the record as a whole, beyond what the fields say (the feature's validate()).
    std::function<void(Database&, const Row&, Issues&)> validate;
    // Rules of the process around the record (proportionality, placement, tier rationale) that a
    // record arriving whole from a file or a team package must pass. The services walk a caseworker
    // through the same rules step by step, taking her reasons, so save() applies these only to
    // writes from a file (see fromFile()).
    std::function<void(Database&, const Row&, Issues&)> fileRules;
    // A rule only a whole exchange file can pass, because a row may name a record that comes later
    // in the same file (a notice's concern): checked once the whole file is written, over every row
    // of the table, by the one import path. Each issue names the records that break it, in words;
    // any issue refuses the whole import.
    std::function<void(Database&, Issues&)> wholeFileRule;
    // The practice file (contractor id) a record belongs to, for the audit trail; empty if none.
    std::function<QString(Database&, const Row&)> owner;
    // A short readable name of one record for the audit trail ("A81001 Oakfield Surgery").
    std::function<QString(Database&, const Row&)> label;
    // SQL predicate over this table selecting confidential rows (left out of shared exports).
    QString confidentialWhere;
    // Rows that must be confidential: a save breaking it is refused (adds an issue).
    std::function<void(Database&, const Row&, Issues&)> confidentialRule;
    // Column matched when an imported row has no id ("ods_code"); empty when none.
    QString naturalKey;
    // Row order in exports: parents within the same table first.
    QString orderBy = QStringLiteral("id");

    // True while the database is writing records that come from a file or a team package (an
    // import's or exchange's SourceScope), not from a caseworker's form.
    static bool fromFile(const Database& db);

    const FieldSpec* field(const QString& column) const;
    bool hasStamps() const { return field(QStringLiteral("updated_at")) != nullptr; }

    // Field-level checks from the description (required, vocabulary, types, dates), then the
    // feature's rules and the confidentiality rule. `row` is the whole record as it would be stored.
    void check(Database& db, const Row& row, Issues& issues) const;
    // Normalises values as the store keeps them: trimmed text, blank as null, dates as ISO text,
    // flags as 0/1. Unknown columns are refused (ValidationError).
    Row normalised(const Row& row) const;

    QString labelOf(Database& db, const Row& row) const;
    QString ownerOf(Database& db, const Row& row) const { return owner ? owner(db, row) : QString(); }
};

// A record type bound to the struct a feature works with: toRow/fromRow come from the same list.
template <class T> class RecordModel : public RecordType {
public:
    RecordModel(const QString& table, const QString& entity, QString T::*id) : RecordType(table, entity) {
        add({QStringLiteral("id"), QStringLiteral("id"), QStringLiteral("id"), FieldKind::Reference}, id);
        fields.last().required = true;
    }

    // Columns bound to members; the kind follows the member's type unless a modifier says otherwise.
    RecordModel& text(const char* column, QString T::*m, const QString& label = {}) { return add(spec(column, label, FieldKind::Text), m); }
    RecordModel& ref(const char* column, QString T::*m, const QString& label = {}) { return add(spec(column, label, FieldKind::Reference), m); }
    RecordModel& code(const char* column, QString T::*m, const QList<Choice>& (*vocab)(), const QString& label = {}) {
        add(spec(column, label, FieldKind::Code), m);
        fields.last().vocabulary = vocab;
        return *this;
    }
    RecordModel& date(const char* column, QDate T::*m, const QString& label = {}) { return add(spec(column, label, FieldKind::Date), m); }
    RecordModel& lines(const char* column, QStringList T::*m, const QString& label = {}) { return add(spec(column, label, FieldKind::Lines), m); }
    RecordModel& flag(const char* column, bool T::*m, const QString& label = {}) { return add(spec(column, label, FieldKind::Flag), m); }
    RecordModel& flag(const char* column, std::optional<bool> T::*m, const QString& label = {}) { return add(spec(column, label, FieldKind::Flag), m); }
    RecordModel& level(const char* column, int T::*m, const QString& label = {}) { return add(spec(column, label, FieldKind::Level), m); }
    RecordModel& year(const char* column, int T::*m, const QString& label = {}) { return add(spec(column, label, FieldKind::Year), m); }
    RecordModel& integer(const char* column, int T::*m, const QString& label = {}) { return add(spec(column, label, FieldKind::Integer), m); }
    RecordModel& integer(const char* column, qint64 T::*m, const QString& label = {}) { return add(spec(column, label, FieldKind::Integer), m); }
    RecordModel& integer(const char* column, std::optional<qint64> T::*m, const QString& label = {}) { return add(spec(column, label, FieldKind::Integer), m); }
    RecordModel& money(const char* column, std::optional<qint64> T::*m, const QString& label = {}) { return add(spec(column, label, FieldKind::Money), m); }
    RecordModel& units(const char* column, Units T::*m, const QString& label = {}) { return add(spec(column, label, FieldKind::Units), m); }
    RecordModel& units(const char* column, std::optional<Units> T::*m, const QString& label = {}) { return add(spec(column, label, FieldKind::Units), m); }
    RecordModel& real(const char* column, std::optional<double> T::*m, const QString& label = {}) { return add(spec(column, label, FieldKind::Real), m); }
    RecordModel& real(const char* column, double T::*m, const QString& label = {}) { return add(spec(column, label, FieldKind::Real), m); }
    // created_at / updated_at, kept by the write path.
    RecordModel& stamps(QString T::*created, QString T::*updated) {
        add(spec("created_at", QStringLiteral("created"), FieldKind::Stamp), created);
        fields.last().written = false;
        add(spec("updated_at", QStringLiteral("last changed"), FieldKind::Stamp), updated);
        fields.last().written = false;
        return *this;
    }
    // The row version the struct was loaded at (0: new, or not checked).
    RecordModel& version(qint64 T::*m) {
        m_version = m;
        return *this;
    }

    // Modifiers of the field added last.
    RecordModel& required() { fields.last().required = true; return *this; }
    RecordModel& as(const char* fieldName) { fields.last().field = QString::fromLatin1(fieldName); return *this; }
    RecordModel& choices(const QList<Choice>& (*vocab)()) { fields.last().vocabulary = vocab; return *this; }

    // Both walk the fields in column order, as a Row keeps its keys: each value is added at the
    // end of the row, and read from the row in one pass, rather than each sought from the top.
    Row toRow(const T& t) const {
        Row row;
        row.reserve(m_byColumn.size() + 1);
        for (const qsizetype i : m_byColumn)
            if (fields[i].written) row.insert(row.cend(), fields[i].column, m_get[size_t(i)](t, fields[i]));
        if (m_version && t.*m_version > 0) row.insert(kRowVersion, t.*m_version);
        return row;
    }
    T fromRow(const Row& row) const {
        T t;
        auto at = row.cbegin();
        for (const qsizetype i : m_byColumn) {
            const QString& column = fields[i].column;
            while (at != row.cend() && Row::less(at.key(), column)) ++at;
            m_set[size_t(i)](t, at != row.cend() && at.key() == column ? at.value() : QVariant(), fields[i]);
        }
        if (m_version) t.*m_version = row.value(kRowVersion).toLongLong();
        return t;
    }

    QList<T> fromRows(const QList<Row>& rows) const {
        QList<T> out;
        out.reserve(rows.size());
        for (const Row& r : rows) out << fromRow(r);
        return out;
    }
    std::optional<T> fromRecord(const std::optional<Row>& row) const {
        return row ? std::optional<T>(fromRow(*row)) : std::nullopt;
    }

private:
    using Get = std::function<QVariant(const T&, const FieldSpec&)>;
    using Set = std::function<void(T&, const QVariant&, const FieldSpec&)>;

    static FieldSpec spec(const char* column, const QString& label, FieldKind kind) { return makeField(column, label, kind); }
    // A field, and its place in column order (m_byColumn).
    void append(FieldSpec f) {
        fields.append(std::move(f));
        const qsizetype i = fields.size() - 1;
        m_byColumn.insert(std::upper_bound(m_byColumn.begin(), m_byColumn.end(), i,
                                           [this](qsizetype a, qsizetype b) { return fields[a].column < fields[b].column; }),
                          i);
    }
    static QVariant textValue(const QString& s) {
        const QString t = s.trimmed();
        return t.isEmpty() ? QVariant() : QVariant(t);
    }

    RecordModel& add(FieldSpec f, QString T::*m) {
        append(std::move(f));
        m_get.push_back([m](const T& t, const FieldSpec&) { return textValue(t.*m); });
        m_set.push_back([m](T& t, const QVariant& v, const FieldSpec&) { t.*m = v.toString(); });
        return *this;
    }
    RecordModel& add(FieldSpec f, QDate T::*m) {
        append(std::move(f));
        m_get.push_back([m](const T& t, const FieldSpec&) {
            return (t.*m).isValid() ? QVariant(iso::dateText(t.*m)) : QVariant();
        });
        m_set.push_back([m](T& t, const QVariant& v, const FieldSpec&) {
            t.*m = v.isNull() ? QDate() : iso::dateFrom(v.toString());
        });
        return *this;
    }
    RecordModel& add(FieldSpec f, QStringList T::*m) {
        append(std::move(f));
        m_get.push_back([m](const T& t, const FieldSpec&) { return textValue((t.*m).join(QLatin1Char('\n'))); });
        m_set.push_back([m](T& t, const QVariant& v, const FieldSpec&) {
            const QString s = v.toString();
            t.*m = s.isEmpty() ? QStringList() : s.split(QLatin1Char('\n'));
        });
        return *this;
    }
    RecordModel& add(FieldSpec f, bool T::*m) {
        append(std::move(f));
        m_get.push_back([m](const T& t, const FieldSpec&) { return QVariant(qint64(t.*m ? 1 : 0)); });
        m_set.push_back([m](T& t, const QVariant& v, const FieldSpec&) { t.*m = v.toLongLong() != 0; });
        return *this;
    }
    RecordModel& add(FieldSpec f, std::optional<bool> T::*m) {
        append(std::move(f));
        m_get.push_back([m](const T& t, const FieldSpec&) { return QVariant(qint64((t.*m).value_or(false) ? 1 : 0)); });
        m_set.push_back([m](T& t, const QVariant& v, const FieldSpec&) { t.*m = v.toLongLong() != 0; });
        return *this;
    }
    RecordModel& add(FieldSpec f, int T::*m) {
        append(std::move(f));
        m_get.push_back([m](const T& t, const FieldSpec& s) {
            return s.kind == FieldKind::Level && t.*m <= 0 ? QVariant() : QVariant(qint64(t.*m));
        });
        m_set.push_back([m](T& t, const QVariant& v, const FieldSpec&) { t.*m = v.toInt(); });
        return *this;
    }
    RecordModel& add(FieldSpec f, qint64 T::*m) {
        append(std::move(f));
        m_get.push_back([m](const T& t, const FieldSpec&) { return QVariant(t.*m); });
        m_set.push_back([m](T& t, const QVariant& v, const FieldSpec&) { t.*m = v.toLongLong(); });
        return *this;
    }
    RecordModel& add(FieldSpec f, double T::*m) {
        append(std::move(f));
        m_get.push_back([m](const T& t, const FieldSpec&) { return QVariant(t.*m); });
        m_set.push_back([m](T& t, const QVariant& v, const FieldSpec&) { t.*m = v.toDouble(); });
        return *this;
    }
    RecordModel& add(FieldSpec f, Units T::*m) {
        append(std::move(f));
        m_get.push_back([m](const T& t, const FieldSpec&) { return QVariant((t.*m).toText()); });
        m_set.push_back([m](T& t, const QVariant& v, const FieldSpec&) { t.*m = Units::fromVariant(v).value_or(Units()); });
        return *this;
    }
    RecordModel& add(FieldSpec f, std::optional<Units> T::*m) {
        append(std::move(f));
        m_get.push_back([m](const T& t, const FieldSpec&) { return unitsValue(t.*m); });
        m_set.push_back([m](T& t, const QVariant& v, const FieldSpec&) { t.*m = Units::fromVariant(v); });
        return *this;
    }
    template <class V> RecordModel& add(FieldSpec f, std::optional<V> T::*m) {
        append(std::move(f));
        m_get.push_back([m](const T& t, const FieldSpec&) { return t.*m ? QVariant::fromValue(*(t.*m)) : QVariant(); });
        m_set.push_back([m](T& t, const QVariant& v, const FieldSpec&) {
            t.*m = v.isNull() ? std::nullopt : std::optional<V>(v.value<V>());
        });
        return *this;
    }

    std::vector<Get> m_get;
    std::vector<Set> m_set;
    std::vector<qsizetype> m_byColumn; // indexes of fields, ordered by column name
    qint64 T::*m_version = nullptr;
};

// Inside a struct a feature saves: the row version it was loaded at (a save from an older version is
// refused) and its row mapping, all from its record type. `describe` is declared before the struct.
// fromRows/fromRecord map a query's rows and a fetched record (none: nullopt).
#define CB_RECORD_MAPPING(Struct, describe)                                                            \
    qint64 rowVersion = 0;                                                                             \
    ::cb::Row toRow() const { return describe().toRow(*this); }                                        \
    static Struct fromRow(const ::cb::Row& row) { return describe().fromRow(row); }                    \
    static QList<Struct> fromRows(const QList<::cb::Row>& rows) { return describe().fromRows(rows); }  \
    static std::optional<Struct> fromRecord(const std::optional<::cb::Row>& row) { return describe().fromRecord(row); }

// A record type with no struct of its own (settings, timeline entries, attendance...).
class RecordTable : public RecordType {
public:
    RecordTable(const QString& table, const QString& entity);
    RecordTable& column(const char* column, FieldKind kind, const QString& label = {});
    RecordTable& code(const char* column, const QList<Choice>& (*vocab)(), const QString& label = {});
    RecordTable& required();
    RecordTable& choices(const QList<Choice>& (*vocab)());
};

// Every record type, parents before children (the order imports insert in): the types listed by
// CB_RECORD_TYPE lines, ordered by the schema's foreign keys, which the build reads from the
// migrations (records/RecordRegistry.cpp, core/tools/SchemaKeys.cpp).
const QList<const RecordType*>& recordTypes();
// The same types in the order the build listed them: for lookups by name, which need no order.
const QList<const RecordType*>& registeredRecordTypes();
const RecordType* findRecordType(const QString& tableOrRecordType);
const RecordType& recordTypeOf(const QString& table); // throws DatabaseError for an unknown table

} // namespace cb

// Lists a record type in recordTypes(), written once in the file that describes it, inside namespace
// cb and at the start of a line: CB_RECORD_TYPE(contractorRecord). The build finds the line
// (core/GenerateLists.cmake) and the registry calls the function it defines, which also keeps the
// file in the link.
#define CB_RECORD_TYPE(describe) \
    const ::cb::RecordType& registeredRecordType_##describe() { return describe(); }
