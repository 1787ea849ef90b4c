#include "common/RecordForm.h"

#include "common/Ask.h"
#include "common/Identifiers.h"
#include "common/StaleSaveOffer.h"
#include "common/Workspace.h"

#include <QCalendarWidget>
#include <QCheckBox>
#include <QComboBox>
#include <QDateEdit>
#include <QDialogButtonBox>
#include <QEvent>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QShortcut>
#include <QSpinBox>
#include <QToolButton>

namespace cb::ui {

namespace {
const QDate kNoDate(1900, 1, 1); // QDateEdit cannot hold a null date: its minimum stands for "not set"

QString issueColour(const QWidget* w) {
    // Readable on both light and dark palettes.
    return w->palette().color(QPalette::Window).lightness() < 128 ? QStringLiteral("#ff8a80")
                                                                   : QStringLiteral("#b3261e");
}
} // namespace

// ---- DateField --------------------------------------------------------------------------------------

DateField::DateField(bool optional, QWidget* parent) : QWidget(parent), m_edit(new QDateEdit(this)), m_optional(optional) {
    auto* row = new QHBoxLayout(this);
    row->setContentsMargins(0, 0, 0, 0);
    m_edit->setDisplayFormat(QStringLiteral("dd/MM/yyyy"));
    m_edit->setCalendarPopup(true);
    m_edit->setMinimumDate(kNoDate);
    m_edit->setMaximumDate(QDate(2200, 12, 31));
    m_edit->calendarWidget()->installEventFilter(this);
    m_edit->calendarWidget()->setFirstDayOfWeek(Qt::Monday);
    if (optional) m_edit->setSpecialValueText(QStringLiteral("Not set"));
    row->addWidget(m_edit, 1);
    setFocusProxy(m_edit);
    if (optional) {
        auto* clear = new QToolButton(this);
        clear->setText(QStringLiteral("Clear"));
        clear->setToolTip(QStringLiteral("Leave this date empty"));
        clear->setAccessibleName(QStringLiteral("Clear date"));
        clear->setFocusPolicy(Qt::TabFocus);
        row->addWidget(clear);
        connect(clear, &QToolButton::clicked, this, [this] { setDate({}); });
    }
    connect(m_edit, &QDateEdit::dateChanged, this, &DateField::changed);
    setDate({});
}

QDate DateField::date() const { return m_edit->date() == kNoDate ? QDate() : m_edit->date(); }

void DateField::setDate(const QDate& date) {
    m_edit->setDate(date.isValid() ? date : (m_optional ? kNoDate : QDate::currentDate()));
}

bool DateField::eventFilter(QObject* watched, QEvent* event) {
    // An empty date opens its calendar at this month, not January 1900.
    if (watched == m_edit->calendarWidget() && event->type() == QEvent::Show && !date().isValid())
        m_edit->calendarWidget()->setCurrentPage(QDate::currentDate().year(), QDate::currentDate().month());
    return QWidget::eventFilter(watched, event);
}

// ---- RecordForm -------------------------------------------------------------------------------------

RecordForm::RecordForm(Workspace& ws, const QString& title, QWidget* parent) : QDialog(parent), m_ws(ws) {
    setWindowTitle(title);
    setAccessibleName(title);
    auto* outer = new QVBoxLayout(this);
    m_summary = new QLabel(this);
    m_summary->setObjectName(QStringLiteral("formIssues"));
    m_summary->setWordWrap(true);
    m_summary->setAccessibleName(QStringLiteral("Problems with this record"));
    m_summary->setStyleSheet(QStringLiteral("color: %1; font-weight: bold;").arg(issueColour(this)));
    m_summary->hide();
    outer->addWidget(m_summary);
    if (ws.isReadOnly()) {
        auto* banner = new QLabel(Workspace::readOnlyReason(), this);
        banner->setWordWrap(true);
        banner->setAccessibleName(QStringLiteral("Read-only"));
        outer->addWidget(banner);
    }
    auto* grid = new QHBoxLayout;
    for (int i = 0; i < 2; ++i) {
        m_columns[i] = new QFormLayout;
        m_columns[i]->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
        m_columns[i]->setLabelAlignment(Qt::AlignRight | Qt::AlignVCenter);
        grid->addLayout(m_columns[i], 1);
    }
    grid->setSpacing(24);
    outer->addLayout(grid);
    outer->addStretch(1);
    auto* buttons = new QDialogButtonBox(this);
    m_save = buttons->addButton(QStringLiteral("Save"), QDialogButtonBox::AcceptRole);
    m_save->setObjectName(QStringLiteral("saveButton"));
    m_save->setAccessibleName(QStringLiteral("Save"));
    m_save->setToolTip(QStringLiteral("Save (Ctrl+S)"));
    m_save->setDefault(true);
    QPushButton* cancel = buttons->addButton(QStringLiteral("Cancel"), QDialogButtonBox::RejectRole);
    cancel->setObjectName(QStringLiteral("cancelButton"));
    cancel->setAccessibleName(QStringLiteral("Cancel"));
    cancel->setToolTip(QStringLiteral("Close without saving (Esc)"));
    outer->addWidget(buttons);
    connect(m_save, &QPushButton::clicked, this, &RecordForm::save);
    connect(cancel, &QPushButton::clicked, this, &RecordForm::reject);
    auto* saveKey = new QShortcut(QKeySequence::Save, this);
    connect(saveKey, &QShortcut::activated, this, [this] {
        if (m_save->isEnabled()) save();
    });
    ws.guard(m_save);
}

QWidget* RecordForm::addField(const QString& field, const QString& label, QWidget* editor, int column) {
    auto* box = new QWidget(this);
    auto* v = new QVBoxLayout(box);
    v->setContentsMargins(0, 0, 0, 0);
    v->setSpacing(2);
    v->addWidget(editor);
    auto* issue = new QLabel(box);
    issue->setObjectName(field + QStringLiteral("Issue"));
    issue->setWordWrap(true);
    issue->setStyleSheet(QStringLiteral("color: %1;").arg(issueColour(this)));
    issue->setAccessibleName(label + QStringLiteral(" problem"));
    issue->hide();
    v->addWidget(issue);
    editor->setObjectName(field);
    if (editor->accessibleName().isEmpty()) editor->setAccessibleName(label);
    if (auto* df = qobject_cast<DateField*>(editor)) df->editor()->setAccessibleName(label);
    auto* caption = new QLabel(label + QLatin1Char(':'), this);
    caption->setBuddy(editor);
    m_columns[column == 1 ? 1 : 0]->addRow(caption, box);
    m_editors.insert(field, editor);
    m_issueLabels.insert(field, issue);
    watch(editor);
    if (m_ws.isReadOnly()) m_ws.guard(editor);
    return editor;
}

void RecordForm::addWide(const QString& field, const QString& label, QWidget* editor) {
    // Below both columns, full width (notes, descriptions).
    auto* outer = static_cast<QVBoxLayout*>(layout());
    auto* form = new QFormLayout;
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    outer->insertLayout(outer->count() - 2, form);
    QFormLayout* saved = m_columns[0];
    m_columns[0] = form;
    addField(field, label, editor, 0);
    m_columns[0] = saved;
}

void RecordForm::addNote(QLabel* note, int column) {
    note->setWordWrap(true);
    m_columns[column == 1 ? 1 : 0]->addRow(QString(), note);
}

void RecordForm::watch(QWidget* editor) {
    if (auto* e = qobject_cast<QLineEdit*>(editor)) connect(e, &QLineEdit::textEdited, this, &RecordForm::markDirty);
    else if (auto* c = qobject_cast<QComboBox*>(editor))
        connect(c, &QComboBox::currentIndexChanged, this, &RecordForm::markDirty);
    else if (auto* t = qobject_cast<QPlainTextEdit*>(editor))
        connect(t, &QPlainTextEdit::textChanged, this, &RecordForm::markDirty);
    else if (auto* b = qobject_cast<QCheckBox*>(editor)) connect(b, &QCheckBox::toggled, this, &RecordForm::markDirty);
    else if (auto* d = qobject_cast<DateField*>(editor)) connect(d, &DateField::changed, this, &RecordForm::markDirty);
    else if (auto* s = qobject_cast<QSpinBox*>(editor)) connect(s, &QSpinBox::valueChanged, this, &RecordForm::markDirty);
}

void RecordForm::markClean() {
    m_loaded = StaleSaveOffer::valuesOf(m_editors);
    m_dirty = false;
    setWindowModified(false);
}

void RecordForm::markDirty() { m_dirty = true; }

void RecordForm::showIssues(const QList<FieldIssue>& issues) {
    for (QLabel* l : std::as_const(m_issueLabels)) {
        l->clear();
        l->hide();
    }
    QStringList general;
    QWidget* first = nullptr;
    for (const FieldIssue& i : issues) {
        QLabel* l = m_issueLabels.value(i.field);
        if (!l) {
            general << i.message;
            continue;
        }
        l->setText(l->text().isEmpty() ? i.message : l->text() + QLatin1Char(' ') + i.message);
        l->show();
        if (QWidget* e = m_editors.value(i.field)) {
            e->setAccessibleDescription(l->text());
            if (!first) first = e;
        }
    }
    m_summary->setText(general.join(QLatin1Char('\n')));
    m_summary->setVisible(!general.isEmpty());
    if (first) first->setFocus(Qt::OtherFocusReason);
}

QString RecordForm::issueText(const QString& field) const {
    if (QLabel* l = m_issueLabels.value(field)) return l->text();
    return field.isEmpty() ? m_summary->text() : QString();
}

bool RecordForm::save() {
    if (!store()) return false;
    emit saved();
    accept();
    return true;
}

bool RecordForm::store() {
    if (m_ws.isReadOnly()) return false;
    try {
        commit();
    } catch (const StaleRecordError& e) {
        offerReload(e);
        return false;
    } catch (const ValidationError& e) {
        showIssues(e.issues());
        return false;
    } catch (const Error& e) {
        Ask::error(this, QStringLiteral("Not saved"), e.message());
        return false;
    }
    showIssues({});
    markClean();
    return true;
}

void RecordForm::offerReload(const StaleRecordError& e) {
    if (!canTakeCurrent()) {
        Ask::error(this, QStringLiteral("Not saved"), e.message());
        return;
    }
    const auto reload = StaleSaveOffer::offer(this, e, m_editors, m_loaded);
    if (!reload) return;
    takeCurrent(e.current());
    StaleSaveOffer::apply(m_editors, reload->merge);
    m_loaded = reload->stored;
    markDirty();
    showIssues({{QString(), StaleSaveOffer::summary(e.table(), reload->merge)}});
}

void RecordForm::reject() {
    if (m_dirty && !m_ws.isReadOnly()) {
        const int answer =
            Ask::ask(this, {Question::Kind::Question, QStringLiteral("Unsaved changes"),
                            QStringLiteral("You have changed %1. Save the changes before closing?").arg(windowTitle()),
                            {QStringLiteral("Save"), QStringLiteral("Discard changes"), QStringLiteral("Keep editing")}});
        if (answer == 0) {
            save();
            return;
        }
        if (answer != 1) return;
    }
    QDialog::reject();
}

namespace {
RecordForm::Runner& runner() {
    static RecordForm::Runner r;
    return r;
}
} // namespace

int RecordForm::run() { return runner() ? runner()(*this) : exec(); }

RecordForm::Runner RecordForm::setRunner(Runner r) {
    Runner old = std::move(runner());
    runner() = std::move(r);
    return old;
}

QComboBox* RecordForm::choiceCombo(const QList<Choice>& choices, const QString& emptyLabel) {
    auto* combo = new QComboBox;
    if (!emptyLabel.isEmpty()) combo->addItem(emptyLabel, QString());
    for (const Choice& c : choices) combo->addItem(c.label, c.code);
    return combo;
}

void RecordForm::setCode(QComboBox* combo, const QString& code) {
    const int i = combo->findData(code);
    combo->setCurrentIndex(i >= 0 ? i : (code.isEmpty() ? 0 : -1));
}

QString RecordForm::code(const QComboBox* combo) { return combo->currentData().toString(); }

std::optional<qint64> RecordForm::readMoney(QLineEdit* edit, const QString& field, Issues& issues) {
    const QString text = edit->text().trimmed();
    if (text.isEmpty()) return std::nullopt;
    const auto pence = fmt::parseMoney(text);
    if (!pence) issues.add(field, QStringLiteral("\"%1\" is not an amount of money. Enter pounds, like £1,234.56.").arg(text));
    return pence;
}

std::optional<qint64> RecordForm::readInteger(QLineEdit* edit, const QString& field, Issues& issues) {
    QString text = edit->text().trimmed();
    if (text.isEmpty()) return std::nullopt;
    text.remove(QLatin1Char(','));
    bool ok = false;
    const qint64 v = text.toLongLong(&ok);
    if (!ok) {
        issues.add(field, QStringLiteral("\"%1\" is not a whole number. Enter digits only, like 1200.").arg(edit->text()));
        return std::nullopt;
    }
    return v;
}

std::optional<double> RecordForm::readNumber(QLineEdit* edit, const QString& field, Issues& issues) {
    const QString text = edit->text().trimmed();
    if (text.isEmpty()) return std::nullopt;
    bool ok = false;
    const double v = text.toDouble(&ok);
    if (!ok) {
        issues.add(field, QStringLiteral("\"%1\" is not a number. Enter it like 40 or 72.5.").arg(text));
        return std::nullopt;
    }
    return v;
}

} // namespace cb::ui
