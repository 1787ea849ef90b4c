#include "team/TeamCrypto.h"

#include "common/Errors.h"

#include <sodium.h>

namespace cb::team::crypto {

namespace {

const QString kAlgorithm = QStringLiteral("argon2id13");
const QByteArray kCheckText = QByteArrayLiteral("casebook team key check");

void ensureSodium() {
    static const bool ready = sodium_init() >= 0;
    if (!ready) throw Error(QStringLiteral("The encryption library could not start on this computer: ask IT for help."));
}

QByteArray randomBytes(int n) {
    QByteArray out(n, '\0');
    randombytes_buf(out.data(), size_t(n));
    return out;
}

QByteArray derive(const QString& passphrase, const QByteArray& salt, unsigned long long ops, size_t mem) {
    QByteArray pass = passphrase.toUtf8();
    QByteArray key(kKeyBytes, '\0');
    const int rc = crypto_pwhash(reinterpret_cast<unsigned char*>(key.data()), size_t(key.size()), pass.constData(),
                                 size_t(pass.size()), reinterpret_cast<const unsigned char*>(salt.constData()), ops, mem,
                                 crypto_pwhash_ALG_ARGON2ID13);
    sodium_memzero(pass.data(), size_t(pass.size()));
    if (rc != 0)
        throw Error(QStringLiteral("There was not enough memory to check the team passphrase: close other programs and "
                                   "try again."));
    return key;
}

} // namespace

NewTeamKey newTeamKey(const QString& passphrase, const QString& teamId) {
    ensureSodium();
    if (passphrase.size() < kMinPassphraseLength)
        throw Error(QStringLiteral("The team passphrase must be at least %1 characters long (a few words are easier to "
                                   "remember than symbols). Nothing was set up.").arg(kMinPassphraseLength));
    const QByteArray salt = randomBytes(crypto_pwhash_SALTBYTES);
    const unsigned long long ops = crypto_pwhash_OPSLIMIT_MODERATE;
    const size_t mem = crypto_pwhash_MEMLIMIT_MODERATE;
    NewTeamKey out;
    out.key = derive(passphrase, salt, ops, mem);
    out.kdf = QJsonObject{{QStringLiteral("algorithm"), kAlgorithm},
                          {QStringLiteral("salt"), QString::fromLatin1(salt.toBase64())},
                          {QStringLiteral("opslimit"), qint64(ops)},
                          {QStringLiteral("memlimit"), qint64(mem)}};
    out.keyCheck = QString::fromLatin1(seal(out.key, kCheckText, teamId.toUtf8()).toBase64());
    return out;
}

QByteArray deriveKey(const QString& passphrase, const QJsonObject& kdf) {
    ensureSodium();
    const QByteArray salt = QByteArray::fromBase64(kdf.value(QStringLiteral("salt")).toString().toLatin1());
    const qint64 ops = kdf.value(QStringLiteral("opslimit")).toInteger();
    const qint64 mem = kdf.value(QStringLiteral("memlimit")).toInteger();
    // Bounds keep a damaged or hostile team file from asking for hours of work or all the memory.
    if (kdf.value(QStringLiteral("algorithm")).toString() != kAlgorithm || salt.size() != crypto_pwhash_SALTBYTES ||
        ops < qint64(crypto_pwhash_OPSLIMIT_MIN) || ops > 20 || mem < qint64(crypto_pwhash_MEMLIMIT_MIN) ||
        mem > qint64(1) << 30)
        throw Error(QStringLiteral("The team folder's encryption settings are not ones this Casebook knows: update "
                                   "Casebook, or ask whoever set up the team folder to check it."));
    return derive(passphrase, salt, (unsigned long long)ops, size_t(mem));
}

bool keyOpensCheck(const QByteArray& key, const QString& keyCheck, const QString& teamId) {
    QByteArray plain;
    return open(key, QByteArray::fromBase64(keyCheck.toLatin1()), teamId.toUtf8(), plain) && plain == kCheckText;
}

QByteArray seal(const QByteArray& key, const QByteArray& plain, const QByteArray& ad) {
    ensureSodium();
    if (key.size() != kKeyBytes) throw Error(QStringLiteral("The team key kept in this database is damaged."));
    QByteArray out = randomBytes(crypto_aead_xchacha20poly1305_ietf_NPUBBYTES);
    out.resize(out.size() + plain.size() + crypto_aead_xchacha20poly1305_ietf_ABYTES);
    unsigned long long written = 0;
    auto* nonce = reinterpret_cast<const unsigned char*>(out.constData());
    crypto_aead_xchacha20poly1305_ietf_encrypt(
        reinterpret_cast<unsigned char*>(out.data()) + crypto_aead_xchacha20poly1305_ietf_NPUBBYTES, &written,
        reinterpret_cast<const unsigned char*>(plain.constData()), (unsigned long long)plain.size(),
        reinterpret_cast<const unsigned char*>(ad.constData()), (unsigned long long)ad.size(), nullptr, nonce,
        reinterpret_cast<const unsigned char*>(key.constData()));
    out.resize(qsizetype(crypto_aead_xchacha20poly1305_ietf_NPUBBYTES + written));
    return out;
}

bool open(const QByteArray& key, const QByteArray& sealed, const QByteArray& ad, QByteArray& plain) {
    ensureSodium();
    constexpr qsizetype overhead = crypto_aead_xchacha20poly1305_ietf_NPUBBYTES + crypto_aead_xchacha20poly1305_ietf_ABYTES;
    if (key.size() != kKeyBytes || sealed.size() < overhead) return false;
    plain.resize(sealed.size() - overhead);
    unsigned long long written = 0;
    const auto* nonce = reinterpret_cast<const unsigned char*>(sealed.constData());
    if (crypto_aead_xchacha20poly1305_ietf_decrypt(
            reinterpret_cast<unsigned char*>(plain.data()), &written, nullptr,
            nonce + crypto_aead_xchacha20poly1305_ietf_NPUBBYTES,
            (unsigned long long)(sealed.size() - crypto_aead_xchacha20poly1305_ietf_NPUBBYTES),
            reinterpret_cast<const unsigned char*>(ad.constData()), (unsigned long long)ad.size(), nonce,
            reinterpret_cast<const unsigned char*>(key.constData())) != 0) {
        plain.clear();
        return false;
    }
    plain.resize(qsizetype(written));
    return true;
}

static_assert(kStreamHeaderBytes == crypto_secretstream_xchacha20poly1305_HEADERBYTES);
static_assert(kStreamChunkOverhead == crypto_secretstream_xchacha20poly1305_ABYTES);

struct SealStream::State {
    crypto_secretstream_xchacha20poly1305_state s;
};

SealStream::SealStream(const QByteArray& key) : m_state(std::make_unique<State>()) {
    ensureSodium();
    if (key.size() != kKeyBytes) throw Error(QStringLiteral("The team key kept in this database is damaged."));
    m_header.resize(kStreamHeaderBytes);
    crypto_secretstream_xchacha20poly1305_init_push(&m_state->s, reinterpret_cast<unsigned char*>(m_header.data()),
                                                    reinterpret_cast<const unsigned char*>(key.constData()));
}

SealStream::~SealStream() { sodium_memzero(m_state.get(), sizeof(State)); }

QByteArray SealStream::push(const QByteArray& plain, const QByteArray& ad, bool final) {
    QByteArray out(plain.size() + kStreamChunkOverhead, Qt::Uninitialized);
    unsigned long long written = 0;
    crypto_secretstream_xchacha20poly1305_push(
        &m_state->s, reinterpret_cast<unsigned char*>(out.data()), &written,
        reinterpret_cast<const unsigned char*>(plain.constData()), (unsigned long long)plain.size(),
        reinterpret_cast<const unsigned char*>(ad.constData()), (unsigned long long)ad.size(),
        final ? crypto_secretstream_xchacha20poly1305_TAG_FINAL : crypto_secretstream_xchacha20poly1305_TAG_MESSAGE);
    out.resize(qsizetype(written));
    return out;
}

struct OpenStream::State {
    crypto_secretstream_xchacha20poly1305_state s;
};

OpenStream::OpenStream(const QByteArray& key, const QByteArray& header) : m_state(std::make_unique<State>()) {
    ensureSodium();
    m_ok = key.size() == kKeyBytes && header.size() == kStreamHeaderBytes &&
           crypto_secretstream_xchacha20poly1305_init_pull(&m_state->s,
                                                           reinterpret_cast<const unsigned char*>(header.constData()),
                                                           reinterpret_cast<const unsigned char*>(key.constData())) == 0;
}

OpenStream::~OpenStream() { sodium_memzero(m_state.get(), sizeof(State)); }

bool OpenStream::pull(const QByteArray& sealed, const QByteArray& ad, QByteArray& plain, bool& final) {
    final = false;
    if (!m_ok || sealed.size() < kStreamChunkOverhead) return false;
    plain.resize(sealed.size() - kStreamChunkOverhead);
    unsigned long long written = 0;
    unsigned char tag = 0;
    if (crypto_secretstream_xchacha20poly1305_pull(
            &m_state->s, reinterpret_cast<unsigned char*>(plain.data()), &written, &tag,
            reinterpret_cast<const unsigned char*>(sealed.constData()), (unsigned long long)sealed.size(),
            reinterpret_cast<const unsigned char*>(ad.constData()), (unsigned long long)ad.size()) != 0 ||
        (tag != crypto_secretstream_xchacha20poly1305_TAG_MESSAGE && tag != crypto_secretstream_xchacha20poly1305_TAG_FINAL)) {
        plain.clear();
        m_ok = false; // a stream that failed once is not read on
        return false;
    }
    plain.resize(qsizetype(written));
    final = tag == crypto_secretstream_xchacha20poly1305_TAG_FINAL;
    return true;
}

} // namespace cb::team::crypto
