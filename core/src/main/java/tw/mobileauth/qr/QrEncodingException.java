package tw.mobileauth.qr;

import java.util.Objects;

/**
 * The text given to {@link QrCode#encode(String)} cannot become a QR code. The reason is a closed
 * enum, so callers switch on {@link #reason()} and never parse the message.
 *
 * <p>The message names the problem and the fix but never repeats the text itself: a handoff URL
 * carries a bearer token.
 */
public final class QrEncodingException extends Exception {

    private static final long serialVersionUID = 1L;

    /** Why the text was refused. */
    public enum Reason {
        /** The text was absent ({@code null}), empty or only whitespace. */
        EMPTY,
        /**
         * The text holds a character a URL in a QR code must not carry: an unpaired surrogate, a
         * control character (NUL, CR, LF, DEL, …) or an invisible format character such as a
         * bidirectional override (U+202E), which could make the scanned link read differently
         * from what it opens.
         */
        MALFORMED,
        /** The text does not fit in a QR code at error-correction level M ({@value QrCode#MAX_UTF8_BYTES} UTF-8 bytes). */
        TOO_LONG
    }

    /** Why the text was refused. */
    private final Reason reason;

    QrEncodingException(Reason reason, String message) {
        super(message);
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    QrEncodingException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    /** {@return why the text was refused; never {@code null}} */
    public Reason reason() {
        return reason;
    }
}
