#include "common/RecordForm.h"

#include "common/Ask.h"
#include "common/Identifiers.h"
#include "common/StaleSaveOffer.h"
#include "common/Workspace.h"

#include <QCheckBox>
#include <algorithm>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QEvent>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QScreen>
#include <QScrollArea>
#include <QScrollBar>
#include <QShowEvent>
#include <QStyle>
#include <QShortcut>
#include <QSpinBox>
#include <QToolButton>

namespace cb::ui {

namespace {
QString issueColour(const QWidget* w) {
    // Readable on both light and dark palettes.
    return w->palette().color(QPalette::Window).lightness() < 128 ? QStringLiteral("#ff8a80")
                                                                   : QStringLiteral("#b3261e");
}

// A scroll area that asks for room for all of its contents (QScrollArea's own hint is a small
// fixed box): the form opens showing every field when the screen allows, and scrolls when not.
class FormScroll : public QScrollArea {
public:
    using QScrollArea::QScrollArea;
    QSize sizeHint() const override {
        if (!widget()) return QScrollArea::sizeHint();
        const int frame = 2 * frameWidth();
        const int bar = style()->pixelMetric(QStyle::PM_ScrollBarExtent);
        return widget()->sizeHint() + QSize(frame + bar, frame);
    }
    QSize minimumSizeHint() const override {
        // As narrow as the fields allow (no sideways scrolling), as short as a few rows.
        if (!widget()) return QScrollArea::minimumSizeHint();
        const int frame = 2 * frameWidth();
        const int bar = style()->pixelMetric(QStyle::PM_ScrollBarExtent);
        return QSize(widget()->minimumSizeHint().width() + frame + bar, 120);
    }
};
} // namespace

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
    // The fields scroll (never squeeze): a message that wraps onto more lines makes the form taller.
    auto* body = new QWidget;
    body->setObjectName(QStringLiteral("formBody"));
    m_body = new QVBoxLayout(body);
    m_body->setContentsMargins(0, 0, 0, 0);
    auto* grid = new QHBoxLayout;
    for (int i = 0; i < 2; ++i) {
        m_columns[i] = new QFormLayout;
        m_columns[i]->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
        m_columns[i]->setLabelAlignment(Qt::AlignRight | Qt::AlignVCenter);
        m_columns[i]->setRowWrapPolicy(QFormLayout::DontWrapRows);
        if (i == 1) grid->addSpacing(24); // a gutter between the columns (not a spacing the rows would inherit)
        grid->addLayout(m_columns[i], 1);
    }
    m_body->addLayout(grid);
    m_body->addStretch(1);
    m_scroll = new FormScroll;
    m_scroll->setObjectName(QStringLiteral("formScroll"));
    m_scroll->setWidget(body);
    m_scroll->setWidgetResizable(true);
    m_scroll->setFrameShape(QFrame::NoFrame);
    m_scroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAsNeeded);
    m_scroll->setFocusPolicy(Qt::NoFocus);
    outer->addWidget(m_scroll, 1);
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
    // A long choice list must not make the form wider than a laptop screen.
    if (auto* combo = qobject_cast<QComboBox*>(editor)) {
        combo->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
        combo->setMinimumContentsLength(16);
    }
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
    auto* form = new QFormLayout;
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    form->setLabelAlignment(Qt::AlignRight | Qt::AlignVCenter);
    m_body->insertLayout(m_body->count() - 1, form);
    m_wide.append(form);
    QFormLayout* saved = m_columns[0];
    m_columns[0] = form;
    addField(field, label, editor, 0);
    m_columns[0] = saved;
}

