package tw.mobileauth.examples.web;

import java.util.Optional;
import tw.mobileauth.client.DeviceClass;
import tw.mobileauth.enrollment.ApplyingDevice;
import tw.mobileauth.enrollment.Consent;
import tw.mobileauth.enrollment.DeviceSession;
import tw.mobileauth.enrollment.DeviceSummary;
import tw.mobileauth.enrollment.EnrollmentException;
import tw.mobileauth.enrollment.EnrollmentUnavailableException;
import tw.mobileauth.enrollment.VerificationCallback;
import tw.mobileauth.enrollment.VerificationOutcome;
import tw.mobileauth.enrollment.VerificationRedirect;
import tw.mobileauth.i18n.LocalizedText;

/**
 * The phone's pages: the QR handoff with the masked summary, consent and 開始驗證, and the carrier's
 * callback. The phone's {@code PhoneSession} lives server-side behind its own cookie (path
 * {@code /mobile/}); the callback is accepted only from the browser holding it.
 */
final class PhonePages {

    private final Deps d;

    PhonePages(Deps d) {
        this.d = d;
    }

    /** {@code GET /mobile/h}: with {@code t}, claims the handoff and moves the token out of the URL. */
    WebResponse handoff(Exchange x) {
        String token = x.query.get("t");
        if (token != null) {
            try {
                // The QR code is for a phone: the demo treats whoever opens it as the verifying smartphone.
                DeviceSession device = d.auth().enrollment().openOnDevice(token, Deps.client(x, DeviceClass.SMARTPHONE));
                String id = d.sessions().putPhone(device.session(), device.summary());
                x.setCookie(Cookies.set(Cookies.PHONE, id, "/mobile/", x.request.secure(), -1));
                return d.layout().redirect(x, "/mobile/h");
            } catch (EnrollmentException e) {
                return d.layout().errorPage(x, Failure.from(e));
            } catch (EnrollmentUnavailableException e) {
                return d.layout().errorPage(x, Failure.from(e));
            }
        }
        Optional<Sessions.Phone> phone = d.sessions().phone(x.cookies.get(Cookies.PHONE));
        if (phone.isEmpty()) {
            return d.layout().errorPage(x, noPhoneSession());
        }
        return d.layout().page(x, x.t("行動電話認證：手機驗證", "Mobile authentication: verify"), summary(x, phone.get().summary()));
    }

    private static String summary(Exchange x, DeviceSummary s) {
        ApplyingDevice a = s.applyingDevice();
        StringBuilder m = new StringBuilder("<dl id=\"summary\"><dt>").append(x.t("姓名", "Name")).append("</dt><dd>")
                .append(Html.esc(s.maskedName())).append("</dd><dt>").append(x.t("身分證號", "National ID")).append("</dt><dd>")
                .append(Html.esc(s.maskedNationalId())).append("</dd><dt>").append(x.t("手機門號", "Mobile number"))
                .append("</dt><dd>").append(Html.esc(s.maskedPhone())).append("</dd><dt>").append(x.t("電信業者", "Carrier"))
                .append("</dt><dd>").append(Html.esc(x.t(s.carrierName()))).append("</dd></dl>");
        m.append("<dl id=\"applyingDevice\"><dt>").append(x.t("申請裝置", "Applying device")).append("</dt><dd>")
                .append(Html.esc(x.t(DeviceNames.of(a.deviceClass())))).append(", ").append(Html.esc(a.browserFamily().displayName()))
                .append("</dd><dt>").append(x.t("網路", "Network")).append("</dt><dd>").append(Html.esc(a.network().orElse("—")))
                .append("</dd><dt>").append(x.t("時間", "Time")).append("</dt><dd>").append(Html.esc(Roc.dateTime(a.appliedAt())))
                .append("</dd></dl><p id=\"warning\" class=\"warning\">").append(Html.esc(x.t(s.warning()))).append("</p>");
        m.append("<form method=\"post\" action=\"/mobile/start\">").append(Html.csrfField(x.session.csrf))
                .append("<div id=\"terms\" class=\"terms\">").append(x.t(
                        "本人同意勞保局向所選電信業者查證本門號為本人申辦使用，查證結果僅用於行動電話認證（條款版本 ",
                        "I agree that the portal asks my carrier to confirm this number is mine; the answer is used only "
                                + "for mobile authentication (terms version ")).append(Html.esc(s.termsVersion())).append(")</div>")
                .append("<label><input type=\"checkbox\" id=\"consent\" name=\"consent\" value=\"yes\"> ")
                .append(x.t("我已閱讀並同意", "I have read and agree")).append("</label>");
        if (s.pairingCodeRequired()) {
            m.append("<label for=\"phonePairingCode\">").append(x.t("請輸入申請裝置上顯示的配對碼", "Type the pairing code the applying device shows"))
                    .append("</label><input id=\"phonePairingCode\" name=\"pairingCode\" inputmode=\"numeric\" autocomplete=\"off\">");
        }
        return m.append("<button id=\"startVerification\" type=\"submit\">").append(x.t("開始驗證", "Start verification"))
                .append("</button></form>").toString();
    }

