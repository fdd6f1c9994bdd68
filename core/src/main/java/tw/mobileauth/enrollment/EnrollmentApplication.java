package tw.mobileauth.enrollment;

import java.util.Optional;
import tw.mobileauth.InvalidInputException;
import tw.mobileauth.identity.ApplicationForm;

/**
 * Everything the applying browser submits to {@code begin}: the form (step 2), the captcha
 * answer, and the device key with its proof of possession.
 *
 * <p>The browser generates a non-extractable ECDSA P-256 key (WebCrypto), exports its public
 * key as SPKI, and signs the enrolment proof message (see {@code SignedMessages}) with it.
 * Nothing here is validated until {@code begin}, which reports every problem at once. Every part
 * may be missing (a missing part is a validation error, never a {@code NullPointerException}).
 */
public final class EnrollmentApplication {

    private final Optional<ApplicationForm> form;
    private final Optional<String> challenge;
    private final Optional<String> captchaId;
    private final Optional<String> captchaAnswer;
    private final Optional<byte[]> devicePublicKey;
    private final Optional<byte[]> proofOfPossession;

    private EnrollmentApplication(Builder b) {
        this.form = Optional.ofNullable(b.form);
        this.challenge = Optional.ofNullable(b.challenge);
        this.captchaId = Optional.ofNullable(b.captchaId);
        this.captchaAnswer = Optional.ofNullable(b.captchaAnswer);
        this.devicePublicKey = Optional.ofNullable(b.devicePublicKey).map(byte[]::clone);
        this.proofOfPossession = Optional.ofNullable(b.proofOfPossession).map(byte[]::clone);
    }

    /**
     * Starts an application.
     *
     * @return this builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * {@return the application as the browser posts it ({@code mobileauth.js} sends exactly this; the
     * shape is documented in {@code docs/browser-json.md}):
     * <pre>{@code
     * {"nationalId": "A123456789", "carrierId": "cht", "mobileNumber": "0912345678",
     *  "nhiCardNumber": "000012345678", "birthDate": "1986-03-14", "name": "王小明",
     *  "password": "…", "passwordConfirmation": "…",
     *  "challenge": "<FormChallenge.challenge()>", "captchaId": "…", "captchaAnswer": "…",
     *  "devicePublicKey": "<base64url SPKI>", "proofOfPossession": "<base64url signature>"}
     * }</pre>
     * A member that is absent, {@code null} or not a string is a missing part, which {@code begin}
     * reports with every other problem at once} Unknown members are ignored.
     *
     * @param json the json value
     * @throws InvalidInputException {@code request: BAD_FORMAT} if the body is not a JSON object (at most 16 KB)
     */
    public static EnrollmentApplication fromJson(String json) throws InvalidInputException {
        tw.mobileauth.internal.BrowserJson body = tw.mobileauth.internal.BrowserJson.parse(json);
        char[] password = body.chars("password");
        char[] confirmation = body.chars("passwordConfirmation");
        try {
            ApplicationForm form = ApplicationForm.builder()
                    .nationalId(body.text("nationalId").orElse(null))
                    .carrierId(body.text("carrierId").orElse(null))
                    .mobileNumber(body.text("mobileNumber").orElse(null))
                    .nhiCardNumber(body.text("nhiCardNumber").orElse(null))
                    .birthDate(body.text("birthDate").orElse(null))
                    .name(body.text("name").orElse(null))
                    .password(password)
                    .passwordConfirmation(confirmation)
                    .build();
            return builder()
                    .form(form)
                    .challenge(body.text("challenge").orElse(null))
                    .captcha(body.text("captchaId").orElse(null), body.text("captchaAnswer").orElse(null))
                    .devicePublicKey(body.bytes("devicePublicKey").orElse(null))
                    .proofOfPossession(body.bytes("proofOfPossession").orElse(null))
                    .build();
        } finally {
            for (char[] secret : new char[][] {password, confirmation}) {
                if (secret != null) {
                    java.util.Arrays.fill(secret, '\0');
                }
            }
        }
    }

    Optional<ApplicationForm> form() {
        return form;
    }

    Optional<String> challenge() {
        return challenge;
    }

    Optional<String> captchaId() {
        return captchaId;
    }

    Optional<String> captchaAnswer() {
        return captchaAnswer;
    }

    Optional<byte[]> devicePublicKey() {
        return devicePublicKey.map(byte[]::clone);
    }

    Optional<byte[]> proofOfPossession() {
        return proofOfPossession.map(byte[]::clone);
    }

    /** Shows which parts are present; never their values. */
    @Override
    public String toString() {
        return "EnrollmentApplication[form=" + form.isPresent() + ", captcha=" + captchaAnswer.isPresent()
                + ", deviceKey=" + devicePublicKey.isPresent() + ", proof=" + proofOfPossession.isPresent() + "]";
    }

    /** Collects the parts; every setter accepts null as "missing". */
    public static final class Builder {
        private ApplicationForm form;
        private String challenge;
        private String captchaId;
        private String captchaAnswer;
        private byte[] devicePublicKey;
        private byte[] proofOfPossession;

        private Builder() {
        }

        /**
         * {@return the application form (carrier, number, NHI card, birth date, name, password twice, ID)}
         *
         * @param form the form value
         */
        public Builder form(ApplicationForm form) {
            this.form = form;
            return this;
        }

        /**
         * {@return the {@link FormChallenge#challenge()} the page was given and the device key signed}
         *
         * @param challenge the challenge value
         */
        public Builder challenge(String challenge) {
            this.challenge = challenge;
            return this;
        }

        /**
         * {@return the captcha challenge the page showed and what the person typed (case-insensitive)}
         *
         * @param challengeId the challenge id
         * @param answer the answer value
         */
        public Builder captcha(String challengeId, String answer) {
            this.captchaId = challengeId;
            this.captchaAnswer = answer;
            return this;
        }

        /**
         * {@return the device's EC P-256 public key as X.509 SubjectPublicKeyInfo (WebCrypto {@code exportKey("spki")})}
         *
         * @param spki the spki value
         */
        public Builder devicePublicKey(byte[] spki) {
            this.devicePublicKey = spki == null ? null : spki.clone();
            return this;
        }

        /**
         * {@return the device key's signature over the enrolment proof message (P1363 or DER)}
         *
         * @param signature the signature value
         */
        public Builder proofOfPossession(byte[] signature) {
            this.proofOfPossession = signature == null ? null : signature.clone();
            return this;
        }

        /** {@return the application; never fails} */
        public EnrollmentApplication build() {
            return new EnrollmentApplication(this);
        }
    }
}
