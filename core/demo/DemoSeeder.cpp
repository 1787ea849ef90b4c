#include "demo/DemoSeeder.h"

#include "common/Identifiers.h"
#include "common/RecordId.h"
#include "contractors/Contractor.h"
#include "contractors/Site.h"
#include "demo/MonitoringSeed.h"
#include "contracts/Contract.h"
#include "demo/LpnDemo.h"
#include "performers/Performer.h"

#include <QHash>
#include <QRandomGenerator>
#include <QUuid>

namespace cb {

namespace {

struct Town {
    const char* name;
    const char* county;
    const char* outward;
};

const Town kTowns[] = {
    {"STOCKTON-ON-TEES", "CLEVELAND", "TS18"}, {"MIDDLESBROUGH", "CLEVELAND", "TS5"},  {"HARTLEPOOL", "CLEVELAND", "TS26"},
    {"DARLINGTON", "COUNTY DURHAM", "DL1"},    {"DURHAM", "COUNTY DURHAM", "DH1"},     {"SUNDERLAND", "TYNE AND WEAR", "SR4"},
    {"GATESHEAD", "TYNE AND WEAR", "NE8"},     {"NEWCASTLE UPON TYNE", "TYNE AND WEAR", "NE4"},
    {"YORK", "NORTH YORKSHIRE", "YO24"},       {"HARROGATE", "NORTH YORKSHIRE", "HG1"}, {"LEEDS", "WEST YORKSHIRE", "LS6"},
    {"BRADFORD", "WEST YORKSHIRE", "BD3"},     {"WAKEFIELD", "WEST YORKSHIRE", "WF1"},  {"SHEFFIELD", "SOUTH YORKSHIRE", "S10"},
    {"DONCASTER", "SOUTH YORKSHIRE", "DN4"},   {"HULL", "EAST YORKSHIRE", "HU5"},       {"LINCOLN", "LINCOLNSHIRE", "LN2"},
    {"CRAWLEY", "WEST SUSSEX", "RH11"},        {"MIDHURST", "WEST SUSSEX", "GU29"},     {"MAIDENHEAD", "BERKSHIRE", "SL6"},
    {"SLOUGH", "BERKSHIRE", "SL2"},            {"READING", "BERKSHIRE", "RG1"},          {"ALFRETON", "DERBYSHIRE", "DE55"},
    {"DERBY", "DERBYSHIRE", "DE22"},           {"LOWESTOFT", "SUFFOLK", "NR32"},         {"IPSWICH", "SUFFOLK", "IP4"},
    {"NORWICH", "NORFOLK", "NR2"},             {"CAMBRIDGE", "CAMBRIDGESHIRE", "CB4"},   {"LUTON", "BEDFORDSHIRE", "LU2"},
    {"EXETER", "DEVON", "EX4"},
};

const char* const kPlaces[] = {"Oakfield",  "Riverside", "Park View", "Northgate", "Westfield", "Beechwood", "Hillcrest",
                               "Millbrook", "Elmtree",   "Ashgrove",  "Meadowbank", "Kingsway", "Queensway", "Abbey",
                               "Castle",    "Harbour",   "Bridge",    "Greenbank", "Fairfield", "Springwell", "Larchwood",
                               "Moorside",  "Thornhill", "Brookside", "Southgate", "Victoria", "Albion",    "Priory",
                               "Marketgate", "Stonebridge", "Willowbrook", "Redhill", "Cedar", "Foxglove", "Hawthorn"};
const char* const kStreets[] = {"HIGH STREET", "CHURCH ROAD", "STATION ROAD", "MILL LANE", "PARK ROAD", "VICTORIA ROAD",
                                "THE GREEN", "MARKET PLACE", "LONDON ROAD", "NORTH ROAD", "QUEEN STREET", "BRIDGE STREET"};
const char* const kGivenNames[] = {"Amelia", "Oliver", "Priya", "James", "Fatima", "Thomas", "Grace", "Mohammed",
                                   "Sophie", "Daniel", "Aisha", "William", "Emily", "Rahul", "Hannah", "George",
                                   "Chloe", "Samuel", "Ngozi", "Lucy", "Kwame", "Isla", "Harry", "Zara", "Owen"};
const char* const kFamilyNames[] = {"Smith", "Patel", "Jones", "Khan", "Williams", "Brown", "Taylor", "Ahmed", "Wilson",
                                    "Evans", "Thomas", "Roberts", "Okafor", "Walker", "Wright", "Robinson", "Hughes",
                                    "Green", "Hall", "Chen", "Wood", "Clarke", "Singh", "Jackson", "Murphy", "Hussain"};
const char* const kCommissioners[] = {"00K", "16C", "QHM", "W2U3Z", "15N", "X2C4Y"};
const char* const kHeadOffices[] = {"P001", "P0D8", "P2X2", "P2GW", "P79D", "P123"};

template <class T, size_t N> const T& pick(QRandomGenerator& rng, const T (&arr)[N]) { return arr[rng.bounded(int(N))]; }

QString base36(int value, int width) {
    const char* digits = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ";
    QString out(width, QLatin1Char('0'));
    for (int i = width - 1; i >= 0; --i) {
        out[i] = QLatin1Char(digits[value % 36]);
        value /= 36;
    }
    return out;
}

// Deterministic UUIDs: the same seed gives the same database.
QString uuidFrom(QRandomGenerator& rng) {
    QByteArray bytes(16, Qt::Uninitialized);
    for (int i = 0; i < 16; i += 4) {
        const quint32 v = rng.generate();
        memcpy(bytes.data() + i, &v, 4);
    }
    bytes[6] = char((bytes[6] & 0x0f) | 0x40);
    bytes[8] = char((bytes[8] & 0x3f) | 0x80);
    return ident::idFromBytes(bytes); // the record id form (docs/formats.md)
}

// The short form a commissioner's contract references use, e.g. "SC-A81001-2".
QString referencePrefix(const QString& route) {
    static const QHash<QString, QString> prefixes = {
        {"gms", "GMS"},           {"pms", "PMS"},           {"apms", "APMS"}, {"dispensing_doctor", "DD"},
        {"gds", "GDS"},           {"pds", "PDS"},           {"gos_mandatory", "GOS"}, {"gos_additional", "GOSA"},
        {"pharmacy_list", "PL"},  {"distance_selling", "DSP"}, {"lps", "LPS"}, {"appliance_list", "DAC"},
        {"nhs_standard", "SC"}};
    return prefixes.value(route, route.toUpper());
}

QString titleCase(const QString& upper) {
    QStringList words = upper.toLower().split(QLatin1Char(' '));
    for (QString& w : words)
        if (!w.isEmpty()) w[0] = w[0].toUpper();
    return words.join(QLatin1Char(' '));
}

class Seeder {
public:
    Seeder(Database& db, const SeedOptions& o)
        : m_db(db), m_rng(o.seed), m_today(o.today.isValid() ? o.today : db.clock().today()) {}

