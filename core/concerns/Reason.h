#pragma once

#include "common/Errors.h"

namespace cb {

// A reason that lets a caseworker go past a rule (serious without support to improve, formal action
// before the LRC is told, a short notice period, a tier change, closing a concern, cancelling an
// action) must say something: at least policy::kReasonMinWords words, and not a placeholder such
// as "n/a", "x", ".", "-" or "none".
bool isSubstantiveReason(const QString& text);

// Adds an issue on `field` when `text` is not a reason of substance. `what` completes "Write ...",
// e.g. "why the concern is serious".
void requireReason(Issues& issues, const QString& field, const QString& text, const QString& what);

} // namespace cb
