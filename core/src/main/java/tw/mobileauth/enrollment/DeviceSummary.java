package tw.mobileauth.enrollment;

import java.util.Objects;
import tw.mobileauth.i18n.LocalizedText;

/**
 * What the verifying phone shows before consent: the applicant's data, masked, the carrier,
 * the terms to accept and the pairing code the desktop shows too.
 *
 * @param maskedName       e.g. 王○明
 * @param maskedNationalId e.g. A12****789
 * @param maskedPhone      e.g. 0912***678
 * @param carrierId        e.g. {@code cht}
 * @param carrierName      e.g. 中華電信 / Chunghwa Telecom
 * @param termsVersion     the version of the terms the person consents to
 * @param pairingCode      a short code, also shown on the desktop's status, so the person can
 *                         see that the phone continues the desktop's enrolment
 */
public record DeviceSummary(String maskedName, String maskedNationalId, String maskedPhone, String carrierId,
        LocalizedText carrierName, String termsVersion, String pairingCode) {

    /** All required. */
    public DeviceSummary {
        Objects.requireNonNull(maskedName, "maskedName");
        Objects.requireNonNull(maskedNationalId, "maskedNationalId");
        Objects.requireNonNull(maskedPhone, "maskedPhone");
        Objects.requireNonNull(carrierId, "carrierId");
        Objects.requireNonNull(carrierName, "carrierName");
        Objects.requireNonNull(termsVersion, "termsVersion");
        Objects.requireNonNull(pairingCode, "pairingCode");
    }
}