    void run(int count) {
        for (int i = 0; i < count; ++i) addContractor(i);
        seedMonitoring(m_db, m_rng, m_today, summary.added); // concerns, tiers, QOF, visits
        if (count > 0) seedNetworks(m_db, m_rng, m_today, summary.added, [this] { return uuidFrom(m_rng); });
        addMidYearReviews();
    }
    SeedSummary summary;

private:
    void insert(const QString& table, const Row& row) {
        m_db.save(table, row, Database::SaveMode::New);
        summary.added[table] += 1;
    }
    int chance() { return m_rng.bounded(100); }
    QDate dateBetween(const QDate& from, const QDate& to) {
        const qint64 span = from.daysTo(to);
        return span <= 0 ? from : from.addDays(m_rng.bounded(qint64(span)));
    }

    QString groupFor() {
        const int r = chance();
        if (r < 35) return QStringLiteral("general_practice");
        if (r < 60) return QStringLiteral("dental");
        if (r < 88) return QStringLiteral("pharmacy");
        if (r < 98) return QStringLiteral("eye_health");
        return QStringLiteral("appliance");
    }

    QString odsCode(const QString& group, int i) {
        if (group == QLatin1String("general_practice")) {
            static const char letters[] = "ABCDEGHJKLMNPY";
            return QStringLiteral("%1%2").arg(QLatin1Char(letters[(i / 90000) % 14])).arg(10000 + i % 90000);
        }
        if (group == QLatin1String("dental")) return QStringLiteral("V%1").arg(100000 + i % 900000);
        // No modulo: from 90,000 contractors on, codes that wrapped round repeated earlier ones and
        // a seed of 100,000 failed on the unique ODS code. Below 90,000 the codes are as before.
        if (group == QLatin1String("eye_health")) return QStringLiteral("TP%1").arg(10000 + i);
        return QStringLiteral("F") + base36(46656 + i, 4).right(4);
    }

