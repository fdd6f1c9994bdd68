package tw.mobileauth.enrollment;

import tw.mobileauth.client.ClientContext;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import tw.mobileauth.InvalidInputException;
import tw.mobileauth.audit.EnrollmentEvent;
import tw.mobileauth.eligibility.EligibilityDecision;
import tw.mobileauth.eligibility.EligibilityFacts;
import tw.mobileauth.eligibility.ReasonCode;
import tw.mobileauth.i18n.LocalizedText;
import tw.mobileauth.identity.MobileNumber;
import tw.mobileauth.identity.NationalId;
import tw.mobileauth.identity.PersonName;
import tw.mobileauth.qr.QrEncodingException;
import tw.mobileauth.qr.QrImage;
import tw.mobileauth.store.ClaimResult;
import tw.mobileauth.store.EnrollmentRecord;
import tw.mobileauth.store.OneTimeToken;
import tw.mobileauth.store.TokenPurpose;

/**
 * The handoff from the applying device to the phone: the desktop's view of its enrolment
 * ({@code status}, {@code regenerateQr}, {@code restart}, all with the desktop secret) and the
 * phone's claim of the QR code ({@code openOnDevice}), with the masked summary the phone shows.
 */
final class Handoff {

    /** {@code route} of an enrolment handed to a phone by QR code. */
    static final String QR_ROUTE = "QR";
    /** {@code route} of an enrolment verified on the applying device itself. */
    static final String SAME_DEVICE_ROUTE = "SAME_DEVICE";

    private static final Set<VerificationFailure> HOLDER_FIELDS = EnumSet.of(
            VerificationFailure.ID_MISMATCH, VerificationFailure.NAME_MISMATCH, VerificationFailure.BIRTH_DATE_MISMATCH);

    private final Settings s;
    private final Records records;
    private final Pairing pairing;

    Handoff(Settings settings, Records records, Pairing pairing) {
        this.s = settings;
        this.records = records;
        this.pairing = pairing;
    }

    // ------------------------------------------------------------ desktop

    EnrollmentStatus status(String enrollmentId, DesktopSecret secret) throws EnrollmentException {
        EnrollmentRecord r = records.load(enrollmentId);
        EnrollmentDocument doc = EnrollmentDocument.parse(r.document());
        records.requireDesktop(r, doc, secret, "status");
        EnrollmentRecord current = records.current(r);
        if (!current.equals(r)) {
            r = current;
            doc = EnrollmentDocument.parse(r.document());
        }
        return switch (r.state()) {
            case AWAITING_DEVICE -> new EnrollmentStatus.AwaitingDevice(Instant.parse(doc.handoffExpiresAt),
                    s.maxRegenerations - doc.regenerations);
            case DEVICE_CONNECTED, VERIFYING -> new EnrollmentStatus.InProgress(r.state(), doc.pairingCode,
                    Optional.ofNullable(doc.lastError));
            case COMPLETED -> new EnrollmentStatus.Completed(doc.credentialId, certificate(doc.certificate));
            case REJECTED -> new EnrollmentStatus.Rejected(desktopReasons(doc));
            case EXPIRED -> new EnrollmentStatus.Expired();
            case CANCELLED -> new EnrollmentStatus.Cancelled();
        };
    }

    /**
     * The QR code of a new QR-route enrolment and the enrolment itself, stored AWAITING_DEVICE:
     * the token before the record that names it, so that no record ever names a missing token.
     */
    NextStep.ShowQrCode firstQrCode(String enrollmentId, EnrollmentDocument doc, Instant now, Instant expiresAt)
            throws EnrollmentUnavailableException {
        String token = records.random(32);
        Instant qrExpiresAt = Records.earlier(now.plus(s.qrValidity), expiresAt);
        doc.handoffKey = records.key("handoff", token);
        doc.handoffExpiresAt = qrExpiresAt.toString();
        NextStep.ShowQrCode qr = qrCode(token, qrExpiresAt, s.maxRegenerations);
        records.insertToken(OneTimeToken.unclaimed(doc.handoffKey, TokenPurpose.HANDOFF, enrollmentId, "", now,
                qrExpiresAt), EnrollmentUnavailableException.Recovery.NEW_FORM);
        records.insert(new EnrollmentRecord(enrollmentId, 0, EnrollmentState.AWAITING_DEVICE, now, now, expiresAt,
                expiresAt, doc.toJson(), Optional.of(doc.subjectKey)), Optional.of(doc.handoffKey));
        s.audit(new EnrollmentEvent.HandoffIssued(now, enrollmentId, 0, qrExpiresAt));
        return qr;
    }

