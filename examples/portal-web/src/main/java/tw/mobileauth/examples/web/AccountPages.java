package tw.mobileauth.examples.web;

import java.util.Optional;
import tw.mobileauth.client.BoundDevice;
import tw.mobileauth.credential.CredentialId;
import tw.mobileauth.i18n.LocalizedText;
import tw.mobileauth.login.AssuranceLevel;
import tw.mobileauth.login.Authentication;
import tw.mobileauth.login.LoginUnavailableException;
import tw.mobileauth.login.PersonalDataExport;

/**
 * The logged-in pages: the query page with its per-feature gating, my bound browsers (with revoke),
 * and logout. A mobile-phone login is {@link AssuranceLevel#QUERY_ONLY}: only the one designated
 * application (確診COVID-19申辦) is allowed; every other 申辦 is refused with its reason and remedy.
 */
final class AccountPages {

    /** The one 申辦 a QUERY_ONLY login may use (the BLI manual's exception). */
    static final String DESIGNATED_FEATURE = "covid";

    private final Deps d;

    AccountPages(Deps d) {
        this.d = d;
    }

    WebResponse account(Exchange x) {
        Authentication a = LoginPages.authentication(x);
        if (a == null) {
            return d.layout().errorPage(x, Failure.loginRequired());
        }
        if (a.noticeAcknowledgementRequired()) {
            return d.layout().redirect(x, "/notice");
        }
        return page(x, a, "");
    }

    private WebResponse page(Exchange x, Authentication a, String message) {
        String clientIp;
        synchronized (x.session) {
            clientIp = x.session.clientIp;
        }
        String main = message
                + "<dl class=\"auth\"><dt>" + x.t("身分證號", "National ID") + "</dt><dd id=\"maskedId\">" + Html.esc(a.nationalId().masked())
                + "</dd><dt>" + x.t("登入方式", "Method") + "</dt><dd>" + x.t("行動電話認證", "Mobile phone authentication")
                + "</dd><dt>" + x.t("權限", "Assurance") + "</dt><dd id=\"assurance\">" + Html.esc(a.assurance().name())
                + "</dd></dl><p>" + x.t("查詢功能：投保資料、給付進度（示範）。", "Queries: insurance records, payment status (demo).") + "</p>"
                + "<h2>" + x.t("申辦", "Applications") + "</h2>"
                + applyForm(x, "covid", "apply-covid", "確診COVID-19申辦", "COVID-19 application")
                + applyForm(x, "other", "apply-other", "勞保老年給付申辦", "Old-age benefit application")
                + "<p><a id=\"browsers\" href=\"/account/browsers\">" + x.t("我的已綁定瀏覽器", "My bound browsers") + "</a></p>"
                + "<form method=\"post\" action=\"/logout\">" + Html.csrfField(x.session.csrf)
                + "<button id=\"logout\" type=\"submit\">" + x.t("登出", "Log out") + "</button></form>"
                + "<footer class=\"session\">" + x.t("登入 IP", "Client IP") + " <span id=\"clientIp\">" + Html.esc(clientIp)
                + "</span> · " + x.t("登入時間", "Login time") + " <span id=\"loginTime\">" + Html.esc(Roc.dateTime(a.authenticatedAt()))
                + "</span></footer>";
        return d.layout().page(x, x.t("查詢服務", "Queries"), main);
    }

    private static String applyForm(Exchange x, String feature, String id, String zh, String en) {
        return "<form method=\"post\" action=\"/account/apply\">" + Html.csrfField(x.session.csrf)
                + "<input type=\"hidden\" name=\"feature\" value=\"" + feature + "\"><button id=\"" + id + "\" type=\"submit\">"
                + x.t(zh, en) + "</button></form>";
    }

    /** {@code POST /account/apply}: the gate. */
    WebResponse apply(Exchange x) {
        Authentication a = LoginPages.authentication(x);
        if (a == null) {
            return d.layout().errorPage(x, Failure.loginRequired());
        }
        if (allowed(a.assurance(), x.formValue("feature"))) {
            return page(x, a, "<p id=\"applied\" class=\"ok\">" + x.t("確診COVID-19申辦已受理（示範）。",
                    "Your COVID-19 application was received (demo).") + "</p>");
        }
        Failure refused = Failure.of(403, "FEATURE_NOT_ALLOWED",
                new LocalizedText("以行動電話認證登入僅提供查詢功能（含確診COVID-19申辦），無法進行此項申辦。",
                        "A mobile-phone login allows queries only (and the COVID-19 application); it cannot make this application."),
                new LocalizedText("請登出後以自然人憑證、健保卡或其他方式登入再申辦。",
                        "Log out and log in another way (citizen certificate, NHI card, …) to apply."));
        return d.layout().page(x, 403, x.t("無法申辦", "Not allowed"), Html.errorBlock(x.t(refused.reason()), x.t(refused.remedy()))
                + "<p><a href=\"/account\">" + x.t("回查詢服務", "Back to queries") + "</a></p>");
    }

