#pragma once

#include <QByteArray>
#include <QJsonObject>
#include <QString>

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
