package tw.mobileauth.eligibility;

import tw.mobileauth.client.DeviceClass;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import tw.mobileauth.identity.IdClass;

/**
 * The built-in eligibility rules. Each is an immutable value that can be evaluated and tested on
 * its own; {@link EligibilityPolicy#standard()} uses the first ten, in this order:
 *
 * <table>
 *   <caption>Built-in rules</caption>
 *   <tr><th>factory</th><th>id</th><th>fact</th><th>violated by</th></tr>
 *   <tr><td>{@link #citizenOnly()}</td><td>citizen-only</td><td>ID class</td><td>resident numbers → ID_NOT_CITIZEN</td></tr>
 *   <tr><td>{@link #supportedCarriers()}</td><td>supported-carrier</td><td>carrier</td><td>not cht/twm/fet → CARRIER_NOT_SUPPORTED</td></tr>
 *   <tr><td>{@link #postpaid()}</td><td>postpaid</td><td>contract type</td><td>PREPAID, BUSINESS</td></tr>
 *   <tr><td>{@link #personalHolder()}</td><td>personal-holder</td><td>holder type</td><td>ENTERPRISE</td></tr>
 *   <tr><td>{@link #primaryLine()}</td><td>primary-line</td><td>line role</td><td>parent-child, family sub-line, secondary SIM</td></tr>
 *   <tr><td>{@link #notMvno()}</td><td>not-mvno</td><td>MVNO</td><td>MVNO line</td></tr>
 *   <tr><td>{@link #on4gOr5g()}</td><td>on-4g-5g</td><td>access network</td><td>2G/3G, Wi-Fi</td></tr>
 *   <tr><td>{@link #notWifi()}</td><td>not-wifi</td><td>access network</td><td>Wi-Fi</td></tr>
 *   <tr><td>{@link #notRoaming()}</td><td>not-roaming</td><td>roaming</td><td>roaming</td></tr>
 *   <tr><td>{@link #smartphone()}</td><td>smartphone</td><td>device class</td><td>feature phone, desktop, tablet without SIM</td></tr>
 * </table>
 *
 * <p>Not in the standard policy, for owners to add: {@link #noSimChangeWithin(Duration)} and
 * {@link #residentsAllowed()} (which replaces {@link #citizenOnly()}). Every rule returns
 * UNKNOWN, naming its fact, while that fact is UNKNOWN.
 */
public final class EligibilityRules {

    /** The carriers of {@link #supportedCarriers()}: Chunghwa Telecom, Taiwan Mobile, FarEasTone. */
    private static final List<String> DEFAULT_CARRIERS = List.of("cht", "twm", "fet");

    private static final EligibilityRule CITIZEN_ONLY = new CitizenOnly();
    private static final EligibilityRule RESIDENTS_ALLOWED = new ResidentsAllowed();
    private static final EligibilityRule SUPPORTED_CARRIERS = new SupportedCarriers(DEFAULT_CARRIERS);
    private static final EligibilityRule POSTPAID = new Postpaid();
    private static final EligibilityRule PERSONAL_HOLDER = new PersonalHolder();
    private static final EligibilityRule PRIMARY_LINE = new PrimaryLine();
    private static final EligibilityRule NOT_MVNO = new NotMvno();
    private static final EligibilityRule ON_4G_OR_5G = new On4gOr5g();
    private static final EligibilityRule NOT_WIFI = new NotWifi();
    private static final EligibilityRule NOT_ROAMING = new NotRoaming();
    private static final EligibilityRule SMARTPHONE = new Smartphone();

    private EligibilityRules() {
    }

    /** The rules of {@link EligibilityPolicy#standard()}, in order. */
    static List<EligibilityRule> standardRules() {
        return List.of(CITIZEN_ONLY, SUPPORTED_CARRIERS, POSTPAID, PERSONAL_HOLDER, PRIMARY_LINE,
                NOT_MVNO, ON_4G_OR_5G, NOT_WIFI, NOT_ROAMING, SMARTPHONE);
    }

    /**
     * {@return {@code citizen-only}: the ID must be a citizen's national ID ({@link IdClass#CITIZEN})}
     * Resident numbers of either format violate it with {@link ReasonCode#ID_NOT_CITIZEN}.
     * Help: "限本國自然人使用" / "外國人(含大陸人)".
     */
    public static EligibilityRule citizenOnly() {
        return CITIZEN_ONLY;
    }