    /** QUERY_ONLY allows exactly the designated feature. */
    static boolean allowed(AssuranceLevel level, String feature) {
        return level == AssuranceLevel.QUERY_ONLY && DESIGNATED_FEATURE.equals(feature);
    }

    /** 我的已綁定瀏覽器. */
    WebResponse browsers(Exchange x) {
        Authentication a = LoginPages.authentication(x);
        if (a == null) {
            return d.layout().errorPage(x, Failure.loginRequired());
        }
        PersonalDataExport export;
        try {
            export = d.auth().administration().export(a.nationalId());
        } catch (LoginUnavailableException e) {
            return d.layout().errorPage(x, Failure.from(e));
        }
        StringBuilder m = new StringBuilder("<table id=\"credentials\"><thead><tr><th>").append(x.t("綁定時間", "Bound"))
                .append("</th><th>").append(x.t("瀏覽器", "Browser")).append("</th><th>").append(x.t("狀態", "Status"))
                .append("</th><th></th></tr></thead><tbody>");
        for (PersonalDataExport.Credential c : export.credentials()) {
            boolean current = c.credentialId().equals(a.credentialId().value());
            m.append("<tr class=\"credential\" data-credential-id=\"").append(Html.esc(c.credentialId()))
                    .append("\" data-current=\"").append(current).append("\"><td>").append(Html.esc(Roc.dateTime(c.issuedAt())))
                    .append("</td><td class=\"browser\">").append(Html.esc(browser(x, c.boundDevice())))
                    .append(current ? x.t("（本瀏覽器）", " (this browser)") : "").append("</td><td>").append(Html.esc(c.status()))
                    .append("</td><td>");
            if ("ACTIVE".equals(c.status())) {
                m.append("<form method=\"post\" action=\"/account/browsers/revoke\">").append(Html.csrfField(x.session.csrf))
                        .append("<input type=\"hidden\" name=\"credentialId\" value=\"").append(Html.esc(c.credentialId()))
                        .append("\"><button class=\"revoke\" type=\"submit\">").append(x.t("撤銷", "Revoke")).append("</button></form>");
            }
            m.append("</td></tr>");
        }
        m.append("</tbody></table><p><a href=\"/account\">").append(x.t("回查詢服務", "Back to queries")).append("</a></p>");
        return d.layout().page(x, x.t("我的已綁定瀏覽器", "My bound browsers"), m.toString());
    }

    /** The bound browser as the SDK recorded it, e.g. {@code Chrome (桌上型電腦)}; "—" for a credential that predates it. */
    private static String browser(Exchange x, Optional<BoundDevice> bound) {
        return bound.map(b -> b.browserFamily().displayName() + " (" + x.t(DeviceNames.of(b.deviceClass())) + ")").orElse("—");
    }

    /** Revokes one of the logged-in person's own credentials; revoking this browser's also logs out. */
    WebResponse revoke(Exchange x) {
        Authentication a = LoginPages.authentication(x);
        if (a == null) {
            return d.layout().errorPage(x, Failure.loginRequired());
        }
        String wanted = x.formValue("credentialId");
        try {
            boolean own = d.auth().administration().export(a.nationalId()).credentials().stream()
                    .anyMatch(c -> c.credentialId().equals(wanted));
            Optional<CredentialId> id = CredentialId.parse(wanted);
            if (!own || id.isEmpty()) {
                return d.layout().errorPage(x, Failure.of(404, "UNKNOWN_CREDENTIAL",
                        new LocalizedText("找不到您名下的這個綁定。", "You have no such bound browser."),
                        new LocalizedText("請回到「我的已綁定瀏覽器」重新選擇。", "Go back to My bound browsers and choose again.")));
            }
            d.auth().administration().revoke(id.get());
        } catch (LoginUnavailableException e) {
            return d.layout().errorPage(x, Failure.from(e));
        }
        if (wanted.equals(a.credentialId().value())) {
            return logout(x);
        }
        return d.layout().redirect(x, "/account/browsers");
    }

    WebResponse logout(Exchange x) {
        d.sessions().end(x.session.id);
        x.setCookie(Cookies.clear(Cookies.SESSION, "/", x.request.secure()));
        return d.layout().redirect(x, "/");
    }
}
