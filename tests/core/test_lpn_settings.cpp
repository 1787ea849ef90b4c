// The roster review's "terms ending within" window is a setting (lpn.term_ending_days).
#include "LpnFixture.h"

#include "store/Settings.h"

using namespace cb;
using cbtest::LpnFixture;

TEST_CASE("the term-ending window comes from the setting, else the policy default", "[lpn][settings]") {
    LpnFixture f;
    CHECK(termEndingWarningDays(f.t.db()) == lpn::kTermEndingWarningDays);

    Settings settings(f.t.db());
    settings.set(kTermEndingDaysSetting, 120);
    CHECK(termEndingWarningDays(f.t.db()) == 120);
    settings.set(kTermEndingDaysSetting, 0);
    CHECK(termEndingWarningDays(f.t.db()) == 0);

    // Values the review could not use fall back to the default rather than hiding every finding.
    for (const QString& bad : {QStringLiteral("ninety"), QStringLiteral("-5"), QStringLiteral("99999")}) {
        INFO(bad.toStdString());
        settings.set(kTermEndingDaysSetting, bad);
        CHECK(termEndingWarningDays(f.t.db()) == lpn::kTermEndingWarningDays);
    }
    settings.reset(kTermEndingDaysSetting);
    CHECK(termEndingWarningDays(f.t.db()) == lpn::kTermEndingWarningDays);
}

TEST_CASE("a wider window set in the database finds a term the default would not", "[lpn][settings]") {
    LpnFixture f;
    f.healthyCoreTeam();
    const auto m = f.member("Tara", "Later");
    f.seat(m, f.core, "member", f.today.addYears(-2), f.today.addDays(120));

    auto ending = [&] {
        RosterReviewOptions o;
        o.today = f.today;
        o.termEndingWithinDays = termEndingWarningDays(f.t.db());
        return LpnFixture::ofKind(reviewRoster(f.t.db(), f.net.id, o), RosterFindingKind::TermEnding);
    };
    CHECK(ending().isEmpty()); // 120 days away, outside the 90-day default
    Settings(f.t.db()).set(kTermEndingDaysSetting, 150);
    const auto found = ending();
    REQUIRE(found.size() == 1);
    CHECK(found[0].memberId == m.id);
    CHECK(found[0].date == f.today.addDays(120));
}
