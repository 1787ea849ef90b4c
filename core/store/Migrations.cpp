#include "store/Migrations.h"

namespace cb {

// Each step lives beside this file in migrations/, one file per version.
extern const char* const kMigrationRegister;
extern const char* const kMigrationSearch;
extern const char* const kMigrationConcerns;
extern const char* const kMigrationLpn;
extern const char* const kMigrationOrganisation;
extern const char* const kMigrationCompactAudit;
extern const char* const kMigrationProcess;
extern const char* const kMigrationRowVersions;
extern const char* const kMigrationTeam;
extern const char* const kMigrationDataQuality;
extern const char* const kMigrationTeamKeys;

const std::vector<Migration>& migrations() {
    static const std::vector<Migration> steps = {
        {1, "contractor register", kMigrationRegister},
        {2, "full-text search", kMigrationSearch},
        {3, "concerns, tiers and visits", kMigrationConcerns},
        {4, "local professional networks", kMigrationLpn},
        {5, "parent organisations", kMigrationOrganisation},
        {7, "compact audit trail", kMigrationCompactAudit},
        {8, "proportionate process", kMigrationProcess},
        {9, "row versions", kMigrationRowVersions},
        {10, "team exchange", kMigrationTeam},
        {11, "data quality, payments years, unknown contract starts", kMigrationDataQuality},
        {12, "team keys", kMigrationTeamKeys},
    };
    return steps;
}

} // namespace cb