    QString nameFor(const QString& group, const QString& place, const QString& town) {
        const QString family = QString::fromLatin1(pick(m_rng, kFamilyNames));
        const int r = chance();
        if (group == QLatin1String("general_practice")) {
            const char* kinds[] = {"Medical Centre", "Surgery", "Health Centre", "Medical Practice", "Family Practice"};
            return r < 15 ? QStringLiteral("Dr %1 and Partners").arg(family)
                          : QStringLiteral("%1 %2").arg(place, QString::fromLatin1(pick(m_rng, kinds)));
        }
        if (group == QLatin1String("dental")) {
            const char* kinds[] = {"Dental Practice", "Dental Care", "Dental Surgery", "Smile Centre"};
            return r < 20 ? QStringLiteral("%1 Dental Practice").arg(family)
                          : QStringLiteral("%1 %2").arg(place, QString::fromLatin1(pick(m_rng, kinds)));
        }
        if (group == QLatin1String("pharmacy")) {
            const char* kinds[] = {"Pharmacy", "Chemist", "Pharmacy", "Healthcare Pharmacy"};
            return r < 40 ? QStringLiteral("%1 %2").arg(family, QString::fromLatin1(pick(m_rng, kinds)))
                          : QStringLiteral("%1 %2").arg(place, QString::fromLatin1(pick(m_rng, kinds)));
        }
        if (group == QLatin1String("eye_health")) {
            return r < 50 ? QStringLiteral("%1 Opticians").arg(family)
                          : QStringLiteral("%1 Eyecare, %2").arg(place, titleCase(town));
        }
        return QStringLiteral("%1 Appliance Services").arg(place);
    }

    void addContractor(int i) {
        const QString group = groupFor();
        const Town& town = pick(m_rng, kTowns);
        const QString place = QString::fromLatin1(pick(m_rng, kPlaces));
        Contractor c;
        c.id = uuidFrom(m_rng);
        c.group = group;
        c.odsCode = odsCode(group, i);
        c.name = nameFor(group, place, QString::fromLatin1(town.name));
        c.address1 = QStringLiteral("%1 %2").arg(1 + m_rng.bounded(220)).arg(QString::fromLatin1(pick(m_rng, kStreets)));
        c.address2 = chance() < 40 ? place.toUpper() : QString();
        c.address4 = QString::fromLatin1(town.name);
        c.address5 = QString::fromLatin1(town.county);
        c.postcode = QStringLiteral("%1 %2%3%4")
                         .arg(QString::fromLatin1(town.outward))
                         .arg(m_rng.bounded(10))
                         .arg(QLatin1Char("ABDEFGHJLNPQRSTUWXYZ"[m_rng.bounded(20)]))
                         .arg(QLatin1Char("ABDEFGHJLNPQRSTUWXYZ"[m_rng.bounded(20)]));
        c.telephone = QStringLiteral("01%1 %2").arg(100 + m_rng.bounded(900)).arg(100000 + m_rng.bounded(900000));
        if (chance() < 50) c.email = QStringLiteral("%1.%2@nhs.net").arg(c.odsCode.toLower(), place.toLower().remove(' '));
        c.openDate = dateBetween(QDate(1974, 4, 1), m_today.addYears(-1));
        const int statusRoll = chance();
        if (statusRoll < 4) {
            c.status = QStringLiteral("closed");
            c.closeDate = dateBetween(c.openDate.addDays(1), m_today.addDays(-1));
        } else if (statusRoll < 6) {
            c.status = QStringLiteral("dormant");
        }
        c.commissionerCode = QString::fromLatin1(pick(m_rng, kCommissioners));
        if (group == QLatin1String("pharmacy") && chance() < 60) c.parentCode = QString::fromLatin1(pick(m_rng, kHeadOffices));
        if (group == QLatin1String("general_practice") || group == QLatin1String("dental")) {
            c.cqcLocationId = QStringLiteral("1-%1").arg(100000000 + m_rng.bounded(899999999));
            const int r = chance();
            c.cqcRating = r < 8 ? "outstanding" : r < 70 ? "good" : r < 84 ? "requires_improvement" : r < 88 ? "inadequate" : "";
            if (!c.cqcRating.isEmpty()) c.cqcRatingDate = dateBetween(m_today.addYears(-5), m_today.addDays(-1));
        }
        if (chance() < 85)
            c.assuranceTier = c.cqcRating == QLatin1String("inadequate")             ? "cause_for_concern"
                              : c.cqcRating == QLatin1String("requires_improvement") ? "room_for_improvement"
                              : chance() < 8                                           ? "room_for_improvement"
                                                                                       : "assurance_based";
        Issues issues;
        validate(c, issues, m_today);
        Q_ASSERT_X(issues.isEmpty(), "seedDemo", qPrintable(issues.list().value(0).message));
        Row row = c.toRow();
        row.insert("created_at", m_db.nowStamp());
        row.insert("updated_at", m_db.nowStamp());
        insert("contractor", row);

        if (group == QLatin1String("general_practice") && chance() < 20) addBranch(c, i);
        addContracts(c);
        addPerformers(c);
    }

