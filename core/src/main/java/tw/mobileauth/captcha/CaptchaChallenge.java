package tw.mobileauth.captcha;

import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.Objects;
import tw.mobileauth.i18n.LocalizedText;

/**
 * One captcha as the page shows it. It never contains the answer.
 *
 * <p>The media bytes are copied on the way in and on the way out.
 *
 * @param id        opaque id the form sends back with the answer; URL- and HTML-safe
 * @param mediaType MIME type of {@link #media()}, e.g. {@code image/png} for {@link ImageCaptcha};
 *                  another provider may use its own type (say, a JSON widget configuration)
 * @param media     what the page shows
 * @param altText   zh-TW/English text for {@code alt} and screen readers, saying what to do
 * @param expiresAt the first instant at which the challenge no longer passes
 */
@SuppressWarnings("ArrayRecordComponent") // an image handed to the page once; never compared or used as a key
public record CaptchaChallenge(String id, String mediaType, byte[] media, LocalizedText altText, Instant expiresAt) {

    /**
     * Validates and copies. Providers build these; a {@code null} or blank component is a
     * programming error.
     *
     * @param id the id
     * @param mediaType the media type
     * @param media the media value
     * @param altText the alt text
     * @param expiresAt when it expires
     * @throws NullPointerException     if a component is {@code null}
     * @throws IllegalArgumentException if {@code id} or {@code mediaType} is blank
     */
    public CaptchaChallenge {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(mediaType, "mediaType");
        Objects.requireNonNull(altText, "altText");
        Objects.requireNonNull(expiresAt, "expiresAt");
        if (id.isBlank() || mediaType.isBlank()) {
            throw new IllegalArgumentException("id and mediaType must not be blank");
        }
        media = Objects.requireNonNull(media, "media").clone();
    }

    /** {@return a copy of the media bytes} */
    @Override
    public byte[] media() {
        return media.clone();
    }

    /** {@return the media as a {@code data:} URL, e.g. {@code data:image/png;base64,iVBOR…} for {@code <img src>}} */
    public String mediaDataUrl() {
        return "data:" + mediaType + ";base64," + Base64.getEncoder().encodeToString(media);
    }

    /** Equal when every component is, the media by content. */
    @Override
    public boolean equals(Object other) {
        return other instanceof CaptchaChallenge that
                && id.equals(that.id)
                && mediaType.equals(that.mediaType)
                && Arrays.equals(media, that.media)
                && altText.equals(that.altText)
                && expiresAt.equals(that.expiresAt);
    }

    /** Consistent with {@link #equals(Object)}. */
    @Override
    public int hashCode() {
        return Objects.hash(id, mediaType, Arrays.hashCode(media), altText, expiresAt);
    }

    /** For example {@code CaptchaChallenge[id=Xy…, image/png 3512 bytes, expiresAt=…]}. */
    @Override
    public String toString() {
        return "CaptchaChallenge[id=" + id + ", " + mediaType + " " + media.length + " bytes, expiresAt="
                + expiresAt + "]";
    }
}