    /**
     * {@return {@code residents-allowed}: an ID of any class will do, citizens' and residents' alike; only an
     * UNKNOWN ID class leaves it undecided} A relaxation for portals that serve residents: use it in
     * place of {@link #citizenOnly()} (see {@link EligibilityPolicy.Builder#allowResidents()}).
     */
    public static EligibilityRule residentsAllowed() {
        return RESIDENTS_ALLOWED;
    }

    /**
     * {@return {@code supported-carrier}: the chosen carrier must be {@code cht}, {@code twm} or
     * {@code fet}; any other violates it with {@link ReasonCode#CARRIER_NOT_SUPPORTED}}
     * Help: "支援中華電信、台灣大哥大、遠傳電信".
     */
    public static EligibilityRule supportedCarriers() {
        return SUPPORTED_CARRIERS;
    }

    /**
     * {@return {@code supported-carrier} for a configured set of carrier ids, kept in the given order for the
     * help line} Ids are stripped and lower-cased; duplicates count once. Known ids ({@code cht},
     * {@code twm}, {@code fet}) appear by name on the help page, others by id.
     *
     * @param carrierIds at least one carrier id, none null or blank
     * @throws IllegalArgumentException if there is no id, or an id is blank
     */
    public static EligibilityRule supportedCarriers(Collection<String> carrierIds) {
        Objects.requireNonNull(carrierIds, "carrierIds");
        Set<String> ids = new LinkedHashSet<>();
        for (String id : carrierIds) {
            String normalised = Objects.requireNonNull(id, "carrier id").strip().toLowerCase(Locale.ROOT);
            if (normalised.isEmpty()) {
                throw new IllegalArgumentException("carrier ids must not be blank; got " + carrierIds);
            }
            ids.add(normalised);
        }
        if (ids.isEmpty()) {
            throw new IllegalArgumentException(
                    "supportedCarriers needs at least one carrier id, such as \"cht\", \"twm\" or \"fet\"");
        }
        return new SupportedCarriers(new ArrayList<>(ids));
    }

    /**
     * {@return {@code postpaid}: the line must be on a monthly plan} {@link ContractType#PREPAID} violates it
     * with {@link ReasonCode#CONTRACT_PREPAID}, {@link ContractType#BUSINESS} with
     * {@link ReasonCode#CONTRACT_BUSINESS}. Help: "限月租型門號" / "預付卡".
     */
    public static EligibilityRule postpaid() {
        return POSTPAID;
    }

    /**
     * {@return {@code personal-holder}: the line must be registered to a person;
     * {@link HolderType#ENTERPRISE} violates it with {@link ReasonCode#HOLDER_ENTERPRISE}}
     * Help: "企業戶".
     */
    public static EligibilityRule personalHolder() {
        return PERSONAL_HOLDER;
    }

    /**
     * {@return {@code primary-line}: the line must be a {@link LineRole#PRIMARY} line} Parent-child lines
     * violate it with {@link ReasonCode#LINE_PARENT_CHILD}, family sub-lines with
     * {@link ReasonCode#LINE_FAMILY_SUB_LINE}, secondary SIMs with {@link ReasonCode#LINE_SECONDARY}.
     * Help: "親子卡" and "家庭方案副卡、一號多卡之附屬 SIM 卡".
     */
    public static EligibilityRule primaryLine() {
        return PRIMARY_LINE;
    }

    /**
     * {@return {@code not-mvno}: the line must not belong to an MVNO; an MVNO line violates it with
     * {@link ReasonCode#MVNO_LINE}} Help: "虛擬行動網路業者(MVNO)".
     */
    public static EligibilityRule notMvno() {
        return NOT_MVNO;
    }

    /**
     * {@return {@code on-4g-5g}: the verifying device must be on 4G or 5G. 2G/3G violate it with
     * {@link ReasonCode#NETWORK_LEGACY_GENERATION}, Wi-Fi with {@link ReasonCode#NETWORK_WIFI}}
     * Help: "需使用 4G/5G 網路連線".
     */
    public static EligibilityRule on4gOr5g() {
        return ON_4G_OR_5G;
    }

    /**
     * {@return {@code not-wifi}: the verifying device must not be on Wi-Fi; Wi-Fi violates it with
     * {@link ReasonCode#NETWORK_WIFI}} Help: "Wifi 連線", joined with roaming as "Wifi、漫遊連線".
     */
    public static EligibilityRule notWifi() {
        return NOT_WIFI;
    }

    /**
     * {@return {@code not-roaming}: the verifying device must not be roaming; roaming violates it with
     * {@link ReasonCode#ROAMING}} Help: "漫遊連線", joined with Wi-Fi as "Wifi、漫遊連線".
     */
    public static EligibilityRule notRoaming() {
        return NOT_ROAMING;
    }

