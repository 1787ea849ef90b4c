#pragma once

#include "common/DateField.h"
#include "common/Errors.h"
#include "common/Vocabulary.h"
#include "store/Database.h"

#include <QDate>
#include <QDialog>
#include <QMap>
#include <functional>
#include <optional>

class QComboBox;
class QDialogButtonBox;
class QFormLayout;
class QLabel;
class QLineEdit;
class QPushButton;
class QScrollArea;
class QVBoxLayout;

// A form editing one record struct (`member`, with a static fromRow) takes the record as stored
// when a stale save is reloaded (RecordForm::canTakeCurrent/takeCurrent). The reload merges by the
// record description's field names, so such a form names each stored field as its description does
// (fields stored elsewhere, such as a tier's rationale, may have any name).
#define CB_RELOADS_RECORD(member)                                                                   \
    bool canTakeCurrent() const override { return true; }                                           \
    void takeCurrent(const Row& stored) override { member = std::decay_t<decltype(member)>::fromRow(stored); }

namespace cb::ui {

class Workspace;

// Base of every record editor: a form whose fields are named like core's validation fields
// ("odsCode", "startDate"), each with its message shown beside it (wrapped, never cut: the fields
// scroll when the screen is short). Tab goes down the left column, then the right, then the wide
// fields below both, whatever order the fields were added in; the form opens in its first field. Save (Ctrl+S) runs commit(),
// which saves through a core service; Cancel/Esc asks before dropping unsaved changes.
class RecordForm : public QDialog {
    Q_OBJECT
public:
    RecordForm(Workspace& ws, const QString& title, QWidget* parent = nullptr);

    bool isDirty() const { return m_dirty; }
    bool save(); // true when saved (the dialog is then accepted)
    QString issueText(const QString& field) const; // what is shown beside a field ("" when fine)
    QWidget* fieldEditor(const QString& field) const { return m_editors.value(field); }
    QPushButton* saveButton() const { return m_save; }
    QStringList fields() const { return m_editors.keys(); }
    // Shows core's messages beside their fields (field "" or unknown: above the form).
    void showIssues(const QList<FieldIssue>& issues);

    // Choice lists: a combo of labels whose item data are the codes.
    static QComboBox* choiceCombo(const QList<Choice>& choices, const QString& emptyLabel = {});
    static void setCode(QComboBox* combo, const QString& code);
    static QString code(const QComboBox* combo);

    void reject() override;

    // Shows the form modally and returns QDialog::Accepted or Rejected. Tests replace the runner
    // to fill in and save the form in place, with no event loop or timer.
    using Runner = std::function<int(RecordForm& form)>;
    int run();
    static Runner setRunner(Runner runner);

signals:
    void saved();

protected:
    // Saves the record through core; throws ValidationError (shown beside the fields) or Error.
    virtual void commit() = 0;
    // Saves through commit() and shows core's messages, without closing the form (save() then accepts).
    bool store();

    // Adds a labelled field in column 0 or 1; `field` is the name core uses in FieldIssue.
    QWidget* addField(const QString& field, const QString& label, QWidget* editor, int column = 0);
    void addWide(const QString& field, const QString& label, QWidget* editor); // spans both columns
    void addNote(QLabel* note, int column = 0);
    void addSection(QWidget* section, int stretch = 0); // below the fields, inside the scrolling part
    void markClean();
    void markDirty();
    void showEvent(QShowEvent* event) override;
    bool focusNextPrevChild(bool next) override;
    // A form that can stand on the record as someone else saved it (the struct it edits, with its
    // row version) overrides both: a stale save is then offered a reload keeping the caseworker's
    // typing where it does not clash (StaleSaveOffer). Other forms show the message.
    // CB_RELOADS_RECORD(m_record) in a form's class body does both for a form editing one struct.
    virtual bool canTakeCurrent() const { return false; }
    virtual void takeCurrent(const Row& storedRow) { Q_UNUSED(storedRow); }

    // Reads optional numbers typed by a caseworker; a bad value becomes a field issue.
    static std::optional<qint64> readMoney(QLineEdit* edit, const QString& field, Issues& issues);
    static std::optional<qint64> readInteger(QLineEdit* edit, const QString& field, Issues& issues);
    static std::optional<double> readNumber(QLineEdit* edit, const QString& field, Issues& issues);

    Workspace& m_ws;

private:
    void watch(QWidget* editor);
    QList<QWidget*> tabStops() const; // the controls Tab reaches, in reading order
    void focusFirstField();
    void fitToScreen();
    bool datesReadable(); // false (and says which) when a date field holds text that is not a date
    void offerReload(const StaleRecordError& e);
    QFormLayout* m_columns[2];
    QVBoxLayout* m_body;
    QScrollArea* m_scroll;
    QList<QFormLayout*> m_wide;
    bool m_fitted = false;
    QLabel* m_summary;
    QPushButton* m_save;
    QMap<QString, QWidget*> m_editors;
    QMap<QString, QLabel*> m_issueLabels;
    bool m_dirty = false;
    QVariantMap m_loaded; // what the form showed when it last matched the stored record
};

} // namespace cb::ui
