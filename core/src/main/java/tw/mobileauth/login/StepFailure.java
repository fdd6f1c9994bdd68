package tw.mobileauth.login;

import java.util.Objects;

/**
 * A numbered step of {@link FinishLoginSteps} refused the attempt. Internal: {@link LoginService}
 * turns every one into the same {@link LoginFailedException} and puts {@link #cause()} into the
 * audit event. Stackless, since it is an expected outcome, not a bug.
 */
final class StepFailure extends Exception {

    private static final long serialVersionUID = 1L;

    private final FailureCause cause;

    StepFailure(FailureCause cause) {
        super(cause.name(), null, false, false);
        this.cause = Objects.requireNonNull(cause, "cause");
    }

    /** Which check refused, for the audit event. */
    FailureCause cause() {
        return cause;
    }
}
