#pragma once

#include "common/Errors.h"
#include "common/Vocabulary.h"
#include "store/Database.h"
#include "store/RecordType.h"

#include <QDate>
#include <optional>

namespace cb {

struct Contract;
const RecordModel<Contract>& contractRecord();

// A contract (or list inclusion, or agreement) a contractor holds with the commissioner.
struct Contract {
    QString id;
    QString contractorId;
    QString route; // contractRoutes()
    QString reference;
    QDate startDate;
    QDate endDate; // required for time-limited routes, absent for open-ended ones
    QString status = QStringLiteral("active");
    std::optional<qint64> annualValuePence;
    std::optional<qint64> listSize;                 // GP registered list
    // Dental: exact to the hundredth (a contract may be for 3,500.5 UDAs): common/Units.h.
    std::optional<Units> udaTarget, uoaTarget;
    std::optional<double> coreHours, totalHours;    // pharmacy weekly opening hours
    bool dispensing = false;                        // a GP contract whose practice dispenses (not a route)
    bool hundredHour = false;                       // pharmacy opened under the 100-hour exemption
    QString notes;

    CB_RECORD_MAPPING(Contract, contractRecord)
    QString label() const;
};

struct ContractedService;
const RecordModel<ContractedService>& contractedServiceRecord();

// A service on a contract: essential, additional (GP may opt out), enhanced, advanced, out-of-hours.
struct ContractedService {
    QString id;
    QString contractId;
    QString category;
    QString name;
    bool optedOut = false;
    QDate startDate, endDate;

    CB_RECORD_MAPPING(ContractedService, contractedServiceRecord)
};

struct ContractEvent;
const RecordModel<ContractEvent>& contractEventRecord();

// Something that happened to a contract: a variation, a notice, a list closure...
struct ContractEvent {
    QString id;
    QString contractId;
    QString kind; // contractEventKinds()
    QDate eventDate;     // issued or received
    QDate effectiveDate; // when it takes effect; list closure: first day closed
    QDate deadline;      // notice period end; list closure: reopening date
    QString description;
    QString status = QStringLiteral("in_progress"); // contractEventStatuses()
    bool unilateral = false;                         // variation imposed by the commissioner
    bool urgent = false;                             // shorter notice for patient safety / financial loss
    QString urgentReason;
    QString concernId; // a remedial, breach or termination notice: the concern it arises from
    QString relatedContractId; // a merger: the contract it absorbs (which ends)
    // Applications (list closure, pharmacy market entry or change of ownership): the procedure.
    QDate acknowledgedDate; // list closure: acknowledged (within 7 days of the application)
    QString decision;       // eventDecisions(): "" while undecided, approved | rejected
    QDate decisionDate;
    QDate lrcCopiedDate;    // list closure: the decision copied to the LMC
    QDate appealDate;       // pharmacy application: appealed to NHS Resolution
    std::optional<qint64> withheldPence; // pharmacy breach notice: payment withheld

    CB_RECORD_MAPPING(ContractEvent, contractEventRecord)
};

struct DentalActivity;
const RecordModel<DentalActivity>& dentalActivityRecord();

// One financial year (1 April to 31 March) of dental activity on a contract.
struct DentalActivity {
    QString id;
    QString contractId;
    int yearStart = 0; // 2025 means 2025/26
    // Exact to the hundredth (urgent care is 1.2 UDAs): common/Units.h. A whole number assigns as is.
    Units udaTarget, uoaTarget;
    std::optional<Units> udaDelivered, uoaDelivered;     // year end
    std::optional<Units> udaDeliveredH1, uoaDeliveredH1; // by 30 September
    std::optional<qint64> udaValuePence;                 // the value of one UDA this year, in pence
    QDate midYearReviewDate; // when the mid-year review was held (the worklist asks until then)

