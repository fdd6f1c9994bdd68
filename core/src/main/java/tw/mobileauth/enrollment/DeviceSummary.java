package tw.mobileauth.enrollment;

import java.util.Objects;
import java.util.Optional;
import tw.mobileauth.i18n.LocalizedText;

/**
 * What the verifying phone shows before consent: the applicant's data, masked, the carrier,
 * the terms to accept, what to do about the pairing code, and which device is being enrolled,
 * with a warning to stop if that is not the person's own.
 *
 * <p>On the QR route the applying device shows a pairing code ({@link EnrollmentStatus.InProgress}).
 * By default the phone does <em>not</em> get it: the person types it on the phone
 * ({@link #pairingCodeRequired()}), so a phone that got hold of the QR code without seeing the
 * applying device's screen cannot go on. With {@code requirePairingCode(false)} the phone shows
 * {@link #pairingCode()} for the person to compare instead.
 *
 * @param maskedName       e.g. 王○明
 * @param maskedNationalId e.g. A12****789
 * @param maskedPhone      e.g. 0912***678
 * @param carrierId        e.g. {@code cht}
 * @param carrierName      e.g. 中華電信 / Chunghwa Telecom
 * @param termsVersion     the version of the terms to show and consent to (the service's version
 *                         when the phone took over; {@code startVerification} accepts it even if
 *                         the service's terms change meanwhile)
 * @param pairingCodeRequired whether {@code startVerification} needs the pairing code shown on the
 *                         applying device, typed on this phone (the QR route, by default)
 * @param pairingCode      the code to show on this phone for the person to compare with the
 *                         applying device's; present only on the QR route with
 *                         {@code requirePairingCode(false)}
 * @param applyingDevice   which device is being enrolled: its class, browser family, the coarse
 *                         network it applied from and when. Show it above the consent button, so a
 *                         person who is being talked into approving somebody else's application can
 *                         see that it is not their own computer
 * @param warning          show it next to {@code applyingDevice}: 「如果這不是您剛才在自己的電腦上開始的申請，請停止。」
 *                         / "If you did not start this on your own computer just now, stop."
 */
public record DeviceSummary(String maskedName, String maskedNationalId, String maskedPhone, String carrierId,
        LocalizedText carrierName, String termsVersion, boolean pairingCodeRequired, Optional<String> pairingCode,
        ApplyingDevice applyingDevice, LocalizedText warning) {

    /**
     * All required.
     *
     * @param maskedName the masked name
     * @param maskedNationalId the masked national id
     * @param maskedPhone the masked phone
     * @param carrierId the carrier id
     * @param carrierName the carrier name
     * @param termsVersion the terms version
     * @param pairingCodeRequired the pairing code required
     * @param pairingCode the pairing code
     * @param applyingDevice the applying device
     * @param warning the warning value
     */
    public DeviceSummary {
        Objects.requireNonNull(maskedName, "maskedName");
        Objects.requireNonNull(maskedNationalId, "maskedNationalId");
        Objects.requireNonNull(maskedPhone, "maskedPhone");
        Objects.requireNonNull(carrierId, "carrierId");
        Objects.requireNonNull(carrierName, "carrierName");
        Objects.requireNonNull(termsVersion, "termsVersion");
        Objects.requireNonNull(pairingCode, "pairingCode");
        Objects.requireNonNull(applyingDevice, "applyingDevice");
        Objects.requireNonNull(warning, "warning");
    }
}
