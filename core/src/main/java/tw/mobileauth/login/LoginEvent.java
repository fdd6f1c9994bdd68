package tw.mobileauth.login;

import static tw.mobileauth.audit.AuditFields.ordered;
import static tw.mobileauth.audit.AuditFields.requireAll;

import java.time.Instant;
import java.util.Map;
import tw.mobileauth.audit.AuditEvent;

/**
 * The audit events of login and of the administrative and PDPA calls of {@link LoginService}.
 * Only these say <em>why</em> a login failed ({@link Failed#cause()}); the person always sees the
 * same {@link LoginFailedException}.
 *
 * <p>Fields are masked or non-personal: credential ids are random; national IDs appear only
 * masked ({@code A12****789}); the client context is masked ({@code DESKTOP ip=203.0.113.* ua=…}).
 * No password, signature, nonce, verifier or subject key is ever in an event.
 */
public sealed interface LoginEvent extends AuditEvent {

    /**
     * A login succeeded.
     *
     * @param credentialId  the credential that signed
     * @param nationalId    the owner's ID, masked
     * @param client        the masked client context
     * @param rehashed      whether the password hash was upgraded to the current parameters
     * @param noticeRequired whether the current personal-data notice still needs acknowledging
     */
    record Succeeded(Instant at, String credentialId, String nationalId, String client, boolean rehashed,
            boolean noticeRequired) implements LoginEvent {
        /**
         * All fields required.
         *
         * @param at the at value
         * @param credentialId the credential id
         * @param nationalId the national ID (身分證號)
         * @param client the requesting browser
         * @param rehashed the rehashed value
         * @param noticeRequired the notice required
         */
        public Succeeded {
            requireAll(at, credentialId, nationalId, client);
        }

        @Override
        public String name() {
            return "login.succeeded";
        }

        @Override
        public Map<String, String> fields() {
            return ordered("credentialId", credentialId, "nationalId", nationalId, "client", client,
                    "rehashed", Boolean.toString(rehashed), "noticeRequired", Boolean.toString(noticeRequired));
        }
    }

    /**
     * A login failed.
     *
     * @param cause        the precise cause (never shown to the person)
     * @param credentialId the credential id the attempt named if it is a credential we know, else {@code -}
     * @param client       the masked client context
     * @param counted      whether the failure was counted by the lock-out policy
     */
    record Failed(Instant at, FailureCause cause, String credentialId, String client, boolean counted)
            implements LoginEvent {
        /**
         * All fields required.
         *
         * @param at the at value
         * @param cause the underlying failure, or null
         * @param credentialId the credential id
         * @param client the requesting browser
         * @param counted the counted value
         */
        public Failed {
            requireAll(at, cause, credentialId, client);
        }

        @Override
        public String name() {
            return "login.failed";
        }

        @Override
        public Map<String, String> fields() {
            return ordered("cause", cause.name(), "credentialId", credentialId, "client", client,
                    "counted", Boolean.toString(counted));
        }
    }

    /**
     * A counter reached the lock-out threshold, or went on failing past it.
     *
     * @param scope        {@code "credential"}, {@code "person"} or {@code "person-streak"} (the failures in a
     *                     row, {@link LockOutPolicy#maxConsecutiveFailures()})
     * @param credentialId the credential whose attempt caused it
     * @param until        the end of the lock ({@link LockOutPolicy#PERMANENT} when permanent)
     * @param failures     counted failures in the window (for {@code person-streak}: in a row)
     * @param permanent    whether only an administrator can lift it
     */
    record LockedOut(Instant at, String scope, String credentialId, Instant until, long failures, boolean permanent)
            implements LoginEvent {
        /**
         * All fields required.
         *
         * @param at the at value
         * @param scope the scope value
         * @param credentialId the credential id
         * @param until the until value
         * @param failures the failures value
         * @param permanent the permanent value
         */
        public LockedOut {
            requireAll(at, scope, credentialId, until);
        }

        @Override
        public String name() {
            return "login.locked_out";
        }

        @Override
        public Map<String, String> fields() {
            return ordered("scope", scope, "credentialId", credentialId, "until", until.toString(),
                    "failures", Long.toString(failures), "permanent", Boolean.toString(permanent));
        }
    }

