package tw.mobileauth.examples.spring.rest;

import java.util.Objects;
import org.springframework.http.HttpStatus;
import tw.mobileauth.i18n.LocalizedText;

/**
 * A refusal the REST layer itself decides (no session, a feature the login's assurance does not
 * allow, someone else's credential), answered by {@link RestErrors} as a typed {@link ApiError}.
 * Its message is the code only, so a log line never carries more.
 */
public final class ApiRefusal extends Exception {

    private static final long serialVersionUID = 1L;

    /** The session header is missing, malformed, unknown, logged out or expired: one answer for all. */
    static final String SESSION_INVALID = "SESSION_INVALID";

    private final transient HttpStatus status;
    private final String code;
    private final String field;
    private final transient LocalizedText text;
    private final transient LocalizedText remedy;

    ApiRefusal(HttpStatus status, String code, String field, LocalizedText text, LocalizedText remedy) {
        super(code, null, false, false);
        this.status = Objects.requireNonNull(status, "status");
        this.code = Objects.requireNonNull(code, "code");
        this.field = field;
        this.text = Objects.requireNonNull(text, "text");
        this.remedy = Objects.requireNonNull(remedy, "remedy");
    }

    /** {@code 401 SESSION_INVALID}: log in again. */
    static ApiRefusal sessionInvalid() {
        return new ApiRefusal(HttpStatus.UNAUTHORIZED, SESSION_INVALID, ApiSessions.HEADER,
                new LocalizedText("您尚未登入，或登入已逾時、已登出。", "You are not logged in, or your login expired or was ended."),
                new LocalizedText("請重新登入（POST /rest/v1/logins），再以回應的 MobileAuth-Session 標頭送出。",
                        "Log in again (POST /rest/v1/logins) and send the MobileAuth-Session header it returns."));
    }

    /** The HTTP status. */
    HttpStatus status() {
        return status;
    }

    /** The JSON body. */
    ApiError body() {
        return ApiError.of(code, field, text, remedy);
    }

    /** The stable code, e.g. {@code SESSION_INVALID}. */
    String code() {
        return code;
    }
}
