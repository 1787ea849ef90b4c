#include "common/DateField.h"

#include "common/Clock.h"

#include <QApplication>
#include <QCalendarWidget>
#include <QEvent>
#include <QHBoxLayout>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QScreen>
#include <QStyle>
#include <QToolButton>
#include <QVBoxLayout>

namespace cb::ui {

namespace {
const Clock*& clockSlot() {
    static const Clock* clock = nullptr;
    return clock;
}
const QString kFormat = QStringLiteral("dd/MM/yyyy");
} // namespace

void DateField::setClock(const Clock* clock) { clockSlot() = clock; }

QDate DateField::today() { return (clockSlot() ? *clockSlot() : Clock::system()).today(); }

DateField::DateField(bool optional, QWidget* parent)
    : QWidget(parent), m_edit(new QLineEdit(this)), m_button(new QToolButton(this)), m_message(new QLabel(this)),
      m_optional(optional) {
    auto* v = new QVBoxLayout(this);
    v->setContentsMargins(0, 0, 0, 0);
    v->setSpacing(2);
    auto* row = new QHBoxLayout;
    row->setContentsMargins(0, 0, 0, 0);
    row->setSpacing(2);
    m_edit->setObjectName(QStringLiteral("dateText"));
    m_edit->setPlaceholderText(optional ? QStringLiteral("dd/mm/yyyy or empty") : QStringLiteral("dd/mm/yyyy"));
    m_edit->setToolTip(QStringLiteral("Type a date like 30/11/2026, 301126, t for today or +14 for two weeks from "
                                      "today. Up/Down change it by a day; Alt+Down opens the calendar."));
    m_edit->setAccessibleDescription(QStringLiteral("Date, day/month/year. t is today, +14 is two weeks from today."));
    m_edit->setMinimumWidth(m_edit->fontMetrics().horizontalAdvance(QStringLiteral("00/00/00000")) + 24);
    m_edit->setMaximumWidth(m_edit->fontMetrics().horizontalAdvance(QStringLiteral("dd/mm/yyyy or empty")) + 32);
    m_edit->installEventFilter(this);
    m_button->setObjectName(QStringLiteral("calendarButton"));
    m_button->setText(QStringLiteral("Calendar"));
    m_button->setIcon(style()->standardIcon(QStyle::SP_ArrowDown));
    m_button->setToolButtonStyle(Qt::ToolButtonIconOnly);
    m_button->setAccessibleName(QStringLiteral("Choose from a calendar"));
    m_button->setToolTip(QStringLiteral("Choose from a calendar (Alt+Down)"));
    m_button->setFocusPolicy(Qt::NoFocus); // Tab goes field to field; Alt+Down opens the calendar
    row->addWidget(m_edit, 1);
    row->addWidget(m_button);
    row->addStretch(0);
    v->addLayout(row);
    m_message->setObjectName(QStringLiteral("dateProblem"));
    m_message->setWordWrap(true);
    m_message->setAccessibleName(QStringLiteral("Date problem"));
    m_message->hide();
    v->addWidget(m_message);
    setFocusProxy(m_edit); // the field itself is not a Tab stop: its text box is
    connect(m_button, &QToolButton::clicked, this, &DateField::openCalendar);
    connect(m_edit, &QLineEdit::textEdited, this, [this] {
        if (!m_message->isHidden() && !hasProblem()) showProblem(); // the problem was fixed: say so at once
        emit changed();
    });
    connect(m_edit, &QLineEdit::editingFinished, this, &DateField::tidy);
    setDate({});
}

// The text box outlives this object's own destructor (QWidget deletes children later) and, losing
// focus then, would emit editingFinished into a half-destroyed DateField: cut it loose first.
DateField::~DateField() {
    m_edit->removeEventFilter(this);
    m_edit->disconnect(this);
}

DateInput DateField::input() const { return DateInput::parse(m_edit->text(), today()); }

QDate DateField::date() const { return input().date; }

bool DateField::hasProblem() const { return input().isInvalid(); }

QString DateField::problem() const { return input().message; }

void DateField::setDate(const QDate& date) {
    const QDate d = date.isValid() ? date : (m_optional ? QDate() : today());
    const QString text = d.isValid() ? d.toString(kFormat) : QString();
    if (text == m_edit->text()) return;
    m_edit->setText(text);
    showProblem();
    emit changed();
}

void DateField::showProblem() {
    const QString message = problem();
    m_message->setText(message);
    m_message->setVisible(!message.isEmpty());
    m_edit->setAccessibleDescription(message.isEmpty() ? QStringLiteral("Date, day/month/year. t is today, +14 is two weeks from today.")
                                                       : message);
    // Colour is not the only signal: the message is text, and the box is marked too.
    const bool dark = palette().color(QPalette::Window).lightness() < 128;
    m_message->setStyleSheet(QStringLiteral("color: %1;").arg(dark ? QStringLiteral("#ff8a80") : QStringLiteral("#b3261e")));
}

void DateField::tidy() {
    const DateInput in = input();
    if (in.isDate() && m_edit->text() != in.date.toString(kFormat)) {
        m_edit->setText(in.date.toString(kFormat));
        emit changed();
    }
    if (in.isEmpty() && !m_edit->text().isEmpty()) m_edit->clear();
    if (in.isEmpty() && !m_optional) {
        m_message->setText(QStringLiteral("Enter a date: this one cannot be left empty. Type t for today."));
        m_message->show();
        return;
    }
    showProblem();
}

void DateField::step(int days, int months) {
    const DateInput in = input();
    if (in.isInvalid()) return; // never replace what was typed with a guess
    const QDate from = in.isDate() ? in.date : today();
    QDate to = in.isDate() ? from.addDays(days).addMonths(months) : today();
    to = qBound(DateInput::earliest(), to, DateInput::latest());
    m_edit->setText(to.toString(kFormat));
    showProblem();
    emit changed();
}

void DateField::choose(const QDate& date) {
    if (m_popup) m_popup->hide();
    m_edit->setText(date.toString(kFormat));
    showProblem();
    emit changed();
    m_edit->setFocus(Qt::PopupFocusReason);
}

void DateField::openCalendar() {
    if (!isEnabled() || m_edit->isReadOnly()) return;
    if (!m_popup) {
        m_popup = new QWidget(this, Qt::Popup);
        m_popup->setObjectName(QStringLiteral("calendarPopup"));
        auto* l = new QVBoxLayout(m_popup);
        l->setContentsMargins(0, 0, 0, 0);
        m_calendar = new QCalendarWidget(m_popup);
        m_calendar->setObjectName(QStringLiteral("calendar"));
        m_calendar->setFirstDayOfWeek(Qt::Monday);
        m_calendar->setGridVisible(true);
        m_calendar->setMinimumDate(DateInput::earliest());
        m_calendar->setMaximumDate(DateInput::latest());
        m_calendar->setAccessibleName(QStringLiteral("Calendar"));
        m_calendar->installEventFilter(this);
        l->addWidget(m_calendar);
        connect(m_calendar, &QCalendarWidget::activated, this, &DateField::choose);
        connect(m_calendar, &QCalendarWidget::clicked, this, &DateField::choose);
    }
    // The date shown, or today when the field is empty (never January 1900).
    const DateInput in = input();
    const QDate start = in.isDate() ? in.date : today();
    m_calendar->setSelectedDate(start);
    m_calendar->setCurrentPage(start.year(), start.month());
    m_popup->adjustSize();
    QPoint at = m_edit->mapToGlobal(QPoint(0, m_edit->height()));
    if (const QScreen* s = screen()) {
        const QRect avail = s->availableGeometry();
        at.setX(qBound(avail.left(), at.x(), qMax(avail.left(), avail.right() - m_popup->width())));
        if (at.y() + m_popup->height() > avail.bottom()) at.setY(m_edit->mapToGlobal(QPoint(0, 0)).y() - m_popup->height());
    }
    m_popup->move(at);
    m_popup->show();
    m_calendar->setFocus(Qt::PopupFocusReason);
}

bool DateField::eventFilter(QObject* watched, QEvent* event) {
    if (event->type() != QEvent::KeyPress) return QWidget::eventFilter(watched, event);
    auto* key = static_cast<QKeyEvent*>(event);
    if (watched == m_edit) {
        if (m_edit->isReadOnly()) return false;
        const bool alt = key->modifiers().testFlag(Qt::AltModifier);
        switch (key->key()) {
        case Qt::Key_F4: openCalendar(); return true;
        case Qt::Key_Down:
            if (alt) openCalendar();
            else step(-1, 0);
            return true;
        case Qt::Key_Up: step(1, 0); return true;
        case Qt::Key_PageUp: step(0, 1); return true;
        case Qt::Key_PageDown: step(0, -1); return true;
        default: break;
        }
    } else if (watched == m_calendar && key->key() == Qt::Key_Escape) {
        m_popup->hide();
        m_edit->setFocus(Qt::PopupFocusReason);
        return true;
    }
    return QWidget::eventFilter(watched, event);
}

void DateField::changeEvent(QEvent* event) {
    if (event->type() == QEvent::EnabledChange && !isEnabled() && m_popup) m_popup->hide();
    QWidget::changeEvent(event);
}

} // namespace cb::ui
