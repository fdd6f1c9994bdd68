package tw.mobileauth.enrollment;

import java.util.Objects;

/**
 * What {@code begin} returns to the applying browser.
 *
 * @param enrollmentId  the enrolment's opaque id (not secret on its own)
 * @param desktopSecret the applying browser's secret: needed to poll status, regenerate the QR
 *                      code, start over and pick up the certificate
 * @param next          what to show now
 */
public record Begun(String enrollmentId, DesktopSecret desktopSecret, NextStep next) {

    /**
     * All required.
     *
     * @param enrollmentId the enrollment id
     * @param desktopSecret the desktop secret
     * @param next the next value
     */
    public Begun {
        Objects.requireNonNull(enrollmentId, "enrollmentId");
        Objects.requireNonNull(desktopSecret, "desktopSecret");
        Objects.requireNonNull(next, "next");
    }
}
