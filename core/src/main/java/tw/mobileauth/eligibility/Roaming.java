package tw.mobileauth.eligibility;

import java.util.Objects;
import java.util.Optional;

/**
 * Whether the verifying device is roaming and, when the carrier says, where.
 *
 * <p>Immutable. Make one with {@link #notRoaming()}, {@link #roaming()} (country not reported) or
 * {@link #roamingIn(String)}. The visited country is informational: no standard rule reads it.
 */
public final class Roaming {

    private static final Roaming HOME = new Roaming(false, Optional.empty());
    private static final Roaming ABROAD = new Roaming(true, Optional.empty());

    private final boolean roaming;
    private final Optional<String> visitedCountry;

    private Roaming(boolean roaming, Optional<String> visitedCountry) {
        this.roaming = roaming;
        this.visitedCountry = visitedCountry;
    }

    /** {@return on the home network: not roaming} */
    public static Roaming notRoaming() {
        return HOME;
    }

    /** {@return roaming, country not reported} */
    public static Roaming roaming() {
        return ABROAD;
    }

    /**
     * {@return roaming in {@code visitedCountry}, as the carrier reported it (for example an ISO 3166-1
     * alpha-2 code such as {@code "JP"}, or a mobile country code such as {@code "440"})} The text
     * is stripped of surrounding whitespace; a blank text means the country was not reported.
     *
     * @param visitedCountry the visited country, never null
     * @throws NullPointerException if {@code visitedCountry} is null
     */
    public static Roaming roamingIn(String visitedCountry) {
        String country = Objects.requireNonNull(visitedCountry, "visitedCountry").strip();
        return country.isEmpty() ? ABROAD : new Roaming(true, Optional.of(country));
    }

    /** {@return whether the device is roaming} */
    public boolean isRoaming() {
        return roaming;
    }

    /** {@return the visited country as reported; empty when not roaming or not reported} */
    public Optional<String> visitedCountry() {
        return visitedCountry;
    }

    /** Equal when both roam or both do not, in the same reported country. */
    @Override
    public boolean equals(Object other) {
        return other instanceof Roaming that
                && roaming == that.roaming
                && visitedCountry.equals(that.visitedCountry);
    }

    @Override
    public int hashCode() {
        return Boolean.hashCode(roaming) * 31 + visitedCountry.hashCode();
    }

    /** {@code "NOT_ROAMING"}, {@code "ROAMING"} or {@code "ROAMING(JP)"}. */
    @Override
    public String toString() {
        if (!roaming) {
            return "NOT_ROAMING";
        }
        return visitedCountry.map(c -> "ROAMING(" + c + ")").orElse("ROAMING");
    }
}
