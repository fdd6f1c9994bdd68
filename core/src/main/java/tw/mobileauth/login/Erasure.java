package tw.mobileauth.login;

/**
 * What {@link LoginService#erase} deleted for one person (PDPA art. 11).
 *
 * @param credentials credential records deleted (with their verifiers, password hash, certificate,
 *                    notice acknowledgements)
 * @param counters    lock-out counters deleted (per credential and per person)
 * @param enrollments enrolment records deleted (pending, or finished and kept for the result retention),
 *                    with their consent records
 */
public record Erasure(int credentials, int counters, int enrollments) {
}
