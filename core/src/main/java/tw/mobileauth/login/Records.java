package tw.mobileauth.login;

import java.time.Instant;
import java.util.Optional;
import tw.mobileauth.store.CredentialRecord;

/** Successors of a {@link CredentialRecord} that login writes with compare-and-set. */
final class Records {

    private Records() {
    }

    /** Version + 1, with the given password hash, last use and notice acknowledgement; all else unchanged. */
    static CredentialRecord successor(CredentialRecord c, String passwordHash, Optional<Instant> lastUsedAt,
            Optional<String> acknowledgedNotice, Optional<Instant> noticeAcknowledgedAt) {
        return new CredentialRecord(c.credentialId(), c.version() + 1, c.subjectKey(), c.birthDateVerifier(),
                c.nameVerifier(), passwordHash, c.devicePublicKey(), c.certificate(), c.status(), c.issuedAt(),
                c.notAfter(), c.revokedAt(), lastUsedAt, acknowledgedNotice, noticeAcknowledgedAt, c.boundDevice());
    }
}
