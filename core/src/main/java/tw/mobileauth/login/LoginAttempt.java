package tw.mobileauth.login;

import java.util.Base64;
import java.util.Optional;
import tw.mobileauth.InvalidInputException;
import tw.mobileauth.identity.CertificatePassword;

/**
 * What the browser sends to log in: the four fields the person typed (身分證號, 出生日期, 姓名,
 * 憑證密碼), plus the credential id and the challenge id it holds, and its device signature over
 * {@link tw.mobileauth.crypto.SignedMessages#login SignedMessages.login(nonce, credentialId, origin)}.
 *
 * <p>The three identity fields are kept <em>as typed</em>; {@link LoginService#finishLogin}
 * parses them (so {@code Ｔ２０００００００９}, {@code 75/03/14} or a name with spaces are fine).
 * Every setter accepts anything, including {@code null} for a missing field, and
 * {@link Builder#build()} never throws: input that is missing or unparseable simply fails the
 * login, generically, like any other wrong field.
 *
 * <p>Single use and not thread-safe: {@code finishLogin} wipes the password when it is done.
 * {@code toString} shows only which fields are present.
 */
public final class LoginAttempt {

    private final String nationalId;
    private final String birthDate;
    private final String name;
    private final CertificatePassword password;
    private final String credentialId;
    private final String challengeId;
    private final byte[] signature;

    private LoginAttempt(Builder b) {
        this.nationalId = b.nationalId;
        this.birthDate = b.birthDate;
        this.name = b.name;
        this.password = b.password;
        this.credentialId = b.credentialId;
        this.challengeId = b.challengeId;
        this.signature = b.signature;
    }

    /** {@return an empty builder} */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * {@return the attempt as the browser posts it ({@code mobileauth.js} sends exactly this; the shape is
     * documented in {@code docs/browser-json.md}):
     * <pre>{@code
     * {"nationalId": "A123456789", "birthDate": "75/03/14", "name": "王小明", "password": "…",
     *  "credentialId": "mat_…", "challengeId": "…", "signature": "<base64url, P1363 or DER>"}
     * }</pre>
     * A member that is absent, {@code null} or not a string is a missing field, which fails the
     * login like any other wrong field} Unknown members are ignored.
     *
     * @param json the json value
     * @throws InvalidInputException {@code request: BAD_FORMAT} if the body is not a JSON object (at most 16 KB)
     */
    public static LoginAttempt fromJson(String json) throws InvalidInputException {
        tw.mobileauth.internal.BrowserJson body = tw.mobileauth.internal.BrowserJson.parse(json);
        char[] password = body.chars("password");
        try {
            return builder()
                    .nationalId(body.text("nationalId").orElse(null))
                    .birthDate(body.text("birthDate").orElse(null))
                    .name(body.text("name").orElse(null))
                    .password(password)
                    .credentialId(body.text("credentialId").orElse(null))
                    .challengeId(body.text("challengeId").orElse(null))
                    .signature(body.bytes("signature").orElse(null))
                    .build();
        } finally {
            if (password != null) {
                java.util.Arrays.fill(password, '\0');
            }
        }
    }

    /** {@return the national ID as typed, if given} */
    public Optional<String> nationalId() {
        return Optional.ofNullable(nationalId);
    }

    /** {@return the birth date as typed, if given} */
    public Optional<String> birthDate() {
        return Optional.ofNullable(birthDate);
    }

    /** {@return the name as typed, if given} */
    public Optional<String> name() {
        return Optional.ofNullable(name);
    }

    /** {@return the credential id the browser holds, if given} */
    public Optional<String> credentialId() {
        return Optional.ofNullable(credentialId);
    }

    /** {@return the challenge id from {@link LoginChallenge#id()}, if given} */
    public Optional<String> challengeId() {
        return Optional.ofNullable(challengeId);
    }

    /** {@return a copy of the device signature, if given} */
    public Optional<byte[]> signature() {
        return Optional.ofNullable(signature).map(byte[]::clone);
    }

