package tw.mobileauth.identity;

import java.time.Clock;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import tw.mobileauth.FieldReason;
import tw.mobileauth.InvalidInputException;

/**
 * Validates a whole {@link ApplicationForm} and reports <em>every</em> rejected field at once.
 *
 * <p>Checks, each for its own field (see {@link FieldNames}): the ID ({@link NationalId#parse}),
 * the carrier (one of the supported ids, case-insensitive; {@code UNSUPPORTED_CARRIER} otherwise),
 * the mobile number, the NHI card number, the birth date (against the configured clock), the name,
 * the password ({@link PasswordPolicy}, with the ID, birth date and phone as context words
 * whenever those fields parsed) and the confirmation ({@code REQUIRED} if the password was given
 * but the confirmation was not, {@code CONFIRMATION_MISMATCH} if they differ).
 *
 * <p>Only local checks run here. Whether a resident number, or a line, is eligible is the
 * eligibility policy's decision, not this validator's: a checksum-valid resident number passes.
 *
 * <p>Immutable and thread-safe. Defaults: carriers {@code cht}, {@code twm}, {@code fet};
 * {@link PasswordPolicy#standard()}; {@link Clock#systemUTC()}.
 */
public final class ApplicationFormValidator {

    /** The carriers supported by default, in this order: Chunghwa Telecom, Taiwan Mobile, FarEasTone. */
    public static final Set<String> DEFAULT_CARRIER_IDS =
            Collections.unmodifiableSet(new LinkedHashSet<>(List.of("cht", "twm", "fet")));

    /** Carrier ids are short; longer input is rejected without being looked at. */
    private static final int MAX_CARRIER_ID_LENGTH = 64;

    private final Set<String> carrierIds;
    private final PasswordPolicy passwordPolicy;
    private final Clock clock;
    private final boolean nhiCardOptional;

    private ApplicationFormValidator(Builder b) {
        this.nhiCardOptional = b.nhiCardOptional;
        this.carrierIds = b.carrierIds;
        this.passwordPolicy = b.passwordPolicy == null ? PasswordPolicy.standard() : b.passwordPolicy;
        this.clock = b.clock;
    }

    /** @return a validator with every default (see the class comment) */
    public static ApplicationFormValidator standard() {
        return builder().build();
    }

    /** @return a builder preset with the defaults */
    public static Builder builder() {
        return new Builder();
    }

    /** @return the supported carrier ids, lower case, in configuration order */
    public Set<String> supportedCarrierIds() {
        return carrierIds;
    }

    /**
     * Validates every field of {@code form}.
     *
     * <p>On success the returned application owns a fresh copy of the password: close it after
     * hashing. On failure every copy this method made is wiped. The form itself is not wiped:
     * close it when done.
     *
     * @param form the raw form; null is treated as a form with every field empty
     * @return the parsed values, never null
     * @throws InvalidInputException listing every rejected field, in form order
     */
    public ValidatedApplication validate(ApplicationForm form) throws InvalidInputException {
        ApplicationForm f = form == null ? ApplicationForm.builder().build() : form;
        InvalidInputException.Collector errors = InvalidInputException.collector();

        Optional<NationalId> id = errors.attempt(() -> NationalId.parse(f.nationalId().orElse(null)));
        Optional<String> carrier = errors.attempt(() -> carrier(f.carrierId()));
        Optional<MobileNumber> phone = errors.attempt(() -> MobileNumber.parse(f.mobileNumber().orElse(null)));
        boolean nhiGiven = f.nhiCardNumber().filter(v -> !v.isBlank()).isPresent();
        Optional<NhiCardNumber> nhi = nhiCardOptional && !nhiGiven ? Optional.empty()
                : errors.attempt(() -> NhiCardNumber.parse(f.nhiCardNumber().orElse(null)));
        Optional<BirthDate> birth = errors.attempt(() -> BirthDate.parse(f.birthDate().orElse(null), clock));
        Optional<PersonName> name = errors.attempt(() -> PersonName.of(f.name().orElse(null)));

        PasswordContext context = PasswordContext.none();
        if (id.isPresent()) {
            context = context.withNationalId(id.get());
        }
        if (birth.isPresent()) {
            context = context.withBirthDate(birth.get());
        }
        if (phone.isPresent()) {
            context = context.withMobileNumber(phone.get());
        }

        Optional<CertificatePassword> password = errors.attempt(() -> CertificatePassword.of(f.password().orElse(null)));
        boolean handedOver = false;
        try {
            if (password.isPresent()) {
                CertificatePassword pw = password.get();
                PasswordContext ctx = context;
                errors.attempt(() -> {
                    passwordPolicy.check(pw, ctx);
                    return pw;
                });
                checkConfirmation(pw, f.passwordConfirmation(), errors);
            }
            errors.throwIfAny();
            ValidatedApplication result = new ValidatedApplication(id.orElseThrow(), carrier.orElseThrow(),
                    phone.orElseThrow(), nhi, birth.orElseThrow(), name.orElseThrow(), password.orElseThrow());
            handedOver = true;
            return result;
        } finally {
            if (!handedOver) {
                password.ifPresent(CertificatePassword::wipe);
            }
        }
    }

