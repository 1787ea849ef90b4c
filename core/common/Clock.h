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
    QDate today() const { return nowUtc().toLocalTime().date(); }

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