    /**
     * {@return {@code smartphone}: the device doing the network verification must be a smartphone} A tablet
     * with a SIM counts, because it verifies over its own mobile data exactly like a phone (see
     * {@link DeviceClass}). Other devices violate it with {@link ReasonCode#DEVICE_NOT_SMARTPHONE}.
     * Help: "需使用智慧型手機".
     */
    public static EligibilityRule smartphone() {
        return SMARTPHONE;
    }

    /**
     * {@return {@code no-recent-sim-change}: the SIM must not have changed within {@code window}} The fact,
     * {@link EligibilityFacts#timeSinceSimChange()}, is a range ({@link SimChangeAge}), and the
     * rule decides only what the range decides:
     * <ul>
     *   <li>satisfied when the SIM changed at least {@code window} ago
     *       ({@link SimChangeAge#atLeast()} {@code >= window});</li>
     *   <li>violated with {@link ReasonCode#RECENT_SIM_SWAP} when it changed less than
     *       {@code window} ago ({@link SimChangeAge#atMost()} present and {@code < window});</li>
     *   <li>otherwise UNKNOWN, naming {@link FactName#TIME_SINCE_SIM_CHANGE}, as when the fact is
     *       UNKNOWN.</li>
     * </ul>
     * Not in the standard policy. Example, {@code noSimChangeWithin(Duration.ofHours(72))}: accepts a
     * SIM changed exactly 72 hours ago or "no change in the last 7 days"; rejects one changed exactly
     * 71 hours ago or "a change in the last 24 hours"; cannot tell from "no change in the monitored
     * 1 day". Help: "最近 72 小時內更換過 SIM 卡的門號".
     *
     * @param window how long a new SIM is held back, positive
     * @throws IllegalArgumentException if {@code window} is zero or negative
     */
    public static EligibilityRule noSimChangeWithin(Duration window) {
        Objects.requireNonNull(window, "window");
        if (window.isZero() || window.isNegative()) {
            throw new IllegalArgumentException("noSimChangeWithin needs a positive window, such as "
                    + "Duration.ofHours(72); got " + window);
        }
        return new NoSimChangeWithin(window);
    }

    /**
     * {@return the NHI card number (健保卡號) on the form must be the applicant's current card, as the
     * health-insurance registry confirms it after number verification} Not in {@link
     * EligibilityPolicy#standard()}: the enrolment service adds it when a portal configures an
     * identity registry (and says so on the help page when it runs without one). Satisfied by
     * {@code CONFIRMED}; {@code NOT_MATCHING}, {@code REPORTED_LOST} and {@code REPLACED} each have
     * their own reason code; UNKNOWN while the registry has not answered.
     */
    public static EligibilityRule nhiCardConfirmed() {
        return NHI_CARD_CONFIRMED;
    }

    private static final EligibilityRule NHI_CARD_CONFIRMED = new NhiCardConfirmed();

    private static final class NhiCardConfirmed extends BuiltInRule {

        NhiCardConfirmed() {
            super("nhi-card-confirmed", RuleDescription.of(EligibilityTexts.NHI_CARD_CAN,
                    EligibilityTexts.NHI_CARD_CANNOT));
        }

        @Override
        public RuleOutcome evaluate(EligibilityFacts facts) {
            if (!(facts.nhiCard() instanceof Fact.Known<NhiCardStatus> card)) {
                return RuleOutcome.unknown(FactName.NHI_CARD);
            }
            return switch (card.value()) {
                case CONFIRMED -> RuleOutcome.satisfied();
                case NOT_MATCHING -> RuleOutcome.violated(ReasonCode.NHI_CARD_MISMATCH);
                case REPORTED_LOST -> RuleOutcome.violated(ReasonCode.NHI_CARD_REPORTED_LOST);
                case REPLACED -> RuleOutcome.violated(ReasonCode.NHI_CARD_REPLACED);
            };
        }
    }

    /** Shared parts of the built-in rules: id, description, and {@code toString()} as the id. */
    private abstract static class BuiltInRule implements EligibilityRule {

        private final String id;
        private final RuleDescription description;

        BuiltInRule(String id, RuleDescription description) {
            this.id = id;
            this.description = description;
        }

        @Override
        public final String id() {
            return id;
        }

        @Override
        public final RuleDescription description() {
            return description;
        }

        @Override
        public String toString() {
            return id;
        }
    }

    private static final class CitizenOnly extends BuiltInRule {

        CitizenOnly() {
            super("citizen-only", RuleDescription.of(EligibilityTexts.CITIZEN_ONLY_CAN,
                    EligibilityTexts.CITIZEN_ONLY_CANNOT));
        }