    CB_RECORD_MAPPING(DentalActivity, dentalActivityRecord)
    QString yearLabel() const; // "2025/26"
};

enum class YearEndOutcome { NotKnown, Clawback, ShortfallCarriedForward, DeliveredInFull, OverDeliveryCarriedForward, ExcessNotCarried };

struct DeliveryResult {
    std::optional<double> percent; // delivered / target, as a percentage
    // The percentage as shown: cut (never rounded) to one decimal, with more decimals only where one
    // would read as a threshold it is not ("95.9%", never "96.0%" for 95.99%; "102.01%").
    QString percentText;
    YearEndOutcome outcome = YearEndOutcome::NotKnown;
    Units units; // units to claw back or carry forward (0 when none), exact to the hundredth
    std::optional<qint64> pence; // those units at the contract's rate, when the value is known
};

// The value of the activity, to put a clawback or a carried shortfall in pounds.
struct ActivityValue {
    std::optional<qint64> perUnitPence; // the value of one unit (a UDA value): pence = units × value
    std::optional<qint64> annualPence;  // else the annual value of the activity measured by the target
};

// The shortfall or excess at year end. `value`: see ActivityValue; pence are rounded to the nearest
// penny, halves up, in integer arithmetic (1.5 UDAs at £28.33 is £42.495: £42.50).
DeliveryResult yearEndOutcome(Units target, std::optional<Units> delivered, ActivityValue value);
DeliveryResult yearEndOutcome(Units target, std::optional<Units> delivered, std::optional<qint64> annualValuePence = {});
QString describe(YearEndOutcome outcome);
// What to do with a clawback or a carried shortfall, in units and (when known) pounds:
// "Below 96%: claw back 1,000.5 UDAs (£28,014.00); consider a breach notice." Empty for other outcomes.
QString yearEndAdvice(const DeliveryResult& r, const QString& unit);
// True when under 30% of the annual target was delivered by 30 September (mid-year review due).
bool midYearReviewDue(Units target, std::optional<Units> deliveredH1);

const QList<Choice>& contractRoutes();
QList<Choice> routesForGroup(const QString& contractorGroup);
bool isTimeLimitedRoute(const QString& route);
const QList<Choice>& contractStatuses();
const QList<Choice>& serviceCategories();
const QList<Choice>& contractEventKinds();
const QList<Choice>& contractEventStatuses();
const QList<Choice>& eventDecisions();
bool isApplicationKind(const QString& kind); // list closure, market entry, change of ownership

// The contractor holding a contract, its group and the contract's readable name ("GMS contract
// GMS-1"); empty when the contract does not exist.
struct ContractOwner {
    QString contractorId, group, label;
};
ContractOwner contractOwner(Database& db, const QString& contractId);

void validate(const Contract& c, const QString& contractorGroup, Issues& issues);
// What to say of a contract's UDA or UOA target (`unit` "UDA" or "UOA") typed as `typed`, which is
// not a number of units to the hundredth ("3500.555", "lots"): the editor and the write path say it alike.
QString unreadableTargetMessage(const QString& unit, const QString& typed);
void validate(const ContractedService& s, const QString& contractorGroup, Issues& issues);
void validate(const ContractEvent& e, const QString& contractorGroup, Issues& issues);
void validate(const DentalActivity& a, Issues& issues);

// Rules across contracts: one active GMS contract per practice. For the book and an import.
void checkContractPlacement(Database& db, const Contract& c, Issues& issues);
// Rules across records for an event: a merger names the contract it absorbs, which must not stay
// active once the merger is under way. `absorbedClosedBySave`: the book closes it in the same step.
void checkEventLinks(Database& db, const ContractEvent& e, Issues& issues, bool absorbedClosedBySave = false);


// Contracts and everything hanging off them. Every change is validated, audited and durable
// when the call returns.
class ContractBook {
public:
    explicit ContractBook(Database& db) : m_db(db) {}

    Contract create(Contract c);
    void update(Contract c);
    void remove(const QString& id); // refused while services, events or activity hang off it
    std::optional<Contract> get(const QString& id);
    QList<Contract> forContractor(const QString& contractorId);

    ContractedService addService(ContractedService s);
    void updateService(const ContractedService& s);
    void removeService(const QString& id);
    QList<ContractedService> services(const QString& contractId);

    ContractEvent addEvent(ContractEvent e);
    void updateEvent(ContractEvent e);
    void removeEvent(const QString& id);
    std::optional<ContractEvent> event(const QString& id);
    QList<ContractEvent> events(const QString& contractId);

    DentalActivity saveActivity(DentalActivity a); // insert or update the year
    void recordMidYearReview(const QString& activityId, const QDate& held);
    void removeActivity(const QString& id);
    QList<DentalActivity> activity(const QString& contractId);

private:
    struct Owner {
        QString contractorId, group, label;
    };
    Owner ownerOfContractor(const QString& contractorId);
    Owner ownerOfContract(const QString& contractId);
    void closeAbsorbed(const ContractEvent& merger); // inside a write
    // Tidy a record from a form and check it as create and update both do; throw ValidationError.
    void check(Contract& c);
    void check(const ContractedService& s);
    void check(ContractEvent& e);
    Database& m_db;
};

} // namespace cb