    void addBranch(const Contractor& c, int i) {
        Site s;
        s.id = uuidFrom(m_rng);
        s.contractorId = c.id;
        s.code = c.odsCode + QStringLiteral("%1").arg(1 + i % 9, 3, 10, QLatin1Char('0'));
        s.name = QStringLiteral("%1 Branch Surgery").arg(QString::fromLatin1(pick(m_rng, kPlaces)));
        s.address1 = QStringLiteral("%1 %2").arg(1 + m_rng.bounded(120)).arg(QString::fromLatin1(pick(m_rng, kStreets)));
        s.address4 = c.address4;
        s.postcode = c.postcode;
        s.openDate = c.openDate;
        insert("site", s.toRow());
    }

    QString routeFor(const QString& group) {
        const int r = chance();
        if (group == QLatin1String("general_practice")) return r < 68 ? "gms" : r < 90 ? "pms" : r < 97 ? "apms" : "dispensing_doctor";
        if (group == QLatin1String("dental")) return r < 72 ? "gds" : "pds";
        if (group == QLatin1String("pharmacy")) return r < 85 ? "pharmacy_list" : r < 95 ? "distance_selling" : "lps";
        if (group == QLatin1String("eye_health")) return r < 75 ? "gos_mandatory" : "gos_additional";
        return "appliance_list";
    }

    void addContracts(const Contractor& c) {
        const QString route = routeFor(c.group);
        // A dispensing practice: dispensing is part of its GP contract, not a route of its own.
        addContract(c, route == QLatin1String("dispensing_doctor") ? QStringLiteral("gms") : route,
                    route == QLatin1String("dispensing_doctor"));
        if (c.group == QLatin1String("eye_health") && chance() < 30) addContract(c, "gos_additional");
        if (chance() < 6) addContract(c, "nhs_standard");
    }

    void addContract(const Contractor& c, const QString& route, bool dispensing = false) {
        Contract k;
        k.id = uuidFrom(m_rng);
        k.contractorId = c.id;
        k.route = route;
        k.dispensing = dispensing;
        k.reference = QStringLiteral("%1-%2-%3").arg(referencePrefix(route), c.odsCode).arg(1 + m_rng.bounded(9));
        const bool timeLimited = isTimeLimitedRoute(route);
        if (timeLimited) {
            // Spread end dates from last year to 6 years ahead, so some fall inside the 18-month window.
            k.endDate = dateBetween(m_today.addMonths(-6), m_today.addYears(6));
            k.startDate = k.endDate.addYears(-5);
            if (k.endDate < m_today) k.status = QStringLiteral("expired");
        } else {
            k.startDate = c.openDate.isValid() ? c.openDate : QDate(2004, 4, 1);
            if (k.startDate < QDate(2004, 4, 1)) k.startDate = QDate(2004, 4, 1);
        }
        if (c.status == QLatin1String("closed")) {
            k.status = QStringLiteral("terminated");
            if (!k.endDate.isValid() || k.endDate <= k.startDate) k.endDate = c.closeDate > k.startDate ? c.closeDate : k.startDate.addDays(1);
        }
        if (c.group == QLatin1String("general_practice") && route != QLatin1String("nhs_standard")) {
            k.listSize = 1500 + m_rng.bounded(18000);
            k.annualValuePence = *k.listSize * (9500 + m_rng.bounded(4000));
        } else if (c.group == QLatin1String("dental") && route != QLatin1String("nhs_standard")) {
            const qint64 udas = 2000 + m_rng.bounded(20000); // whole UDAs, though a target may be fractional
            k.udaTarget = Units(udas);
            if (chance() < 25) k.uoaTarget = Units(qint64(200 + m_rng.bounded(2000)));
            k.annualValuePence = udas * (2500 + m_rng.bounded(1500));
        } else if ((c.group == QLatin1String("pharmacy") || c.group == QLatin1String("appliance")) &&
                   route != QLatin1String("nhs_standard")) {
            const bool hundredHour = chance() < 8;
            k.coreHours = hundredHour ? 72.0 : 40.0;
            k.totalHours = *k.coreHours + m_rng.bounded(hundredHour ? 28 : 30);
            k.annualValuePence = 4'000'000 + m_rng.bounded(20'000'000);
        } else {
            k.annualValuePence = 500'000 + m_rng.bounded(10'000'000);
        }
        Issues issues;
        validate(k, c.group, issues);
        Q_ASSERT_X(issues.isEmpty(), "seedDemo contract", qPrintable(issues.list().value(0).message));
        insert("contract", k.toRow());
        addServices(c, k);
        if (chance() < 12) addEvent(c, k);
        if (c.group == QLatin1String("dental") && k.udaTarget) addActivity(c, k);
    }

