#pragma once

#include <QByteArray>
#include <QJsonObject>
#include <QString>
#include <memory>

// Team passphrase encryption (docs/exchange.md, "Encryption"): libsodium only, nothing home-made.
// The key is Argon2id(passphrase, salt) with crypto_pwhash's MODERATE limits; every package and
// snapshot body is sealed with XChaCha20-Poly1305 (crypto_aead_xchacha20poly1305_ietf), the file's
// magic and header bytes authenticated as associated data.
namespace cb::team::crypto {

inline constexpr int kKeyBytes = 32;
inline constexpr int kMinPassphraseLength = 8;

// The "kdf" and "key_check" entries of casebook-team.json for a new encrypted team, and its key.
struct NewTeamKey {
    QJsonObject kdf;
    QString keyCheck;
    QByteArray key;
};
// Throws Error in words for a passphrase too short to protect the team's records.
NewTeamKey newTeamKey(const QString& passphrase, const QString& teamId);

// Derives the key from the passphrase and the team file's "kdf" entry; throws Error when the
// parameters are not ones Casebook writes.
QByteArray deriveKey(const QString& passphrase, const QJsonObject& kdf);
// True when key is the one the team file's key check was sealed with.
bool keyOpensCheck(const QByteArray& key, const QString& keyCheck, const QString& teamId);

// nonce (24 bytes) followed by the ciphertext and its 16-byte tag; ad is authenticated, not hidden.
QByteArray seal(const QByteArray& key, const QByteArray& plain, const QByteArray& ad);
// nullopt-like: false when the tag does not verify (wrong key, or the bytes or ad were changed).
bool open(const QByteArray& key, const QByteArray& sealed, const QByteArray& ad, QByteArray& plain);

} // namespace cb::team::crypto

namespace cb::team::crypto {

// A body sealed in chunks (libsodium's crypto_secretstream_xchacha20poly1305): each chunk is
// authenticated on its own, in order, and the last carries the FINAL tag, so a chunk changed,
// dropped, repeated, reordered or cut off is refused. Used for snapshots (docs/exchange.md,
// "Snapshot format 2"), which are read and written a chunk at a time.
class SealStream {
public:
    explicit SealStream(const QByteArray& key); // throws Error for a damaged key
    ~SealStream();
    SealStream(const SealStream&) = delete;
    SealStream& operator=(const SealStream&) = delete;
    const QByteArray& header() const { return m_header; } // written before the first chunk
    QByteArray push(const QByteArray& plain, const QByteArray& ad, bool final);

private:
    struct State;
    std::unique_ptr<State> m_state;
    QByteArray m_header;
};

class OpenStream {
public:
    // False from ok() when the key or the stream header is not one a SealStream could have made.
    OpenStream(const QByteArray& key, const QByteArray& header);
    ~OpenStream();
    OpenStream(const OpenStream&) = delete;
    OpenStream& operator=(const OpenStream&) = delete;
    bool ok() const { return m_ok; }
    // False when the chunk does not verify (changed, out of order, another key or ad); final is
    // set when it was the stream's last.
    bool pull(const QByteArray& sealed, const QByteArray& ad, QByteArray& plain, bool& final);

private:
    struct State;
    std::unique_ptr<State> m_state;
    bool m_ok = false;
};

inline constexpr int kStreamHeaderBytes = 24; // crypto_secretstream_xchacha20poly1305_HEADERBYTES
inline constexpr int kStreamChunkOverhead = 17; // crypto_secretstream_xchacha20poly1305_ABYTES

} // namespace cb::team::crypto