        @Override
        public RuleOutcome evaluate(EligibilityFacts facts) {
            if (!(facts.idClass() instanceof Fact.Known<IdClass> idClass)) {
                return RuleOutcome.unknown(FactName.ID_CLASS);
            }
            return idClass.value() == IdClass.CITIZEN
                    ? RuleOutcome.satisfied()
                    : RuleOutcome.violated(ReasonCode.ID_NOT_CITIZEN);
        }
    }

    private static final class ResidentsAllowed extends BuiltInRule {

        ResidentsAllowed() {
            super("residents-allowed", RuleDescription.whoCan(EligibilityTexts.RESIDENTS_ALLOWED_CAN));
        }

        @Override
        public RuleOutcome evaluate(EligibilityFacts facts) {
            return facts.idClass().isKnown() ? RuleOutcome.satisfied() : RuleOutcome.unknown(FactName.ID_CLASS);
        }
    }

    private static final class SupportedCarriers extends BuiltInRule {

        private final List<String> carriers;
        private final Set<String> lookup;

        SupportedCarriers(List<String> carriers) {
            super("supported-carrier", RuleDescription.whoCan(EligibilityTexts.supportedCarriers(carriers)));
            this.carriers = List.copyOf(carriers);
            this.lookup = Set.copyOf(carriers);
        }

        @Override
        public RuleOutcome evaluate(EligibilityFacts facts) {
            if (!(facts.carrier() instanceof Fact.Known<String> carrier)) {
                return RuleOutcome.unknown(FactName.CARRIER);
            }
            return lookup.contains(carrier.value())
                    ? RuleOutcome.satisfied()
                    : RuleOutcome.violated(ReasonCode.CARRIER_NOT_SUPPORTED);
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof SupportedCarriers that && carriers.equals(that.carriers);
        }

        @Override
        public int hashCode() {
            return carriers.hashCode();
        }

        @Override
        public String toString() {
            return id() + carriers;
        }
    }

    private static final class Postpaid extends BuiltInRule {

        Postpaid() {
            super("postpaid", RuleDescription.of(EligibilityTexts.POSTPAID_CAN, EligibilityTexts.POSTPAID_CANNOT));
        }

        @Override
        public RuleOutcome evaluate(EligibilityFacts facts) {
            if (!(facts.contractType() instanceof Fact.Known<ContractType> contract)) {
                return RuleOutcome.unknown(FactName.CONTRACT_TYPE);
            }
            return switch (contract.value()) {
                case POSTPAID -> RuleOutcome.satisfied();
                case PREPAID -> RuleOutcome.violated(ReasonCode.CONTRACT_PREPAID);
                case BUSINESS -> RuleOutcome.violated(ReasonCode.CONTRACT_BUSINESS);
            };
        }
    }

    private static final class PersonalHolder extends BuiltInRule {

        PersonalHolder() {
            super("personal-holder", RuleDescription.whoCannot(EligibilityTexts.PERSONAL_HOLDER_CANNOT));
        }

        @Override
        public RuleOutcome evaluate(EligibilityFacts facts) {
            if (!(facts.holderType() instanceof Fact.Known<HolderType> holder)) {
                return RuleOutcome.unknown(FactName.HOLDER_TYPE);
            }
            return holder.value() == HolderType.PERSONAL
                    ? RuleOutcome.satisfied()
                    : RuleOutcome.violated(ReasonCode.HOLDER_ENTERPRISE);
        }
    }

    private static final class PrimaryLine extends BuiltInRule {

        PrimaryLine() {
            super("primary-line", new RuleDescription(List.of(),
                    List.of(EligibilityTexts.PARENT_CHILD_CANNOT, EligibilityTexts.SUB_LINES_CANNOT)));
        }

        @Override
        public RuleOutcome evaluate(EligibilityFacts facts) {
            if (!(facts.lineRole() instanceof Fact.Known<LineRole> role)) {
                return RuleOutcome.unknown(FactName.LINE_ROLE);
            }
            return switch (role.value()) {
                case PRIMARY -> RuleOutcome.satisfied();
                case PARENT_CHILD -> RuleOutcome.violated(ReasonCode.LINE_PARENT_CHILD);
                case FAMILY_SUB_LINE -> RuleOutcome.violated(ReasonCode.LINE_FAMILY_SUB_LINE);
                case SECONDARY_MULTI_SIM -> RuleOutcome.violated(ReasonCode.LINE_SECONDARY);
            };
        }
    }

    private static final class NotMvno extends BuiltInRule {