    void addService(const Contractor& c, const Contract& k, const char* category, const char* name, bool optedOut = false) {
        ContractedService s;
        s.id = uuidFrom(m_rng);
        s.contractId = k.id;
        s.category = QString::fromLatin1(category);
        s.name = QString::fromLatin1(name);
        s.optedOut = optedOut;
        s.startDate = k.startDate;
        insert("contract_service", s.toRow());
    }

    void addServices(const Contractor& c, const Contract& k) {
        if (k.route == QLatin1String("nhs_standard")) {
            addService(c, k, "enhanced", "Locally commissioned service");
        } else if (c.group == QLatin1String("general_practice")) {
            addService(c, k, "essential", "Essential services");
            addService(c, k, "additional", "Cervical screening", chance() < 5);
            if (chance() < 10) addService(c, k, "out_of_hours", "Out-of-hours care");
            if (chance() < 40) addService(c, k, "enhanced", "Minor surgery");
        } else if (c.group == QLatin1String("pharmacy")) {
            addService(c, k, "essential", "Dispensing");
            if (chance() < 70) addService(c, k, "advanced", "New Medicine Service");
        } else if (c.group == QLatin1String("dental")) {
            addService(c, k, "essential", "Mandatory dental services");
        } else if (c.group == QLatin1String("eye_health")) {
            addService(c, k, "essential", k.route == QLatin1String("gos_additional") ? "Domiciliary sight tests" : "NHS sight tests");
        } else {
            addService(c, k, "essential", "Dispensing of appliances");
        }
    }

    void addEvent(const Contractor& c, const Contract& k) {
        ContractEvent e;
        e.id = uuidFrom(m_rng);
        e.contractId = k.id;
        e.eventDate = dateBetween(m_today.addMonths(-18), m_today.addDays(-1));
        const int r = chance();
        const bool gp = c.group == QLatin1String("general_practice");
        const bool pharmacy = c.group == QLatin1String("pharmacy") || c.group == QLatin1String("appliance");
        if (r < 30) {
            e.kind = "variation";
            e.description = "Variation agreed in writing by both parties: change of partners.";
            e.effectiveDate = e.eventDate.addDays(30);
            e.status = "completed";
        } else if (r < 60) {
            // Remedial and breach notices arise from concerns: the monitoring seed records them with
            // formal action. Here, a variation the contractor asked for (the coin is still tossed so
            // the rest of the demo stays the same).
            e.kind = "variation";
            e.description = "Variation agreed in writing by both parties: change to the practice's contact details.";
            e.effectiveDate = e.eventDate.addDays((pharmacy ? 30 : 28) + (r < 50 ? m_rng.bounded(30) : 0));
            e.status = e.effectiveDate < m_today ? "completed" : "in_progress";
        } else if (r < 72 && gp) {
            e.kind = "list_closure";
            e.description = "List closed to new registrations after loss of two GPs.";
            e.acknowledgedDate = e.eventDate.addDays(2);
            e.decision = "approved";
            e.decisionDate = e.eventDate.addDays(5);
            e.lrcCopiedDate = e.decisionDate;
            e.effectiveDate = e.eventDate.addDays(7);
            e.deadline = e.effectiveDate.addMonths(3 + m_rng.bounded(10));
            e.status = e.deadline < m_today ? "completed" : "in_progress";
        } else if (r < 80) {
            e.kind = "relocation";
            e.description = "Relocation to new premises in the same neighbourhood.";
            e.effectiveDate = e.eventDate.addDays(90);
            e.status = e.effectiveDate < m_today ? "completed" : "in_progress";
        } else if (r < 88 && pharmacy) {
            e.kind = "change_of_ownership";
            e.description = "Change of ownership notified by the new owner.";
            e.effectiveDate = e.eventDate.addDays(60);
            e.status = "completed";
        } else if (r < 95) {
            e.kind = "opening_hours_change";
            e.description = "Supplementary opening hours reduced on Saturdays.";
            e.effectiveDate = e.eventDate.addDays(90);
            e.status = e.effectiveDate < m_today ? "completed" : "in_progress";
        } else {
            e.kind = "variation";
            e.unilateral = true;
            e.description = "Variation imposed to comply with new regulations.";
            e.effectiveDate = e.eventDate.addDays(14 + m_rng.bounded(30));
            e.status = "completed";
        }
        Issues issues;
        validate(e, c.group, issues);
        Q_ASSERT_X(issues.isEmpty(), "seedDemo event", qPrintable(issues.list().value(0).message));
        insert("contract_event", e.toRow());
    }

