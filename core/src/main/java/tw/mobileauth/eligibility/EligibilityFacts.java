package tw.mobileauth.eligibility;

import tw.mobileauth.client.DeviceClass;
import java.time.Duration;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.StringJoiner;
import tw.mobileauth.identity.IdClass;

/**
 * What is known about an applicant, their line and their device, for an eligibility decision.
 *
 * <p><b>UNKNOWN is explicit.</b> Every fact is a {@link Fact}: {@link Fact.Known} with a value,
 * or {@link Fact#unknown()}. Nothing here is ever null. A new builder, and {@link #unknown()},
 * start with every fact UNKNOWN.
 *
 * <p><b>Learning facts.</b> The same policy runs twice: first on what the form declares, then on
 * what the carrier verified. {@link #refinedBy(EligibilityFacts)} merges the two: a fact the later
 * source knows replaces the earlier one; a fact it does not know keeps the earlier value. The time
 * since the last SIM change is a range ({@link SimChangeAge}), and two known ranges are
 * intersected rather than replaced, so learning it only ever narrows what is known.
 *
 * <pre>{@code
 * EligibilityFacts declared = EligibilityFacts.builder()
 *         .idClass(IdClass.CITIZEN).carrier("cht").deviceClass(DeviceClass.SMARTPHONE).build();
 * EligibilityFacts verified = EligibilityFacts.builder()
 *         .contractType(ContractType.POSTPAID).accessNetwork(AccessNetwork.G5).build();
 * EligibilityFacts all = declared.refinedBy(verified);
 * }</pre>
 *
 * <p>Immutable and thread-safe. The facts hold no personal data, so {@code toString()} shows them.
 */
public final class EligibilityFacts {

    private static final EligibilityFacts UNKNOWN = new Builder().build();

    private final Fact<IdClass> idClass;
    private final Fact<String> carrier;
    private final Fact<ContractType> contractType;
    private final Fact<HolderType> holderType;
    private final Fact<LineRole> lineRole;
    private final Fact<Boolean> mvno;
    private final Fact<AccessNetwork> accessNetwork;
    private final Fact<Roaming> roaming;
    private final Fact<DeviceClass> deviceClass;
    private final Fact<SimChangeAge> timeSinceSimChange;
    private final Fact<NhiCardStatus> nhiCard;

    private EligibilityFacts(Builder b) {
        this.idClass = b.idClass;
        this.carrier = b.carrier;
        this.contractType = b.contractType;
        this.holderType = b.holderType;
        this.lineRole = b.lineRole;
        this.mvno = b.mvno;
        this.accessNetwork = b.accessNetwork;
        this.roaming = b.roaming;
        this.deviceClass = b.deviceClass;
        this.timeSinceSimChange = b.timeSinceSimChange;
        this.nhiCard = b.nhiCard;
    }

    /**
     * Facts with every fact UNKNOWN; one shared instance.
     *
     * @return the eligibility facts
     */
    public static EligibilityFacts unknown() {
        return UNKNOWN;
    }

    /** {@return a builder with every fact UNKNOWN} */
    public static Builder builder() {
        return new Builder();
    }

