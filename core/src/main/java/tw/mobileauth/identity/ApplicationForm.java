package tw.mobileauth.identity;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The application form (step 2 of the journey) exactly as the applicant filled it in: raw,
 * unvalidated strings, and the two password fields as {@code char[]}.
 *
 * <p>Build with {@link #builder()}; a field that is never set (or set to null) is empty and is
 * reported as {@code REQUIRED} by {@link ApplicationFormValidator}. The password arrays are
 * copied in; {@link #close()} wipes the copies. Wipe your own arrays too.
 *
 * <p>{@link #toString()} lists only which fields are filled in, never their values.
 */
public final class ApplicationForm implements AutoCloseable {

    private final String nationalId;
    private final String carrierId;
    private final String mobileNumber;
    private final String nhiCardNumber;
    private final String birthDate;
    private final String name;
    private final char[] password;
    private final char[] passwordConfirmation;

    private ApplicationForm(Builder b) {
        this.nationalId = b.nationalId;
        this.carrierId = b.carrierId;
        this.mobileNumber = b.mobileNumber;
        this.nhiCardNumber = b.nhiCardNumber;
        this.birthDate = b.birthDate;
        this.name = b.name;
        this.password = b.password == null ? null : b.password.clone();
        this.passwordConfirmation = b.passwordConfirmation == null ? null : b.passwordConfirmation.clone();
    }

    /** @return a builder with every field empty */
    public static Builder builder() {
        return new Builder();
    }

    Optional<String> nationalId() {
        return Optional.ofNullable(nationalId);
    }

    Optional<String> carrierId() {
        return Optional.ofNullable(carrierId);
    }

    Optional<String> mobileNumber() {
        return Optional.ofNullable(mobileNumber);
    }

    Optional<String> nhiCardNumber() {
        return Optional.ofNullable(nhiCardNumber);
    }

    Optional<String> birthDate() {
        return Optional.ofNullable(birthDate);
    }

    Optional<String> name() {
        return Optional.ofNullable(name);
    }

    /** The live password array (this form's copy); empty if not filled in. */
    Optional<char[]> password() {
        return Optional.ofNullable(password);
    }

    /** The live confirmation array (this form's copy); empty if not filled in. */
    Optional<char[]> passwordConfirmation() {
        return Optional.ofNullable(passwordConfirmation);
    }

    /** Overwrites this form's copies of both password fields with zeros. Idempotent. */
    @Override
    public void close() {
        if (password != null) {
            Arrays.fill(password, '\0');
        }
        if (passwordConfirmation != null) {
            Arrays.fill(passwordConfirmation, '\0');
        }
    }

    /** @return e.g. {@code ApplicationForm[filled: nationalId, name, password]}; never a value */
    @Override
    public String toString() {
        List<String> filled = new ArrayList<>();
        addIf(filled, nationalId != null, FieldNames.NATIONAL_ID);
        addIf(filled, carrierId != null, FieldNames.CARRIER);
        addIf(filled, mobileNumber != null, FieldNames.MOBILE_NUMBER);
        addIf(filled, nhiCardNumber != null, FieldNames.NHI_CARD_NUMBER);
        addIf(filled, birthDate != null, FieldNames.BIRTH_DATE);
        addIf(filled, name != null, FieldNames.NAME);
        addIf(filled, password != null, FieldNames.PASSWORD);
        addIf(filled, passwordConfirmation != null, FieldNames.PASSWORD_CONFIRMATION);
        return "ApplicationForm[filled: " + String.join(", ", filled) + "]";
    }

    private static void addIf(List<String> list, boolean condition, String field) {
        if (condition) {
            list.add(field);
        }
    }

    /**
     * Collects the raw fields. Every setter accepts null (meaning "not filled in") and returns
     * this builder. Not thread-safe.
     */
    public static final class Builder {
        private String nationalId;
        private String carrierId;
        private String mobileNumber;
        private String nhiCardNumber;
        private String birthDate;
        private String name;
        private char[] password;
        private char[] passwordConfirmation;

        private Builder() {
        }

        /**
         * @param value 身分證號 as typed
         * @return this builder
         */
        public Builder nationalId(String value) {
            this.nationalId = value;
            return this;
        }

        /**
         * @param value the carrier id picked, e.g. {@code "cht"}
         * @return this builder
         */
        public Builder carrierId(String value) {
            this.carrierId = value;
            return this;
        }

        /**
         * @param value 手機門號 as typed
         * @return this builder
         */
        public Builder mobileNumber(String value) {
            this.mobileNumber = value;
            return this;
        }

        /**
         * @param value 健保卡號 as typed
         * @return this builder
         */
        public Builder nhiCardNumber(String value) {
            this.nhiCardNumber = value;
            return this;
        }

        /**
         * @param value 出生日期 as typed, Gregorian or ROC
         * @return this builder
         */
        public Builder birthDate(String value) {
            this.birthDate = value;
            return this;
        }

        /**
         * @param value 姓名 as typed
         * @return this builder
         */
        public Builder name(String value) {
            this.name = value;
            return this;
        }

        /**
         * @param value 憑證密碼; the builder keeps a reference until {@link #build()}, which copies it
         * @return this builder
         */
        public Builder password(char[] value) {
            this.password = value;
            return this;
        }

        /**
         * @param value the password typed a second time; copied by {@link #build()}
         * @return this builder
         */
        public Builder passwordConfirmation(char[] value) {
            this.passwordConfirmation = value;
            return this;
        }

        /** @return the form, holding its own copies of the password arrays */
        public ApplicationForm build() {
            return new ApplicationForm(this);
        }
    }
}
