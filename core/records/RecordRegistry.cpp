// Every record type Casebook keeps, parents before children (the order imports insert in and
// exports write). Each feature describes its own types beside its structs; this is the one list.
#include "concerns/Concern.h"
#include "contractors/Contractor.h"
#include "contractors/Site.h"
#include "contracts/Contract.h"
#include "dataquality/DataQuality.h"
#include "lpn/Network.h"
#include "performers/Performer.h"
#include "store/RecordType.h"
#include "tiers/AssuranceTier.h"
#include "visits/Visit.h"

namespace cb {

// Types with no struct of their own, described in their feature's file.
const RecordType& organisationRecord();
const RecordType& concernEventRecord();
const RecordType& attendanceRecord();
const RecordType& contractYearRecord(); // exchange/PaymentsImport.cpp

namespace {
const RecordType& settingRecord() {
    static const RecordTable table = [] {
        RecordTable t("setting", "Setting");
        t.column("key", FieldKind::Text).required().column("value", FieldKind::Text).required();
        t.recordType = QStringLiteral("settings");
        t.title = QStringLiteral("Settings");
        t.naturalKey = QStringLiteral("key");
        t.label = [](Database&, const Row& r) { return r.value("key").toString(); };
        return t;
    }();
    return table;
}
} // namespace

const QList<const RecordType*>& recordTypes() {
    static const QList<const RecordType*> types = {
        &organisationRecord(),
        &contractorRecord(),
        &siteRecord(),
        &contractRecord(),
        &contractedServiceRecord(),
        &contractEventRecord(),
        &dentalActivityRecord(),
        &contractYearRecord(),
        &performerRecord(),
        &performerLinkRecord(),
        &settingRecord(),
        &qofAchievementRecord(),
        &tierDecisionRecord(),
        &concernRecord(),
        &concernEventRecord(),
        &concernActionRecord(),
        &visitRecord(),
        &visitFindingRecord(),
        &visitActionRecord(),
        &networkRecord(),
        &networkGroupRecord(),
        &networkMemberRecord(),
        &membershipRecord(),
        &meetingRecord(),
        &attendanceRecord(),
        &declarationRecord(),
        &dataQualityRecord(),
    };
    return types;
}

} // namespace cb
