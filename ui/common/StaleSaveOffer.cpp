#include "common/StaleSaveOffer.h"

#include "common/Ask.h"
#include "common/Identifiers.h"
#include "common/RecordForm.h"
#include "store/RecordType.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDateEdit>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QSpinBox>

namespace cb::ui {

QVariantMap StaleSaveOffer::valuesOf(const QMap<QString, QWidget*>& editors) {
    QVariantMap out;
    for (auto it = editors.begin(); it != editors.end(); ++it) {
        QWidget* w = it.value();
        if (auto* e = qobject_cast<QLineEdit*>(w)) out.insert(it.key(), e->text().trimmed());
        else if (auto* p = qobject_cast<QPlainTextEdit*>(w)) out.insert(it.key(), p->toPlainText().trimmed());
        else if (auto* c = qobject_cast<QComboBox*>(w))
            out.insert(it.key(), c->currentData().isValid() ? c->currentData().toString() : c->currentText());
        else if (auto* d = qobject_cast<DateField*>(w)) out.insert(it.key(), fmt::dateIso(d->date()));
        else if (auto* de = qobject_cast<QDateEdit*>(w)) out.insert(it.key(), fmt::dateIso(de->date()));
        else if (auto* b = qobject_cast<QCheckBox*>(w)) out.insert(it.key(), b->isChecked() ? QStringLiteral("1") : QStringLiteral("0"));
        else if (auto* s = qobject_cast<QSpinBox*>(w)) out.insert(it.key(), QString::number(s->value()));
    }
    return out;
}

void StaleSaveOffer::setValue(QWidget* w, const QVariant& value) {
    const QString text = value.isNull() ? QString() : value.toString();
    if (auto* e = qobject_cast<QLineEdit*>(w)) e->setText(text);
    else if (auto* p = qobject_cast<QPlainTextEdit*>(w)) p->setPlainText(text);
    else if (auto* c = qobject_cast<QComboBox*>(w)) RecordForm::setCode(c, text);
    else if (auto* d = qobject_cast<DateField*>(w)) d->setDate(fmt::parseIsoDate(text));
    else if (auto* de = qobject_cast<QDateEdit*>(w)) de->setDate(fmt::parseIsoDate(text));
    else if (auto* b = qobject_cast<QCheckBox*>(w)) b->setChecked(text == QLatin1String("1"));
    else if (auto* s = qobject_cast<QSpinBox*>(w)) s->setValue(text.toInt());
}

QVariantMap StaleSaveOffer::formValuesOf(const QString& table, const Row& row, const QMap<QString, QWidget*>& editors,
                                         const QVariantMap& shown) {
    QVariantMap out;
    const RecordType* type = findRecordType(table);
    if (!type) return out;
    for (const FieldSpec& f : type->fields) {
        if (!editors.contains(f.field)) continue;
        const QVariant v = row.value(f.column);
        QString text = v.isNull() ? QString() : v.toString();
        const QString was = shown.value(f.field).toString();
        if (f.kind == FieldKind::Money && !text.isEmpty()) {
            const auto pence = fmt::parseMoney(was);
            text = pence && *pence == v.toLongLong() ? was : fmt::money(v.toLongLong());
        } else if (f.kind == FieldKind::Integer && QString(was).remove(QLatin1Char(',')) == text) {
            text = was;
        } else if (f.kind == FieldKind::Flag) {
            text = v.toLongLong() ? QStringLiteral("1") : QStringLiteral("0");
        }
        out.insert(f.field, text);
    }
    return out;
}

namespace {
QString labelOf(const QString& table, const QString& field) {
    if (const RecordType* type = findRecordType(table))
        for (const FieldSpec& f : type->fields)
            if (f.field == field) return f.label;
    return field;
}
QString labelsOf(const QString& table, const QStringList& fields) {
    QStringList out;
    for (const QString& f : fields) out << labelOf(table, f);
    return out.join(QStringLiteral(", "));
}
} // namespace

std::optional<StaleSaveOffer::Reload> StaleSaveOffer::offer(QWidget* parent, const StaleRecordError& error,
                                                 const QMap<QString, QWidget*>& editors, const QVariantMap& loaded) {
    const QVariantMap mine = valuesOf(editors);
    const QVariantMap theirs = formValuesOf(error.table(), error.current(), editors, loaded);
    const MergeResult merge = mergeFields(loaded, mine, theirs);
    QString text = error.message();
    if (!merge.clean()) {
        QStringList clashes;
        for (const FieldClash& c : merge.clashes)
            clashes << QStringLiteral("%1 (saved as \"%2\", you typed \"%3\")")
                           .arg(labelOf(error.table(), c.field), c.theirs.toString(), c.mine.toString());
        text += QStringLiteral("\n\nYou both changed: %1. Reloading keeps what you typed there; check it before "
                               "saving again.").arg(clashes.join(QStringLiteral("; ")));
    }
    const int answer = Ask::ask(parent, {Question::Kind::Warning, QStringLiteral("Changed by someone else"), text,
                                         {QStringLiteral("Reload, keeping my changes"), QStringLiteral("Keep editing")}});
    if (answer != 0) return std::nullopt;
    return Reload{merge, theirs};
}

void StaleSaveOffer::apply(const QMap<QString, QWidget*>& editors, const MergeResult& merge) {
    for (auto it = merge.merged.begin(); it != merge.merged.end(); ++it)
        if (QWidget* w = editors.value(it.key())) setValue(w, it.value());
}

QString StaleSaveOffer::summary(const QString& table, const MergeResult& merge) {
    QStringList parts;
    parts << QStringLiteral("Reloaded with the changes saved since you opened it%1.")
                 .arg(merge.theirsTaken.isEmpty() ? QString() : QStringLiteral(" (%1)").arg(labelsOf(table, merge.theirsTaken)));
    if (!merge.mineKept.isEmpty()) parts << QStringLiteral("Your own changes are kept (%1).").arg(labelsOf(table, merge.mineKept));
    if (!merge.clean()) {
        QStringList clashed;
        for (const FieldClash& c : merge.clashes) clashed << c.field;
        parts << QStringLiteral("You both changed %1: your typing is kept there, check it.").arg(labelsOf(table, clashed));
    }
    parts << QStringLiteral("Save again to keep it all.");
    return parts.join(QLatin1Char(' '));
}

} // namespace cb::ui
