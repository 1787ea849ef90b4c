#pragma once

#include "store/Database.h"
#include "store/RecordMerge.h"

#include <QMap>
#include <QVariantMap>
#include <optional>

class QWidget;

namespace cb::ui {

// When a form's save is refused because someone else saved the record since it was opened
// (StaleRecordError), the form offers to reload it keeping the caseworker's own typing where the
// fields do not clash. This does the widget side: what the form shows, by field name, and the merge.
class StaleSaveOffer {
public:
    struct Reload {
        MergeResult merge;
        QVariantMap stored; // the record as stored now, in the form's terms: what the form now stands on
    };

    // What each editor shows, as plain values: line edits' text, combos' codes, dates as ISO text,
    // check boxes as 1/0.
    static QVariantMap valuesOf(const QMap<QString, QWidget*>& editors);
    static void setValue(QWidget* editor, const QVariant& value);
    // The stored record in the same terms as the form's widgets, by field name. `shown` (what the
    // form showed) keeps its own formatting where the value is the same (money, thousands).
    static QVariantMap formValuesOf(const QString& table, const Row& row, const QMap<QString, QWidget*>& editors,
                                    const QVariantMap& shown);

    // Asks (through Ask) whether to reload keeping her changes where they do not clash with what
    // was saved since `loaded` (what the form showed when it opened). Returns the merge to apply,
    // or nothing when she chose to keep editing.
    static std::optional<Reload> offer(QWidget* parent, const StaleRecordError& error,
                                            const QMap<QString, QWidget*>& editors, const QVariantMap& loaded);
    static void apply(const QMap<QString, QWidget*>& editors, const MergeResult& merge);
    // "Reloaded with the changes saved since you opened it (telephone). Your own changes are kept (email)."
    static QString summary(const QString& table, const MergeResult& merge);
};

} // namespace cb::ui
