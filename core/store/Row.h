#pragma once

#include <QDebug>
#include <QList>
#include <QString>
#include <QVariant>
#include <QVariantMap>

#include <algorithm>
#include <initializer_list>
#include <type_traits>
#include <iterator>
#include <utility>

namespace cb {

// One column of a Row: its name and its value.
struct RowEntry {
    QString key;
    QVariant value;
};

} // namespace cb

Q_DECLARE_TYPEINFO(cb::RowEntry, Q_RELOCATABLE_TYPE);

namespace cb {

// One stored row: column name -> value (null, qint64, double or QString).
//
// It behaves as the QVariantMap it replaced (the same member functions, the keys in the same order,
// copies shared until one is changed), but keeps its columns side by side in one array, sorted by
// name, instead of a tree of separately allocated nodes. Every record saved, imported or read
// passes through several rows; as a tree, allocating, comparing and freeing their nodes showed
// throughout the import profiles (an ODS import took 11 % fewer instructions once they went). A
// record has a few dozen columns at most, so inserting in the middle moves a few hundred bytes at
// worst, and a row built in key order (as the write path, the readers and normalising build
// theirs) only ever appends.
//
// As with any array, inserting or removing a column invalidates iterators into the row (a QMap's
// stay valid): insert() and erase() return the iterator to go on with.
class Row {
public:
    using key_type = QString;
    using mapped_type = QVariant;
    using size_type = qsizetype;

    // An iterator over the columns in key order: key() and value(), and the value itself when
    // dereferenced, as a QMap's. The mutable kind changes values in place (never keys, which keep the
    // order) and converts to the const kind.
    template <bool Const> class BasicIterator {
        using Entry = std::conditional_t<Const, const RowEntry, RowEntry>;
        using Value = std::conditional_t<Const, const QVariant, QVariant>;

    public:
        using iterator_category = std::random_access_iterator_tag;
        using difference_type = qsizetype;
        using value_type = QVariant;
        using pointer = Value*;
        using reference = Value&;

        BasicIterator() = default;
        explicit BasicIterator(Entry* e) : m_e(e) {}
        BasicIterator(const BasicIterator&) = default;
        BasicIterator& operator=(const BasicIterator&) = default;
        BasicIterator(const BasicIterator<false>& i) requires Const : m_e(i.entry()) {} // NOLINT: as QMap's
        const QString& key() const { return m_e->key; }
        Value& value() const { return m_e->value; }
        Value& operator*() const { return m_e->value; }
        Value* operator->() const { return &m_e->value; }
        BasicIterator& operator++() { ++m_e; return *this; }
        BasicIterator operator++(int) { auto t = *this; ++m_e; return t; }
        BasicIterator& operator--() { --m_e; return *this; }
        BasicIterator operator--(int) { auto t = *this; --m_e; return t; }
        BasicIterator& operator+=(difference_type n) { m_e += n; return *this; }
        BasicIterator& operator-=(difference_type n) { m_e -= n; return *this; }
        friend BasicIterator operator+(BasicIterator i, difference_type n) { return i += n; }
        friend BasicIterator operator-(BasicIterator i, difference_type n) { return i -= n; }
        friend difference_type operator-(BasicIterator a, BasicIterator b) { return a.m_e - b.m_e; }
        friend bool operator==(BasicIterator a, BasicIterator b) { return a.m_e == b.m_e; }
        friend bool operator!=(BasicIterator a, BasicIterator b) { return a.m_e != b.m_e; }
        friend bool operator<(BasicIterator a, BasicIterator b) { return a.m_e < b.m_e; }
        Entry* entry() const { return m_e; }

    private:
        Entry* m_e = nullptr;
    };
    using const_iterator = BasicIterator<true>;
    using iterator = BasicIterator<false>;
    using ConstIterator = const_iterator;
    using Iterator = iterator;

    Row() = default;
    Row(std::initializer_list<std::pair<QString, QVariant>> list) {
        for (const auto& [k, v] : list) insert(k, v);
    }
    // From and to the QVariantMap of Qt's own APIs (QJsonObject, QVariant): a copy each way. The way
    // back is explicit (toMap()), so that no save pays for a conversion nobody sees: one did, in the
    // text-hygiene check, until a profile found it.
    Row(const QVariantMap& map) { // NOLINT(google-explicit-constructor): a Row was a QVariantMap
        m_d.reserve(map.size());
        for (auto it = map.cbegin(); it != map.cend(); ++it) m_d.append(RowEntry{it.key(), it.value()});
    }
    QVariantMap toMap() const {
        QVariantMap out;
        for (const RowEntry& e : m_d) out.insert(out.cend(), e.key, e.value);
        return out;
    }
    explicit operator QVariantMap() const { return toMap(); }

