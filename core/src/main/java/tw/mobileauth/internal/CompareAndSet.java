package tw.mobileauth.internal;

import java.util.Optional;

/**
 * The one retry loop for every compare-and-set in the SDK. <b>Internal</b>: not API (see the
 * package documentation).
 *
 * <p>A store record (an enrolment, a credential) is changed by reading it, deciding, and writing the
 * successor only if nobody wrote in between ({@code compareAndSet(version, next)}). A writer that
 * loses reads again and decides again on the newer version, because the other writer may have
 * made its change moot (a step already taken, a credential revoked). Each decision is one
 * {@link Attempt}; this class repeats it at most {@value #MAX_ATTEMPTS} times per request.
 *
 * <p>Why one bound, and why {@value #MAX_ATTEMPTS}: only the writers of one record compete, and for
 * one enrolment or one credential they are a handful (the desktop polling, one phone, a repeated
 * callback, a second portal node). Losing eight times in a row means the record is being hammered
 * or the store is broken; the caller then gives up with its typed "contention" or "unavailable"
 * answer instead of spinning, and nothing half-written is left behind (every write was a
 * compare-and-set).
 */
public final class CompareAndSet {

    /** How many times one request decides again after losing a compare-and-set: {@value}. */
    public static final int MAX_ATTEMPTS = 8;

    private CompareAndSet() {
    }

    /**
     * One decision on the record as it stands now: read it, decide, and write with compare-and-set.
     *
     * @param <T> what a settled attempt answers
     * @param <X> the checked exception an attempt may refuse with
     */
    @FunctionalInterface
    public interface Attempt<T, X extends Exception> {
        /**
         * @return the answer when settled (the write won, or there is nothing to write); empty when
         *         the write lost to a concurrent writer, to read and decide again
         * @throws X to refuse; ends the retries at once
         */
        Optional<T> tryOnce() throws X;
    }

    /**
     * Runs {@code attempt} until it settles, at most {@value #MAX_ATTEMPTS} times.
     *
     * @return the settled answer, or empty if every attempt lost its compare-and-set
     * @throws X whatever an attempt refused with
     */
    public static <T, X extends Exception> Optional<T> retry(Attempt<T, X> attempt) throws X {
        for (int attempts = 0; attempts < MAX_ATTEMPTS; attempts++) {
            Optional<T> settled = attempt.tryOnce();
            if (settled.isPresent()) {
                return settled;
            }
        }
        return Optional.empty();
    }
}
