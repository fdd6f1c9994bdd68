/**
 * QR codes for the desktop-to-phone handoff (docs/journey.md: step 4 and the QR route, {@code ShowQrCode}).
 *
 * <p>{@link tw.mobileauth.qr.QrCode} turns the handoff URL into a {@link tw.mobileauth.qr.QrImage}
 * that carries the same symbol twice: as a compact SVG document for inline HTML and as a 1-bit
 * PNG for an {@code <img>} tag or a data URL. Neither needs AWT. Bad input raises the checked
 * {@link tw.mobileauth.qr.QrEncodingException} with a closed {@link
 * tw.mobileauth.qr.QrEncodingException.Reason}.
 *
 * <p>The URL in a handoff QR code is a short-lived bearer secret: whoever scans it can claim the
 * enrolment. {@code QrImage.toString()} therefore shows only the scheme and host.
 */
package tw.mobileauth.qr;