    qsizetype size() const { return m_d.size(); }
    qsizetype count() const { return m_d.size(); }
    bool isEmpty() const { return m_d.isEmpty(); }
    bool empty() const { return m_d.isEmpty(); }
    void clear() { m_d.clear(); }
    void reserve(qsizetype n) { m_d.reserve(n); }
    void swap(Row& other) noexcept { m_d.swap(other.m_d); }

    const_iterator begin() const { return const_iterator(m_d.constData()); }
    const_iterator end() const { return const_iterator(m_d.constData() + m_d.size()); }
    const_iterator cbegin() const { return begin(); }
    const_iterator cend() const { return end(); }
    const_iterator constBegin() const { return begin(); }
    const_iterator constEnd() const { return end(); }
    iterator begin() { return iterator(m_d.data()); }
    iterator end() { return iterator(m_d.data() + m_d.size()); }

    // Where `key` is or would go.
    const_iterator lowerBound(const QString& key) const { return begin() + lowerIndex(key); }
    iterator lowerBound(const QString& key) { return begin() + lowerIndex(key); }
    const_iterator constFind(const QString& key) const {
        const qsizetype i = lowerIndex(key);
        return i < m_d.size() && compare(m_d.at(i).key, key) == 0 ? begin() + i : end();
    }
    const_iterator find(const QString& key) const { return constFind(key); }
    iterator find(const QString& key) {
        const qsizetype i = indexOf(key);
        return i < 0 ? end() : begin() + i;
    }
    bool contains(const QString& key) const { return indexOf(key) >= 0; }

    QVariant value(const QString& key, const QVariant& otherwise = QVariant()) const {
        const qsizetype i = indexOf(key);
        return i < 0 ? otherwise : m_d.at(i).value;
    }
    // A column named in Latin-1 (a literal, QLatin1String): found without making a QString of it.
    QVariant value(QLatin1StringView key, const QVariant& otherwise = QVariant()) const {
        const qsizetype i = indexOf(key);
        return i < 0 ? otherwise : m_d.at(i).value;
    }
    template <std::size_t N> QVariant value(const char (&key)[N], const QVariant& otherwise = QVariant()) const {
        return value(QLatin1StringView(key, qsizetype(N) - 1), otherwise);
    }
    bool contains(QLatin1StringView key) const { return indexOf(key) >= 0; }
    template <std::size_t N> bool contains(const char (&key)[N]) const {
        return contains(QLatin1StringView(key, qsizetype(N) - 1));
    }
    QVariant operator[](const QString& key) const { return value(key); }
    QVariant& operator[](const QString& key) {
        const qsizetype i = lowerIndex(key);
        if (i < m_d.size() && compare(m_d.at(i).key, key) == 0) return m_d[i].value;
        m_d.insert(i, RowEntry{key, QVariant()});
        return m_d[i].value;
    }

    const QString& firstKey() const { return m_d.first().key; }
    const QString& lastKey() const { return m_d.last().key; }
    const QVariant& first() const { return m_d.first().value; }
    const QVariant& last() const { return m_d.last().value; }
    QList<QString> keys() const {
        QList<QString> out;
        out.reserve(m_d.size());
        for (const RowEntry& e : m_d) out.append(e.key);
        return out;
    }
    QList<QVariant> values() const {
        QList<QVariant> out;
        out.reserve(m_d.size());
        for (const RowEntry& e : m_d) out.append(e.value);
        return out;
    }

