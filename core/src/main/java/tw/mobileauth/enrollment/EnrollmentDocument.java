package tw.mobileauth.enrollment;

import tw.mobileauth.client.BrowserFamily;
import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The versioned JSON document inside an {@link tw.mobileauth.store.EnrollmentRecord}. Short field
 * names keep 100 000 pending enrolments small. Personal data is only in {@link #sealedPii}
 * (AES-GCM, see {@link PendingData}); the rest are keyed hashes, ids, times and facts.
 *
 * <p>Mutable on purpose: each request parses a fresh copy, changes it and writes it back with
 * compare-and-set. Never shared between threads.
 */
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY, getterVisibility = JsonAutoDetect.Visibility.NONE,
        isGetterVisibility = JsonAutoDetect.Visibility.NONE)
@JsonInclude(JsonInclude.Include.NON_NULL)
final class EnrollmentDocument {

    static final int VERSION = 1;

    private static final ObjectMapper JSON = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    @JsonProperty("v") int version = VERSION;
    /** QR or SAME_DEVICE. */
    @JsonProperty("rt") String route;
    /** The applying device's class. */
    @JsonProperty("ad") String applyingDevice;
    /** The applying browser's family ({@link BrowserFamily} name), shown on the phone before consent. */
    @JsonProperty("ab") String applyingBrowser;
    /** The applying device's coarse network prefix (IPv4 /24, IPv6 /48), never a full address. */
    @JsonProperty("an") String applyingNetwork;
    /** The person, masked (e.g. A12****789, 0912***678), for listener events; never the plain values. */
    @JsonProperty("mi") String maskedNationalId;
    @JsonProperty("mp") String maskedPhone;
    /** The verifying device's class, once connected. */
    @JsonProperty("vd") String verifyingDevice;
    /** The verifying device's masked context (class, masked IP, shortened user agent), for the consent record. */
    @JsonProperty("vc") String verifyingContext;
    @JsonProperty("ca") String carrierId;
    /** HMAC(national ID). */
    @JsonProperty("sk") String subjectKey;
    /** HMAC of the desktop secret. */
    @JsonProperty("ds") String desktopVerifier;
    /** The current handoff token's store key (HMAC of the token). */
    @JsonProperty("hk") String handoffKey;
    /** When the current handoff token dies (ISO instant). */
    @JsonProperty("hx") String handoffExpiresAt;
    @JsonProperty("rg") int regenerations;
    /** HMAC of the phone session secret. */
    @JsonProperty("ps") String phoneVerifier;
    @JsonProperty("pc") String pairingCode;
    /** Whether the verifying phone is paired with the applying device: same device, or the right pairing code typed. */
    @JsonProperty("pok") boolean pairingConfirmed;
    /** Wrong pairing codes typed so far. */
    @JsonProperty("pf") int pairingFailures;
    /** The device's SubjectPublicKeyInfo, base64. */
    @JsonProperty("dk") String deviceKey;
    /** Argon2id PHC of the certificate password. */
    @JsonProperty("pw") String passwordHash;
    /** The terms version shown to the verifying phone (at begin on the same device, at the claim on the QR route). */
    @JsonProperty("tv") String termsVersion;
    /** Consent: terms version, ISO time, masked context. */
    @JsonProperty("ct") String consentTerms;
    @JsonProperty("cat") String consentAt;
    @JsonProperty("cx") String consentContext;
    /** The current carrier state's store key (HMAC of the state). */
    @JsonProperty("st") String stateKey;
    /**
     * Number verification checkpoint: the carrier state it belongs to (its store key), verified at
     * (ISO), access network, roaming, visited country. Valid only for that state: a restarted
     * verification must verify the number again.
     */
    @JsonProperty("nvk") String nvStateKey;
    @JsonProperty("nva") String nvVerifiedAt;
    @JsonProperty("nvn") String nvAccess;
    @JsonProperty("nvr") Boolean nvRoaming;
    @JsonProperty("nvc") Integer nvVisitedCountry;
    /**
     * Whether the number was verified by the phone paired with the applying device (the carrier
     * callback came back in that phone's session, and the pairing was confirmed): only then may
     * the applying device see which holder field the carrier did not confirm.
     */
    @JsonProperty("nvp") boolean nvByPairedPhone;
    /** The last problem, as a short code (CARRIER_BUSY, CARRIER_FAILED, CARRIER_RESTART, CA_NOT_VALID, CARRIER_NOT_CONFIGURED). */
    @JsonProperty("le") String lastError;
    @JsonProperty("ci") String credentialId;
    /** The issued certificate, DER, base64. */
    @JsonProperty("cr") String certificate;
    @JsonProperty("rj") List<String> rejections;
    /** {@link PendingData}, sealed with the pending-data key; removed when the enrolment ends. */
    @JsonProperty("pii") String sealedPii;

    static EnrollmentDocument parse(String json) {
        try {
            EnrollmentDocument d = JSON.readValue(json, EnrollmentDocument.class);
            if (d.version != VERSION) {
                throw new IllegalStateException("enrolment document version " + d.version + " is not supported");
            }
            return d;
        } catch (IOException e) {
            throw new UncheckedIOException("unreadable enrolment document", e);
        }
    }

    String toJson() {
        try {
            return JSON.writeValueAsString(this);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Whether the number was verified for the verification that issued {@code stateKey}. */
    boolean hasNumberVerifiedFor(String stateKey) {
        return nvVerifiedAt != null && Records.sameKey(nvStateKey, stateKey);
    }

    /** Drops the number-verification checkpoint (a new verification starts from scratch). */
    void forgetNumberVerification() {
        nvStateKey = null;
        nvVerifiedAt = null;
        nvAccess = null;
        nvRoaming = null;
        nvVisitedCountry = null;
        nvByPairedPhone = false;
    }

    List<String> rejectionCodes() {
        return rejections == null ? List.of() : List.copyOf(rejections);
    }

    void reject(List<RejectionReason> reasons) {
        List<String> codes = new ArrayList<>();
        reasons.forEach(r -> codes.add(r.code()));
        rejections = codes;
    }

    /** Forgets everything personal or secret that the finished enrolment no longer needs. */
    void wipe() {
        sealedPii = null;
        handoffKey = null;
        stateKey = null;
        passwordHash = null;
        pairingCode = null;
    }
}
