package tw.mobileauth.login;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import tw.mobileauth.credential.CredentialId;
import tw.mobileauth.crypto.CryptoException;
import tw.mobileauth.crypto.DevicePublicKey;
import tw.mobileauth.enrollment.CredentialVerifiers;
import tw.mobileauth.identity.NationalId;
import tw.mobileauth.store.CounterState;
import tw.mobileauth.store.CredentialRecord;

/**
 * What {@link LoginService}'s administration and PDPA calls do to the stores: revoke, clear
 * lock-outs, export and erase one person's records. Store failures pass through as
 * {@link tw.mobileauth.store.StoreException}; {@code LoginService} turns them into its typed
 * "unavailable" exception.
 */
final class PersonalRecords {

    private final Settings s;
    private final DeviceCredentials devices;

    PersonalRecords(Settings settings, DeviceCredentials devices) {
        this.s = settings;
        this.devices = devices;
    }

    boolean revoke(CredentialId credentialId) {
        Instant now = s.clock.instant();
        boolean revoked = s.credentials.revoke(credentialId.value(), now);
        devices.forget(credentialId.value());
        if (revoked) {
            s.audit(new LoginEvent.CredentialRevoked(now, credentialId.value()));
        }
        return revoked;
    }

    int revokeAll(NationalId nationalId) {
        int revoked = 0;
        for (CredentialRecord r : s.credentials.listBySubject(subjectKey(nationalId))) {
            if (r.isActive() && revoke(CredentialId.parse(r.credentialId()).orElseThrow(
                    () -> new IllegalStateException("stored credential id is not canonical: " + r.credentialId())))) {
                revoked++;
            }
        }
        return revoked;
    }

    int clearLockOut(NationalId nationalId) {
        String subjectKey = subjectKey(nationalId);
        int cleared = resetCounters(subjectKey, s.credentials.listBySubject(subjectKey));
        s.audit(new LoginEvent.LockOutCleared(s.clock.instant(), nationalId.masked(), cleared));
        return cleared;
    }

    PersonalDataExport export(NationalId nationalId) {
        String subjectKey = subjectKey(nationalId);
        Instant now = s.clock.instant();
        List<CredentialRecord> records = s.credentials.listBySubject(subjectKey);
        List<PersonalDataExport.Credential> credentials = new ArrayList<>();
        List<PersonalDataExport.Counter> counters = new ArrayList<>();
        s.counters.find(LockOuts.personKey(subjectKey))
                .ifPresent(c -> counters.add(counter(LockOuts.PERSON_SCOPE, Optional.empty(), c)));
        s.counters.find(LockOuts.streakKey(subjectKey))
                .ifPresent(c -> counters.add(counter(LockOuts.STREAK_SCOPE, Optional.empty(), c)));
        s.counters.find(CredentialVerifiers.holderCheckCounterKey(subjectKey))
                .ifPresent(c -> counters.add(counter("enrollment-holder-check", Optional.empty(), c)));
        for (CredentialRecord r : records) {
            credentials.add(new PersonalDataExport.Credential(r.credentialId(), r.status().name(), r.issuedAt(),
                    r.notAfter(), r.revokedAt(), r.lastUsedAt(), deviceKeyFingerprint(r),
                    r.acknowledgedNotice().map(v -> new PersonalDataExport.NoticeAcknowledgement(v,
                            r.noticeAcknowledgedAt())), r.boundDevice()));
            s.counters.find(LockOuts.credentialKey(r.credentialId())).ifPresent(
                    c -> counters.add(counter(LockOuts.CREDENTIAL_SCOPE, Optional.of(r.credentialId()), c)));
        }
        List<PersonalDataExport.Enrollment> enrollments = s.enrollments.listBySubject(subjectKey).stream()
                .map(EnrollmentSummaries::of)
                .toList();
        s.audit(new LoginEvent.PersonalDataExported(now, nationalId.masked(), credentials.size(), enrollments.size()));
        return new PersonalDataExport(now, nationalId.masked(), credentials, counters, enrollments);
    }

    Erasure erase(NationalId nationalId) {
        String subjectKey = subjectKey(nationalId);
        int enrollments = s.enrollments.deleteAllForSubject(subjectKey);
        List<CredentialRecord> records = s.credentials.listBySubject(subjectKey);
        int counters = resetCounters(subjectKey, records);
        int credentials = s.credentials.deleteAllForSubject(subjectKey);
        // A login that loaded a record before the delete may still count a failure: clear again.
        counters += resetCounters(subjectKey, records);
        records.forEach(r -> devices.forget(r.credentialId()));
        s.audit(new LoginEvent.PersonalDataErased(s.clock.instant(), nationalId.masked(), credentials, counters,
                enrollments));
        return new Erasure(credentials, counters, enrollments);
    }

    private String subjectKey(NationalId nationalId) {
        return CredentialVerifiers.subjectKey(s.hmac, Objects.requireNonNull(nationalId, "nationalId"));
    }

    private int resetCounters(String subjectKey, List<CredentialRecord> records) {
        int cleared = 0;
        for (String key : List.of(LockOuts.personKey(subjectKey), LockOuts.streakKey(subjectKey),
                CredentialVerifiers.holderCheckCounterKey(subjectKey))) {
            if (s.counters.reset(key)) {
                cleared++;
            }
        }
        for (CredentialRecord r : records) {
            if (s.counters.reset(LockOuts.credentialKey(r.credentialId()))) {
                cleared++;
            }
        }
        return cleared;
    }

    private static PersonalDataExport.Counter counter(String scope, Optional<String> credentialId, CounterState c) {
        return new PersonalDataExport.Counter(scope, credentialId, c.count(), c.windowStart(), c.windowEnd(),
                c.lockedUntil());
    }

    private static String deviceKeyFingerprint(CredentialRecord r) {
        try {
            return DevicePublicKey.fromSpki(Base64.getDecoder().decode(r.devicePublicKey())).fingerprint();
        } catch (CryptoException.InvalidDeviceKey | IllegalArgumentException unreadable) {
            return "unreadable";
        }
    }
}
