package tw.mobileauth.examples.spring.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import jakarta.servlet.http.HttpServletRequest;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import tw.mobileauth.FieldReason;
import tw.mobileauth.InvalidInputException;
import tw.mobileauth.MobileAuth;
import tw.mobileauth.client.DeviceClass;
import tw.mobileauth.enrollment.Consent;
import tw.mobileauth.enrollment.DeviceSession;
import tw.mobileauth.enrollment.DeviceSummary;
import tw.mobileauth.enrollment.EnrollmentException;
import tw.mobileauth.enrollment.EnrollmentUnavailableException;
import tw.mobileauth.enrollment.PhoneSession;
import tw.mobileauth.enrollment.VerificationCallback;
import tw.mobileauth.enrollment.VerificationOutcome;
import tw.mobileauth.enrollment.VerificationRedirect;

/**
 * The phone's side over JSON: open the QR code's handoff, consent and type the pairing code, and
 * hand in the carrier's callback. The phone session travels in the {@code MobileAuth-Phone-Session}
 * header (a browser following the carrier's redirect may bring the {@code mobileauth_phone} cookie
 * instead); the carrier callback is refused in any client that does not hold it.
 */
@RestController
@RequestMapping("/rest/v1/phone")
public class PhoneApi {

    private final MobileAuth auth;

    /** The API on {@code auth}. */
    public PhoneApi(MobileAuth auth) {
        this.auth = auth;
    }

    /**
     * The phone opened the QR code: {@code {"handoffToken": "…"}} (the URL's {@code t}) or
     * {@code {"handoffUrl": "…"}}. Claims the code for this phone; returns its session and the
     * masked summary to confirm.
     */
    @PostMapping("/open")
    public ResponseEntity<OpenedView> open(@RequestBody OpenRequest body, HttpServletRequest request)
            throws InvalidInputException, EnrollmentException, EnrollmentUnavailableException {
        var client = RestRequests.client(request, DeviceClass.SMARTPHONE);
        DeviceSession device;
        if (body.handoffToken() != null && !body.handoffToken().isBlank()) {
            device = auth.enrollment().openOnDevice(body.handoffToken().strip(), client);
        } else if (body.handoffUrl() != null && !body.handoffUrl().isBlank()) {
            java.net.URI url;
            try {
                url = java.net.URI.create(body.handoffUrl().strip());
            } catch (IllegalArgumentException e) {
                throw InvalidInputException.of("handoffUrl", FieldReason.BAD_FORMAT);
            }
            device = auth.enrollment().openOnDevice(url, client);
        } else {
            throw InvalidInputException.of("handoffToken", FieldReason.REQUIRED);
        }
        return EnrolmentApi.noStore(new OpenedView(device.session().revealForTransport(), summary(device.summary())));
    }

    /**
     * 開始驗證: {@code {"termsVersion": "…", "accepted": true, "pairingCode": "123456"}} with the
     * phone session header. Returns the carrier URL to open over mobile data.
     */
    @PostMapping("/start")
    public ResponseEntity<RedirectView> start(@RequestBody StartRequest body, HttpServletRequest request)
            throws InvalidInputException, EnrollmentException, EnrollmentUnavailableException {
        PhoneSession session = requiredSession(request);
        VerificationRedirect redirect = auth.enrollment().startVerification(session,
                new Consent(body.termsVersion(), Boolean.TRUE.equals(body.accepted())), body.pairingCode());
        return EnrolmentApi.noStore(new RedirectView(redirect.carrierUri().toString(), redirect.expiresAt().toString()));
    }

