package tw.mobileauth.examples.web;

import java.util.List;
import tw.mobileauth.FieldError;
import tw.mobileauth.InvalidInputException;
import tw.mobileauth.captcha.CaptchaUnavailableException;
import tw.mobileauth.enrollment.EnrollmentException;
import tw.mobileauth.enrollment.EnrollmentUnavailableException;
import tw.mobileauth.enrollment.RejectionReason;
import tw.mobileauth.i18n.LocalizedText;
import tw.mobileauth.login.LoginFailedException;
import tw.mobileauth.login.LoginUnavailableException;

/**
 * A rejection as a page or a JSON error shows it: an HTTP status, a stable code, the reason and the
 * remedy in both languages, and the field errors of a form. Built from every SDK exception, so no
 * exception text or stack trace ever reaches a page.
 *
 * @param status the HTTP status
 * @param code   a stable code, e.g. {@code INVALID_INPUT} or an {@link EnrollmentException.Reason}
 * @param reason what went wrong
 * @param remedy what to do
 * @param fields the form's field errors (each message says what to fix)
 */
record Failure(int status, String code, LocalizedText reason, LocalizedText remedy, List<FieldError> fields) {

    static final LocalizedText RETRY = new LocalizedText("請稍候幾秒後再試一次。", "Please wait a few seconds and try again.");

    Failure {
        fields = List.copyOf(fields);
    }

    static Failure of(int status, String code, LocalizedText reason, LocalizedText remedy) {
        return new Failure(status, code, reason, remedy, List.of());
    }

    static Failure from(InvalidInputException e) {
        return new Failure(400, "INVALID_INPUT",
                new LocalizedText("有欄位內容不正確。", "Some fields are not valid."),
                new LocalizedText("請依各欄位的說明修正後再送出。", "Correct each marked field as its message says, then send again."),
                e.errors());
    }

    static Failure from(EnrollmentException e) {
        int status = switch (e.reason()) {
            case ACCESS_DENIED, CALLBACK_WRONG_BROWSER -> 403;
            case UNKNOWN_ENROLLMENT -> 404;
            default -> 409;
        };
        if (!e.rejections().isEmpty()) {
            RejectionReason first = e.rejections().get(0);
            return of(status, e.reason().name(), join(e.text(), first.message()), first.remedy());
        }
        return of(status, e.reason().name(), e.text(), e.remedy());
    }

    static Failure from(EnrollmentUnavailableException e) {
        LocalizedText remedy = switch (e.recovery()) {
            case NEW_FORM -> new LocalizedText("請重新填寫申請表。", "Please fill in the application form again.");
            case RESTART_VERIFICATION -> new LocalizedText("請回到手機重新按「開始驗證」。",
                    "Go back to the phone and press Start verification again.");
            default -> RETRY;
        };
        return of(503, "UNAVAILABLE_" + e.source().name(), e.text(), remedy);
    }

    static Failure from(CaptchaUnavailableException e) {
        return of(503, "UNAVAILABLE_CAPTCHA", new LocalizedText("驗證碼服務暫時無法使用。", "The captcha service is unavailable."),
                RETRY);
    }

    /** The one answer for every failed login: it never says which field, or whether the ID exists or is locked. */
    static Failure from(LoginFailedException e) {
        return of(401, "LOGIN_FAILED", e.text(), new LocalizedText(
                "請確認四個欄位後再試；若仍無法登入，請稍後再試或重新申請行動電話認證。",
                "Check the four fields and try again; if it still fails, wait a while or apply for mobile authentication again."));
    }

    static Failure from(LoginUnavailableException e) {
        return of(503, "UNAVAILABLE_LOGIN", e.text(), RETRY);
    }

    static Failure csrf() {
        return of(403, "CSRF", new LocalizedText("這個請求沒有有效的安全碼（CSRF），已拒絕，未做任何變更。",
                        "This request carried no valid security token (CSRF) and was refused; nothing was changed."),
                new LocalizedText("請重新整理頁面後再操作一次。", "Reload the page and try again."));
    }

    static Failure tooManySessions() {
        return of(503, "BUSY", new LocalizedText("目前使用人數過多，暫時無法為這個瀏覽器開啟新的工作階段。",
                        "Too many people are using the portal; this browser cannot be given a new session right now."),
                new LocalizedText("請過幾分鐘後再試。", "Please try again in a few minutes."));
    }

    static Failure notFound() {
        return of(404, "NOT_FOUND", new LocalizedText("找不到這個頁面。", "There is no such page."),
                new LocalizedText("請回到首頁重新開始。", "Go back to the front page and start again."));
    }

    static Failure loginRequired() {
        return of(401, "LOGIN_REQUIRED", new LocalizedText("您尚未登入，或登入已逾時。", "You are not logged in, or your session expired."),
                new LocalizedText("請以行動電話認證重新登入。", "Log in again with mobile authentication."));
    }

    static Failure noEnrolment() {
        return of(409, "NO_ENROLMENT", new LocalizedText("這個瀏覽器沒有進行中的申請。", "This browser has no application in progress."),
                new LocalizedText("請從「申請行動電話認證」重新開始。", "Start again from Apply for mobile authentication."));
    }

    static Failure internal() {
        return of(500, "INTERNAL", new LocalizedText("系統發生未預期的錯誤。", "Something unexpected went wrong."),
                new LocalizedText("請稍後再試；若一直發生，請聯絡網站管理者。", "Try again later; if it keeps happening, contact the site's operator."));
    }

    private static LocalizedText join(LocalizedText a, LocalizedText b) {
        return new LocalizedText(a.zhTw() + " " + b.zhTw(), a.en() + " " + b.en());
    }
}
