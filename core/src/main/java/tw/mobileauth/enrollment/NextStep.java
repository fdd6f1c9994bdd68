package tw.mobileauth.enrollment;

import java.net.URI;
import java.time.Instant;
import java.util.Objects;
import tw.mobileauth.qr.QrImage;

/** What the applying device does after {@code begin}: show a QR code, or continue on itself. */
public sealed interface NextStep {

    /**
     * Desktop, or tablet without SIM: show this QR code with a countdown to {@code expiresAt},
     * plus 重新產生QRCode and 重新申請行動認證. The SVG and the PNG are each rendered the first time
     * they are asked for, so a page that shows one never pays for the other.
     *
     * @param handoffUrl        the URL inside the QR code (carries a 256-bit single-use token)
     * @param image             the QR symbol, rendered on demand as SVG or PNG
     * @param expiresAt         when the code dies
     * @param regenerationsLeft how many more times {@code regenerateQr} may be called
     */
    record ShowQrCode(URI handoffUrl, QrImage image, Instant expiresAt, int regenerationsLeft)
            implements NextStep {

        /**
         * All required.
         *
         * @param handoffUrl the handoff url
         * @param image the image value
         * @param expiresAt when it expires
         * @param regenerationsLeft the regenerations left
         */
        public ShowQrCode {
            Objects.requireNonNull(handoffUrl, "handoffUrl");
            Objects.requireNonNull(image, "image");
            Objects.requireNonNull(expiresAt, "expiresAt");
        }

        /** {@return the QR code as an SVG document, to inline in HTML} */
        public String svg() {
            return image.svg();
        }

        /** {@return a copy of the QR code's PNG bytes} */
        public byte[] png() {
            return image.png();
        }

        /** {@return the PNG as a {@code data:image/png;base64,…} URL for an {@code <img src>}} */
        public String pngDataUrl() {
            return image.pngDataUrl();
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
        /**
         * Required.
         *
         * @param device the device value
         */
        public ContinueHere {
            Objects.requireNonNull(device, "device");
        }
    }
}