    iterator insert(const QString& key, const QVariant& value) {
        const qsizetype i = lowerIndex(key);
        return place(i, key, value);
    }
    // As QMap's: `hint` is where the key probably goes (a row built in order gives cend()); a wrong
    // hint costs a search, never a misplaced key.
    iterator insert(const_iterator hint, const QString& key, const QVariant& value) {
        qsizetype i = hint.entry() - m_d.constData();
        const bool fits = i >= 0 && i <= m_d.size() && (i == 0 || less(m_d.at(i - 1).key, key)) &&
                          (i == m_d.size() || !less(m_d.at(i).key, key));
        if (!fits) i = lowerIndex(key);
        return place(i, key, value);
    }
    // Every column of `other`, replacing any of the same name here.
    void insert(const Row& other) { *this = merged(*this, other); }
    // Every column of `base` and of `over`, with `over`'s value where both have one. Both are in key
    // order, so the result is made in one pass, each column appended: no search, nothing moved.
    static Row merged(const Row& base, const Row& over) {
        if (base.isEmpty()) return over;
        if (over.isEmpty()) return base;
        Row out;
        out.m_d.reserve(base.m_d.size() + over.m_d.size());
        auto a = base.m_d.cbegin(), b = over.m_d.cbegin();
        const auto aEnd = base.m_d.cend(), bEnd = over.m_d.cend();
        while (a != aEnd && b != bEnd) {
            const int c = compare(a->key, b->key);
            if (c < 0) {
                out.m_d.append(*a++);
            } else {
                out.m_d.append(*b++);
                if (c == 0) ++a;
            }
        }
        for (; a != aEnd; ++a) out.m_d.append(*a);
        for (; b != bEnd; ++b) out.m_d.append(*b);
        return out;
    }
    qsizetype remove(const QString& key) {
        const qsizetype i = indexOf(key);
        if (i < 0) return 0;
        m_d.remove(i);
        return 1;
    }
    QVariant take(const QString& key) {
        const qsizetype i = indexOf(key);
        if (i < 0) return QVariant();
        QVariant v = std::move(m_d[i].value);
        m_d.remove(i);
        return v;
    }
    iterator erase(const_iterator it) {
        const qsizetype i = it.entry() - m_d.constData();
        m_d.remove(i);
        return begin() + i;
    }

    friend bool operator==(const Row& a, const Row& b) {
        if (a.m_d.size() != b.m_d.size()) return false;
        for (qsizetype i = 0; i < a.m_d.size(); ++i)
            if (a.m_d.at(i).key != b.m_d.at(i).key || a.m_d.at(i).value != b.m_d.at(i).value) return false;
        return true;
    }
    friend bool operator!=(const Row& a, const Row& b) { return !(a == b); }

    // The order of the keys: QString's own (UTF-16 code units compared in turn), as a QMap keeps
    // them, so that rows, the columns of a table and files written from them keep their order.
    static bool less(const QString& a, const QString& b) { return compare(a, b) < 0; }

private:
    // -1, 0 or 1 as `a` sorts before, with or after `b` (Latin-1 is the first 256 code points).
    template <class Char> static int compare(const QString& a, const Char* q, qsizetype qn) {
        const char16_t* p = reinterpret_cast<const char16_t*>(a.constData());
        const qsizetype n = std::min(a.size(), qn);
        for (qsizetype i = 0; i < n; ++i) {
            const char16_t c = char16_t(static_cast<std::make_unsigned_t<Char>>(q[i]));
            if (p[i] != c) return p[i] < c ? -1 : 1;
        }
        return a.size() < qn ? -1 : a.size() > qn ? 1 : 0;
    }
    static int compare(const QString& a, const QString& b) {
        return compare(a, reinterpret_cast<const char16_t*>(b.constData()), b.size());
    }
    static int compare(const QString& a, QLatin1StringView b) { return compare(a, b.data(), b.size()); }
    template <class Key> qsizetype lowerIndex(const Key& key) const {
        qsizetype lo = 0, hi = m_d.size();
        while (lo < hi) {
            const qsizetype mid = (lo + hi) / 2;
            if (compare(m_d.at(mid).key, key) < 0) lo = mid + 1;
            else hi = mid;
        }
        return lo;
    }
    template <class Key> qsizetype indexOf(const Key& key) const {
        const qsizetype i = lowerIndex(key);
        return i < m_d.size() && compare(m_d.at(i).key, key) == 0 ? i : -1;
    }
    iterator place(qsizetype i, const QString& key, const QVariant& value) {
        if (i < m_d.size() && compare(m_d.at(i).key, key) == 0) m_d[i].value = value;
        else m_d.insert(i, RowEntry{key, value});
        return begin() + i;
    }

    QList<RowEntry> m_d;
};

inline QDebug operator<<(QDebug dbg, const Row& row) { return dbg << row.toMap(); }

} // namespace cb
