package tw.mobileauth.examples.spring.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.net.URI;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import tw.mobileauth.InvalidInputException;
import tw.mobileauth.MobileAuth;
import tw.mobileauth.captcha.CaptchaChallenge;
import tw.mobileauth.client.DeviceClass;
import tw.mobileauth.enrollment.Begun;
import tw.mobileauth.enrollment.DesktopSecret;
import tw.mobileauth.enrollment.EnrollmentApplication;
import tw.mobileauth.enrollment.EnrollmentException;
import tw.mobileauth.enrollment.EnrollmentStatus;
import tw.mobileauth.enrollment.EnrollmentUnavailableException;
import tw.mobileauth.enrollment.FormChallenge;
import tw.mobileauth.enrollment.NextStep;
import tw.mobileauth.examples.spring.RequestBodies;

/**
 * The applying device's side of 行動電話認證 over JSON: the step-1 ID check, the form's challenge
 * and captcha (and a new captcha), the application, the status poll, a new QR code and the
 * restart (重新申請). The desktop secret travels in the
 * {@code MobileAuth-Desktop-Secret} header, never in a URL.
 */
@RestController
@RequestMapping("/rest/v1")
public class EnrolmentApi {

    private final MobileAuth auth;

    /** The API on {@code auth}. */
    public EnrolmentApi(MobileAuth auth) {
        this.auth = auth;
    }

    /** A fresh form challenge (sign it with the device key) and captcha (PNG, base64). */
    @GetMapping("/enrolment/form")
    public ResponseEntity<FormView> form() throws EnrollmentUnavailableException {
        FormChallenge form = auth.enrollment().prepareApplication();
        return noStore(new FormView(form.challenge(), form.expiresAt().toString(), captcha(form.captcha())));
    }

    /**
     * The application: the browser's JSON exactly as {@code EnrollmentApplication.fromJson} reads
     * it (docs/browser-json.md). {@code 201} with the enrolment id, the desktop secret and the next
     * step: a QR code for another device, or the phone session when this device verifies itself.
     */
    @PostMapping("/enrolments")
    public ResponseEntity<BegunView> begin(HttpServletRequest request) throws IOException,
            RequestBodies.TooLargeException, HttpMediaTypeNotSupportedException, InvalidInputException, EnrollmentException, EnrollmentUnavailableException {
        var client = RestRequests.client(request, DeviceClass.DESKTOP);
        Begun begun = auth.enrollment().begin(EnrollmentApplication.fromJson(RestRequests.jsonBody(request)), client);
        URI status = URI.create("/rest/v1/enrolments/" + begun.enrollmentId());
        return ResponseEntity.created(status).cacheControl(CacheControl.noStore())
                .body(new BegunView(begun.enrollmentId(), begun.desktopSecret().revealForTransport(), status.toString(),
                        next(begun.next())));
    }

    /** The status poll; the desktop secret from {@code begin} in the {@code MobileAuth-Desktop-Secret} header. */
    @GetMapping("/enrolments/{id}")
    public ResponseEntity<StatusView> status(@PathVariable("id") String id,
            @RequestHeader(RestRequests.DESKTOP_SECRET) String desktopSecret)
            throws EnrollmentException, EnrollmentUnavailableException {
        EnrollmentStatus status = auth.enrollment().status(id, DesktopSecret.fromTransport(desktopSecret));
        String state = status.state().name();
        StatusView view = new StatusView(state, null, null, null, null, null, null, List.of());
        if (status instanceof EnrollmentStatus.AwaitingDevice a) {
            view = new StatusView(state, a.qrExpiresAt().toString(), a.regenerationsLeft(), null, null, null, null,
                    List.of());
        } else if (status instanceof EnrollmentStatus.InProgress p) {
            view = new StatusView(state, null, null, p.pairingCode(), p.lastError().orElse(null), null, null, List.of());
        } else if (status instanceof EnrollmentStatus.Completed c) {
            view = new StatusView(state, null, null, null, null, c.credentialId(),
                    c.certificate().getSerialNumber().toString(16), List.of());
        } else if (status instanceof EnrollmentStatus.Rejected r) {
            view = new StatusView(state, null, null, null, null, null, null,
                    r.reasons().stream().map(ApiError.Rejection::of).toList());
        }
        return noStore(view);
    }

    /**
     * 重新產生驗證碼: {@code {"captchaId": "…"}} (the one shown; it dies at once), a fresh captcha
     * back. An unknown or missing id still gets a fresh one.
     */
    @PostMapping("/enrolment/captcha")
    public ResponseEntity<CaptchaView> regenerateCaptcha(@RequestBody CaptchaRequest body)
            throws EnrollmentUnavailableException {
        return noStore(captcha(auth.enrollment().regenerateCaptcha(body.captchaId())));
    }

    /**
     * Step 1 (驗證): is this a well-formed, checksum-valid citizen ID? {@code {"nationalId": "…"}};
     * the answer is the masked ID, and never says whether the person enrolled before.
     */
    @PostMapping("/national-id/check")
    public ResponseEntity<NationalIdView> checkNationalId(@RequestBody NationalIdRequest body)
            throws InvalidInputException, EnrollmentException {
        return noStore(new NationalIdView(auth.enrollment().checkNationalId(body.nationalId()).maskedNationalId()));
    }

