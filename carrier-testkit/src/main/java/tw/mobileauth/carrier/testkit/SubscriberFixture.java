package tw.mobileauth.carrier.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.Period;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import tw.mobileauth.carrier.spi.ContractType;
import tw.mobileauth.carrier.spi.HolderType;
import tw.mobileauth.carrier.spi.IdDocumentType;
import tw.mobileauth.carrier.spi.LineRole;
import tw.mobileauth.carrier.spi.Msisdn;

/**
 * The subscribers the fake networks know, read from JSON. Immutable.
 *
 * <p>JSON shape: {@code {"version":1,"subscribers":[{…}]}}, each subscriber with
 * {@code scenario}, {@code carrier} ({@code cht|twm|fet}), {@code number} (E.164
 * {@code +8869} and 8 digits), {@code holderId}, {@code holderIdType}
 * ({@code national_id_card|residence_permit}), {@code name}, {@code birthDate}
 * ({@code YYYY-MM-DD}), {@code contractType}, {@code holderType}, {@code lineRole} (SPI enum names,
 * not {@code UNKNOWN}), {@code mvnoBrand} (string or null), {@code lastSimChangeAgo} (an ISO-8601
 * duration before the clock's time at load, e.g. {@code PT20H}, or null for none) or
 * {@code lastSimChange} (an absolute RFC 3339 instant), {@code subscribedSince} (for CHT KYC
 * Tenure; default 2000-01-01) and {@code suspended}.
 *
 * <p>Validation on load: IDs must pass their checksum and must not be the textbook
 * {@code A123456789}; numbers are unique mobile numbers; a business contract has an enterprise
 * holder; at most one subscriber per carrier and scenario in a JSON file.
 *
 * <p>In code, {@link #builder()} (or {@link #builder(SubscriberFixture)} to start from another
 * fixture, e.g. the built-in one) adds subscribers with the same checks, and allows several per
 * carrier and scenario: {@link #find} then gives the first, {@link #findAll} every one.
 */
public final class SubscriberFixture {

    private static final String BUILT_IN = "subscribers.json";
    private static final Pattern MOBILE = Pattern.compile("\\+8869[0-9]{8}");

    private final List<Subscriber> all;
    private final Map<String, Subscriber> byNumber;
    private final Map<String, Map<Scenario, List<Subscriber>>> byScenario;
    private final Map<String, LocalDate> subscribedSince;

    private SubscriberFixture(List<Subscriber> all, Map<String, LocalDate> subscribedSince) {
        this.all = List.copyOf(all);
        this.subscribedSince = Map.copyOf(subscribedSince);
        Map<String, Subscriber> numbers = new HashMap<>();
        Map<String, Map<Scenario, List<Subscriber>>> scenarios = new HashMap<>();
        for (Subscriber s : all) {
            numbers.put(s.msisdn().e164(), s);
            scenarios.computeIfAbsent(s.carrierId(), k -> new EnumMap<>(Scenario.class))
                    .computeIfAbsent(s.scenario(), k -> new ArrayList<>()).add(s);
        }
        this.byNumber = Map.copyOf(numbers);
        this.byScenario = Map.copyOf(scenarios);
    }

    /** {@return the fixture shipped in this module, with SIM change times relative to the system clock's now} */
    public static SubscriberFixture builtIn() {
        return builtIn(Clock.systemUTC());
    }

    /**
     * {@return the fixture shipped in this module, with SIM change times relative to {@code clock}'s now}
     *
     * @param clock the clock that decides expiry
     */
    public static SubscriberFixture builtIn(Clock clock) {
        try (InputStream in = SubscriberFixture.class.getResourceAsStream(BUILT_IN)) {
            if (in == null) {
                throw new FixtureException("the built-in fixture " + BUILT_IN + " is missing from the class path");
            }
            return fromJson(in, clock);
        } catch (IOException e) {
            throw new FixtureException("cannot read the built-in fixture " + BUILT_IN, e);
        }
    }

    /**
     * Reads a fixture, with relative SIM change times measured from the system clock's now.
     *
     * @param json the json value
     * @return the subscriber fixture
     * @throws FixtureException if the JSON is unreadable or a subscriber is invalid
     */
    public static SubscriberFixture fromJson(InputStream json) {
        return fromJson(json, Clock.systemUTC());
    }

