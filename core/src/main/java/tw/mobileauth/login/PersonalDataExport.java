package tw.mobileauth.login;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import tw.mobileauth.client.BoundDevice;

/**
 * Everything the SDK's stores keep about one person, for a PDPA access request (個資法 art. 3, 10),
 * from {@link LoginService#export}. Serialise it with {@link #toJson()}.
 *
 * <p>What is in it, and what is deliberately not:
 * <ul>
 *   <li>each credential: id, status, issue, expiry, revocation and last-use times, the device
 *       key's SHA-256 fingerprint, the notice acknowledgement it holds, and the device class and
 *       browser family of the browser it is bound to (two coarse enum values, e.g. {@code DESKTOP},
 *       {@code CHROME}; absent when not recorded);</li>
 *   <li>the lock-out counters (per credential, per person, and the person's failures in a row):
 *       failures, window, lock;</li>
 *   <li>each enrolment the enrolment store still holds (pending, or finished and kept for the
 *       result retention): state, start, last change and expiry times, the carrier, and the consent
 *       record (terms version and time), with the enrolment id masked; a pending enrolment's
 *       application data (ID, name, birth date, phone and NHI card numbers) is sealed with the
 *       portal's pending-data key, which the login service does not hold: the export says that it is
 *       there ({@link Enrollment#holdsSealedApplicationData()}) instead of showing it;</li>
 *   <li>the national ID, birth date and name are <em>not stored</em> in readable form, only as
 *       keyed verifiers (HMAC-SHA256) that cannot be turned back into the values, and the
 *       password only as an Argon2id hash: the export says so ({@link #storedOnlyAsVerifiers()})
 *       instead of copying verifiers or hashes, which are secrets of the deployment, not data
 *       about the person;</li>
 *   <li>audit events are not part of it: they are the operator's security log, held with masked
 *       identifiers under the portal's own retention rules.</li>
 * </ul>
 *
 * @param exportedAt      when the export was made
 * @param nationalId      the person's national ID, masked ({@code A12****789})
 * @param credentials     the person's credentials, oldest first
 * @param lockOutCounters the lock-out counters that currently exist for the person or a credential
 * @param enrollments     the person's enrolments (with their consent records), oldest first
 */