    /**
     * 重新產生QRCode, with the desktop secret: a new QR code; the old one is dead at once. Only while
     * no phone opened it, up to the regeneration limit.
     */
    @PostMapping("/enrolments/{id}/qr")
    public ResponseEntity<NextView> regenerateQr(@PathVariable("id") String id,
            @RequestHeader(RestRequests.DESKTOP_SECRET) String desktopSecret)
            throws EnrollmentException, EnrollmentUnavailableException {
        return noStore(next(auth.enrollment().regenerateQr(id, DesktopSecret.fromTransport(desktopSecret))));
    }

    /**
     * 重新申請行動認證, with the desktop secret: cancels the enrolment and wipes its personal data
     * ({@code 204}; again: {@code 204}). Its status is {@code CANCELLED} from then on.
     */
    @DeleteMapping("/enrolments/{id}")
    public ResponseEntity<Void> restart(@PathVariable("id") String id,
            @RequestHeader(RestRequests.DESKTOP_SECRET) String desktopSecret)
            throws EnrollmentException, EnrollmentUnavailableException {
        auth.enrollment().restart(id, DesktopSecret.fromTransport(desktopSecret));
        return ResponseEntity.noContent().cacheControl(CacheControl.noStore()).build();
    }

    private static CaptchaView captcha(CaptchaChallenge captcha) {
        return new CaptchaView(captcha.id(), captcha.mediaType(), Base64.getEncoder().encodeToString(captcha.media()),
                ApiError.texts(captcha.altText()), captcha.expiresAt().toString());
    }

    private static NextView next(NextStep next) {
        if (next instanceof NextStep.ShowQrCode qr) {
            return new NextView("SHOW_QR_CODE", qr.handoffUrl().toString(), Base64.getEncoder().encodeToString(qr.png()),
                    qr.expiresAt().toString(), qr.regenerationsLeft(), null, null);
        }
        var here = (NextStep.ContinueHere) next;
        return new NextView("CONTINUE_HERE", null, null, null, null, here.device().session().revealForTransport(),
                PhoneApi.summary(here.device().summary()));
    }

    static <T> ResponseEntity<T> noStore(T body) {
        return ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(body);
    }

    /** @param captchaId the captcha shown (it dies) */
    public record CaptchaRequest(String captchaId) {
    }

    /** @param nationalId the ID typed in step 1 */
    public record NationalIdRequest(String nationalId) {
    }

    /** @param maskedNationalId e.g. {@code A12****789}, to echo on the form */
    public record NationalIdView(String maskedNationalId) {
    }

    /**
     * The form's challenge and captcha.
     *
     * @param challenge the enrolment challenge (base64url) the device key signs
     * @param expiresAt when the challenge dies (ISO-8601)
     * @param captcha   the image to show
     */
    public record FormView(String challenge, String expiresAt, CaptchaView captcha) {
    }

    /**
     * An image captcha.
     *
     * @param id        send it back as {@code captchaId}
     * @param mediaType e.g. {@code image/png}
     * @param image     the image, base64
     * @param alt       the alternative text, zh-TW and English
     * @param expiresAt when it dies
     */
    public record CaptchaView(String id, String mediaType, String image, Map<String, String> alt, String expiresAt) {
    }

    /**
     * An accepted application.
     *
     * @param enrollmentId  the enrolment's id
     * @param desktopSecret keep it in memory; send it as {@code MobileAuth-Desktop-Secret}
     * @param statusUrl     where to poll
     * @param next          what to do now
     */
    public record BegunView(String enrollmentId, String desktopSecret, String statusUrl, NextView next) {
    }

    /**
     * The next step.
     *
     * @param type              {@code SHOW_QR_CODE} or {@code CONTINUE_HERE}
     * @param handoffUrl        the URL inside the QR code
     * @param qrPng             the QR code, PNG, base64
     * @param expiresAt         when the QR code dies
     * @param regenerationsLeft how many more QR codes may be made
     * @param phoneSession      for {@code CONTINUE_HERE}: this device's phone session
     * @param summary           for {@code CONTINUE_HERE}: the masked summary to confirm
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record NextView(String type, String handoffUrl, String qrPng, String expiresAt, Integer regenerationsLeft,
            String phoneSession, PhoneApi.SummaryView summary) {
    }

    /**
     * What the applying device sees.
     *
     * @param state             the enrolment's state, e.g. {@code AWAITING_DEVICE}, {@code COMPLETED}
     * @param qrExpiresAt       while awaiting the phone
     * @param regenerationsLeft while awaiting the phone
     * @param pairingCode       once the phone opened the QR code: type it on the phone
     * @param lastError         the last verification problem, if any
     * @param credentialId      when completed: bind the browser's pending key to it
     * @param certificateSerial when completed, hexadecimal
     * @param rejections        when rejected
     */
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public record StatusView(String state, String qrExpiresAt, Integer regenerationsLeft, String pairingCode,
            String lastError, String credentialId, String certificateSerial, List<ApiError.Rejection> rejections) {
    }
}