void RecordForm::addSection(QWidget* section, int stretch) {
    m_body->insertWidget(m_body->count() - 1, section, stretch);
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

void RecordForm::showEvent(QShowEvent* event) {
    if (!m_fitted) fitToScreen();
    focusFirstField();
    m_fitted = true;
    QDialog::showEvent(event);
}

QList<QWidget*> RecordForm::tabStops() const {
    // What the eye reads: down the left column, down the right one, then the wide fields and
    // sections below both, then the buttons -- whatever order the fields were added in.
    QList<QWidget*> areas;
    for (QFormLayout* form : {m_columns[0], m_columns[1]})
        for (int r = 0; r < form->rowCount(); ++r)
            if (QLayoutItem* item = form->itemAt(r, QFormLayout::FieldRole); item && item->widget()) areas << item->widget();
    for (int i = 0; i < m_body->count(); ++i) {
        QLayoutItem* item = m_body->itemAt(i);
        if (auto* form = qobject_cast<QFormLayout*>(item->layout())) {
            if (m_wide.contains(form))
                for (int r = 0; r < form->rowCount(); ++r)
                    if (QLayoutItem* f = form->itemAt(r, QFormLayout::FieldRole); f && f->widget()) areas << f->widget();
        } else if (item->widget()) {
            areas << item->widget();
        }
    }
    areas << m_save->parentWidget(); // the buttons
    QList<QPair<int, QWidget*>> stops;
    for (QWidget* w = nextInFocusChain(); w && w != this; w = w->nextInFocusChain()) {
        if (!(w->focusPolicy() & Qt::TabFocus) || w->focusProxy() || !w->isVisibleTo(this) || !w->isEnabled()) continue;
        int area = int(areas.size());
        for (int i = 0; i < areas.size(); ++i)
            if (areas[i] == w || areas[i]->isAncestorOf(w)) {
                area = i;
                break;
            }
        stops.append({area, w});
    }
    std::stable_sort(stops.begin(), stops.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
    // Inside one area (a checklist, a row of buttons) read as on the page: rows top to bottom, each
    // row left to right -- rows added after their "Add" button still come before it.
    QList<QWidget*> out;
    for (int i = 0; i < stops.size();) {
        int j = i;
        QList<QPair<QRect, QWidget*>> area;
        for (; j < stops.size() && stops[j].first == stops[i].first; ++j)
            area.append({QRect(stops[j].second->mapTo(this, QPoint(0, 0)), stops[j].second->size()), stops[j].second});
        std::stable_sort(area.begin(), area.end(), [](const auto& a, const auto& b) { return a.first.top() < b.first.top(); });
        for (int r = 0; r < area.size();) {
            int e = r + 1;
            while (e < area.size() && area[e].first.top() < area[r].first.bottom()) ++e; // overlaps the row's first
            std::stable_sort(area.begin() + r, area.begin() + e,
                             [](const auto& a, const auto& b) { return a.first.left() < b.first.left(); });
            r = e;
        }
        for (const auto& w : std::as_const(area)) out << w.second;
        i = j;
    }
    return out;
}

bool RecordForm::focusNextPrevChild(bool next) {
    // Tab and Shift+Tab walk tabStops(), so the order is the visual one however the subclass built
    // its fields (Qt's focus chain follows creation order).
    const QList<QWidget*> stops = tabStops();
    QWidget* current = focusWidget();
    int at = -1;
    for (int i = 0; i < stops.size() && current; ++i)
        if (stops[i] == current || stops[i]->isAncestorOf(current)) {
            at = i;
            break;
        }
    if (stops.isEmpty() || at < 0) return QDialog::focusNextPrevChild(next);
    const int n = int(stops.size());
    stops[(at + (next ? 1 : n - 1)) % n]->setFocus(next ? Qt::TabFocusReason : Qt::BacktabFocusReason);
    return true;
}

void RecordForm::focusFirstField() {
    // Open with the keyboard in the first field, not on Save.
    QWidget* f = focusWidget();
    if (f && f != m_save && !m_save->parentWidget()->isAncestorOf(f)) return;
    const QList<QWidget*> stops = tabStops();
    if (!stops.isEmpty()) stops.first()->setFocus(Qt::TabFocusReason);
}

void RecordForm::fitToScreen() {
    // Open as large as the fields ask (or as the caller sized it), never beyond the screen: a laptop
    // at 150 % is 1280x720. What does not fit scrolls.
    const QScreen* s = screen();
    if (!s) return;
    const QSize avail = s->availableGeometry().size() - QSize(16, 48); // the window frame and title bar
    // The fields were added inside the scroll area after the dialog's layout first measured it:
    // measure again (the layout keeps the scroll area's old, empty size hint otherwise).
    m_scroll->updateGeometry();
    layout()->invalidate();
    layout()->activate();
    QSize want = size();
    if (!testAttribute(Qt::WA_Resized)) {
        want = sizeHint().expandedTo(minimumSizeHint());
        if (QWidget* body = m_scroll->widget(); body && body->layout() && body->layout()->hasHeightForWidth()) {
            const int extra = want.height() - m_scroll->sizeHint().height();
            want.setHeight(qMax(want.height(), extra + body->layout()->totalHeightForWidth(body->sizeHint().width())));
        }
    }
    resize(want.boundedTo(avail).expandedTo(minimumSizeHint().boundedTo(avail)));
}

bool RecordForm::datesReadable() {
    // Text in a date field that is not a date: refuse, never save an empty or guessed date.
    QList<DateField*> bad;
    for (DateField* d : findChildren<DateField*>())
        if (d->isEnabled() && d->hasProblem()) bad << d;
    if (bad.isEmpty()) return true;
    for (DateField* d : bad) d->tidy(); // shows its message beside it
    m_summary->setText(bad.size() == 1 ? QStringLiteral("Not saved: a date is not a date Casebook can read. The message "
                                                        "beside it says what to type.")
                                       : QStringLiteral("Not saved: %1 dates are not dates Casebook can read. The "
                                                        "messages beside them say what to type.")
                                             .arg(bad.size()));
    m_summary->show();
    bad.first()->setFocus(Qt::OtherFocusReason);
    m_scroll->ensureWidgetVisible(bad.first());
    return false;
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
    if (first) {
        first->setFocus(Qt::OtherFocusReason);
        m_scroll->ensureWidgetVisible(first);
    }
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
    if (!datesReadable()) return false;
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
