package tw.mobileauth.enrollment;

import tw.mobileauth.crypto.HmacKey;
import tw.mobileauth.identity.BirthDate;
import tw.mobileauth.identity.NationalId;
import tw.mobileauth.identity.PersonName;

/**
 * The keyed verifiers a {@link tw.mobileauth.store.CredentialRecord} holds instead of personal
 * data (docs/architecture.md, "Credentials and data at rest"). Enrolment writes them; login recomputes them from what the person types and
 * compares in constant time ({@link HmacKey#matches}).
 *
 * <ul>
 *   <li>subject key: HMAC purpose {@value #SUBJECT}, over the canonical national ID;</li>
 *   <li>birth date: purpose {@value #BIRTH_DATE}, scoped by the credential id, over the ISO date;</li>
 *   <li>name: purpose {@value #NAME}, scoped by the credential id, over the name's comparison key.</li>
 * </ul>
 */
public final class CredentialVerifiers {

    /** HMAC purpose of the subject key. */
    public static final String SUBJECT = "subject";
    /** HMAC purpose of the birth-date verifier. */
    public static final String BIRTH_DATE = "birth-date";
    /** HMAC purpose of the name verifier. */
    public static final String NAME = "name";

    private CredentialVerifiers() {
    }

    /**
     * {@return HMAC(national ID): finds a person's credentials without storing the ID}
     *
     * @param key the key
     * @param id the id
     */
    public static String subjectKey(HmacKey key, NationalId id) {
        return key.verifier(SUBJECT, id.value());
    }

    /**
     * {@return the birth-date verifier bound to {@code credentialId}}
     *
     * @param key the key
     * @param credentialId the credential id
     * @param birthDate the birth date
     */
    public static String birthDate(HmacKey key, String credentialId, BirthDate birthDate) {
        return key.verifier(BIRTH_DATE, credentialId, birthDate.iso());
    }

    /**
     * {@return the name verifier bound to {@code credentialId}, over {@link PersonName#comparisonKey()}}
     *
     * @param key the key
     * @param credentialId the credential id
     * @param name the name
     */
    public static String name(HmacKey key, String credentialId, PersonName name) {
        return key.verifier(NAME, credentialId, name.comparisonKey());
    }

    /**
     * {@return the counter-store key of one person's failed holder checks during enrolment (KYC or NHI card
     * mismatches), from their subject key: never the ID} Login's lock-out clearing and PDPA
     * erasure reset it too.
     *
     * @param subjectKey the subject key
     */
    public static String holderCheckCounterKey(String subjectKey) {
        return "holder-check:" + java.util.Objects.requireNonNull(subjectKey, "subjectKey");
    }
}
