#pragma once

// Local Professional Networks (PRIMER section 5): the records of a network's roster and the
// rules each record must pass on its own. Plain structs, so screens and exports can use them directly.

#include "common/Errors.h"
#include "common/Vocabulary.h"
#include "store/Database.h"
#include "store/RecordType.h"

#include <QDate>

namespace cb {

namespace lpn {
// Policy numbers for networks, in one place.
constexpr int kTermYears = 3;                // appointments are typically for 3 years
constexpr int kTermEndingWarningDays = 90;   // roster review: terms ending within this (a setting later)
constexpr int kDeclarationReviewMonths = 12; // declarations reviewed at least yearly
constexpr int kMissedMeetingsForConcern = 3; // missed the last 3 meetings they were expected at
} // namespace lpn

struct Network;
const RecordModel<Network>& networkRecord();

// A dental, pharmacy or eye health network for an area.
struct Network {
    QString id;
    QString kind; // networkKinds()
    QString name;
    QString area;
    QDate established;
    QString notes;

    CB_RECORD_MAPPING(Network, networkRecord)
};

struct NetworkGroup;
const RecordModel<NetworkGroup>& networkGroupRecord();

// A group inside a network: the core team, a clinical group, a task-and-finish project, a hub or a spoke.
struct NetworkGroup {
    QString id;
    QString networkId;
    QString kind; // networkGroupKinds()
    QString name;
    QString hubId;           // a spoke's hub (optional)
    QDate startDate, endDate; // task-and-finish projects have both
    QString notes;

    bool isCurrent(const QDate& today) const { return !endDate.isValid() || endDate >= today; }
    CB_RECORD_MAPPING(NetworkGroup, networkGroupRecord)
};

struct NetworkMember;
const RecordModel<NetworkMember>& networkMemberRecord();

// A person on a network's roster; optionally the same person as a performer record.
struct NetworkMember {
    QString id;
    QString networkId;
    QString performerId; // optional link: registration and workplace come from the performer
    QString givenName, familyName;
    QString profession; // memberProfessions()
    QString organisation;
    QString email, telephone;
    QString status = QStringLiteral("active"); // memberStatuses()
    QString notes;

    QString fullName() const { return QStringLiteral("%1 %2").arg(givenName, familyName).trimmed(); }
    bool isActive() const { return status == QLatin1String("active"); }
    CB_RECORD_MAPPING(NetworkMember, networkMemberRecord)
};

struct Membership;
const RecordModel<Membership>& membershipRecord();

// A member's seat in a group: their role and its term.
struct Membership {
    QString id;
    QString memberId;
    QString groupId;
    QString role; // memberRoles()
    QDate termStart;
    QDate termEnd; // null: open-ended; filled with the default term by the service when left empty

    // The term covers day (started on or before it and not yet ended).
    bool covers(const QDate& day) const {
        return (!termStart.isValid() || termStart <= day) && (!termEnd.isValid() || termEnd >= day);
    }
    CB_RECORD_MAPPING(Membership, membershipRecord)
};

struct Attendance {
    QString memberId;
    QString status = QStringLiteral("attended"); // attendanceStatuses(); members not listed did not attend
};

struct Meeting;
const RecordModel<Meeting>& meetingRecord();

// A meeting of one group, with who attended (and who sent apologies).
struct Meeting {
    QString id;
    QString groupId;
    QDate date;
    QString title;
    QString notes;
    QList<Attendance> attendance;

    CB_RECORD_MAPPING(Meeting, meetingRecord) // toRow() leaves out attendance (stored in lpn_attendance)
};

struct Declaration;
const RecordModel<Declaration>& declarationRecord();

// A declaration of interest. Kind "none" records that the member had nothing to declare.
struct Declaration {
    QString id;
    QString memberId;
    QDate declaredOn;
    QString kind; // declarationKinds()
    QString description;
    QString contractorId; // the contractor the interest relates to (optional)
    QString managedHow;
    QDate reviewedOn;

    // When the member last confirmed this declaration: the later of declared and reviewed.
    QDate lastConfirmed() const { return reviewedOn.isValid() && reviewedOn > declaredOn ? reviewedOn : declaredOn; }
    CB_RECORD_MAPPING(Declaration, declarationRecord)
};

const QList<Choice>& networkKinds();      // dental, pharmacy, eye_health
const QList<Choice>& networkGroupKinds(); // core_team, clinical, task_and_finish, hub, spoke
const QList<Choice>& memberProfessions();
const QList<Choice>& memberRoles(); // chair, vice_chair, core_clinician, clinical_group_lead, member, ...
const QList<Choice>& memberStatuses();     // active, left
const QList<Choice>& attendanceStatuses(); // attended, apologies
const QList<Choice>& declarationKinds();   // financial, non_financial_professional, ..., none

// Clinicians (for the core team's clinical majority): dentists, pharmacists, optometrists and the like.
bool isClinicalProfession(const QString& profession);
// The usual term end for a term starting on start: kTermYears later, less a day.
QDate defaultTermEnd(const QDate& start);

void normalise(NetworkMember& m);

// Each record's own rules; today is for "not in the future" checks.
void validate(const Network& n, Issues& issues, const QDate& today);
void validate(const NetworkGroup& g, Issues& issues);
void validate(const NetworkMember& m, Issues& issues);
void validate(const Membership& m, Issues& issues);
void validate(const Meeting& m, Issues& issues);
void validate(const Declaration& d, Issues& issues, const QDate& today);

} // namespace cb
