package tw.mobileauth.registry.spi;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * What the person typed on the form: their ID number and the NHI card number (健保卡號) they
 * claim belongs to it. Personal data: {@link #toString()} is masked, and an adapter must never put
 * either value in a log line, an exception message or a metric.
 *
 * <p>Core builds it from values it has already parsed and checked ({@code NationalId},
 * {@code NhiCardNumber}); this record only re-checks the shape so that an adapter never sends
 * something the registry cannot read.
 *
 * @param nationalId the national ID (身分證統一編號, {@code A123456789}) or resident certificate number
 *                   (居留證統一證號, {@code A800000014} or the old {@code AB12345678}): a capital
 *                   letter, a digit or a capital A-D, then 8 digits; upper case, no spaces
 * @param cardNumber the 12 digits printed on the front of the NHI card, ASCII, no spaces
 */
public record CardClaim(String nationalId, String cardNumber) {

    private static final Pattern ID = Pattern.compile("[A-Z][0-9A-D][0-9]{8}");
    private static final Pattern CARD = Pattern.compile("[0-9]{12}");

    /**
     * Checks the shapes. The messages name the field and the expected form, never the value.
     *
     * @param nationalId the national ID (身分證號)
     * @param cardNumber the card number
     * @throws IllegalArgumentException if either value is not in the form above (a bug in the
     *                                  caller: core parses both before it asks a registry)
     */
    public CardClaim {
        Objects.requireNonNull(nationalId, "nationalId");
        Objects.requireNonNull(cardNumber, "cardNumber");
        if (!ID.matcher(nationalId).matches()) {
            throw new IllegalArgumentException("nationalId must be a capital letter, a digit or A-D, then 8 digits"
                    + " (upper case, no spaces), a " + nationalId.length() + "-character value was given; pass the"
                    + " value of a parsed NationalId");
        }
        if (!CARD.matcher(cardNumber).matches()) {
            throw new IllegalArgumentException("cardNumber must be exactly 12 ASCII digits without spaces, a "
                    + cardNumber.length() + "-character value was given; pass NhiCardNumber.value()");
        }
    }

    /** {@return the ID with its middle hidden, e.g. {@code A12****789}} */
    public String maskedNationalId() {
        return nationalId.substring(0, 3) + "****" + nationalId.substring(7);
    }

    /** {@return the card number with all but its last 4 digits hidden, e.g. {@code ********5678}} */
    public String maskedCardNumber() {
        return "********" + cardNumber.substring(8);
    }

    /** Masked: {@code CardClaim[nationalId=A12****789, cardNumber=********5678]}. */
    @Override
    public String toString() {
        return "CardClaim[nationalId=" + maskedNationalId() + ", cardNumber=" + maskedCardNumber() + "]";
    }
}