    /**
     * A copy of the password characters, or an empty array when none was given or it has been
     * wiped. The caller wipes the copy.
     */
    char[] copyOfPassword() {
        return password == null || password.isWiped() ? new char[0] : password.copyOfRawChars();
    }

    /** The live signature, for the service; never handed out. */
    byte[] signatureBytes() {
        return signature;
    }

    /** Overwrites the password. Idempotent. */
    void wipePassword() {
        if (password != null) {
            password.wipe();
        }
    }

    /** Shows which fields are present, never their values. */
    @Override
    public String toString() {
        return "LoginAttempt[nationalId=" + present(nationalId) + ", birthDate=" + present(birthDate) + ", name="
                + present(name) + ", password=" + present(password) + ", credentialId=" + present(credentialId)
                + ", challengeId=" + present(challengeId) + ", signature=" + present(signature) + "]";
    }

    private static String present(Object o) {
        return o == null ? "missing" : "given";
    }

    /** Collects the fields. Every setter accepts {@code null} (a missing field); nothing here throws. */
    public static final class Builder {
        private String nationalId;
        private String birthDate;
        private String name;
        private CertificatePassword password;
        private String credentialId;
        private String challengeId;
        private byte[] signature;

        private Builder() {
        }

        /**
         * 身分證號 as typed, e.g. {@code T200000009} or {@code ｔ２０００００００９}.
         *
         * @param typed the typed value
         * @return this builder
         */
        public Builder nationalId(CharSequence typed) {
            this.nationalId = typed == null ? null : typed.toString();
            return this;
        }

        /**
         * 出生日期 as typed: {@code 1986-03-14}, {@code 75/03/14}, {@code 民國75年3月14日} …
         *
         * @param typed the typed value
         * @return this builder
         */
        public Builder birthDate(CharSequence typed) {
            this.birthDate = typed == null ? null : typed.toString();
            return this;
        }

        /**
         * 姓名 as typed.
         *
         * @param typed the typed value
         * @return this builder
         */
        public Builder name(CharSequence typed) {
            this.name = typed == null ? null : typed.toString();
            return this;
        }

        /**
         * 憑證密碼: the characters are copied; wipe your array afterwards. Empty counts as missing.
         *
         * @param typed the typed value
         * @return this builder
         */
        public Builder password(char[] typed) {
            try {
                this.password = typed == null || typed.length == 0 ? null : CertificatePassword.of(typed);
            } catch (InvalidInputException empty) {
                this.password = null;
            }
            return this;
        }

        /**
         * 憑證密碼, already wrapped; the attempt takes it over and wipes it after the login.
         *
         * @param typed the typed value
         * @return this builder
         */
        public Builder password(CertificatePassword typed) {
            this.password = typed;
            return this;
        }

        /**
         * {@return the credential id the browser stored at enrolment ({@code mat_…})}
         *
         * @param id the id
         */
        public Builder credentialId(String id) {
            this.credentialId = id;
            return this;
        }

        /**
         * {@return the id of the challenge the browser signed ({@link LoginChallenge#id()})}
         *
         * @param id the id
         */
        public Builder challengeId(String id) {
            this.challengeId = id;
            return this;
        }

        /**
         * {@return the device signature: 64 bytes P1363 from WebCrypto, or DER} Copied.
         *
         * @param signature the signature value
         */
        public Builder signature(byte[] signature) {
            this.signature = signature == null ? null : signature.clone();
            return this;
        }

        /**
         * {@return the device signature as base64url (padded or not), as a browser would send it;
         * undecodable text counts as a missing signature}
         *
         * @param encoded the encoded value
         */
        public Builder signatureBase64Url(String encoded) {
            if (encoded == null) {
                this.signature = null;
                return this;
            }
            try {
                this.signature = Base64.getUrlDecoder().decode(encoded);
            } catch (IllegalArgumentException notBase64Url) {
                this.signature = null;
            }
            return this;
        }

        /** {@return the attempt} Never throws. */
        public LoginAttempt build() {
            return new LoginAttempt(this);
        }
    }
}