    NextStep.ShowQrCode regenerateQr(String enrollmentId, DesktopSecret secret) throws EnrollmentException {
        return records.update(enrollmentId, (r, doc) -> {
            records.requireDesktop(r, doc, secret, "regenerateQr");
            records.requireOpen(r);
            if (r.state() != EnrollmentState.AWAITING_DEVICE) {
                throw new EnrollmentException(EnrollmentException.Reason.WRONG_STEP);
            }
            if (doc.regenerations >= s.maxRegenerations) {
                throw new EnrollmentException(EnrollmentException.Reason.REGENERATION_LIMIT);
            }
            Instant now = records.now();
            String token = records.random(32);
            String oldKey = doc.handoffKey;
            Instant qrExpiresAt = Records.earlier(now.plus(s.qrValidity), r.expiresAt());
            doc.handoffKey = records.key("handoff", token);
            doc.handoffExpiresAt = qrExpiresAt.toString();
            doc.regenerations++;
            // The new token exists before the record names it; the record names only one token,
            // and openOnDevice accepts only the token the record names, so the old one is dead
            // the moment this compare-and-set succeeds.
            s.tokens.insert(OneTimeToken.unclaimed(doc.handoffKey, TokenPurpose.HANDOFF, enrollmentId, "", now,
                    qrExpiresAt));
            if (!s.enrollments.compareAndSet(r.version(), r.next(r.state(), doc.toJson(), now, r.purgeAfter()))) {
                s.tokens.revoke(doc.handoffKey);
                return Optional.empty();
            }
            if (oldKey != null) {
                s.tokens.revoke(oldKey);
            }
            s.audit(new EnrollmentEvent.HandoffIssued(now, enrollmentId, doc.regenerations, qrExpiresAt));
            return Optional.of(qrCode(token, qrExpiresAt, s.maxRegenerations - doc.regenerations));
        });
    }

    /** @return the enrolment as it was when cancelled (or found ended) */
    EnrollmentRecord restart(String enrollmentId, DesktopSecret secret) throws EnrollmentException {
        return records.update(enrollmentId, (r, doc) -> {
            records.requireDesktop(r, doc, secret, "restart");
            if (r.state() == EnrollmentState.CANCELLED || r.state() == EnrollmentState.EXPIRED) {
                return Optional.of(r);
            }
            if (r.state().isFinal()) {
                throw new EnrollmentException(EnrollmentException.Reason.ENROLLMENT_ENDED);
            }
            if (!records.finish(r, doc, EnrollmentState.CANCELLED)) {
                return Optional.empty();
            }
            s.audit(new EnrollmentEvent.Cancelled(records.now(), enrollmentId, EnrollmentEvent.Cancelled.BY_APPLICANT));
            return Optional.of(r);
        });
    }

    /**
     * The reasons as the applying device may see them: per-field holder mismatches only if the
     * number was verified by the phone paired with it (the carrier callback came back in that
     * phone's session, and the pairing code was confirmed or it is the same device); otherwise one
     * {@code HOLDER_MISMATCH}, "the carrier could not confirm these details". The applying device
     * must not learn which data belong to somebody else's number, one guess per try.
     */
    static List<RejectionReason> desktopReasons(EnrollmentDocument doc) {
        List<RejectionReason> all = Records.reasons(doc);
        if (doc.pairingConfirmed && doc.nvByPairedPhone) {
            return all;
        }
        List<RejectionReason> out = new ArrayList<>();
        for (RejectionReason r : all) {
            RejectionReason shown = r instanceof RejectionReason.Unverified u && HOLDER_FIELDS.contains(u.failure())
                    ? new RejectionReason.Unverified(VerificationFailure.HOLDER_MISMATCH) : r;
            if (!out.contains(shown)) {
                out.add(shown);
            }
        }
        return out;
    }

    // ------------------------------------------------------------ phone

    DeviceSession openOnDevice(String handoffToken, ClientContext phone) throws EnrollmentException {
        Instant now = records.now();
        if (handoffToken == null || handoffToken.isEmpty() || handoffToken.length() > Records.MAX_TOKEN_LENGTH) {
            s.audit(new EnrollmentEvent.HandoffRefused(now, "-", "UNKNOWN"));
            throw new EnrollmentException(EnrollmentException.Reason.HANDOFF_INVALID);
        }
        if (phone == null) {
            throw new EnrollmentException(EnrollmentException.Reason.WRONG_STEP);
        }
        requireCanVerify(phone, now);
        String tokenKey = records.key("handoff", handoffToken);
        String phoneSecret = records.random(32);
        String phoneVerifier = records.key("phone", phoneSecret);
        String subject = claim(tokenKey, phoneVerifier, now);
        return records.update(subject, (r, doc) -> {
            if (!Records.sameKey(tokenKey, doc.handoffKey) || r.state() != EnrollmentState.AWAITING_DEVICE) {
                s.audit(new EnrollmentEvent.HandoffRefused(now, subject, "SUPERSEDED"));
                throw new EnrollmentException(EnrollmentException.Reason.HANDOFF_INVALID);
            }
            records.requireOpen(r);
            doc.phoneVerifier = phoneVerifier;
            doc.pairingCode = records.pairingCode();
            doc.termsVersion = s.termsVersion; // the version the phone is shown now
            doc.verifyingDevice = phone.deviceClass().name();
            doc.verifyingContext = phone.masked();
            doc.handoffKey = null;
            if (!s.enrollments.compareAndSet(r.version(),
                    r.next(EnrollmentState.DEVICE_CONNECTED, doc.toJson(), now, r.purgeAfter()))) {
                return Optional.empty();
            }
            s.audit(new EnrollmentEvent.DeviceConnected(now, subject, phone.deviceClass().name()));
            PendingData pii = PendingData.open(s.sealKey, doc.sealedPii, subject);
            return Optional.of(new DeviceSession(new PhoneSession(subject, phoneSecret), summary(doc, pii,
                    r.createdAt())));
        });
    }

