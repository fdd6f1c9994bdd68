package tw.mobileauth.examples.spring.rest;

import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MissingRequestHeaderException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import tw.mobileauth.InvalidInputException;
import tw.mobileauth.enrollment.EnrollmentException;
import tw.mobileauth.enrollment.EnrollmentUnavailableException;
import tw.mobileauth.examples.spring.RequestBodies;
import tw.mobileauth.i18n.LocalizedText;
import tw.mobileauth.login.LoginFailedException;
import tw.mobileauth.login.LoginUnavailableException;

/**
 * Maps every failure of the REST API to one typed JSON {@link ApiError} with the right status.
 * Logs the code only: never a request body, a field value or a secret.
 */
@RestControllerAdvice(basePackageClasses = RestErrors.class)
public class RestErrors {

    private static final Logger LOG = LoggerFactory.getLogger(RestErrors.class);

    static final LocalizedText FIX_FIELDS = new LocalizedText("請依說明修正標示的欄位後再送出。",
            "Correct the fields named and send the request again.");
    static final LocalizedText UNAVAILABLE = new LocalizedText("系統暫時無法完成這項作業，您的資料沒有遺失。",
            "We could not finish this right now; nothing you entered is lost.");
    static final LocalizedText NEW_CHALLENGE = new LocalizedText("請重新取得登入挑戰後再試一次。",
            "Get a new login challenge and try again.");

    /** Rejected input: every field error at once. */
    @ExceptionHandler(InvalidInputException.class)
    public ResponseEntity<ApiError> invalidInput(InvalidInputException e) {
        var first = e.errors().get(0);
        LOG.info("REST request refused: INVALID_INPUT {}", e.errors().stream().map(x -> x.field() + "/" + x.reason()).toList());
        return json(HttpStatus.BAD_REQUEST, new ApiError("INVALID_INPUT", first.field(), ApiError.texts(first.message()),
                ApiError.texts(FIX_FIELDS), e.errors().stream().map(ApiError.FieldProblem::of).toList(), List.of(), null));
    }

    /** The enrolment request cannot go on: the caller's side. */
    @ExceptionHandler(EnrollmentException.class)
    public ResponseEntity<ApiError> enrollment(EnrollmentException e) {
        LOG.info("REST request refused: {}", e.reason());
        return json(statusOf(e.reason()), new ApiError(e.reason().name(), fieldOf(e.reason()), ApiError.texts(e.text()),
                ApiError.texts(e.remedy()), List.of(), e.rejections().stream().map(ApiError.Rejection::of).toList(), null));
    }

    /** We could not finish the enrolment request: {@code 503}, with {@code Retry-After} when known. */
    @ExceptionHandler(EnrollmentUnavailableException.class)
    public ResponseEntity<ApiError> enrollmentUnavailable(EnrollmentUnavailableException e) {
        LOG.warn("enrolment unavailable: {} ({})", e.source(), e.recovery());
        Long seconds = e.retryAfter().map(d -> Math.max(1, d.toSeconds())).orElse(null);
        ApiError body = new ApiError("ENROLLMENT_UNAVAILABLE_" + e.recovery().name(), null, ApiError.texts(UNAVAILABLE),
                ApiError.texts(e.text()), List.of(), List.of(), seconds);
        ResponseEntity.BodyBuilder builder = ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                .contentType(MediaType.APPLICATION_JSON);
        if (seconds != null) {
            builder.header(HttpHeaders.RETRY_AFTER, Long.toString(seconds));
        }
        return builder.body(body);
    }

    /** A refusal of the REST layer itself; a {@code 401} names the session header in {@code WWW-Authenticate}. */
    @ExceptionHandler(ApiRefusal.class)
    public ResponseEntity<ApiError> refused(ApiRefusal e) {
        LOG.info("REST request refused: {}", e.code());
        ResponseEntity.BodyBuilder builder = ResponseEntity.status(e.status()).contentType(MediaType.APPLICATION_JSON);
        if (e.status() == HttpStatus.UNAUTHORIZED) {
            builder.header(HttpHeaders.WWW_AUTHENTICATE, ApiSessions.HEADER);
        }
        return builder.body(e.body());
    }

    /** The login was refused; deliberately one answer for every cause. */
    @ExceptionHandler(LoginFailedException.class)
    public ResponseEntity<ApiError> loginFailed(LoginFailedException e) {
        LOG.info("REST request refused: LOGIN_FAILED");
        return json(HttpStatus.UNAUTHORIZED, ApiError.of("LOGIN_FAILED", null, e.text(), NEW_CHALLENGE));
    }

    /** We could not finish the login request. */
    @ExceptionHandler(LoginUnavailableException.class)
    public ResponseEntity<ApiError> loginUnavailable(LoginUnavailableException e) {
        LOG.warn("login unavailable: {}", e.source());
        return json(HttpStatus.SERVICE_UNAVAILABLE, ApiError.of("LOGIN_UNAVAILABLE", null, UNAVAILABLE, e.text()));
    }

