package tw.mobileauth.identity;

/**
 * An application form whose every field passed {@link ApplicationFormValidator}: the parsed
 * values, ready for the eligibility pre-check and for hashing the password.
 *
 * <p>It owns a copy of the password: hash it at once, then {@link #close()} (or use
 * try-with-resources) to wipe it. {@link #toString()} is masked. Equality is identity.
 */
public final class ValidatedApplication implements AutoCloseable {

    private final NationalId nationalId;
    private final String carrierId;
    private final MobileNumber mobileNumber;
    private final java.util.Optional<NhiCardNumber> nhiCardNumber;
    private final BirthDate birthDate;
    private final PersonName name;
    private final CertificatePassword password;

    ValidatedApplication(NationalId nationalId, String carrierId, MobileNumber mobileNumber,
            java.util.Optional<NhiCardNumber> nhiCardNumber, BirthDate birthDate, PersonName name, CertificatePassword password) {
        this.nationalId = nationalId;
        this.carrierId = carrierId;
        this.mobileNumber = mobileNumber;
        this.nhiCardNumber = nhiCardNumber;
        this.birthDate = birthDate;
        this.name = name;
        this.password = password;
    }

    /** @return the applicant's ID; may be a resident number (eligibility decides whether that is allowed) */
    public NationalId nationalId() {
        return nationalId;
    }

    /** @return the carrier id, lower case, one of the validator's supported ids, e.g. {@code "cht"} */
    public String carrierId() {
        return carrierId;
    }

    /** @return the mobile number */
    public MobileNumber mobileNumber() {
        return mobileNumber;
    }

    /** @return the NHI card number; empty only where the validator was told it is optional and none was given */
    public java.util.Optional<NhiCardNumber> nhiCardNumber() {
        return nhiCardNumber;
    }

    /** @return the birth date */
    public BirthDate birthDate() {
        return birthDate;
    }

    /** @return the name, stored as typed */
    public PersonName name() {
        return name;
    }

    /** @return the password, which passed the policy; wiped by {@link #close()} */
    public CertificatePassword password() {
        return password;
    }

    /** Wipes the password. Idempotent. */
    @Override
    public void close() {
        password.wipe();
    }

    /** @return the masked values, e.g. {@code ValidatedApplication[A12****789, cht, 0912***678, …]} */
    @Override
    public String toString() {
        return "ValidatedApplication[" + nationalId + ", " + carrierId + ", " + mobileNumber + ", "
                + nhiCardNumber + ", " + birthDate + ", " + name + ", " + password + "]";
    }
}