    // Most dental contracts had this year's mid-year review in October: the worklist asks for the few
    // left, not for every contract behind at 30 September. Added last and without drawing on the
    // random stream, so every other demo record stays as it was.
    void addMidYearReviews() {
        const int year = m_today.month() >= 4 ? m_today.year() : m_today.year() - 1;
        if (m_today <= QDate(year, 9, 30)) return; // no review yet: the half year is not over
        const auto rows = m_db.query(QStringLiteral("SELECT a.id FROM dental_activity a JOIN contract k ON k.id = a.contract_id "
                                                    "WHERE a.year_start = ? AND a.mid_year_review_date IS NULL "
                                                    "ORDER BY k.reference, a.id"),
                                     {year});
        int n = 0;
        for (const Row& r : rows) {
            if (++n % 6 == 0) continue; // one in six still to do
            const QDate held = std::min(m_today, QDate(year, 10, 1).addDays((n * 7) % 30));
            m_db.save(QStringLiteral("dental_activity"),
                      Row{{"id", r.value("id")}, {"mid_year_review_date", fmt::dateIso(held)}},
                      Database::SaveMode::Existing);
        }
    }

    void addActivity(const Contractor& c, const Contract& k) {
        const int thisYear = m_today.month() >= 4 ? m_today.year() : m_today.year() - 1;
        for (int year = thisYear - 2; year <= thisYear; ++year) {
            if (QDate(year, 4, 1) < k.startDate) continue;
            DentalActivity a;
            a.id = uuidFrom(m_rng);
            a.contractId = k.id;
            a.yearStart = year;
            a.udaTarget = *k.udaTarget;
            a.uoaTarget = k.uoaTarget.value_or(Units());
            // About one contract in seven below 96% (clawback), one in six between 96% and 100%
            // (carry forward), the rest delivering in full: a year end a team can work through.
            const int roll = m_rng.bounded(22);
            const double performance = roll < 3 ? 0.89 + roll * 0.02 : roll < 7 ? 0.965 + (roll - 3) * 0.01 : 1.0 + (roll - 7) * 0.005;
            const double h1share = 0.24 + m_rng.bounded(30) / 100.0;
            const bool finished = QDate(year + 1, 3, 31) < m_today;
            const bool halfDone = QDate(year, 9, 30) < m_today;
            // Delivery in whole units, a share of the target (read from it exactly, never cut to a whole number first).
            const double udaTarget = a.udaTarget.toDouble(), uoaTarget = a.uoaTarget.toDouble();
            const qint64 udaYear = qint64(udaTarget * performance), udaH1 = qint64(udaTarget * h1share);
            if (halfDone) a.udaDeliveredH1 = udaH1;
            if (finished) a.udaDelivered = std::max<qint64>(udaYear, halfDone ? udaH1 : 0);
            if (a.uoaTarget > 0) {
                const qint64 uoaYear = qint64(uoaTarget * performance), uoaH1 = qint64(uoaTarget * h1share);
                if (halfDone) a.uoaDeliveredH1 = uoaH1;
                if (finished) a.uoaDelivered = std::max<qint64>(uoaYear, halfDone ? uoaH1 : 0);
            }
            Issues issues;
            validate(a, issues);
            Q_ASSERT_X(issues.isEmpty(), "seedDemo activity", qPrintable(issues.list().value(0).message));
            insert("dental_activity", a.toRow());
        }
    }

