package tw.mobileauth.examples.web;

import com.fasterxml.jackson.databind.node.ObjectNode;
import tw.mobileauth.enrollment.DesktopSecret;
import tw.mobileauth.enrollment.EnrollmentException;
import tw.mobileauth.enrollment.EnrollmentStatus;
import tw.mobileauth.enrollment.EnrollmentUnavailableException;
import tw.mobileauth.enrollment.NextStep;
import tw.mobileauth.enrollment.RejectionReason;

/** Step 4 on the applying device: the QR code, its countdown, the pairing code, and the status it polls. */
final class QrPages {

    private final Deps d;

    QrPages(Deps d) {
        this.d = d;
    }

    WebResponse qr(Exchange x) {
        NextStep.ShowQrCode qr;
        synchronized (x.session) {
            qr = x.session.qr;
        }
        if (qr == null) {
            return d.layout().errorPage(x, Failure.noEnrolment());
        }
        String url = qr.handoffUrl().toString();
        String main = "<p>" + x.t("請用手機掃描 QR Code，並在手機輸入下方的配對碼。",
                "Scan the QR code with your phone and type the pairing code below on it.") + "</p>"
                + "<div id=\"qrCode\" class=\"qr\">" + qr.svg() + "</div>"
                + "<p>" + x.t("剩餘時間", "Time left") + " <span id=\"countdown\" data-expires-at=\""
                + Html.esc(qr.expiresAt().toString()) + "\"></span></p>"
                + "<p>" + x.t("配對碼", "Pairing code") + " <strong id=\"pairingCode\">—</strong></p>"
                + "<p>" + x.t("無法掃描？在第二個視窗開啟：", "Cannot scan? Open it in a second window:")
                + " <a id=\"handoffUrl\" href=\"" + Html.esc(url) + "\" target=\"_blank\" rel=\"noopener\">" + Html.esc(url) + "</a></p>"
                + "<p id=\"enrolState\" aria-live=\"polite\"></p>"
                + "<p id=\"qrExpired\" class=\"error\" hidden>" + x.t("QR Code 已逾時，請按「重新產生QRCode」。",
                        "The QR code has expired: press New QR code.") + "</p>"
                + "<div id=\"enrolled\" hidden><p>" + x.t("申請完成，本瀏覽器已綁定。", "Done: this browser is now bound.")
                + "</p><p><a href=\"/login\" class=\"button\">" + x.t("前往登入", "Go to log in") + "</a></p></div>"
                + "<form method=\"post\" action=\"/enrol/regenerate\">" + Html.csrfField(x.session.csrf)
                + "<button id=\"regenerateQr\" type=\"submit\">" + x.t("重新產生QRCode", "New QR code") + "</button></form>"
                + "<form method=\"post\" action=\"/enrol/restart\">" + Html.csrfField(x.session.csrf)
                + "<button id=\"restart\" type=\"submit\">" + x.t("重新申請行動認證", "Start the application again") + "</button></form>";
        return d.layout().page(x, x.t("申請行動電話認證：手機驗證", "Apply: verify on your phone"), main);
    }

    /**
     * {@code GET /api/enrol/status}: {@code {"state","qrSecondsLeft"?,"pairingCode"?,"credentialId"?,"reason"?,"remedy"?}};
     * {@code qrSecondsLeft} (while no phone holds the QR) is by the server's clock.
     */
    WebResponse status(Exchange x) {
        String id;
        DesktopSecret secret;
        synchronized (x.session) {
            id = x.session.enrollmentId;
            secret = x.session.desktopSecret;
        }
        if (id == null) {
            return d.layout().jsonError(x, Failure.noEnrolment());
        }
        try {
            EnrollmentStatus status = d.auth().enrollment().status(id, secret);
            ObjectNode out = x.newJson().put("state", status.state().name());
            if (status instanceof EnrollmentStatus.AwaitingDevice w) {
                // The server's clock decides when the QR dies, not the browser's: the page re-syncs its countdown.
                long left = Math.max(0, java.time.Duration.between(d.clock().instant(), w.qrExpiresAt()).toSeconds());
                out.put("qrSecondsLeft", left).put("regenerationsLeft", w.regenerationsLeft());
                if (left == 0) {
                    out.put("reason", x.t("QR Code 已逾時，手機無法再使用它。", "The QR code has expired; a phone can no longer use it."))
                            .put("remedy", x.t("請按「重新產生QRCode」。", "Press New QR code."));
                }
            } else if (status instanceof EnrollmentStatus.InProgress p) {
                out.put("pairingCode", p.pairingCode());
            } else if (status instanceof EnrollmentStatus.Completed c) {
                out.put("credentialId", c.credentialId());
            } else if (status instanceof EnrollmentStatus.Rejected r && !r.reasons().isEmpty()) {
                RejectionReason first = r.reasons().get(0);
                out.put("reason", x.t(first.message())).put("remedy", x.t(first.remedy()));
            } else if (status instanceof EnrollmentStatus.Expired || status instanceof EnrollmentStatus.Cancelled) {
                out.put("reason", x.t("這次申請已結束。", "This application has ended."))
                        .put("remedy", x.t("請按「重新申請行動認證」。", "Press Start the application again."));
            }
            return d.layout().json(x, 200, out);
        } catch (EnrollmentException e) {
            return d.layout().jsonError(x, Failure.from(e));
        } catch (EnrollmentUnavailableException e) {
            return d.layout().jsonError(x, Failure.from(e));
        }
    }

    /** 重新產生QRCode. */
    WebResponse regenerate(Exchange x) {
        String id;
        DesktopSecret secret;
        synchronized (x.session) {
            id = x.session.enrollmentId;
            secret = x.session.desktopSecret;
        }
        if (id == null) {
            return d.layout().errorPage(x, Failure.noEnrolment());
        }
        try {
            NextStep.ShowQrCode qr = d.auth().enrollment().regenerateQr(id, secret);
            synchronized (x.session) {
                x.session.qr = qr;
            }
            return d.layout().redirect(x, "/enrol/qr");
        } catch (EnrollmentException e) {
            return d.layout().errorPage(x, Failure.from(e));
        } catch (EnrollmentUnavailableException e) {
            return d.layout().errorPage(x, Failure.from(e));
        }
    }

    /** 重新申請行動認證: ends this enrolment and goes back to the ID check. */
    WebResponse restart(Exchange x) {
        String id;
        DesktopSecret secret;
        synchronized (x.session) {
            id = x.session.enrollmentId;
            secret = x.session.desktopSecret;
            x.session.clearEnrolment();
        }
        if (id != null) {
            try {
                d.auth().enrollment().restart(id, secret);
            } catch (EnrollmentException | EnrollmentUnavailableException e) {
                // already ended or not reachable: the browser forgets it either way and starts anew
            }
        }
        return d.layout().redirect(x, "/enrol");
    }
}
