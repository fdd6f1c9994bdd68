package tw.mobileauth.examples.web;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Locale;
import tw.mobileauth.InvalidInputException;
import tw.mobileauth.carrier.CarrierOption;
import tw.mobileauth.captcha.CaptchaChallenge;
import tw.mobileauth.client.DeviceClass;
import tw.mobileauth.enrollment.Begun;
import tw.mobileauth.enrollment.EnrollmentApplication;
import tw.mobileauth.enrollment.EnrollmentException;
import tw.mobileauth.enrollment.EnrollmentUnavailableException;
import tw.mobileauth.enrollment.FormChallenge;
import tw.mobileauth.enrollment.NextStep;

/** Steps 2 and 3 on the applying device: the ID check and the application form (posted as JSON). */
final class EnrolPages {

    private final Deps d;

    EnrolPages(Deps d) {
        this.d = d;
    }

    /** Step 2: 身分證號 and 驗證. */
    WebResponse idCheck(Exchange x, Failure failure, String typed) {
        String main = (failure == null ? "" : Html.errorBlock(x.t(failure.reason()), x.t(failure.remedy()))
                + Layout.fieldList(x, failure.fields()))
                + "<form method=\"post\" action=\"/enrol\">" + Html.csrfField(x.session.csrf)
                + "<label for=\"nationalId\">" + x.t("身分證號", "National ID") + "</label>"
                + "<input id=\"nationalId\" name=\"nationalId\" autocomplete=\"off\" maxlength=\"20\" value=\""
                + Html.esc(typed) + "\" required>"
                + "<button id=\"verify\" type=\"submit\">" + x.t("驗證", "Verify") + "</button></form>";
        return d.layout().page(x, failure == null ? 200 : failure.status(),
                x.t("申請行動電話認證：身分確認", "Apply: check your ID"), main);
    }

    WebResponse checkId(Exchange x) {
        String typed = x.formValue("nationalId");
        try {
            d.auth().enrollment().checkNationalId(typed);
        } catch (InvalidInputException e) {
            return idCheck(x, Failure.from(e), typed);
        } catch (EnrollmentException e) {
            return idCheck(x, Failure.from(e), typed);
        }
        synchronized (x.session) {
            x.session.clearEnrolment();
            x.session.pendingNationalId = typed.strip();
        }
        return d.layout().redirect(x, "/enrol/form");
    }

    /** Step 3: the application form; the page's script signs and posts it as JSON. */
    WebResponse form(Exchange x) {
        String nationalId;
        synchronized (x.session) {
            nationalId = x.session.pendingNationalId;
        }
        if (nationalId == null) {
            return d.layout().redirect(x, "/enrol");
        }
        FormChallenge form;
        try {
            form = d.auth().enrollment().prepareApplication();
        } catch (EnrollmentUnavailableException e) {
            return d.layout().errorPage(x, Failure.from(e));
        }
        StringBuilder m = new StringBuilder("<div id=\"formError\" hidden></div>");
        m.append("<form id=\"applicationForm\" data-challenge=\"").append(Html.esc(form.challenge())).append("\">")
                .append(field(x, "nationalId", "身分證號", "National ID", "text", nationalId, "readonly"))
                .append("<label for=\"carrierId\">").append(x.t("電信業者", "Carrier")).append("</label><select id=\"carrierId\" name=\"carrierId\">");
        for (CarrierOption c : d.auth().carriers().options()) {
            m.append("<option value=\"").append(Html.esc(c.id())).append("\">").append(Html.esc(x.t(c.name()))).append("</option>");
        }
        m.append("</select>")
                .append(field(x, "mobileNumber", "手機門號", "Mobile number", "tel", "", "placeholder=\"0912345678\""))
                .append(field(x, "nhiCardNumber", "健保卡號（12 碼）", "NHI card number (12 digits)", "text", "", ""))
                .append(field(x, "birthDate", "出生日期（民國 075/03/14 或西元 1986-03-14）",
                        "Birth date (ROC 075/03/14 or Gregorian 1986-03-14)", "text", "", ""))
                .append(field(x, "name", "姓名", "Name", "text", "", ""))
                .append(field(x, "password", "憑證密碼（8 碼以上）", "Certificate password (8+ characters)", "password", "", "autocomplete=\"new-password\""))
                .append(field(x, "passwordConfirmation", "確認憑證密碼", "Confirm the password", "password", "", "autocomplete=\"new-password\""))
                .append("<label for=\"tabletSim\">").append(x.t("使用平板電腦申請時，裝置有無 SIM 卡？", "Applying on a tablet: does it have a SIM card?"))
                .append("</label><select id=\"tabletSim\" name=\"tabletSim\"><option value=\"no\">")
                .append(x.t("無（或不是平板）：以 QR Code 交給手機驗證", "No (or not a tablet): verify with a phone via QR code"))
                .append("</option><option value=\"yes\">").append(x.t("有：在本裝置直接驗證", "Yes: verify on this device"))
                .append("</option></select>")
                .append(captcha(x, form.captcha()))
                .append("<button id=\"submit\" type=\"submit\">").append(x.t("送出", "Submit")).append("</button></form>");
        return d.layout().page(x, x.t("申請行動電話認證：填寫資料", "Apply: your details"), m.toString());
    }

