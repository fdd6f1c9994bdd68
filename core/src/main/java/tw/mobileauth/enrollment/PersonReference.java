package tw.mobileauth.enrollment;

import java.util.Objects;

/**
 * Whom an enrolment event is about, without plaintext personal data: masked forms to show, and
 * an opaque key to find the person's credentials by.
 *
 * @param maskedNationalId e.g. {@code A12****789}
 * @param maskedPhone      e.g. {@code 0912***678}
 * @param subjectKey       HMAC(national ID) under the deployment's HMAC key, base64url: the same
 *                         value as {@link tw.mobileauth.store.CredentialRecord#subjectKey()}, so a
 *                         portal can match it to its own records without ever seeing the ID here
 */
public record PersonReference(String maskedNationalId, String maskedPhone, String subjectKey) {

    /**
     * All required.
     *
     * @param maskedNationalId the masked national id
     * @param maskedPhone the masked phone
     * @param subjectKey the subject key
     */
    public PersonReference {
        Objects.requireNonNull(maskedNationalId, "maskedNationalId");
        Objects.requireNonNull(maskedPhone, "maskedPhone");
        Objects.requireNonNull(subjectKey, "subjectKey");
    }
}