    /**
     * Reads a fixture, with relative SIM change times ({@code lastSimChangeAgo}) measured from
     * {@code clock}'s now.
     *
     * @param json the json value
     * @param clock the clock that decides expiry
     * @return the subscriber fixture
     * @throws FixtureException if the JSON is unreadable or a subscriber is invalid
     */
    public static SubscriberFixture fromJson(InputStream json, Clock clock) {
        Objects.requireNonNull(json, "json");
        Objects.requireNonNull(clock, "clock");
        JsonNode root;
        try {
            root = Json.MAPPER.readTree(json);
        } catch (IOException e) {
            throw new FixtureException("the fixture is not valid JSON: " + e.getMessage(), e);
        }
        JsonNode list = root == null ? null : root.get("subscribers");
        if (list == null || !list.isArray()) {
            throw new FixtureException("the fixture needs a \"subscribers\" array: {\"subscribers\":[{…}]}");
        }
        Instant now = clock.instant();
        List<Subscriber> subscribers = new ArrayList<>();
        Map<String, LocalDate> since = new HashMap<>();
        Map<String, Integer> seenNumbers = new HashMap<>();
        Map<String, Integer> seenScenarios = new HashMap<>();
        for (int i = 0; i < list.size(); i++) {
            Reader r = new Reader(list.get(i), i);
            Subscriber s = r.subscriber(now);
            Integer dupNumber = seenNumbers.putIfAbsent(s.msisdn().e164(), i);
            if (dupNumber != null) {
                throw r.fail("number", "is also subscriber #" + dupNumber + "'s; numbers must be unique");
            }
            Integer dupScenario = seenScenarios.putIfAbsent(s.carrierId() + "/" + s.scenario(), i);
            if (dupScenario != null) {
                throw r.fail("scenario", s.scenario() + " at " + s.carrierId() + " is also subscriber #"
                        + dupScenario + "'s; find(carrier, scenario) needs exactly one");
            }
            since.put(s.msisdn().e164(), r.optionalDate("subscribedSince").orElse(LocalDate.of(2000, 1, 1)));
            subscribers.add(s);
        }
        return new SubscriberFixture(subscribers, since);
    }

    /** {@return every subscriber, in fixture order} */
    public List<Subscriber> all() {
        return all;
    }

    /**
     * {@return the subscriber of {@code carrierId} that exercises {@code scenario}}
     *
     * @param carrierId the carrier id
     * @param scenario the scenario value
     * @throws NoSuchElementException if the fixture has none
     */
    public Subscriber find(String carrierId, Scenario scenario) {
        Objects.requireNonNull(carrierId, "carrierId");
        Objects.requireNonNull(scenario, "scenario");
        List<Subscriber> found = findAll(carrierId, scenario);
        if (found.isEmpty()) {
            throw new NoSuchElementException("the fixture has no " + scenario + " subscriber at '" + carrierId
                    + "'; carriers are " + Profiles.IDS);
        }
        return found.get(0);
    }

    /**
     * {@return every subscriber of {@code carrierId} that exercises {@code scenario}, in fixture order; possibly empty}
     *
     * @param carrierId the carrier id
     * @param scenario the scenario value
     */
    public List<Subscriber> findAll(String carrierId, Scenario scenario) {
        Objects.requireNonNull(carrierId, "carrierId");
        Objects.requireNonNull(scenario, "scenario");
        return List.copyOf(byScenario.getOrDefault(carrierId, Map.of()).getOrDefault(scenario, List.of()));
    }

