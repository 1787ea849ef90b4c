#pragma once

#include "common/Errors.h"
#include "common/Vocabulary.h"

#include <QString>

namespace cb {

class Settings;

// The NHS 5x5 risk matrix (PRIMER section 4): consequence x likelihood, each 1 to 5.
namespace risk {

constexpr int kMinLevel = 1;
constexpr int kMaxLevel = 5;
constexpr int kMaxScore = kMaxLevel * kMaxLevel;

// PRIMER default bands: 1-3 low, 4-6 moderate, 8-12 high, 15-25 extreme.
constexpr int kDefaultLowMax = 3;
constexpr int kDefaultModerateMax = 6;
constexpr int kDefaultHighMax = 12;

// Setting keys for the band thresholds (the highest score of each band).
inline constexpr const char* kLowMaxKey = "risk.band.low_max";
inline constexpr const char* kModerateMaxKey = "risk.band.moderate_max";
inline constexpr const char* kHighMaxKey = "risk.band.high_max";

const QList<Choice>& consequences(); // code "1".."5", label "Negligible".."Catastrophic"
const QList<Choice>& likelihoods();  // code "1".."5", label "Rare".."Almost certain"
const QList<Choice>& bands();        // low, moderate, high, extreme
QString consequenceName(int level);  // "" outside 1..5
QString likelihoodName(int level);

inline int score(int consequence, int likelihood) { return consequence * likelihood; }
inline bool isLevel(int level) { return level >= kMinLevel && level <= kMaxLevel; }

// Where the bands split: a score up to lowMax is low, up to moderateMax moderate, up to highMax
// high, above it extreme.
struct Bands {
    int lowMax = kDefaultLowMax;
    int moderateMax = kDefaultModerateMax;
    int highMax = kDefaultHighMax;

    QString bandFor(int score) const; // "low" | "moderate" | "high" | "extreme"; "" for 0 (not graded)
    // The scores [min, max] of a band, for SQL filters ("score BETWEEN ? AND ?").
    std::pair<int, int> range(const QString& band) const;
    void validate(Issues& issues) const;
    bool operator==(const Bands&) const = default;
};

Bands loadBands(Settings& settings);
// Validates (ValidationError, nothing saved) then stores all three thresholds in one transaction.
void saveBands(Settings& settings, const Bands& bands);

// "Major x Likely = 16 (extreme)"
QString describeGrading(int consequence, int likelihood, const Bands& bands);

} // namespace risk
} // namespace cb