    /**
     * The carrier's callback, its query parameters as the carrier sent them, in the client that
     * started the verification (phone session header or cookie). The credential itself is picked
     * up by the applying device's status poll.
     */
    @GetMapping("/callback")
    public ResponseEntity<OutcomeView> callback(HttpServletRequest request)
            throws EnrollmentException, EnrollmentUnavailableException {
        Map<String, String> query = new LinkedHashMap<>();
        request.getParameterMap().forEach((name, values) -> {
            if (values.length > 0) {
                query.put(name, values[0]);
            }
        });
        VerificationOutcome outcome = auth.enrollment().completeVerification(
                PhoneSession.fromTransport(RestRequests.phoneSession(request)), new VerificationCallback(query));
        if (outcome instanceof VerificationOutcome.Refused refused) {
            return EnrolmentApi.noStore(new OutcomeView("REFUSED", refused.enrollmentId(),
                    refused.reasons().stream().map(ApiError.Rejection::of).toList()));
        }
        return EnrolmentApi.noStore(new OutcomeView("ISSUED", outcome.enrollmentId(), List.of()));
    }

    private static PhoneSession requiredSession(HttpServletRequest request) throws InvalidInputException {
        String token = RestRequests.phoneSession(request);
        if (token == null) {
            throw InvalidInputException.of(RestRequests.PHONE_SESSION, FieldReason.REQUIRED);
        }
        return PhoneSession.fromTransport(token);
    }

    static SummaryView summary(DeviceSummary s) {
        var device = s.applyingDevice();
        return new SummaryView(s.maskedName(), s.maskedNationalId(), s.maskedPhone(), s.carrierId(),
                ApiError.texts(s.carrierName()), s.termsVersion(), s.pairingCodeRequired(), s.pairingCode().orElse(null),
                new ApplyingDeviceView(device.deviceClass().name(), device.browserFamily().name(),
                        device.network().orElse(null), device.appliedAt().toString()),
                ApiError.texts(s.warning()));
    }

    /**
     * @param handoffToken the handoff URL's {@code t}
     * @param handoffUrl   or the whole handoff URL
     */
    public record OpenRequest(String handoffToken, String handoffUrl) {
    }

    /**
     * @param termsVersion the terms version the phone showed ({@code summary.termsVersion})
     * @param accepted     whether the person ticked 同意
     * @param pairingCode  the code the applying device shows
     */
    public record StartRequest(String termsVersion, Boolean accepted, String pairingCode) {
    }

    /**
     * @param phoneSession send it as {@code MobileAuth-Phone-Session}
     * @param summary      what to show and confirm
     */
    public record OpenedView(String phoneSession, SummaryView summary) {
    }

    /**
     * The masked summary a phone shows (see {@link DeviceSummary}).
     *
     * @param maskedName          e.g. 王○明
     * @param maskedNationalId    e.g. A12****789
     * @param maskedPhone         e.g. 0912***678
     * @param carrierId           e.g. cht
     * @param carrierName         zh-TW and English
     * @param termsVersion        consent to this version
     * @param pairingCodeRequired whether {@code start} needs the pairing code
     * @param pairingCode         the code to compare with the applying device, when shown on the phone
     * @param applyingDevice      the device being enrolled
     * @param warning             show it next to {@code applyingDevice}
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record SummaryView(String maskedName, String maskedNationalId, String maskedPhone, String carrierId,
            Map<String, String> carrierName, String termsVersion, boolean pairingCodeRequired, String pairingCode,
            ApplyingDeviceView applyingDevice, Map<String, String> warning) {
    }

    /**
     * @param deviceClass   e.g. DESKTOP
     * @param browserFamily e.g. CHROME
     * @param network       the coarse network it applied from
     * @param appliedAt     when
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ApplyingDeviceView(String deviceClass, String browserFamily, String network, String appliedAt) {
    }

    /**
     * @param carrierUri open it on the phone, over mobile data
     * @param expiresAt  after this, start again
     */
    public record RedirectView(String carrierUri, String expiresAt) {
    }

    /**
     * @param outcome      {@code ISSUED} or {@code REFUSED}
     * @param enrollmentId the enrolment
     * @param rejections   when refused: every reason and its remedy
     */
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public record OutcomeView(String outcome, String enrollmentId, List<ApiError.Rejection> rejections) {
    }
}