        NotMvno() {
            super("not-mvno", RuleDescription.whoCannot(EligibilityTexts.NOT_MVNO_CANNOT));
        }

        @Override
        public RuleOutcome evaluate(EligibilityFacts facts) {
            if (!(facts.mvno() instanceof Fact.Known<Boolean> mvno)) {
                return RuleOutcome.unknown(FactName.MVNO);
            }
            return mvno.value() ? RuleOutcome.violated(ReasonCode.MVNO_LINE) : RuleOutcome.satisfied();
        }
    }

    private static final class On4gOr5g extends BuiltInRule {

        On4gOr5g() {
            super("on-4g-5g", RuleDescription.whoCan(EligibilityTexts.ON_4G_5G_CAN));
        }

        @Override
        public RuleOutcome evaluate(EligibilityFacts facts) {
            if (!(facts.accessNetwork() instanceof Fact.Known<AccessNetwork> network)) {
                return RuleOutcome.unknown(FactName.ACCESS_NETWORK);
            }
            return switch (network.value()) {
                case G4, G5 -> RuleOutcome.satisfied();
                case G2, G3 -> RuleOutcome.violated(ReasonCode.NETWORK_LEGACY_GENERATION);
                case WIFI -> RuleOutcome.violated(ReasonCode.NETWORK_WIFI);
            };
        }
    }

    private static final class NotWifi extends BuiltInRule {

        NotWifi() {
            super("not-wifi", RuleDescription.whoCannot(EligibilityTexts.NOT_WIFI_CANNOT));
        }

        @Override
        public RuleOutcome evaluate(EligibilityFacts facts) {
            if (!(facts.accessNetwork() instanceof Fact.Known<AccessNetwork> network)) {
                return RuleOutcome.unknown(FactName.ACCESS_NETWORK);
            }
            return network.value() == AccessNetwork.WIFI
                    ? RuleOutcome.violated(ReasonCode.NETWORK_WIFI)
                    : RuleOutcome.satisfied();
        }
    }

    private static final class NotRoaming extends BuiltInRule {

        NotRoaming() {
            super("not-roaming", RuleDescription.whoCannot(EligibilityTexts.NOT_ROAMING_CANNOT));
        }

        @Override
        public RuleOutcome evaluate(EligibilityFacts facts) {
            if (!(facts.roaming() instanceof Fact.Known<Roaming> roaming)) {
                return RuleOutcome.unknown(FactName.ROAMING);
            }
            return roaming.value().isRoaming() ? RuleOutcome.violated(ReasonCode.ROAMING) : RuleOutcome.satisfied();
        }
    }

    private static final class Smartphone extends BuiltInRule {

        Smartphone() {
            super("smartphone", RuleDescription.whoCan(EligibilityTexts.SMARTPHONE_CAN));
        }

        @Override
        public RuleOutcome evaluate(EligibilityFacts facts) {
            if (!(facts.deviceClass() instanceof Fact.Known<DeviceClass> device)) {
                return RuleOutcome.unknown(FactName.DEVICE_CLASS);
            }
            return device.value().canVerifyOverMobileData()
                    ? RuleOutcome.satisfied()
                    : RuleOutcome.violated(ReasonCode.DEVICE_NOT_SMARTPHONE);
        }
    }

    private static final class NoSimChangeWithin extends BuiltInRule {

        private final Duration window;

        NoSimChangeWithin(Duration window) {
            super("no-recent-sim-change", RuleDescription.whoCannot(EligibilityTexts.recentSimChange(window)));
            this.window = window;
        }

        @Override
        public RuleOutcome evaluate(EligibilityFacts facts) {
            if (!(facts.timeSinceSimChange() instanceof Fact.Known<SimChangeAge> since)) {
                return RuleOutcome.unknown(FactName.TIME_SINCE_SIM_CHANGE);
            }
            if (since.value().atLeast().compareTo(window) >= 0) {
                return RuleOutcome.satisfied();
            }
            Optional<Duration> atMost = since.value().atMost();
            if (atMost.isPresent() && atMost.get().compareTo(window) < 0) {
                return RuleOutcome.violated(ReasonCode.RECENT_SIM_SWAP);
            }
            // The range straddles the window: the SIM may or may not have changed within it.
            return RuleOutcome.unknown(FactName.TIME_SINCE_SIM_CHANGE);
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof NoSimChangeWithin that && window.equals(that.window);
        }

        @Override
        public int hashCode() {
            return window.hashCode();
        }

        @Override
        public String toString() {
            return id() + "(" + window + ")";
        }
    }
}
