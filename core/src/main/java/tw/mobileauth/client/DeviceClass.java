package tw.mobileauth.client;

/**
 * The kind of device that performs the carrier's network verification (step 5 of the journey).
 *
 * <p>This is <em>not</em> the device the user applied on. A desktop applicant hands off to a phone
 * by QR code (step 4), and the fact then describes that phone; until the verifying device is
 * known, leave the fact UNKNOWN. {@link #DESKTOP} and {@link #TABLET_WITHOUT_SIM} therefore mean
 * "verification would have to run on this device", which it cannot.
 *
 * <p>The eligibility "smartphone" condition (需使用智慧型手機) is about the device doing the
 * verification, so {@link #TABLET_WITH_SIM} counts as a smartphone: the BLI manual sends a tablet
 * with a SIM and 4G/5G straight to on-device verification (步驟 5), like a phone.
 */
public enum DeviceClass {
    /** A smartphone with a SIM; can verify. */
    SMARTPHONE,
    /** A phone without a full browser (功能型手機); cannot verify. */
    FEATURE_PHONE,
    /** A tablet with a SIM and mobile data; can verify, like a smartphone. */
    TABLET_WITH_SIM,
    /** A tablet without a SIM; cannot verify (its user scans the QR code with a phone instead). */
    TABLET_WITHOUT_SIM,
    /** A desktop or laptop computer; cannot verify (its user scans the QR code with a phone instead). */
    DESKTOP;

    /** {@return whether this device can do network verification: {@link #SMARTPHONE} or {@link #TABLET_WITH_SIM}} */
    public boolean canVerifyOverMobileData() {
        return this == SMARTPHONE || this == TABLET_WITH_SIM;
    }
}