    /** {@return a builder that starts from these facts} */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.idClass = idClass;
        b.carrier = carrier;
        b.contractType = contractType;
        b.holderType = holderType;
        b.lineRole = lineRole;
        b.mvno = mvno;
        b.accessNetwork = accessNetwork;
        b.roaming = roaming;
        b.deviceClass = deviceClass;
        b.timeSinceSimChange = timeSinceSimChange;
        b.nhiCard = nhiCard;
        return b;
    }

    /** {@return the class of the applicant's ID number (citizen or resident); from the ID itself} */
    public Fact<IdClass> idClass() {
        return idClass;
    }

    /**
     * {@return the carrier the applicant chose, by id: {@code "cht"}, {@code "twm"}, {@code "fet"} or
     * another} Always stripped and lower-case.
     */
    public Fact<String> carrier() {
        return carrier;
    }

    /** {@return the line's contract type (postpaid, prepaid, business)} */
    public Fact<ContractType> contractType() {
        return contractType;
    }

    /** {@return who the line is registered to (person or company)} */
    public Fact<HolderType> holderType() {
        return holderType;
    }

    /** {@return the line's role (primary, parent-child, family sub-line, secondary SIM)} */
    public Fact<LineRole> lineRole() {
        return lineRole;
    }

    /** {@return whether the line belongs to a mobile virtual network operator (MVNO)} */
    public Fact<Boolean> mvno() {
        return mvno;
    }

    /** {@return the network the verifying device used to reach the carrier} */
    public Fact<AccessNetwork> accessNetwork() {
        return accessNetwork;
    }

    /** {@return whether the verifying device is roaming, and where when reported} */
    public Fact<Roaming> roaming() {
        return roaming;
    }

    /** {@return the kind of device doing the network verification (see {@link DeviceClass})} */
    public Fact<DeviceClass> deviceClass() {
        return deviceClass;
    }

    /**
     * {@return how long ago the line's SIM card last changed, as a range: exact for a dated carrier answer,
     * "at least N" for "no change within N", "at most N" for "a change within N" (see
     * {@link SimChangeAge})} UNKNOWN when the carrier gave no answer.
     */
    public Fact<SimChangeAge> timeSinceSimChange() {
        return timeSinceSimChange;
    }

    /**
     * {@return what the health-insurance registry said of the NHI card number typed on the form: UNKNOWN
     * until the registry is asked (after number verification), and always UNKNOWN when the portal
     * runs without one}
     */
    public Fact<NhiCardStatus> nhiCard() {
        return nhiCard;
    }

    /**
     * {@return whether {@code fact} is known here}
     *
     * @param fact the fact value
     */
    public boolean isKnown(FactName fact) {
        return get(fact).isKnown();
    }

    /** {@return the facts that are UNKNOWN here, in {@link FactName} order; unmodifiable} */
    public Set<FactName> unknownFacts() {
        EnumSet<FactName> unknown = EnumSet.noneOf(FactName.class);
        for (FactName name : FactName.values()) {
            if (!isKnown(name)) {
                unknown.add(name);
            }
        }
        return Collections.unmodifiableSet(unknown);
    }

    /**
     * {@return a copy with the ID class known}
     *
     * @param value the value
     */
    public EligibilityFacts withIdClass(IdClass value) {
        return toBuilder().idClass(value).build();
    }

    /**
     * {@return a copy with the carrier known (stripped and lower-cased)}
     *
     * @param carrierId the carrier id
     */
    public EligibilityFacts withCarrier(String carrierId) {
        return toBuilder().carrier(carrierId).build();
    }

    /**
     * {@return a copy with the contract type known}
     *
     * @param value the value
     */
    public EligibilityFacts withContractType(ContractType value) {
        return toBuilder().contractType(value).build();
    }

    /**
     * {@return a copy with the holder type known}
     *
     * @param value the value
     */
    public EligibilityFacts withHolderType(HolderType value) {
        return toBuilder().holderType(value).build();
    }

    /**
     * {@return a copy with the line role known}
     *
     * @param value the value
     */
    public EligibilityFacts withLineRole(LineRole value) {
        return toBuilder().lineRole(value).build();
    }

    /**
     * {@return a copy with the MVNO fact known}
     *
     * @param value the value
     */
    public EligibilityFacts withMvno(boolean value) {
        return toBuilder().mvno(value).build();
    }

    /**
     * {@return a copy with the access network known}
     *
     * @param value the value
     */
    public EligibilityFacts withAccessNetwork(AccessNetwork value) {
        return toBuilder().accessNetwork(value).build();
    }

    /**
     * {@return a copy with the roaming status known}
     *
     * @param value the value
     */
    public EligibilityFacts withRoaming(Roaming value) {
        return toBuilder().roaming(value).build();
    }

    /**
     * {@return a copy with the device class known}
     *
     * @param value the value
     */
    public EligibilityFacts withDeviceClass(DeviceClass value) {
        return toBuilder().deviceClass(value).build();
    }

    /**
     * {@return a copy in which the SIM is known to have changed exactly {@code value} ago (negative
     * durations become zero); short for {@code withTimeSinceSimChange(SimChangeAge.exact(value))}}
     *
     * @param value the value
     */
    public EligibilityFacts withTimeSinceSimChange(Duration value) {
        return toBuilder().timeSinceSimChange(value).build();
    }

    /**
     * {@return a copy with the time since the last SIM change set to {@code value}, replacing what was
     * known} To narrow what is known instead, use {@link #refinedBy(EligibilityFacts)}.
     *
     * @param value the value
     */
    public EligibilityFacts withTimeSinceSimChange(SimChangeAge value) {
        return toBuilder().timeSinceSimChange(value).build();
    }

    /**
     * {@return a copy with the registry's answer about the NHI card known}
     *
     * @param value the value
     */
    public EligibilityFacts withNhiCard(NhiCardStatus value) {
        return toBuilder().nhiCard(value).build();
    }

    /**
     * {@return a copy in which {@code fact} is UNKNOWN}
     *
     * @param fact the fact to forget, never null
     */
    public EligibilityFacts without(FactName fact) {
        Builder b = toBuilder();
        switch (Objects.requireNonNull(fact, "fact")) {
            case ID_CLASS -> b.idClass = Fact.unknown();
            case CARRIER -> b.carrier = Fact.unknown();
            case CONTRACT_TYPE -> b.contractType = Fact.unknown();
            case HOLDER_TYPE -> b.holderType = Fact.unknown();
            case LINE_ROLE -> b.lineRole = Fact.unknown();
            case MVNO -> b.mvno = Fact.unknown();
            case ACCESS_NETWORK -> b.accessNetwork = Fact.unknown();
            case ROAMING -> b.roaming = Fact.unknown();
            case DEVICE_CLASS -> b.deviceClass = Fact.unknown();
            case TIME_SINCE_SIM_CHANGE -> b.timeSinceSimChange = Fact.unknown();
            case NHI_CARD -> b.nhiCard = Fact.unknown();
        }
        return b.build();
    }

    /**
     * {@return these facts, refined by what {@code later} knows: each fact known in {@code later} replaces
     * this one, and each fact UNKNOWN in {@code later} keeps this value} Use it to run the final
     * check on the declared facts refined by the carrier-verified ones. Refining by
     * {@link #unknown()} changes nothing.
     *
     * <p>The time since the last SIM change is the exception: when both know it, the result is
     * the intersection of the two ranges ({@link SimChangeAge#refinedBy(SimChangeAge)}). A range
     * only narrows, so an age that violated a SIM-change rule before still violates it after, and
     * learning can never turn an INELIGIBLE decision into an ELIGIBLE one.
     *
     * @param later the facts learned later, never null
     */
    public EligibilityFacts refinedBy(EligibilityFacts later) {
        Objects.requireNonNull(later, "later");
        Builder b = new Builder();
        b.idClass = pick(idClass, later.idClass);
        b.carrier = pick(carrier, later.carrier);
        b.contractType = pick(contractType, later.contractType);
        b.holderType = pick(holderType, later.holderType);
        b.lineRole = pick(lineRole, later.lineRole);
        b.mvno = pick(mvno, later.mvno);
        b.accessNetwork = pick(accessNetwork, later.accessNetwork);
        b.roaming = pick(roaming, later.roaming);
        b.deviceClass = pick(deviceClass, later.deviceClass);
        b.timeSinceSimChange = timeSinceSimChange instanceof Fact.Known<SimChangeAge> before
                        && later.timeSinceSimChange instanceof Fact.Known<SimChangeAge> after
                ? Fact.known(before.value().refinedBy(after.value()))
                : pick(timeSinceSimChange, later.timeSinceSimChange);
        b.nhiCard = pick(nhiCard, later.nhiCard);
        return b.build();
    }

    private static <T> Fact<T> pick(Fact<T> earlier, Fact<T> later) {
        return later.isKnown() ? later : earlier;
    }

    private Fact<?> get(FactName fact) {
        return switch (Objects.requireNonNull(fact, "fact")) {
            case ID_CLASS -> idClass;
            case CARRIER -> carrier;
            case CONTRACT_TYPE -> contractType;
            case HOLDER_TYPE -> holderType;
            case LINE_ROLE -> lineRole;
            case MVNO -> mvno;
            case ACCESS_NETWORK -> accessNetwork;
            case ROAMING -> roaming;
            case DEVICE_CLASS -> deviceClass;
            case TIME_SINCE_SIM_CHANGE -> timeSinceSimChange;
            case NHI_CARD -> nhiCard;
        };
    }

    /** Equal when every fact is equal (both UNKNOWN, or both known with equal values). */
    @Override
    public boolean equals(Object other) {
        if (this == other) {
            return true;
        }
        if (!(other instanceof EligibilityFacts that)) {
            return false;
        }
        for (FactName name : FactName.values()) {
            if (!get(name).equals(that.get(name))) {
                return false;
            }
        }
        return true;
    }

    @Override
    public int hashCode() {
        int h = 1;
        for (FactName name : FactName.values()) {
            h = 31 * h + get(name).hashCode();
        }
        return h;
    }

    /** Every fact by name, e.g. {@code EligibilityFacts[ID_CLASS=CITIZEN, CARRIER=UNKNOWN, …]}. */
    @Override
    public String toString() {
        StringJoiner joiner = new StringJoiner(", ", "EligibilityFacts[", "]");
        for (FactName name : FactName.values()) {
            joiner.add(name + "=" + get(name));
        }
        return joiner.toString();
    }

    /**
     * Builds {@link EligibilityFacts}. Every fact starts UNKNOWN. Each setter comes in two forms:
     * one takes a value (the fact becomes known), the other a {@link Fact} (known or UNKNOWN).
     * Setters reject null with {@link NullPointerException}. Not thread-safe; reusable.
     */
    public static final class Builder {

        private Fact<IdClass> idClass = Fact.unknown();
        private Fact<String> carrier = Fact.unknown();
        private Fact<ContractType> contractType = Fact.unknown();
        private Fact<HolderType> holderType = Fact.unknown();
        private Fact<LineRole> lineRole = Fact.unknown();
        private Fact<Boolean> mvno = Fact.unknown();
        private Fact<AccessNetwork> accessNetwork = Fact.unknown();
        private Fact<Roaming> roaming = Fact.unknown();
        private Fact<DeviceClass> deviceClass = Fact.unknown();
        private Fact<SimChangeAge> timeSinceSimChange = Fact.unknown();
        private Fact<NhiCardStatus> nhiCard = Fact.unknown();

        private Builder() {
        }

        /**
         * Sets the ID class.
         *
         * @param value the value
         * @return this builder
         */
        public Builder idClass(IdClass value) {
            return idClass(Fact.known(value));
        }

        /**
         * Sets the ID class, known or UNKNOWN.
         *
         * @param fact the fact value
         * @return this builder
         */
        public Builder idClass(Fact<IdClass> fact) {
            this.idClass = Objects.requireNonNull(fact, "idClass");
            return this;
        }

        /**
         * Sets the carrier id; it is stripped and lower-cased ({@code " CHT "} becomes {@code "cht"}).
         *
         * @param carrierId the carrier id
         * @return this builder
         */
        public Builder carrier(String carrierId) {
            return carrier(Fact.known(carrierId));
        }

        /**
         * Sets the carrier id, known or UNKNOWN; a known id is stripped and lower-cased.
         *
         * @param fact the fact value
         * @return this builder
         */
        public Builder carrier(Fact<String> fact) {
            Objects.requireNonNull(fact, "carrier");
            this.carrier = fact instanceof Fact.Known<String> known
                    ? Fact.known(known.value().strip().toLowerCase(Locale.ROOT))
                    : fact;
            return this;
        }

        /**
         * Sets the contract type.
         *
         * @param value the value
         * @return this builder
         */
        public Builder contractType(ContractType value) {
            return contractType(Fact.known(value));
        }

        /**
         * Sets the contract type, known or UNKNOWN.
         *
         * @param fact the fact value
         * @return this builder
         */
        public Builder contractType(Fact<ContractType> fact) {
            this.contractType = Objects.requireNonNull(fact, "contractType");
            return this;
        }

        /**
         * Sets the holder type.
         *
         * @param value the value
         * @return this builder
         */
        public Builder holderType(HolderType value) {
            return holderType(Fact.known(value));
        }

        /**
         * Sets the holder type, known or UNKNOWN.
         *
         * @param fact the fact value
         * @return this builder
         */
        public Builder holderType(Fact<HolderType> fact) {
            this.holderType = Objects.requireNonNull(fact, "holderType");
            return this;
        }

        /**
         * Sets the line role.
         *
         * @param value the value
         * @return this builder
         */
        public Builder lineRole(LineRole value) {
            return lineRole(Fact.known(value));
        }

        /**
         * Sets the line role, known or UNKNOWN.
         *
         * @param fact the fact value
         * @return this builder
         */
        public Builder lineRole(Fact<LineRole> fact) {
            this.lineRole = Objects.requireNonNull(fact, "lineRole");
            return this;
        }

        /**
         * Sets whether the line is an MVNO line.
         *
         * @param value the value
         * @return this builder
         */
        public Builder mvno(boolean value) {
            return mvno(Fact.known(value));
        }

        /**
         * Sets whether the line is an MVNO line, known or UNKNOWN.
         *
         * @param fact the fact value
         * @return this builder
         */
        public Builder mvno(Fact<Boolean> fact) {
            this.mvno = Objects.requireNonNull(fact, "mvno");
            return this;
        }

        /**
         * Sets the access network.
         *
         * @param value the value
         * @return this builder
         */
        public Builder accessNetwork(AccessNetwork value) {
            return accessNetwork(Fact.known(value));
        }

        /**
         * Sets the access network, known or UNKNOWN.
         *
         * @param fact the fact value
         * @return this builder
         */
        public Builder accessNetwork(Fact<AccessNetwork> fact) {
            this.accessNetwork = Objects.requireNonNull(fact, "accessNetwork");
            return this;
        }

        /**
         * Sets the roaming status.
         *
         * @param value the value
         * @return this builder
         */
        public Builder roaming(Roaming value) {
            return roaming(Fact.known(value));
        }

        /**
         * Sets the roaming status, known or UNKNOWN.
         *
         * @param fact the fact value
         * @return this builder
         */
        public Builder roaming(Fact<Roaming> fact) {
            this.roaming = Objects.requireNonNull(fact, "roaming");
            return this;
        }

        /**
         * Sets the class of the verifying device.
         *
         * @param value the value
         * @return this builder
         */
        public Builder deviceClass(DeviceClass value) {
            return deviceClass(Fact.known(value));
        }

        /**
         * Sets the class of the verifying device, known or UNKNOWN.
         *
         * @param fact the fact value
         * @return this builder
         */
        public Builder deviceClass(Fact<DeviceClass> fact) {
            this.deviceClass = Objects.requireNonNull(fact, "deviceClass");
            return this;
        }

        /**
         * Sets the SIM to have changed exactly {@code value} ago; short for
         * {@code timeSinceSimChange(SimChangeAge.exact(value))}. A negative duration (clock skew)
         * becomes zero: a change "in the future" is as recent as a change can be.
         *
         * @param value the value
         * @return this builder
         */
        public Builder timeSinceSimChange(Duration value) {
            return timeSinceSimChange(SimChangeAge.exact(Objects.requireNonNull(value, "timeSinceSimChange")));
        }

        /**
         * Sets the range of how long ago the SIM last changed.
         *
         * @param value the value
         * @return this builder
         */
        public Builder timeSinceSimChange(SimChangeAge value) {
            return timeSinceSimChange(Fact.known(value));
        }

        /**
         * Sets the range of how long ago the SIM last changed, known or UNKNOWN.
         *
         * @param fact the fact value
         * @return this builder
         */
        public Builder timeSinceSimChange(Fact<SimChangeAge> fact) {
            this.timeSinceSimChange = Objects.requireNonNull(fact, "timeSinceSimChange");
            return this;
        }

        /**
         * Sets what the health-insurance registry said of the NHI card.
         *
         * @param value the value
         * @return this builder
         */
        public Builder nhiCard(NhiCardStatus value) {
            return nhiCard(Fact.known(value));
        }

        /**
         * Sets what the health-insurance registry said of the NHI card, known or UNKNOWN.
         *
         * @param fact the fact value
         * @return this builder
         */
        public Builder nhiCard(Fact<NhiCardStatus> fact) {
            this.nhiCard = Objects.requireNonNull(fact, "nhiCard");
            return this;
        }

        /** {@return the facts set so far; facts never set are UNKNOWN} */
        public EligibilityFacts build() {
            return new EligibilityFacts(this);
        }
    }
}
