package tw.mobileauth;

import java.util.Objects;
import tw.mobileauth.credential.CredentialId;
import tw.mobileauth.identity.NationalId;
import tw.mobileauth.login.Erasure;
import tw.mobileauth.login.LoginService;
import tw.mobileauth.login.LoginUnavailableException;
import tw.mobileauth.login.PersonalDataExport;

/**
 * What a portal's back office (or the person, through the portal) may do outside the two
 * ceremonies: revoke, clear a lock-out, and the PDPA rights to a copy and to erasure. Each is
 * audited. A failed store is the typed, retryable {@link LoginUnavailableException} ({@code STORE}),
 * never an unchecked exception. Handed out by {@link MobileAuth#administration()}; thread-safe.
 */
public final class Administration {

    private final LoginService login;

    Administration(LoginService login) {
        this.login = Objects.requireNonNull(login, "login");
    }

    /**
     * Revokes one credential (a lost laptop, say). @return whether it was active until now
     *
     * @param credentialId the credential id
     * @return {@code true} if it holds, {@code false} otherwise
     * @see LoginService#revoke(CredentialId)
     * @throws LoginUnavailableException if we could not finish the request (not the caller's fault)
     */
    public boolean revoke(CredentialId credentialId) throws LoginUnavailableException {
        return login.revoke(credentialId);
    }

    /**
     * Revokes every active credential of one person. @return how many
     *
     * @param nationalId the national ID (身分證號)
     * @return the int
     * @see LoginService#revokeAll(NationalId)
     * @throws LoginUnavailableException if we could not finish the request (not the caller's fault)
     */
    public int revokeAll(NationalId nationalId) throws LoginUnavailableException {
        return login.revokeAll(nationalId);
    }

    /**
     * Lifts the person's lock-outs, temporary and permanent. @return how many counters were reset
     *
     * @param nationalId the national ID (身分證號)
     * @return the int
     * @see LoginService#clearLockOut(NationalId)
     * @throws LoginUnavailableException if we could not finish the request (not the caller's fault)
     */
    public int clearLockOut(NationalId nationalId) throws LoginUnavailableException {
        return login.clearLockOut(nationalId);
    }

    /**
     * {@return what the SDK holds about the person (PDPA art. 10), without secrets}
     *
     * @param nationalId the national ID (身分證號)
     * @see LoginService#export(NationalId)
     * @throws LoginUnavailableException if we could not finish the request (not the caller's fault)
     */
    public PersonalDataExport export(NationalId nationalId) throws LoginUnavailableException {
        return login.export(nationalId);
    }

    /**
     * Erases the person's credentials, counters and pending enrolments (PDPA art. 11).
     *
     * @param nationalId the national ID (身分證號)
     * @return the erasure
     * @see LoginService#erase(NationalId)
     * @throws LoginUnavailableException if we could not finish the request (not the caller's fault)
     */
    public Erasure erase(NationalId nationalId) throws LoginUnavailableException {
        return login.erase(nationalId);
    }

    @Override
    public String toString() {
        return "Administration";
    }
}
