#pragma once

#include <QDate>
#include <QDateTime>
#include <QTimeZone>

namespace cb {

// Injectable source of "now" so rules that depend on dates can be tested.
class Clock {
public:
    virtual ~Clock() = default;
    virtual QDateTime nowUtc() const { return QDateTime::currentDateTimeUtc(); }
    // Local time looks up the time zone's rules (Qt calls tzset() each time): a save that checks a
    // date against today asked once per record, which showed in import profiles. The day is kept
    // per thread for the second it was asked in.
    QDate today() const {
        const QDateTime now = nowUtc();
        const qint64 second = now.toSecsSinceEpoch();
        thread_local const Clock* clock = nullptr;
        thread_local qint64 at = 0;
        thread_local QDate day;
        if (clock != this || at != second || !day.isValid()) {
            day = now.toLocalTime().date();
            clock = this;
            at = second;
        }
        return day;
    }

    static const Clock& system() {
        static const Clock clock;
        return clock;
    }
};

// A clock that stands still at a chosen moment: for tests and reproducible reports.
class FixedClock : public Clock {
public:
    explicit FixedClock(QDateTime now) : m_now(std::move(now)) {}
    explicit FixedClock(QDate day) : m_now(QDateTime(day, QTime(12, 0), QTimeZone::utc())) {}
    QDateTime nowUtc() const override { return m_now; }
    void set(QDateTime now) { m_now = std::move(now); }
    void advanceDays(int days) { m_now = m_now.addDays(days); }

private:
    QDateTime m_now;
};

} // namespace cb