    void addPerformers(const Contractor& c) {
        QString profession;
        QString role;
        int howMany = 1;
        if (c.group == QLatin1String("general_practice")) {
            profession = "gp";
            howMany = 1 + m_rng.bounded(3);
        } else if (c.group == QLatin1String("dental")) {
            profession = "dentist";
            howMany = 1 + m_rng.bounded(2);
        } else if (c.group == QLatin1String("eye_health")) {
            profession = chance() < 85 ? "optometrist" : "omp";
        } else if (c.group == QLatin1String("pharmacy")) {
            profession = "pharmacist";
        } else {
            return;
        }
        for (int n = 0; n < howMany; ++n) {
            Performer p;
            p.id = uuidFrom(m_rng);
            p.givenName = QString::fromLatin1(pick(m_rng, kGivenNames));
            p.familyName = QString::fromLatin1(pick(m_rng, kFamilyNames));
            p.profession = profession;
            p.registrationBody = registrationBodyFor(profession);
            const int serial = ++m_performerSerial;
            if (p.registrationBody == QLatin1String("GMC")) p.registrationNumber = QString::number(3000000 + serial);
            else if (p.registrationBody == QLatin1String("GDC")) p.registrationNumber = QString::number(50000 + serial);
            else if (p.registrationBody == QLatin1String("GOC")) p.registrationNumber = QStringLiteral("01-%1").arg(10000 + serial);
            else p.registrationNumber = QString::number(2000000 + serial);
            if (isOnPerformersList(profession)) {
                const int r = chance();
                p.listStatus = r < 93 ? "included" : r < 97 ? "included_with_conditions" : r < 99 ? "suspended" : "removed";
            }
            Issues issues;
            validate(p, issues);
            Q_ASSERT_X(issues.isEmpty(), "seedDemo performer", qPrintable(issues.list().value(0).message));
            insert("performer", p.toRow());

            PerformerLink l;
            l.id = uuidFrom(m_rng);
            l.performerId = p.id;
            l.contractorId = c.id;
            if (profession == QLatin1String("gp")) role = n == 0 ? "partner" : chance() < 60 ? "salaried" : "locum";
            else if (profession == QLatin1String("dentist")) role = n == 0 ? "principal" : "associate";
            else if (profession == QLatin1String("pharmacist")) role = chance() < 50 ? "superintendent" : "responsible_pharmacist";
            else role = "director";
            l.role = role;
            l.fromDate = dateBetween(c.openDate.isValid() ? c.openDate : QDate(2004, 4, 1), m_today.addDays(-1));
            if (c.status == QLatin1String("closed")) l.toDate = c.closeDate < l.fromDate ? l.fromDate : c.closeDate;
            insert("performer_link", l.toRow());
        }
    }

    Database& m_db;
    QRandomGenerator m_rng;
    QDate m_today;
    int m_performerSerial = 0;
};

} // namespace

SeedSummary seedDemo(Database& db, const SeedOptions& options) {
    if (options.contractors < 0 || options.contractors > 1'000'000)
        throw ValidationError("contractors", QStringLiteral("Choose between 0 and 1,000,000 contractors."));
    const qint64 existing = db.scalar(QStringLiteral("SELECT count(*) FROM contractor")).toLongLong();
    if (existing > 0)
        throw ValidationError(QString(), QStringLiteral("This database already holds %1 contractors. Seed demo data "
                                                        "into a new, empty database instead.").arg(existing));
    Seeder seeder(db, options);
    Database::SourceScope source(db, QStringLiteral("demo data"));
    // Records the services create (concerns, visits, networks...) get ids from their own generator,
    // seeded from the same seed, so the whole database is the same for a given seed.
    QRandomGenerator idRng(options.seed ^ 0x5eed1d5u);
    Database::IdSourceScope ids([&idRng] { return uuidFrom(idRng); });
    db.bulkWrite([&] { seeder.run(options.contractors); });
    return seeder.summary;
}

} // namespace cb
