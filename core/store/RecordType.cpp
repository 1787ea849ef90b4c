#include "store/RecordType.h"

#include "common/Identifiers.h"
#include "common/IsoDate.h"

#include <QLocale>

namespace cb {

namespace {

QString financialYear(int start) {
    return QStringLiteral("%1/%2").arg(start).arg((start + 1) % 100, 2, 10, QLatin1Char('0'));
}

bool isWholeNumber(const QVariant& v) {
    switch (v.typeId()) {
    case QMetaType::Int:
    case QMetaType::UInt:
    case QMetaType::LongLong:
    case QMetaType::ULongLong:
    case QMetaType::Bool:
        return true;
    default:
        return false;
    }
}

} // namespace

QString FieldSpec::words(const QVariant& value) const {
    if (value.isNull() || !value.isValid()) return {};
    const QString text = value.toString();
    if (text.isEmpty()) return {};
    const QLocale uk(QLocale::English, QLocale::UnitedKingdom);
    switch (kind) {
    case FieldKind::Date: {
        const QDate d = fmt::parseIsoDate(text);
        return d.isValid() ? fmt::date(d) : text;
    }
    case FieldKind::Money:
        return fmt::money(value.toLongLong());
    case FieldKind::Flag:
        return value.toLongLong() ? QStringLiteral("yes") : QStringLiteral("no");
    case FieldKind::Year:
        return financialYear(value.toInt());
    case FieldKind::Integer:
        return isWholeNumber(value) ? uk.toString(value.toLongLong()) : text;
    case FieldKind::Level:
    case FieldKind::Code:
        return vocabulary ? labelFor(vocabulary(), text) : text;
    case FieldKind::Real:
        return uk.toString(value.toDouble(), 'g', 15);
    case FieldKind::Units: {
        const auto u = Units::fromVariant(value);
        return u ? u->display() : text;
    }
    default:
        return vocabulary ? labelFor(vocabulary(), text) : text;
    }
}

FieldSpec makeField(const char* column, const QString& label, FieldKind kind) {
    FieldSpec f;
    f.column = QString::fromLatin1(column);
    bool upper = false;
    for (QChar c : f.column) {
        if (c == QLatin1Char('_')) upper = true;
        else {
            f.field += upper ? c.toUpper() : c;
            upper = false;
        }
    }
    f.label = label.isEmpty() ? QString(f.column).replace(QLatin1Char('_'), QLatin1Char(' ')) : label;
    f.kind = kind;
    return f;
}

const FieldSpec* RecordType::field(const QString& column) const {
    // Sought for every column of every record saved. Many columns have the same length (address1
    // to address5): the last character tells most apart before the whole names are compared.
    const qsizetype n = column.size();
    if (n == 0) return nullptr;
    const QChar last = column.at(n - 1);
    for (const FieldSpec& f : fields)
        if (f.column.size() == n && f.column.at(n - 1) == last && f.column == column) return &f;
    return nullptr;
}

QString RecordType::labelOf(Database& db, const Row& row) const {
    if (label) return label(db, row);
    return row.value(QStringLiteral("id")).toString();
}

Row RecordType::normalised(const Row& row) const {
    Row out;
    out.reserve(row.size());
    Issues issues;
    for (auto it = row.begin(); it != row.end(); ++it) {
        // Keys arrive in order, each added at the end of `out` (a hint, not a search).
        if (it.key() == kRowVersion) {
            out.insert(out.cend(), it.key(), it.value().isNull() ? QVariant() : QVariant(it.value().toLongLong()));
            continue;
        }
        const FieldSpec* f = field(it.key());
        if (!f) {
            issues.add(it.key(), QStringLiteral("%1 records have no field \"%2\".").arg(entity, it.key()));
            continue;
        }
        const QVariant& given = it.value();
        if (given.isNull() || !given.isValid()) {
            out.insert(out.cend(), f->column, QVariant());
            continue;
        }
        // Text as it is stored already (not blank, nothing to trim: nearly every field of a file
        // or a form) is kept as given, with no copy made and turned back into a QVariant.
        if (given.typeId() == QMetaType::QString && f->kind != FieldKind::Units) {
            const QString& text = *static_cast<const QString*>(given.constData());
            if (!text.isEmpty() && !text.front().isSpace() && !text.back().isSpace()) {
                out.insert(out.cend(), f->column, given);
                continue;
            }
        }
        QVariant v = given;
        switch (v.typeId()) {
        case QMetaType::QDate:
            v = v.toDate().isValid() ? QVariant(iso::dateText(v.toDate())) : QVariant();
            break;
        case QMetaType::QDateTime:
            v = v.toDateTime().toUTC().toString(Qt::ISODate);
            break;
        case QMetaType::Bool:
            v = qint64(v.toBool() ? 1 : 0);
            break;
        case QMetaType::Int:
        case QMetaType::UInt:
        case QMetaType::ULongLong:
            v = v.toLongLong();
            break;
        case QMetaType::Float:
            v = v.toDouble();
            break;
        case QMetaType::QString: {
            const QString t = f->kind == FieldKind::Lines ? v.toString() : v.toString().trimmed();
            v = t.trimmed().isEmpty() ? QVariant() : QVariant(t); // trimmed() again: Lines keep their spaces
            break;
        }
        default:
            break;
        }
        // Activity counts are kept as canonical decimal text, whatever the file wrote (10000, "1,234.50").
        if (f->kind == FieldKind::Units && !v.isNull())
            if (const auto u = Units::fromVariant(v)) v = u->toText();
        out.insert(out.cend(), f->column, v);
    }
    issues.throwIfAny();
    return out;
}

bool RecordType::fromFile(const Database& db) {
    return db.source().startsWith(QLatin1String("import")) || db.source().startsWith(QLatin1String("team"));
}

void RecordType::check(Database& db, const Row& row, Issues& issues) const {
    if (validate) validate(db, row, issues);
    if (fileRules && fromFile(db) && issues.isEmpty()) fileRules(db, row, issues); // they assume a valid record
    if (confidentialRule) confidentialRule(db, row, issues);
    // The description's own checks, for fields the rules above did not already speak about.
    QStringList spoken;
    for (const FieldIssue& i : issues.list()) spoken << i.field;
    for (const FieldSpec& f : fields) {
        if (spoken.contains(f.field) || !f.written) continue;
        const QVariant v = row.value(f.column);
        const QString what = f.label.isEmpty() ? f.column : f.label;
        if (v.isNull() || !v.isValid()) {
            if (f.required && f.column != QLatin1String("id"))
                issues.add(f.field, QStringLiteral("Enter the %1: it is required.").arg(what));
            continue;
        }
        // Text of the value only where a check reads it or a message quotes it: numbers would
        // otherwise be formatted for every field of every record saved.
        const auto textOf = [&v] { return v.toString(); };
        switch (f.kind) {
        case FieldKind::Date: {
            const QString text = textOf();
            if (!iso::dateFrom(text).isValid() || text.size() != 10)
                issues.add(f.field, QStringLiteral("The %1 \"%2\" is not a date: write it as yyyy-mm-dd, like "
                                                   "2026-11-22.").arg(what, textOf()));
            break;
        }
        case FieldKind::Integer:
        case FieldKind::Money:
        case FieldKind::Year:
            if (!isWholeNumber(v))
                issues.add(f.field, QStringLiteral("The %1 must be a whole number, not \"%2\".").arg(what, textOf()));
            else if (f.kind == FieldKind::Year && (v.toLongLong() < 1948 || v.toLongLong() > 2200))
                issues.add(f.field, QStringLiteral("The %1 %2 is not a financial year: give the year it starts, like "
                                                   "2025 for 2025/26.").arg(what, textOf()));
            break;
        case FieldKind::Real:
            if (!isWholeNumber(v) && v.typeId() != QMetaType::Double)
                issues.add(f.field, QStringLiteral("The %1 must be a number, not \"%2\".").arg(what, textOf()));
            break;
        case FieldKind::Flag:
            if (!isWholeNumber(v) || (v.toLongLong() != 0 && v.toLongLong() != 1))
                issues.add(f.field, QStringLiteral("The %1 must be 0 (no) or 1 (yes), not \"%2\".").arg(what, textOf()));
            break;
        case FieldKind::Level:
            if (!isWholeNumber(v) || v.toLongLong() < 1 || v.toLongLong() > 5)
                issues.add(f.field, QStringLiteral("The %1 must be from 1 to 5 on the risk matrix, not \"%2\".")
                                        .arg(what, textOf()));
            break;
        case FieldKind::Units: {
            if (!Units::fromVariant(v))
                issues.add(f.field, QStringLiteral("The %1 must be a number of units to at most two decimal places, "
                                                   "like 1234.5, not \"%2\".").arg(what, textOf()));
            break;
        }
        case FieldKind::Code:
            if (f.vocabulary && !hasCode(f.vocabulary(), textOf()))
                issues.add(f.field, QStringLiteral("\"%1\" is not a %2 Casebook knows. Choose one of: %3.")
                                        .arg(textOf(), what, describeChoices(f.vocabulary())));
            break;
        default:
            break;
        }
    }
}

RecordTable::RecordTable(const QString& table, const QString& entity) : RecordType(table, entity) {
    column("id", FieldKind::Reference, QStringLiteral("id"));
    required();
}

RecordTable& RecordTable::column(const char* column, FieldKind kind, const QString& label) {
    fields.append(makeField(column, label, kind));
    return *this;
}

RecordTable& RecordTable::code(const char* name, const QList<Choice>& (*vocab)(), const QString& label) {
    column(name, FieldKind::Code, label);
    fields.last().vocabulary = vocab;
    return *this;
}

RecordTable& RecordTable::choices(const QList<Choice>& (*vocab)()) {
    fields.last().vocabulary = vocab;
    return *this;
}

RecordTable& RecordTable::required() {
    fields.last().required = true;
    return *this;
}

const RecordType* findRecordType(const QString& name) {
    for (const RecordType* t : registeredRecordTypes()) // names are unique: no order needed
        if (t->table == name || t->recordType == name) return t;
    return nullptr;
}

const RecordType& recordTypeOf(const QString& table) {
    if (const RecordType* t = findRecordType(table)) return *t;
    throw DatabaseError(QStringLiteral("Casebook does not know records of \"%1\"; nothing was changed.").arg(table));
}

} // namespace cb
