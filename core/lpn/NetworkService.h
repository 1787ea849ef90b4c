#pragma once

#include "lpn/Network.h"

#include <optional>

namespace cb {

// One seat on the roster: a member in a group with a role and a term.
struct RosterSeat {
    Membership membership;
    NetworkMember member;

    int daysLeft(const QDate& today) const; // days until the term ends; negative once ended; INT_MAX if open-ended
    // Share of the term already served, 0..1 (for term bars); 0 when the term has no end.
    double termElapsed(const QDate& today) const;
};

// A group and its seats, ordered by role (chair first) then name.
struct RosterGroup {
    NetworkGroup group;
    QList<RosterSeat> seats;
};

// Members by group and role: core team first, then clinical groups, projects, hubs and spokes.
// Members in no group are listed separately.
struct Roster {
    Network network;
    QList<RosterGroup> groups;
    QList<NetworkMember> unassigned; // active members with no seat in any group
};

// Everything that changes a network's records. Each call is one audited transaction; bad input
// throws ValidationError and changes nothing.
class NetworkService {
public:
    explicit NetworkService(Database& db) : m_db(db) {}

    QList<Network> networks();
    std::optional<Network> network(const QString& id);
    std::optional<Network> networkByName(const QString& name); // case-insensitive
    Network createNetwork(Network n);
    void updateNetwork(const Network& n);
    void removeNetwork(const QString& id); // refused while it has groups or members

    QList<NetworkGroup> groups(const QString& networkId);
    std::optional<NetworkGroup> group(const QString& id);
    NetworkGroup createGroup(NetworkGroup g);
    void updateGroup(const NetworkGroup& g);
    void removeGroup(const QString& id); // refused while it has memberships or meetings

    QList<NetworkMember> members(const QString& networkId);
    std::optional<NetworkMember> member(const QString& id);
    NetworkMember createMember(NetworkMember m);
    void updateMember(NetworkMember m);
    void removeMember(const QString& id); // refused while it has memberships, declarations or attendance
    // Members linked (through their performer record) to someone working at the contractor.
    QList<NetworkMember> membersAtContractor(const QString& contractorId);

    QList<Membership> membershipsOfMember(const QString& memberId);
    QList<Membership> membershipsInGroup(const QString& groupId);
    Membership addMembership(Membership m); // an empty term end gets the default 3-year term
    void updateMembership(const Membership& m);
    void removeMembership(const QString& id);

    QList<Meeting> meetings(const QString& networkId); // newest first, with attendance
    std::optional<Meeting> meeting(const QString& id);
    Meeting createMeeting(Meeting m);
    void updateMeeting(const Meeting& m); // replaces the attendance
    void removeMeeting(const QString& id);

    QList<Declaration> declarations(const QString& memberId); // newest first
    QList<Declaration> declarationsInNetwork(const QString& networkId);
    Declaration addDeclaration(Declaration d);
    void updateDeclaration(const Declaration& d);
    void removeDeclaration(const QString& id);

    Roster roster(const QString& networkId, const QDate& today);

private:
    void checkGroup(const NetworkGroup& g, Issues& issues);
    void checkMember(const NetworkMember& m, Issues& issues);
    void checkMembership(const Membership& m, Issues& issues);
    void checkMeeting(const Meeting& m, Issues& issues);
    void checkDeclaration(const Declaration& d, Issues& issues);
    void writeAttendance(const Meeting& m);
    QString memberName(const QString& memberId);
    QString groupName(const QString& groupId);
    Database& m_db;
};

} // namespace cb