    /** A body that is not the JSON the endpoint reads. */
    @ExceptionHandler(HttpMessageNotReadableException.class)
    public ResponseEntity<ApiError> unreadable(HttpMessageNotReadableException e) {
        return invalidInput(InvalidInputException.of("request", tw.mobileauth.FieldReason.BAD_FORMAT));
    }

    /** A required header is missing: named as the field, with the fix. */
    @ExceptionHandler(MissingRequestHeaderException.class)
    public ResponseEntity<ApiError> missingHeader(MissingRequestHeaderException e) {
        return invalidInput(InvalidInputException.of(e.getHeaderName(), tw.mobileauth.FieldReason.REQUIRED));
    }

    /** The body is too large. */
    @ExceptionHandler(RequestBodies.TooLargeException.class)
    public ResponseEntity<ApiError> tooLarge(RequestBodies.TooLargeException e) {
        return json(HttpStatus.CONTENT_TOO_LARGE, ApiError.of("REQUEST_TOO_LARGE", "request",
                new LocalizedText("送出的資料太大。", "The request body is too large."),
                new LocalizedText("請只送出表單的欄位（最多 " + e.limit() + " 位元組）。",
                        "Send only the form's members (at most " + e.limit() + " bytes).")));
    }

    /** Not JSON. */
    @ExceptionHandler(HttpMediaTypeNotSupportedException.class)
    public ResponseEntity<ApiError> mediaType(HttpMediaTypeNotSupportedException e) {
        return json(HttpStatus.UNSUPPORTED_MEDIA_TYPE, ApiError.of("UNSUPPORTED_MEDIA_TYPE", "Content-Type",
                new LocalizedText("這個 API 只接受 JSON。", "This API accepts JSON only."),
                new LocalizedText("請以 Content-Type: application/json 送出。", "Send it with Content-Type: application/json.")));
    }

    /** Wrong HTTP method. */
    @ExceptionHandler(HttpRequestMethodNotSupportedException.class)
    public ResponseEntity<ApiError> method(HttpRequestMethodNotSupportedException e) {
        return json(HttpStatus.METHOD_NOT_ALLOWED, ApiError.of("METHOD_NOT_ALLOWED", null,
                new LocalizedText("這個網址不接受此 HTTP 方法。", "This URL does not accept this HTTP method."),
                new LocalizedText("請參閱 API 說明使用正確的方法。", "Use the method the API documentation gives.")));
    }

    /** Anything else: a 500 without details; the operator log has the exception type and stack. */
    @ExceptionHandler(Exception.class)
    public ResponseEntity<ApiError> unexpected(Exception e) {
        LOG.error("REST request failed unexpectedly: {}", e.getClass().getName(), e);
        return json(HttpStatus.INTERNAL_SERVER_ERROR, ApiError.of("INTERNAL_ERROR", null,
                new LocalizedText("系統發生未預期的錯誤。", "Something went wrong on our side."),
                new LocalizedText("請稍後再試；若持續發生，請聯絡客服。", "Try again later; if it keeps happening, contact us.")));
    }

    static ResponseEntity<ApiError> json(HttpStatus status, ApiError body) {
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_JSON).body(body);
    }

    static HttpStatus statusOf(EnrollmentException.Reason reason) {
        return switch (reason) {
            case ACCESS_DENIED, CALLBACK_WRONG_BROWSER -> HttpStatus.FORBIDDEN;
            case UNKNOWN_ENROLLMENT, HANDOFF_INVALID, STATE_UNKNOWN -> HttpStatus.NOT_FOUND;
            case WRONG_STEP, ENROLLMENT_ENDED, HANDOFF_ALREADY_CLAIMED, STATE_REPLAYED, REGENERATION_LIMIT,
                    PAIRING_CODE_LIMIT -> HttpStatus.CONFLICT;
            case ENROLLMENT_EXPIRED, HANDOFF_EXPIRED, VERIFICATION_EXPIRED -> HttpStatus.GONE;
            case INELIGIBLE, CAPTCHA_INCORRECT, DEVICE_KEY_INVALID, PROOF_OF_POSSESSION_INVALID, CONSENT_REQUIRED,
                    PAIRING_CODE_REQUIRED, PAIRING_CODE_INCORRECT -> HttpStatus.UNPROCESSABLE_CONTENT;
        };
    }

    /** The request member a reason is about, when it is one. */
    static String fieldOf(EnrollmentException.Reason reason) {
        return switch (reason) {
            case CAPTCHA_INCORRECT -> "captchaAnswer";
            case DEVICE_KEY_INVALID -> "devicePublicKey";
            case PROOF_OF_POSSESSION_INVALID -> "proofOfPossession";
            case CONSENT_REQUIRED -> "accepted";
            case PAIRING_CODE_REQUIRED, PAIRING_CODE_INCORRECT -> "pairingCode";
            case CALLBACK_WRONG_BROWSER -> "MobileAuth-Phone-Session";
            default -> null;
        };
    }
}
