package tw.mobileauth.enrollment;

import java.net.URI;
import java.time.Instant;
import java.util.Base64;
import java.util.Objects;

/** What the applying device does after {@code begin}: show a QR code, or continue on itself. */
public sealed interface NextStep {

    /**
     * Desktop, or tablet without SIM: show this QR code with a countdown to {@code expiresAt},
     * plus 重新產生QRCode and 重新申請行動認證.
     *
     * @param handoffUrl        the URL inside the QR code (carries a 256-bit single-use token)
     * @param svg               the QR code as an SVG document
     * @param png               the QR code as PNG bytes (copied in and out)
     * @param expiresAt         when the code dies
     * @param regenerationsLeft how many more times {@code regenerateQr} may be called
     */
    record ShowQrCode(URI handoffUrl, String svg, byte[] png, Instant expiresAt, int regenerationsLeft)
            implements NextStep {

        /** All required; the PNG is copied. */
        public ShowQrCode {
            Objects.requireNonNull(handoffUrl, "handoffUrl");
            Objects.requireNonNull(svg, "svg");
            png = png.clone();
            Objects.requireNonNull(expiresAt, "expiresAt");
        }

        /** A copy of the PNG bytes. */
        @Override
        public byte[] png() {
            return png.clone();
        }

        /** The PNG as a {@code data:image/png;base64,…} URL for an {@code <img src>}. */
        public String pngDataUrl() {
            return "data:image/png;base64," + Base64.getEncoder().encodeToString(png);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof ShowQrCode s && handoffUrl.equals(s.handoffUrl) && expiresAt.equals(s.expiresAt);
        }

        @Override
        public int hashCode() {
            return Objects.hash(handoffUrl, expiresAt);
        }

        /** Hides the URL: it carries the token. */
        @Override
        public String toString() {
            return "ShowQrCode[expiresAt=" + expiresAt + ", regenerationsLeft=" + regenerationsLeft + "]";
        }
    }

    /**
     * Phone, or tablet with SIM: this device verifies itself. Show the summary and the terms, then
     * call {@code startVerification} with the session.
     *
     * @param device the session and masked summary, exactly as {@code openOnDevice} would give a phone
     */
    record ContinueHere(DeviceSession device) implements NextStep {
        /** Required. */
        public ContinueHere {
            Objects.requireNonNull(device, "device");
        }
    }
}
