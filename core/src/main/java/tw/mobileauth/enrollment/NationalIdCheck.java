package tw.mobileauth.enrollment;

import java.util.Objects;

/**
 * Step 1 passed: the ID is well-formed, checksum-valid and a citizen's. It says nothing about
 * whether the person has enrolled before.
 *
 * @param maskedNationalId e.g. {@code A12****789}, to echo on the form
 */
public record NationalIdCheck(String maskedNationalId) {

    /**
     * @param maskedNationalId the masked national id
     * @throws NullPointerException if null
     */
    public NationalIdCheck {
        Objects.requireNonNull(maskedNationalId, "maskedNationalId");
    }
}