    /** {@code POST /mobile/start}: consent and pairing code, then 302 to the carrier. */
    WebResponse start(Exchange x) {
        Optional<Sessions.Phone> phone = d.sessions().phone(x.cookies.get(Cookies.PHONE));
        if (phone.isEmpty()) {
            return d.layout().errorPage(x, noPhoneSession());
        }
        DeviceSummary s = phone.get().summary();
        Consent consent = new Consent(s.termsVersion(), "yes".equals(x.formValue("consent")));
        try {
            VerificationRedirect r = s.pairingCodeRequired()
                    ? d.auth().enrollment().startVerification(phone.get().session(), consent, x.formValue("pairingCode"))
                    : d.auth().enrollment().startVerification(phone.get().session(), consent);
            return d.layout().redirect(x, r.carrierUri().toString());
        } catch (EnrollmentException e) {
            return d.layout().errorPage(x, Failure.from(e));
        } catch (EnrollmentUnavailableException e) {
            return d.layout().errorPage(x, Failure.from(e));
        }
    }

    /** {@code GET /mobile/callback}: the carrier sent the phone back. */
    WebResponse callback(Exchange x) {
        Optional<Sessions.Phone> phone = d.sessions().phone(x.cookies.get(Cookies.PHONE));
        if (phone.isEmpty()) {
            EnrollmentException.Reason r = EnrollmentException.Reason.CALLBACK_WRONG_BROWSER;
            return d.layout().errorPage(x, Failure.of(403, r.name(), r.message(), r.remedy()));
        }
        try {
            VerificationOutcome outcome = d.auth().enrollment().completeVerification(phone.get().session(),
                    new VerificationCallback(x.query));
            if (outcome instanceof VerificationOutcome.Issued issued) {
                String main = "<p id=\"result\" data-credential-id=\"" + Html.esc(sameBrowserCredential(x, issued)) + "\">"
                        + x.t("驗證成功！請回到您申請的裝置（電腦或平板）完成綁定並登入。",
                                "Verified! Go back to the device you applied on (computer or tablet) to finish and log in.")
                        + "</p><p id=\"enrolled\" hidden><a href=\"/login\">" + x.t("前往登入", "Go to log in") + "</a></p>";
                return d.layout().page(x, x.t("驗證完成", "Verification done"), main);
            }
            VerificationOutcome.Refused refused = (VerificationOutcome.Refused) outcome;
            LocalizedText reason = refused.reasons().isEmpty() ? new LocalizedText("電信業者未能確認門號。", "The carrier could not confirm the number.")
                    : refused.reasons().get(0).message();
            LocalizedText remedy = refused.reasons().isEmpty() ? Failure.RETRY : refused.reasons().get(0).remedy();
            return d.layout().errorPage(x, Failure.of(403, "REFUSED", reason, remedy));
        } catch (EnrollmentException e) {
            return d.layout().errorPage(x, Failure.from(e));
        } catch (EnrollmentUnavailableException e) {
            return d.layout().errorPage(x, Failure.from(e));
        }
    }

    /** When this browser is also the applying one (a phone, a tablet with SIM), its page binds the key here. */
    private static String sameBrowserCredential(Exchange x, VerificationOutcome.Issued issued) {
        synchronized (x.session) {
            return issued.enrollmentId().equals(x.session.enrollmentId) ? issued.credentialId() : "";
        }
    }

    private static Failure noPhoneSession() {
        return Failure.of(403, "NO_PHONE_SESSION", new LocalizedText("這個瀏覽器沒有進行中的手機驗證。",
                        "This browser has no phone verification in progress."),
                new LocalizedText("請用手機重新掃描申請裝置上的 QR Code。", "Scan the QR code on the applying device again with your phone."));
    }
}