    /**
     * The person acknowledged a personal-data notice version (PDPA art. 8 record). With
     * {@code current=false} the credential's record may have kept an acknowledgement it already
     * held (see {@link LoginService#acknowledgeNotice}).
     *
     * @param noticeVersion the version acknowledged
     * @param current       whether it is the version in force
     */
    record NoticeAcknowledged(Instant at, String credentialId, String noticeVersion, boolean current)
            implements LoginEvent {
        /**
         * All fields required.
         *
         * @param at the at value
         * @param credentialId the credential id
         * @param noticeVersion the notice version
         * @param current the current value
         */
        public NoticeAcknowledged {
            requireAll(at, credentialId, noticeVersion);
        }

        @Override
        public String name() {
            return "login.notice_acknowledged";
        }

        @Override
        public Map<String, String> fields() {
            return ordered("credentialId", credentialId, "noticeVersion", noticeVersion, "current",
                    Boolean.toString(current));
        }
    }

    /** An administrator revoked a credential ({@link LoginService#revoke} or {@link LoginService#revokeAll}). */
    record CredentialRevoked(Instant at, String credentialId) implements LoginEvent {
        /**
         * All fields required.
         *
         * @param at the at value
         * @param credentialId the credential id
         */
        public CredentialRevoked {
            requireAll(at, credentialId);
        }

        @Override
        public String name() {
            return "login.credential_revoked";
        }

        @Override
        public Map<String, String> fields() {
            return ordered("credentialId", credentialId);
        }
    }

    /** An administrator cleared a person's lock-out counters ({@link LoginService#clearLockOut}). */
    record LockOutCleared(Instant at, String nationalId, int counters) implements LoginEvent {
        /**
         * All fields required.
         *
         * @param at the at value
         * @param nationalId the national ID (身分證號)
         * @param counters the counters value
         */
        public LockOutCleared {
            requireAll(at, nationalId);
        }

        @Override
        public String name() {
            return "login.lockout_cleared";
        }

        @Override
        public Map<String, String> fields() {
            return ordered("nationalId", nationalId, "counters", Integer.toString(counters));
        }
    }

    /** The personal data kept for a person was exported (PDPA art. 3, 10). */
    record PersonalDataExported(Instant at, String nationalId, int credentials, int enrollments)
            implements LoginEvent {
        /**
         * All fields required.
         *
         * @param at the at value
         * @param nationalId the national ID (身分證號)
         * @param credentials the credentials value
         * @param enrollments the enrollments value
         */
        public PersonalDataExported {
            requireAll(at, nationalId);
        }

        @Override
        public String name() {
            return "login.personal_data_exported";
        }

        @Override
        public Map<String, String> fields() {
            return ordered("nationalId", nationalId, "credentials", Integer.toString(credentials), "enrollments",
                    Integer.toString(enrollments));
        }
    }

    /** The personal data kept for a person was erased (PDPA art. 11). */
    record PersonalDataErased(Instant at, String nationalId, int credentials, int counters, int enrollments)
            implements LoginEvent {
        /**
         * All fields required.
         *
         * @param at the at value
         * @param nationalId the national ID (身分證號)
         * @param credentials the credentials value
         * @param counters the counters value
         * @param enrollments the enrollments value
         */
        public PersonalDataErased {
            requireAll(at, nationalId);
        }

        @Override
        public String name() {
            return "login.personal_data_erased";
        }

        @Override
        public Map<String, String> fields() {
            return ordered("nationalId", nationalId, "credentials", Integer.toString(credentials), "counters",
                    Integer.toString(counters), "enrollments", Integer.toString(enrollments));
        }
    }

    /**
     * A call could not finish because of our side: a store or the password hasher.
     *
     * @param operation e.g. {@code finishLogin}
     */
    record Unavailable(Instant at, String operation, LoginUnavailableException.Source source) implements LoginEvent {
        /**
         * All fields required.
         *
         * @param at the at value
         * @param operation the operation value
         * @param source the source value
         */
        public Unavailable {
            requireAll(at, operation, source);
        }

        @Override
        public String name() {
            return "login.unavailable";
        }

        @Override
        public Map<String, String> fields() {
            return ordered("operation", operation, "source", source.name());
        }
    }
}
