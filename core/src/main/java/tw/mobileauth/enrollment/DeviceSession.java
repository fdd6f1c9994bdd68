package tw.mobileauth.enrollment;

import java.util.Objects;

/**
 * The verifying device's hold on an enrolment: its session (for {@code startVerification}) and
 * what it shows before consent.
 *
 * @param session the phone's session; keep it in an HttpOnly cookie
 * @param summary the masked data and terms version to show, and whether to ask for the pairing code
 */
public record DeviceSession(PhoneSession session, DeviceSummary summary) {

    /**
     * Both required.
     *
     * @param session the session value
     * @param summary the summary value
     */
    public DeviceSession {
        Objects.requireNonNull(session, "session");
        Objects.requireNonNull(summary, "summary");
    }
}
