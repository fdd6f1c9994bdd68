package tw.mobileauth.carrier.testkit.registry;

import java.util.Map;
import java.util.Objects;
import java.util.Set;
import tw.mobileauth.registry.spi.CardCheck;
import tw.mobileauth.registry.spi.CardClaim;

/**
 * The fake registry's card records: synthetic IDs (valid check digits, never the textbook
 * {@code A123456789}) and card numbers starting {@code 9000}, one fixture per answer.
 *
 * <table>
 *   <caption>Built-in records</caption>
 *   <tr><th>ID</th><th>current card</th><th>older cards</th><th>fixture</th></tr>
 *   <tr><td>{@code Q120000117}</td><td>{@code 900000000011}</td><td>–</td><td>{@code MATCH};
 *       with {@code 900000000099}: {@code NO_MATCH}</td></tr>
 *   <tr><td>{@code Q220000128}</td><td>{@code 900000000022}</td><td>{@code 900000000021}, reported lost</td>
 *       <td>{@code CARD_REPORTED_LOST}</td></tr>
 *   <tr><td>{@code Q120000135}</td><td>{@code 900000000033}</td><td>{@code 900000000032}, replaced</td>
 *       <td>{@code CARD_REPLACED}</td></tr>
 *   <tr><td>{@code Q800000160} (resident certificate)</td><td>{@code 900000000066}</td><td>–</td>
 *       <td>{@link #residentMatch()}</td></tr>
 *   <tr><td>{@code Q220000146}</td><td colspan="2">not in the registry</td><td>{@link #unknownPerson()}</td></tr>
 * </table>
 *
 * <p>The answer for (ID, card): the ID's current card gives {@code MATCH}; one of its cards
 * reported lost {@code CARD_REPORTED_LOST}; one of its replaced cards {@code CARD_REPLACED};
 * anything else, and any unknown ID, {@code NO_MATCH}.
 */
public final class RegistryCards {

    private record Person(String currentCard, Set<String> lost, Set<String> replaced) {
    }

    private static final Map<String, Person> PEOPLE = Map.of(
            "Q120000117", new Person("900000000011", Set.of(), Set.of()),
            "Q220000128", new Person("900000000022", Set.of("900000000021"), Set.of()),
            "Q120000135", new Person("900000000033", Set.of(), Set.of("900000000032")),
            "Q800000160", new Person("900000000066", Set.of(), Set.of()));

    private final Map<String, Person> added = new java.util.concurrent.ConcurrentHashMap<>();

    RegistryCards() {
    }

    /**
     * Adds (or replaces) a person's record for this fake, e.g. a carrier fixture subscriber's ID,
     * so an enrolment through the fake carrier networks meets a registry that knows the holder.
     *
     * @param nationalId  a synthetic ID
     * @param currentCard the card number that answers {@code MATCH}
     * @param lost        card numbers reported lost ({@code CARD_REPORTED_LOST})
     * @param replaced    earlier card numbers replaced by the current one ({@code CARD_REPLACED})
     */
    public void add(String nationalId, String currentCard, Set<String> lost, Set<String> replaced) {
        added.put(Objects.requireNonNull(nationalId, "nationalId"), new Person(
                Objects.requireNonNull(currentCard, "currentCard"), Set.copyOf(lost), Set.copyOf(replaced)));
    }

    /**
     * {@return a claim the fake answers with {@code answer}; for {@code NO_MATCH}, a known ID with a card that is not theirs}
     *
     * @param answer the answer value
     */
    public CardClaim claimFor(CardCheck answer) {
        Objects.requireNonNull(answer, "answer");
        return switch (answer) {
            case MATCH -> new CardClaim("Q120000117", "900000000011");
            case NO_MATCH -> new CardClaim("Q120000117", "900000000099");
            case CARD_REPORTED_LOST -> new CardClaim("Q220000128", "900000000021");
            case CARD_REPLACED -> new CardClaim("Q120000135", "900000000032");
        };
    }

    /** {@return a resident certificate holder's current card: {@code MATCH}} */
    public CardClaim residentMatch() {
        return new CardClaim("Q800000160", "900000000066");
    }

    /** {@return an ID the registry does not know, with a card number another person holds: {@code NO_MATCH}} */
    public CardClaim unknownPerson() {
        return new CardClaim("Q220000146", "900000000011");
    }

    /**
     * {@return what the registry answers for this ID and card number}
     *
     * @param nationalId the national ID (身分證號)
     * @param cardNumber the card number
     */
    public CardCheck answer(String nationalId, String cardNumber) {
        Person p = added.containsKey(nationalId) ? added.get(nationalId) : PEOPLE.get(nationalId);
        if (p == null) {
            return CardCheck.NO_MATCH;
        }
        if (p.currentCard().equals(cardNumber)) {
            return CardCheck.MATCH;
        }
        if (p.lost().contains(cardNumber)) {
            return CardCheck.CARD_REPORTED_LOST;
        }
        return p.replaced().contains(cardNumber) ? CardCheck.CARD_REPLACED : CardCheck.NO_MATCH;
    }
}
