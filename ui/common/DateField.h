#pragma once

#include "common/DateInput.h"

#include <QDate>
#include <QWidget>

class QCalendarWidget;
class QLabel;
class QLineEdit;
class QToolButton;

namespace cb {
class Clock;
}

namespace cb::ui {

// The one date field of every editor: a text box that reads dates the way caseworkers type them
// (30/11/2026, 30/11/26, 301126, t for today, +14 / -7 days from today, see cb::DateInput), may be
// left empty, and opens a calendar (Alt+Down, F4 or the button) on the date shown, or on today
// when empty. Up/Down move a day, Page Up/Page Down a month. Text that is not a date is kept as
// typed and a message beside the field says what to fix; date() is then null and hasProblem() true,
// so a form refuses to save rather than store a wrong or missing date.
class DateField : public QWidget {
    Q_OBJECT
public:
    explicit DateField(bool optional = true, QWidget* parent = nullptr);
    ~DateField() override;

    QDate date() const; // null when empty or not a date
    void setDate(const QDate& date);
    bool hasProblem() const;   // the text is not a date
    QString problem() const;   // what is wrong with the text ("" when fine), also shown beside the field
    QLineEdit* editor() const { return m_edit; }
    QToolButton* calendarButton() const { return m_button; }
    QCalendarWidget* calendar() const { return m_calendar; } // null until the popup first opens
    void openCalendar();
    void tidy(); // as on leaving the field: a date is shown as dd/MM/yyyy, a problem beside it

    // "Today" for t, +N and the calendar; tests pass a FixedClock (null: the system clock).
    static void setClock(const Clock* clock);
    static QDate today();

signals:
    void changed();

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;
    void changeEvent(QEvent* event) override;

private:
    void showProblem();
    void step(int days, int months);
    void choose(const QDate& date);
    DateInput input() const;

    QLineEdit* m_edit;
    QToolButton* m_button;
    QLabel* m_message;
    QWidget* m_popup = nullptr;
    QCalendarWidget* m_calendar = nullptr;
    bool m_optional;
};

} // namespace cb::ui
