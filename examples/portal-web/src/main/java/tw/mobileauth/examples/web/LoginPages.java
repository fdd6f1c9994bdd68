package tw.mobileauth.examples.web;

import tw.mobileauth.InvalidInputException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import tw.mobileauth.client.DeviceClass;
import tw.mobileauth.i18n.LocalizedText;
import tw.mobileauth.login.Authentication;
import tw.mobileauth.login.LoginAttempt;
import tw.mobileauth.login.LoginChallenge;
import tw.mobileauth.login.LoginFailedException;
import tw.mobileauth.login.LoginUnavailableException;

/** Login with the four fields on the bound browser, and the personal-data notice (個資告知) after it. */
final class LoginPages {

    /**
     * Shown ({@code #lockout}) from {@link DemoPortal#LOCK_OUT_THRESHOLD} failed logins in a row on.
     * True whatever ID was typed: the SDK counts failures on the credential whose key signed (this
     * browser's) and on its owner, never on the typed ID, so it says nothing about that ID.
     */
    static final LocalizedText LOCK_OUT = new LocalizedText(
            "連續登入失敗次數過多，此瀏覽器的行動電話認證已暫時鎖定，請稍候幾分鐘再試。若忘記憑證密碼，請重新申請。",
            "Too many failed logins in a row: this browser's mobile phone authentication is locked for a while. "
                    + "Wait a few minutes and try again; if you forgot the certificate password, apply again.");

    private final Deps d;

    LoginPages(Deps d) {
        this.d = d;
    }

    WebResponse page(Exchange x) {
        String main = "<div id=\"formError\" hidden></div><form id=\"loginForm\">"
                + input(x, "nationalId", "身分證號", "National ID", "text")
                + input(x, "birthDate", "出生日期（民國 075/03/14 或西元 1986-03-14）", "Birth date (ROC 075/03/14 or Gregorian 1986-03-14)", "text")
                + input(x, "name", "姓名", "Name", "text")
                + input(x, "password", "憑證密碼", "Certificate password", "password")
                + "<button id=\"loginButton\" type=\"submit\">" + x.t("登入", "Log in") + "</button></form>"
                + "<p>" + x.t("這個瀏覽器必須是申請時綁定的瀏覽器。", "This must be the browser you bound when you applied.")
                + " <a href=\"/enrol\">" + x.t("申請行動電話認證", "Apply for mobile authentication") + "</a></p>";
        return d.layout().page(x, x.t("行動電話認證登入", "Log in with mobile authentication"), main);
    }

    private static String input(Exchange x, String id, String zh, String en, String type) {
        return "<label for=\"" + id + "\">" + x.t(zh, en) + "</label><input id=\"" + id + "\" name=\"" + id
                + "\" type=\"" + type + "\" autocomplete=\"off\">";
    }

    /** {@code POST /api/login/challenge}: {@code {"id","nonce"}}. */
    WebResponse challenge(Exchange x) {
        try {
            LoginChallenge c = d.auth().login().beginLogin(Deps.client(x, DeviceClass.DESKTOP));
            return d.layout().json(x, 200, x.newJson().put("id", c.id()).put("nonce", c.nonceBase64Url()));
        } catch (InvalidInputException e) {
            return d.layout().jsonError(x, Failure.from(e));
        } catch (LoginUnavailableException e) {
            return d.layout().jsonError(x, Failure.from(e));
        }
    }

    /** {@code POST /api/login}: the body {@code mobileauth.loginAttempt} built; a new session on success. */
    WebResponse login(Exchange x) {
        try {
            Authentication a = d.auth().login().finishLogin(LoginAttempt.fromJson(x.body()), Deps.client(x, DeviceClass.DESKTOP));
            // A new session id at login (no session fixation); the old session ends.
            Sessions.Web fresh = d.sessions().replace(x.session.id);
            synchronized (fresh) {
                fresh.failedLogins = 0;
                fresh.authentication = a;
                fresh.clientIp = x.request.remoteAddress();
            }
            x.setCookie(Cookies.set(Cookies.SESSION, fresh.id, "/", x.request.secure(), -1));
            return d.layout().json(x, 200, x.newJson().put("next", a.noticeAcknowledgementRequired() ? "/notice" : "/account"));
        } catch (InvalidInputException e) {
            return d.layout().jsonError(x, Failure.from(e));
        } catch (LoginFailedException e) {
            return failed(x, e);
        } catch (LoginUnavailableException e) {
            return d.layout().jsonError(x, Failure.from(e));
        }
    }

