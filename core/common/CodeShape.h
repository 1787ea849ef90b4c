#pragma once

#include <QStringView>
#include <initializer_list>

// Whether a code has one of the shapes given, character by character: 'a' is an ASCII capital
// letter, '9' an ASCII digit, 'x' either; any other character stands for itself ("Fxxxx" is F and
// four letters or digits). The published code formats are this simple, and imports check several
// codes on every row: written out, this costs a few dozen instructions where a regular expression
// match cost thousands.
namespace cb::ident {

inline bool hasShape(QStringView code, const char* shape) {
    qsizetype i = 0;
    for (; shape[i] != '\0'; ++i) {
        if (i >= code.size()) return false;
        const char16_t c = code[i].unicode();
        const bool letter = c >= u'A' && c <= u'Z', digit = c >= u'0' && c <= u'9';
        switch (shape[i]) {
        case 'a': if (!letter) return false; break;
        case '9': if (!digit) return false; break;
        case 'x': if (!letter && !digit) return false; break;
        default: if (c != char16_t(static_cast<unsigned char>(shape[i]))) return false;
        }
    }
    return i == code.size();
}

inline bool hasShape(QStringView code, std::initializer_list<const char*> shapes) {
    for (const char* shape : shapes)
        if (hasShape(code, shape)) return true;
    return false;
}

// The published formats the register and the ODS importer both check, said once.
// A GP practice: a letter and 5 digits, or 3 letters and 3 digits in the crown dependencies.
inline bool isPracticeCode(QStringView code) { return hasShape(code, {"a99999", "aaa999"}); }
inline bool isDentalCode(QStringView code) { return hasShape(code, {"V99999", "V999999"}); }
// A pharmacy or appliance contractor: F and 4 letters or digits.
inline bool isPharmacyCode(QStringView code) { return hasShape(code, "Fxxxx"); }
// A pharmacy head office: P and 3 or 4 letters or digits, or (newer) any 5.
inline bool isPharmacyHeadOfficeCode(QStringView code) { return hasShape(code, {"Pxxx", "Pxxxx", "xxxxx"}); }

} // namespace cb::ident