public record PersonalDataExport(Instant exportedAt, String nationalId, List<Credential> credentials,
        List<Counter> lockOutCounters, List<Enrollment> enrollments) {

    /** The JSON document's {@code format}: {@value}. */
    public static final String FORMAT = "mobileauth-tw/personal-data-export/v1";

    private static final ObjectMapper JSON = JsonMapper.builder().build();

    /**
     * All required; the lists are copied.
     *
     * @param exportedAt the exported at
     * @param nationalId the national ID (身分證號)
     * @param credentials the credentials value
     * @param lockOutCounters the lock out counters
     * @param enrollments the enrollments value
     */
    public PersonalDataExport {
        Objects.requireNonNull(exportedAt, "exportedAt");
        Objects.requireNonNull(nationalId, "nationalId");
        credentials = List.copyOf(credentials);
        lockOutCounters = List.copyOf(lockOutCounters);
        enrollments = List.copyOf(enrollments);
    }

    /**
     * {@return the personal data the SDK holds only as one-way keyed verifiers or hashes, never readable:
     * {@code nationalId}, {@code birthDate}, {@code name} (its comparison key) and
     * {@code certificatePassword}}
     */
    public List<String> storedOnlyAsVerifiers() {
        return List.of("nationalId", "birthDate", "name", "certificatePassword");
    }

    /**
     * {@return the export as a JSON document: {@code format}, {@code exportedAt}, {@code nationalId},
     * {@code storedOnlyAsVerifiers}, {@code credentials[]}, {@code lockOutCounters[]},
     * {@code enrollments[]}} Times are ISO-8601 instants; absent optional values are left out.
     * A credential's {@code boundDevice} is {@code {"deviceClass": "DESKTOP", "browserFamily":
     * "CHROME"}}, left out when unknown (added within format v1: readers ignore members they do not
     * know).
     */
    public String toJson() {
        ObjectNode root = JSON.createObjectNode();
        root.put("format", FORMAT);
        root.put("exportedAt", exportedAt.toString());
        root.put("nationalId", nationalId);
        ArrayNode verifiers = root.putArray("storedOnlyAsVerifiers");
        storedOnlyAsVerifiers().forEach(verifiers::add);
        ArrayNode creds = root.putArray("credentials");
        for (Credential c : credentials) {
            ObjectNode n = creds.addObject();
            n.put("credentialId", c.credentialId());
            n.put("status", c.status());
            n.put("issuedAt", c.issuedAt().toString());
            n.put("certificateNotAfter", c.certificateNotAfter().toString());
            c.revokedAt().ifPresent(t -> n.put("revokedAt", t.toString()));
            c.lastUsedAt().ifPresent(t -> n.put("lastUsedAt", t.toString()));
            n.put("deviceKeySha256", c.deviceKeySha256());
            c.noticeAcknowledgement().ifPresent(a -> {
                ObjectNode ack = n.putObject("noticeAcknowledgement");
                ack.put("version", a.version());
                a.at().ifPresent(t -> ack.put("at", t.toString()));
            });
            c.boundDevice().ifPresent(b -> n.putObject("boundDevice").put("deviceClass", b.deviceClass().name())
                    .put("browserFamily", b.browserFamily().name()));
        }
        ArrayNode counters = root.putArray("lockOutCounters");
        for (Counter c : lockOutCounters) {
            ObjectNode n = counters.addObject();
            n.put("scope", c.scope());
            c.credentialId().ifPresent(id -> n.put("credentialId", id));
            n.put("failures", c.failures());
            n.put("windowStart", c.windowStart().toString());
            n.put("windowEnd", c.windowEnd().toString());
            c.lockedUntil().ifPresent(t -> n.put("lockedUntil", t.toString()));
        }
        ArrayNode enrols = root.putArray("enrollments");
        for (Enrollment e : enrollments) {
            ObjectNode n = enrols.addObject();
            n.put("enrollmentId", e.enrollmentId());
            n.put("state", e.state());
            n.put("startedAt", e.startedAt().toString());
            n.put("updatedAt", e.updatedAt().toString());
            n.put("expiresAt", e.expiresAt().toString());
            e.carrierId().ifPresent(c -> n.put("carrier", c));
            e.consent().ifPresent(c -> {
                ObjectNode consent = n.putObject("consent");
                consent.put("termsVersion", c.termsVersion());
                c.at().ifPresent(t -> consent.put("at", t.toString()));
            });
            n.put("holdsSealedApplicationData", e.holdsSealedApplicationData());
        }
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree of strings and numbers always serialises", e);
        }
    }

    /**
     * One credential (行動電話憑證), without its verifiers, password hash or certificate bytes.
     *
     * @param credentialId          the credential id ({@code mat_…})
     * @param status                {@code ACTIVE} or {@code REVOKED}
     * @param issuedAt              when it was issued
     * @param certificateNotAfter   when its certificate expires
     * @param revokedAt             when it was revoked, if it was
     * @param lastUsedAt            the last successful login with it, if any
     * @param deviceKeySha256       SHA-256 of the device public key (base64url), naming the browser's key
     * @param noticeAcknowledgement the personal-data notice acknowledgement recorded on it, if any
     * @param boundDevice           the device class and browser family of the browser it is bound to;
     *                              empty when unknown (issued before the SDK recorded it)
     */
    public record Credential(String credentialId, String status, Instant issuedAt, Instant certificateNotAfter,
            Optional<Instant> revokedAt, Optional<Instant> lastUsedAt, String deviceKeySha256,
            Optional<NoticeAcknowledgement> noticeAcknowledgement, Optional<BoundDevice> boundDevice) {
        /**
         * All required (use {@link Optional#empty()}).
         *
         * @param credentialId the credential id
         * @param status the HTTP status, or 0 when no answer arrived
         * @param issuedAt when it was issued
         * @param certificateNotAfter the certificate not after
         * @param revokedAt the revoked at
         * @param lastUsedAt the last used at
         * @param deviceKeySha256 the device key sha256
         * @param noticeAcknowledgement the notice acknowledgement
         * @param boundDevice the bound device
         */
        public Credential {
            Objects.requireNonNull(credentialId, "credentialId");
            Objects.requireNonNull(status, "status");
            Objects.requireNonNull(issuedAt, "issuedAt");
            Objects.requireNonNull(certificateNotAfter, "certificateNotAfter");
            Objects.requireNonNull(revokedAt, "revokedAt");
            Objects.requireNonNull(lastUsedAt, "lastUsedAt");
            Objects.requireNonNull(deviceKeySha256, "deviceKeySha256");
            Objects.requireNonNull(noticeAcknowledgement, "noticeAcknowledgement");
            Objects.requireNonNull(boundDevice, "boundDevice");
        }

        /**
         * A credential whose bound device is unknown (the form before that field existed).
         *
         * @param credentialId the credential id
         * @param status the HTTP status, or 0 when no answer arrived
         * @param issuedAt when it was issued
         * @param certificateNotAfter the certificate not after
         * @param revokedAt the revoked at
         * @param lastUsedAt the last used at
         * @param deviceKeySha256 the device key sha256
         * @param noticeAcknowledgement the notice acknowledgement
         */
        public Credential(String credentialId, String status, Instant issuedAt, Instant certificateNotAfter,
                Optional<Instant> revokedAt, Optional<Instant> lastUsedAt, String deviceKeySha256,
                Optional<NoticeAcknowledgement> noticeAcknowledgement) {
            this(credentialId, status, issuedAt, certificateNotAfter, revokedAt, lastUsedAt, deviceKeySha256,
                    noticeAcknowledgement, Optional.empty());
        }
    }

    /**
     * A personal-data notice acknowledgement (PDPA art. 8 record).
     *
     * @param version the notice version accepted
     * @param at      when, if recorded
     */
    public record NoticeAcknowledgement(String version, Optional<Instant> at) {
        /**
         * All required.
         *
         * @param version the version value
         * @param at the at value
         */
        public NoticeAcknowledgement {
            Objects.requireNonNull(version, "version");
            Objects.requireNonNull(at, "at");
        }
    }

    /**
     * One enrolment (行動電話認證申請), metadata only.
     *
     * @param enrollmentId               the enrolment id, masked (its first 6 characters and {@code …})
     * @param state                      e.g. {@code AWAITING_DEVICE}, {@code COMPLETED}, {@code REJECTED}
     * @param startedAt                  when the application was made
     * @param updatedAt                  when the enrolment last changed
     * @param expiresAt                  when an unfinished enrolment ends
     * @param carrierId                  the carrier that verified (or is to verify) the number, e.g. {@code cht}
     * @param consent                    the consent given on the phone, if it was
     * @param holdsSealedApplicationData whether the store still holds the application's personal data,
     *                                   sealed with the pending-data key (until the enrolment ends)
     */
    public record Enrollment(String enrollmentId, String state, Instant startedAt, Instant updatedAt,
            Instant expiresAt, Optional<String> carrierId, Optional<ConsentRecord> consent,
            boolean holdsSealedApplicationData) {
        /**
         * All required (use {@link Optional#empty()}).
         *
         * @param enrollmentId the enrollment id
         * @param state the state value
         * @param startedAt the started at
         * @param updatedAt the updated at
         * @param expiresAt when it expires
         * @param carrierId the carrier id
         * @param consent the consent value
         * @param holdsSealedApplicationData the holds sealed application data
         */
        public Enrollment {
            Objects.requireNonNull(enrollmentId, "enrollmentId");
            Objects.requireNonNull(state, "state");
            Objects.requireNonNull(startedAt, "startedAt");
            Objects.requireNonNull(updatedAt, "updatedAt");
            Objects.requireNonNull(expiresAt, "expiresAt");
            Objects.requireNonNull(carrierId, "carrierId");
            Objects.requireNonNull(consent, "consent");
        }
    }

    /**
     * The consent record of an enrolment (the terms box before 開始驗證).
     *
     * @param termsVersion the version of the terms consented to
     * @param at           when, if recorded
     */
    public record ConsentRecord(String termsVersion, Optional<Instant> at) {
        /**
         * All required.
         *
         * @param termsVersion the terms version
         * @param at the at value
         */
        public ConsentRecord {
            Objects.requireNonNull(termsVersion, "termsVersion");
            Objects.requireNonNull(at, "at");
        }
    }

    /**
     * A lock-out counter.
     *
     * @param scope        {@code "credential"}, {@code "person"}, or {@code "person-streak"} (failures in a row since
     *                     the last success, see {@link LockOutPolicy#maxConsecutiveFailures()})
     * @param credentialId the credential, for scope {@code "credential"}
     * @param failures     counted failures in the window
     * @param windowStart  when the window began
     * @param windowEnd    when the count resets
     * @param lockedUntil  until when it is or was locked, if it was
     */
    public record Counter(String scope, Optional<String> credentialId, long failures, Instant windowStart,
            Instant windowEnd, Optional<Instant> lockedUntil) {
        /**
         * All required.
         *
         * @param scope the scope value
         * @param credentialId the credential id
         * @param failures the failures value
         * @param windowStart the window start
         * @param windowEnd the window end
         * @param lockedUntil the locked until
         */
        public Counter {
            Objects.requireNonNull(scope, "scope");
            Objects.requireNonNull(credentialId, "credentialId");
            Objects.requireNonNull(windowStart, "windowStart");
            Objects.requireNonNull(windowEnd, "windowEnd");
            Objects.requireNonNull(lockedUntil, "lockedUntil");
        }
    }
}
