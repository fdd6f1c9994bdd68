package tw.mobileauth.registry.spi;

/**
 * The registry's answer to "does this NHI card belong to this ID, and is it the person's current
 * card?". Closed: an adapter maps every answer of its registry onto exactly one of these, and an
 * answer it cannot map is a {@link RegistryException.ProtocolViolation}, never a guess.
 *
 * <p>Only {@link #MATCH} lets an enrolment go on. The others are facts about what the person
 * typed, not failures of the registry: core turns each into its own eligibility reason and remedy.
 */
public enum CardCheck {

    /** The card was issued to this ID and is its current, valid card. */
    MATCH,

    /**
     * The card number does not belong to this ID, or the registry knows no such card or no such
     * person. The registry does not say which, on purpose: it is not an oracle for card numbers.
     * Remedy: check the number on the front of the card.
     */
    NO_MATCH,

    /**
     * The card was issued to this ID but has been reported lost (掛失). Remedy: use the new card,
     * or apply for one.
     */
    CARD_REPORTED_LOST,

    /**
     * The card was issued to this ID but a newer card has been issued since (換發, not reported
     * lost), so this one is no longer current. Remedy: type the number of the newest card.
     */
    CARD_REPLACED;

    /** {@return whether the claim holds: only {@link #MATCH}} */
    public boolean isMatch() {
        return this == MATCH;
    }
}