    /** A device that cannot verify over mobile data must not use up the code: refused before the claim. */
    private void requireCanVerify(ClientContext phone, Instant now) throws EnrollmentException {
        EligibilityDecision device = s.policy.evaluate(EligibilityFacts.unknown().withDeviceClass(phone.deviceClass()));
        if (device.verdict() == EligibilityDecision.Verdict.INELIGIBLE || !phone.deviceClass().canVerifyOverMobileData()) {
            s.audit(new EnrollmentEvent.HandoffRefused(now, "-", "DEVICE_CANNOT_VERIFY"));
            List<RejectionReason> reasons = device.verdict() == EligibilityDecision.Verdict.INELIGIBLE
                    ? Records.ineligible(device) : List.of(new RejectionReason.Ineligible(
                            ReasonCode.DEVICE_NOT_SMARTPHONE));
            throw new EnrollmentException(EnrollmentException.Reason.INELIGIBLE, reasons);
        }
    }

    /** Claims the handoff token once, for this phone. @return the enrolment it hands off */
    private String claim(String tokenKey, String phoneVerifier, Instant now) throws EnrollmentException {
        ClaimResult claim = s.tokens.claim(tokenKey, phoneVerifier, now);
        String subject = claim.token().map(OneTimeToken::subject).orElse("-");
        if (claim.token().isPresent() && claim.token().get().purpose() != TokenPurpose.HANDOFF) {
            s.audit(new EnrollmentEvent.HandoffRefused(now, "-", "UNKNOWN"));
            throw new EnrollmentException(EnrollmentException.Reason.HANDOFF_INVALID);
        }
        switch (claim.status()) {
            case NOT_FOUND -> {
                s.audit(new EnrollmentEvent.HandoffRefused(now, subject, "UNKNOWN"));
                throw new EnrollmentException(EnrollmentException.Reason.HANDOFF_INVALID);
            }
            case EXPIRED -> {
                s.audit(new EnrollmentEvent.HandoffRefused(now, subject, "EXPIRED"));
                throw new EnrollmentException(EnrollmentException.Reason.HANDOFF_EXPIRED);
            }
            case ALREADY_CLAIMED -> {
                s.audit(new EnrollmentEvent.HandoffRefused(now, subject, "ALREADY_CLAIMED"));
                throw new EnrollmentException(EnrollmentException.Reason.HANDOFF_ALREADY_CLAIMED);
            }
            case CLAIMED -> {
                // go on
            }
        }
        return subject;
    }

    // ------------------------------------------------------------ what the devices are shown

    private NextStep.ShowQrCode qrCode(String token, Instant expiresAt, int regenerationsLeft) {
        URI url = s.urls.handoffUrl(token);
        QrImage image;
        try {
            image = s.qr.encode(url.toString());
        } catch (QrEncodingException e) {
            throw new IllegalStateException("the handoff URL does not fit a QR code; shorten PortalUrls.handoff", e);
        }
        return new NextStep.ShowQrCode(url, image, expiresAt, regenerationsLeft);
    }

    /** What the phone shows before consent: masked details, the carrier, the terms and the applying device. */
    DeviceSummary summary(EnrollmentDocument doc, PendingData pii, Instant appliedAt) {
        String maskedName;
        String maskedId;
        String maskedPhone;
        try {
            maskedName = PersonName.of(pii.name).masked();
            maskedId = NationalId.parse(pii.nationalId).masked();
            maskedPhone = MobileNumber.parse(pii.phoneE164).masked();
        } catch (InvalidInputException e) {
            throw new IllegalStateException("stored personal data no longer validates", e);
        }
        LocalizedText carrierName = s.registry.options().stream().filter(o -> o.id().equals(doc.carrierId))
                .map(o -> o.name()).findFirst()
                .orElse(new LocalizedText(doc.carrierId, doc.carrierId));
        boolean required = pairing.codeRequired(doc);
        Optional<String> shown = QR_ROUTE.equals(doc.route) && !required ? Optional.of(doc.pairingCode)
                : Optional.empty();
        return new DeviceSummary(maskedName, maskedId, maskedPhone, doc.carrierId, carrierName, doc.termsVersion,
                required, shown, Records.applyingDevice(doc, appliedAt), EnrollmentTexts.get("summary.warning"));
    }

    static X509Certificate certificate(String base64Der) {
        try {
            return (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(Base64.getDecoder().decode(base64Der)));
        } catch (CertificateException e) {
            throw new IllegalStateException("a stored certificate does not parse", e);
        }
    }
}