    /** {@return an empty fixture to fill in code} */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * {@return a fixture to fill in code, starting with every subscriber of {@code base} (e.g. {@link #builtIn()})}
     *
     * @param base the base value
     */
    public static Builder builder(SubscriberFixture base) {
        Builder b = new Builder();
        for (Subscriber s : Objects.requireNonNull(base, "base").all) {
            b.add(s, base.subscribedSince(s));
        }
        return b;
    }

    /**
     * Collects subscribers with the JSON reader's checks (known carrier, unique mobile number,
     * synthetic checksum-valid ID, known and consistent facts), but several per carrier and scenario.
     */
    public static final class Builder {
        private final List<Subscriber> subscribers = new ArrayList<>();
        private final Map<String, LocalDate> since = new HashMap<>();

        private Builder() {
        }

        /**
         * Adds {@code s}, with the carrier since 2000-01-01. @throws FixtureException naming what is wrong
         *
         * @param s the s value
         * @return this builder
         */
        public Builder add(Subscriber s) {
            return add(s, LocalDate.of(2000, 1, 1));
        }

        /**
         * Adds {@code s}, with the carrier since {@code subscribedSince}. @throws FixtureException naming what is wrong
         *
         * @param s the s value
         * @param subscribedSince the subscribed since
         * @return this builder
         */
        public Builder add(Subscriber s, LocalDate subscribedSince) {
            Objects.requireNonNull(s, "s");
            Objects.requireNonNull(subscribedSince, "subscribedSince");
            String where = "subscriber " + s.msisdn() + ": ";
            check(s).ifPresent(problem -> {
                throw new FixtureException(where + problem);
            });
            if (since.containsKey(s.msisdn().e164())) {
                throw new FixtureException(where + "number is already in the fixture; numbers must be unique");
            }
            since.put(s.msisdn().e164(), subscribedSince);
            subscribers.add(s);
            return this;
        }

        /** {@return the fixture} */
        public SubscriberFixture build() {
            return new SubscriberFixture(subscribers, since);
        }
    }

    /** What is wrong with {@code s} as a fixture subscriber, or empty. */
    private static Optional<String> check(Subscriber s) {
        if (!Profiles.isKnown(s.carrierId())) {
            return Optional.of("carrier must be one of " + Profiles.IDS);
        }
        if (!MOBILE.matcher(s.msisdn().e164()).matches()) {
            return Optional.of("number must be a Taiwan mobile number in E.164, +8869 and 8 digits (09xxxxxxxx)");
        }
        if (s.holderId().equals(TaiwanIds.TEXTBOOK_EXAMPLE)) {
            return Optional.of("holderId is the textbook example, reportedly in real use; use a synthetic ID");
        }
        boolean valid = s.holderIdType() == IdDocumentType.NATIONAL_ID_CARD ? TaiwanIds.isNationalId(s.holderId())
                : TaiwanIds.isResidentNumber(s.holderId());
        if (!valid) {
            return Optional.of("holderId fails the format or checksum of a " + s.holderIdType().wireName()
                    + "; compute the check digit");
        }
        if (s.name().isBlank() || s.name().codePointCount(0, s.name().length()) > 50) {
            return Optional.of("name must be 1-50 characters");
        }
        if (s.contractType() == ContractType.UNKNOWN || s.holderType() == HolderType.UNKNOWN
                || s.lineRole() == LineRole.UNKNOWN) {
            return Optional.of("contractType/holderType/lineRole must be known facts, not UNKNOWN");
        }
        if (s.contractType() == ContractType.BUSINESS && s.holderType() != HolderType.ENTERPRISE) {
            return Optional.of("holderType must be ENTERPRISE for a BUSINESS contract");
        }
        if (s.holderType() == HolderType.ENTERPRISE && s.contractType() == ContractType.PREPAID) {
            return Optional.of("contractType: an ENTERPRISE holder is BUSINESS or POSTPAID, not PREPAID");
        }
        return Optional.empty();
    }

    /**
     * {@return the subscriber that holds {@code msisdn}, at whichever carrier}
     *
     * @param msisdn the subscriber's number, E.164
     */
    public Optional<Subscriber> byNumber(Msisdn msisdn) {
        return Optional.ofNullable(byNumber.get(Objects.requireNonNull(msisdn, "msisdn").e164()));
    }

    /** Since when the subscriber has been with its carrier (CHT KYC Tenure). */
    LocalDate subscribedSince(Subscriber s) {
        return subscribedSince.getOrDefault(s.msisdn().e164(), LocalDate.of(2000, 1, 1));
    }

    /** Reads one subscriber object and names the field on every failure. */
    private static final class Reader {
        private final JsonNode node;
        private final int index;

        Reader(JsonNode node, int index) {
            this.node = node;
            this.index = index;
        }

        Subscriber subscriber(Instant now) {
            if (node == null || !node.isObject()) {
                throw new FixtureException("subscriber #" + index + " must be a JSON object");
            }
            Scenario scenario = enumValue("scenario", Scenario.class);
            String carrier = text("carrier");
            String number = text("number");
            if (!MOBILE.matcher(number).matches()) {
                throw fail("number", "must be a Taiwan mobile number in E.164, +8869 and 8 digits (09xxxxxxxx)");
            }
            IdDocumentType idType = idType();
            String holderId = text("holderId");
            String name = text("name");
            LocalDate birthDate = optionalDate("birthDate")
                    .orElseThrow(() -> fail("birthDate", "is required, YYYY-MM-DD"));
            ContractType contract = enumValue("contractType", ContractType.class);
            HolderType holder = enumValue("holderType", HolderType.class);
            LineRole role = enumValue("lineRole", LineRole.class);
            Optional<String> brand = optionalText("mvnoBrand");
            Subscriber s = new Subscriber(Msisdn.of(number), carrier, holderId, idType, name, birthDate, contract,
                    holder, role, brand, lastSimChange(now), bool("suspended"), scenario);
            check(s).ifPresent(problem -> {
                throw new FixtureException("fixture subscriber #" + index + ": " + problem);
            });
            return s;
        }

        private Optional<Instant> lastSimChange(Instant now) {
            Optional<String> ago = optionalText("lastSimChangeAgo");
            Optional<String> at = optionalText("lastSimChange");
            if (ago.isPresent() && at.isPresent()) {
                throw fail("lastSimChange", "give lastSimChangeAgo or lastSimChange, not both");
            }
            if (ago.isPresent()) {
                try {
                    String v = ago.get();
                    Duration d;
                    if (v.contains("T")) {
                        d = Duration.parse(v);
                    } else {
                        Period p = Period.parse(v);
                        if (p.getYears() != 0 || p.getMonths() != 0) {
                            throw fail("lastSimChangeAgo", "must count days or hours (P400D, PT20H), not months or years");
                        }
                        d = Duration.ofDays(p.getDays());
                    }
                    if (d.isNegative()) {
                        throw fail("lastSimChangeAgo", "must not be negative");
                    }
                    return Optional.of(now.minus(d));
                } catch (DateTimeParseException e) {
                    throw fail("lastSimChangeAgo", "must be an ISO-8601 duration such as PT20H or P30D");
                }
            }
            if (at.isPresent()) {
                try {
                    return Optional.of(Instant.parse(at.get()));
                } catch (DateTimeParseException e) {
                    throw fail("lastSimChange", "must be an RFC 3339 instant such as 2024-05-01T08:00:00Z");
                }
            }
            return Optional.empty();
        }

        private IdDocumentType idType() {
            String v = optionalText("holderIdType").orElse("national_id_card");
            for (IdDocumentType t : IdDocumentType.values()) {
                if (t.wireName().equals(v) || t.name().equals(v)) {
                    return t;
                }
            }
            throw fail("holderIdType", "must be national_id_card or residence_permit");
        }

        String text(String field) {
            return optionalText(field).orElseThrow(() -> fail(field, "is required (a string)"));
        }

        Optional<String> optionalText(String field) {
            JsonNode v = node.get(field);
            if (v == null || v.isNull()) {
                return Optional.empty();
            }
            if (!v.isTextual()) {
                throw fail(field, "must be a string");
            }
            return Optional.of(v.asText());
        }

        Optional<LocalDate> optionalDate(String field) {
            Optional<String> v = optionalText(field);
            try {
                return v.map(LocalDate::parse);
            } catch (DateTimeParseException e) {
                throw fail(field, "must be an ISO date YYYY-MM-DD");
            }
        }

        private boolean bool(String field) {
            JsonNode v = node.get(field);
            if (v == null || v.isNull()) {
                return false;
            }
            if (!v.isBoolean()) {
                throw fail(field, "must be true or false");
            }
            return v.asBoolean();
        }

        private <E extends Enum<E>> E enumValue(String field, Class<E> type) {
            String v = text(field);
            try {
                return Enum.valueOf(type, v);
            } catch (IllegalArgumentException e) {
                throw fail(field, "must be one of " + java.util.Arrays.toString(type.getEnumConstants()));
            }
        }

        FixtureException fail(String field, String problem) {
            return new FixtureException("fixture subscriber #" + index + ": " + field + " " + problem);
        }
    }

    @Override
    public String toString() {
        return "SubscriberFixture[" + all.size() + " subscribers]";
    }
}