    private static String field(Exchange x, String id, String zh, String en, String type, String value, String extra) {
        return "<label for=\"" + id + "\">" + x.t(zh, en) + "</label><input id=\"" + id + "\" name=\"" + id
                + "\" type=\"" + type + "\" value=\"" + Html.esc(value) + "\" " + extra + ">";
    }

    private static String captcha(Exchange x, CaptchaChallenge c) {
        return "<label for=\"captchaAnswer\">" + x.t("驗證碼（不分大小寫）", "Captcha (not case-sensitive)") + "</label>"
                + "<img id=\"captchaImage\" src=\"" + Html.esc(c.mediaDataUrl()) + "\" alt=\"" + Html.esc(x.t(c.altText()))
                + "\"><input type=\"hidden\" id=\"captchaId\" name=\"captchaId\" value=\"" + Html.esc(c.id()) + "\">"
                + "<button id=\"regenerateCaptcha\" type=\"button\">" + x.t("重新產生驗證碼", "New captcha") + "</button>"
                + "<input id=\"captchaAnswer\" name=\"captchaAnswer\" autocomplete=\"off\">";
    }

    /** {@code POST /api/captcha {"captchaId"}}: 重新產生驗證碼. */
    WebResponse regenerateCaptcha(Exchange x) {
        try {
            CaptchaChallenge c = d.auth().enrollment().regenerateCaptcha(x.jsonBody().path("captchaId").asText(""));
            return d.layout().json(x, 200, x.newJson().put("captchaId", c.id()).put("captchaImage", c.mediaDataUrl()));
        } catch (EnrollmentUnavailableException e) {
            return d.layout().jsonError(x, Failure.from(e));
        }
    }

    /** {@code POST /api/enrol/apply}: the body {@code mobileauth.application(fields)} built. */
    WebResponse apply(Exchange x) {
        String body = x.body();
        DeviceClass deviceClass = deviceClass(x, x.jsonBody().path("tabletSim").asText("no"));
        Failure failure;
        try {
            Begun begun = d.auth().enrollment().begin(EnrollmentApplication.fromJson(body), Deps.client(x, deviceClass));
            return started(x, begun);
        } catch (InvalidInputException e) {
            failure = Failure.from(e);
        } catch (EnrollmentException e) {
            failure = Failure.from(e);
        } catch (EnrollmentUnavailableException e) {
            failure = Failure.from(e);
        }
        ObjectNode error = d.layout().errorJson(x, failure);
        try { // the captcha and the challenge were single use: hand the page fresh ones
            FormChallenge fresh = d.auth().enrollment().prepareApplication();
            error.putObject("fresh").put("challenge", fresh.challenge()).put("captchaId", fresh.captcha().id())
                    .put("captchaImage", fresh.captcha().mediaDataUrl());
        } catch (EnrollmentUnavailableException e) {
            // the page shows the error and the person reloads for a new form
        }
        return d.layout().json(x, failure.status(), error);
    }

    private WebResponse started(Exchange x, Begun begun) {
        String next;
        synchronized (x.session) {
            x.session.enrollmentId = begun.enrollmentId();
            x.session.desktopSecret = begun.desktopSecret();
            if (begun.next() instanceof NextStep.ShowQrCode qr) {
                x.session.qr = qr;
                next = "/enrol/qr";
            } else {
                NextStep.ContinueHere here = (NextStep.ContinueHere) begun.next();
                String phoneId = d.sessions().putPhone(here.device().session(), here.device().summary());
                x.setCookie(Cookies.set(Cookies.PHONE, phoneId, "/mobile/", x.request.secure(), -1));
                next = "/mobile/h";
            }
        }
        return d.layout().json(x, 200, x.newJson().put("next", next));
    }

    /**
     * The device class: the tablet-SIM answer (the manual's question), else the User-Agent: a
     * phone applies and verifies on itself; a desktop or a tablet without SIM goes through the QR code.
     */
    static DeviceClass deviceClass(Exchange x, String tabletSim) {
        String ua = x.request.header("User-Agent").orElse("").toLowerCase(Locale.ROOT);
        boolean tablet = ua.contains("ipad") || ua.contains("tablet") || (ua.contains("android") && !ua.contains("mobile"));
        if ("yes".equals(tabletSim)) {
            return DeviceClass.TABLET_WITH_SIM;
        }
        if (tablet) {
            return DeviceClass.TABLET_WITHOUT_SIM;
        }
        boolean phone = ua.contains("iphone") || (ua.contains("android") && ua.contains("mobile"));
        return phone ? DeviceClass.SMARTPHONE : DeviceClass.DESKTOP;
    }
}