    /**
     * The SDK's one answer for every refused login, plus {@code error.lockout} once this session has
     * failed {@link DemoPortal#LOCK_OUT_THRESHOLD} times in a row. The count is the session's, not the
     * typed ID's, so the answer is the same for an ID that exists and one that does not.
     */
    private WebResponse failed(Exchange x, LoginFailedException e) {
        int failures;
        synchronized (x.session) {
            failures = ++x.session.failedLogins;
        }
        Failure f = Failure.from(e);
        ObjectNode root = d.layout().errorJson(x, f);
        if (failures >= DemoPortal.LOCK_OUT_THRESHOLD) {
            ((ObjectNode) root.get("error")).put("lockout", x.t(LOCK_OUT));
        }
        return d.layout().json(x, f.status(), root);
    }

    /** The 個資告知: {@code #accept} is enabled by the page script once {@code #noticeText} is scrolled to its end. */
    WebResponse notice(Exchange x) {
        if (authentication(x) == null) {
            return d.layout().errorPage(x, Failure.loginRequired());
        }
        StringBuilder text = new StringBuilder();
        String[][] paragraphs = {
            {"一、蒐集機關：勞動部勞工保險局（本示範為虛構）。", "1. Collected by: the Bureau of Labor Insurance (fictitious in this demo)."},
            {"二、蒐集目的：身分確認、勞工保險及相關業務之查詢。", "2. Purpose: identity confirmation and labour-insurance queries."},
            {"三、個人資料類別：身分證號、姓名、出生日期、行動電話號碼。", "3. Data: national ID, name, birth date, mobile number."},
            {"四、利用期間、地區、對象及方式：於蒐集目的存續期間，在中華民國境內，由本局利用。",
                "4. Period, area, users and means: while the purpose lasts, in Taiwan, by the Bureau."},
            {"五、您得依個人資料保護法第三條行使查詢、閱覽、複製、補充、更正、停止蒐集處理利用及刪除之權利。",
                "5. You may exercise your rights under article 3 of the Personal Data Protection Act: access, copies, "
                        + "correction, and to stop collection, processing and use, and deletion."},
            {"六、您不提供個人資料時，將無法使用行動電話認證登入。", "6. Without this data you cannot log in with mobile authentication."}};
        for (String[] p : paragraphs) {
            text.append("<p>").append(Html.esc(x.t(p[0], p[1]))).append("</p>");
        }
        String main = "<div id=\"noticeText\" class=\"notice\" tabindex=\"0\">" + text + "</div>"
                + "<form method=\"post\" action=\"/notice\">" + Html.csrfField(x.session.csrf)
                + "<button id=\"accept\" type=\"submit\" disabled>" + x.t("我已閱讀並同意", "I have read it and agree") + "</button></form>";
        return d.layout().page(x, x.t("個資告知", "Personal data notice"), main);
    }

    WebResponse acceptNotice(Exchange x) {
        Authentication a = authentication(x);
        if (a == null) {
            return d.layout().errorPage(x, Failure.loginRequired());
        }
        try {
            Authentication acknowledged = d.auth().login().acknowledgeNotice(a, a.noticeVersion());
            synchronized (x.session) {
                x.session.authentication = acknowledged;
            }
            return d.layout().redirect(x, "/account");
        } catch (InvalidInputException e) {
            return d.layout().errorPage(x, Failure.from(e));
        } catch (LoginFailedException e) {
            return d.layout().errorPage(x, Failure.from(e));
        } catch (LoginUnavailableException e) {
            return d.layout().errorPage(x, Failure.from(e));
        }
    }

    static Authentication authentication(Exchange x) {
        synchronized (x.session) {
            return x.session.authentication;
        }
    }
}
