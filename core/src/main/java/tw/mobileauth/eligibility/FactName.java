package tw.mobileauth.eligibility;

import tw.mobileauth.i18n.LocalizedText;

/**
 * The name of each fact in {@link EligibilityFacts}, used to report which facts a decision is
 * still missing ({@link EligibilityDecision#missingFacts()}). The declaration order is the order
 * in which missing facts are listed.
 */
public enum FactName {
    /** {@link EligibilityFacts#idClass()}. */
    ID_CLASS,
    /** {@link EligibilityFacts#carrier()}. */
    CARRIER,
    /** {@link EligibilityFacts#contractType()}. */
    CONTRACT_TYPE,
    /** {@link EligibilityFacts#holderType()}. */
    HOLDER_TYPE,
    /** {@link EligibilityFacts#lineRole()}. */
    LINE_ROLE,
    /** {@link EligibilityFacts#mvno()}. */
    MVNO,
    /** {@link EligibilityFacts#accessNetwork()}. */
    ACCESS_NETWORK,
    /** {@link EligibilityFacts#roaming()}. */
    ROAMING,
    /** {@link EligibilityFacts#deviceClass()}. */
    DEVICE_CLASS,
    /** {@link EligibilityFacts#timeSinceSimChange()}. */
    TIME_SINCE_SIM_CHANGE,
    /** {@link EligibilityFacts#nhiCard()}. */
    NHI_CARD;

    @SuppressWarnings("ImmutableEnumChecker") // LocalizedText is a record of two Strings, immutable but not @Immutable-annotated
    private final LocalizedText label;

    FactName() {
        this.label = EligibilityTexts.get("fact." + name());
    }

    /** {@return what this fact is, for people: e.g. "手機的網路連線類型" / "the phone's network connection"} */
    public LocalizedText label() {
        return label;
    }

    /** This fact's bit in a set of missing facts. */
    @SuppressWarnings("EnumOrdinal") // a bit within one JVM, like EnumSet; never persisted
    int bit() {
        return 1 << ordinal();
    }
}