    private static void checkConfirmation(CertificatePassword password, Optional<char[]> typed,
            InvalidInputException.Collector errors) {
        if (typed.isEmpty() || typed.get().length == 0) {
            errors.add(FieldNames.PASSWORD_CONFIRMATION, FieldReason.REQUIRED);
            return;
        }
        Optional<CertificatePassword> confirmation = errors.attempt(() -> CertificatePassword.of(typed.get()));
        if (confirmation.isEmpty()) {
            return;
        }
        try (CertificatePassword c = confirmation.get()) {
            if (!password.matches(c)) {
                errors.add(FieldNames.PASSWORD_CONFIRMATION, FieldReason.CONFIRMATION_MISMATCH);
            }
        }
    }

    private String carrier(Optional<String> raw) throws InvalidInputException {
        if (raw.isEmpty() || raw.get().isBlank()) {
            throw InvalidInputException.of(FieldNames.CARRIER, FieldReason.REQUIRED);
        }
        String s = raw.get();
        if (s.length() <= MAX_CARRIER_ID_LENGTH) {
            String id = s.strip().toLowerCase(Locale.ROOT);
            if (carrierIds.contains(id)) {
                return id;
            }
        }
        throw InvalidInputException.of(FieldNames.CARRIER, FieldReason.UNSUPPORTED_CARRIER);
    }

    /** @return e.g. {@code ApplicationFormValidator[carriers=[cht, twm, fet], PasswordPolicy[…]]} */
    @Override
    public String toString() {
        return "ApplicationFormValidator[carriers=" + carrierIds + ", " + passwordPolicy + "]";
    }

    /** Configures a validator; every setting has a default. Not thread-safe. */
    public static final class Builder {
        private Set<String> carrierIds = DEFAULT_CARRIER_IDS;
        private PasswordPolicy passwordPolicy;
        private Clock clock = Clock.systemUTC();
        private boolean nhiCardOptional;

        private Builder() {
        }

        /**
         * The carrier ids the portal supports. Default: {@link #DEFAULT_CARRIER_IDS}.
         *
         * @param ids non-empty, none blank; compared case-insensitively (stored lower case)
         * @return this builder
         * @throws IllegalArgumentException if {@code ids} is empty or holds a blank id
         */
        public Builder supportedCarrierIds(Set<String> ids) {
            Objects.requireNonNull(ids, "ids");
            if (ids.isEmpty()) {
                throw new IllegalArgumentException("at least one carrier id is required");
            }
            Set<String> normalised = new LinkedHashSet<>();
            for (String id : ids) {
                if (id == null || id.isBlank() || id.length() > MAX_CARRIER_ID_LENGTH) {
                    throw new IllegalArgumentException("carrier ids must be 1 to " + MAX_CARRIER_ID_LENGTH
                            + " non-blank characters");
                }
                normalised.add(id.strip().toLowerCase(Locale.ROOT));
            }
            this.carrierIds = Collections.unmodifiableSet(normalised);
            return this;
        }

        /**
         * The password policy. Default: {@link PasswordPolicy#standard()}.
         *
         * @param policy the policy
         * @return this builder
         */
        public Builder passwordPolicy(PasswordPolicy policy) {
            this.passwordPolicy = Objects.requireNonNull(policy, "policy");
            return this;
        }

        /**
         * The clock that decides what "today" is for birth dates. Default: {@link Clock#systemUTC()}
         * (today is always taken in Asia/Taipei).
         *
         * @param clock the clock
         * @return this builder
         */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * {@return whether the NHI card number may be left empty (it is still checked when given)} Default
         * {@code false}. For a portal that runs without an identity registry and leaves the field
         * off its form: with a registry, the number is always required.
         *
         * @param optional the optional value
         */
        public Builder nhiCardNumberOptional(boolean optional) {
            this.nhiCardOptional = optional;
            return this;
        }

        /** @return the validator */
        public ApplicationFormValidator build() {
            return new ApplicationFormValidator(this);
        }
    }
}
