#include "concerns/RiskMatrix.h"

#include "store/Settings.h"

namespace cb::risk {

const QList<Choice>& consequences() {
    static const QList<Choice> list = {
        {"1", "Negligible"}, {"2", "Minor"}, {"3", "Moderate"}, {"4", "Major"}, {"5", "Catastrophic"}};
    return list;
}

const QList<Choice>& likelihoods() {
    static const QList<Choice> list = {
        {"1", "Rare"}, {"2", "Unlikely"}, {"3", "Possible"}, {"4", "Likely"}, {"5", "Almost certain"}};
    return list;
}

const QList<Choice>& bands() {
    static const QList<Choice> list = {{"low", "Low"}, {"moderate", "Moderate"}, {"high", "High"}, {"extreme", "Extreme"}};
    return list;
}

QString consequenceName(int level) { return isLevel(level) ? consequences().at(level - 1).label : QString(); }
QString likelihoodName(int level) { return isLevel(level) ? likelihoods().at(level - 1).label : QString(); }

QString Bands::bandFor(int s) const {
    if (s <= 0) return {};
    if (s <= lowMax) return QStringLiteral("low");
    if (s <= moderateMax) return QStringLiteral("moderate");
    if (s <= highMax) return QStringLiteral("high");
    return QStringLiteral("extreme");
}

std::pair<int, int> Bands::range(const QString& band) const {
    if (band == QLatin1String("low")) return {1, lowMax};
    if (band == QLatin1String("moderate")) return {lowMax + 1, moderateMax};
    if (band == QLatin1String("high")) return {moderateMax + 1, highMax};
    if (band == QLatin1String("extreme")) return {highMax + 1, kMaxScore};
    return {0, -1};
}

void Bands::validate(Issues& issues) const {
    if (lowMax < 1 || lowMax >= kMaxScore)
        issues.add("lowMax", QStringLiteral("The highest low score must be from 1 to %1.").arg(kMaxScore - 1));
    if (moderateMax <= lowMax)
        issues.add("moderateMax", QStringLiteral("The highest moderate score must be above the highest low score (%1).").arg(lowMax));
    if (highMax <= moderateMax)
        issues.add("highMax", QStringLiteral("The highest high score must be above the highest moderate score (%1).").arg(moderateMax));
    if (highMax >= kMaxScore)
        issues.add("highMax", QStringLiteral("The highest high score must be below %1, so that extreme risks exist.").arg(kMaxScore));
}

Bands loadBands(Settings& settings) {
    Bands b;
    b.lowMax = settings.integer(kLowMaxKey, kDefaultLowMax);
    b.moderateMax = settings.integer(kModerateMaxKey, kDefaultModerateMax);
    b.highMax = settings.integer(kHighMaxKey, kDefaultHighMax);
    Issues issues;
    b.validate(issues);
    return issues.isEmpty() ? b : Bands{}; // a file edited by hand never gives nonsense bands
}

void saveBands(Settings& settings, const Bands& bands) {
    Issues issues;
    bands.validate(issues);
    issues.throwIfAny();
    settings.database().write([&] {
        settings.set(kLowMaxKey, bands.lowMax);
        settings.set(kModerateMaxKey, bands.moderateMax);
        settings.set(kHighMaxKey, bands.highMax);
    });
}

QString describeGrading(int consequence, int likelihood, const Bands& bands) {
    if (!isLevel(consequence) || !isLevel(likelihood)) return QStringLiteral("Not graded");
    const int s = score(consequence, likelihood);
    return QStringLiteral("%1 x %2 = %3 (%4)")
        .arg(consequenceName(consequence), likelihoodName(likelihood))
        .arg(s)
        .arg(labelFor(risk::bands(), bands.bandFor(s)).toLower());
}

} // namespace cb::risk
