package tw.mobileauth.carrier.spi;

import java.util.Objects;
import java.util.OptionalInt;

/**
 * Per-field result of a KYC match.
 *
 * @param idDocument     the ID document outcome
 * @param name           the name outcome
 * @param nameScore      0–99 similarity, present only when {@code name} is {@link MatchOutcome#NO_MATCH}
 * @param birthDate      the birth date outcome
 */
public record KycMatchResult(MatchOutcome idDocument, MatchOutcome name, OptionalInt nameScore,
        MatchOutcome birthDate) {

    /**
     * @param idDocument the id document
     * @param name the name
     * @param nameScore the name score
     * @param birthDate the birth date
     * @throws IllegalArgumentException if a score is present without a name NO_MATCH, or is outside 0–99
     */
    public KycMatchResult {
        Objects.requireNonNull(idDocument, "idDocument");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(nameScore, "nameScore");
        Objects.requireNonNull(birthDate, "birthDate");
        if (nameScore.isPresent()) {
            if (name != MatchOutcome.NO_MATCH) {
                throw new IllegalArgumentException("nameScore is only present when name is NO_MATCH");
            }
            if (nameScore.getAsInt() < 0 || nameScore.getAsInt() > 99) {
                throw new IllegalArgumentException("nameScore must be 0-99, was " + nameScore.getAsInt());
            }
        }
    }

    /** {@return every field matched} */
    public static KycMatchResult allMatch() {
        return new KycMatchResult(MatchOutcome.MATCH, MatchOutcome.MATCH, OptionalInt.empty(), MatchOutcome.MATCH);
    }

    /** {@return whether all three fields are {@link MatchOutcome#MATCH}} */
    public boolean isFullMatch() {
        return idDocument == MatchOutcome.MATCH && name == MatchOutcome.MATCH && birthDate == MatchOutcome.MATCH;
    }
}
