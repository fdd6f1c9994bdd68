package tw.mobileauth.eligibility;

import tw.mobileauth.i18n.LocalizedText;

/**
 * Why a line is not eligible. A closed set: callers switch on the code, never parse a message.
 *
 * <p>The declaration order is the order in which a decision lists its reasons
 * ({@link EligibilityDecision#reasonCodes()}), so it is part of the API: new codes are only ever
 * appended. Every code has a {@link #message()} (what happened) and a {@link #remedy()} (what to
 * do next), each in zh-TW and English, loaded from the UTF-8 bundles
 * {@code tw/mobileauth/eligibility/Messages_*.properties}.
 */
public enum ReasonCode {
    /** The ID is a resident certificate number (統一證號), not a citizen's national ID. */
    ID_NOT_CITIZEN,
    /** The chosen carrier is not one the policy supports. */
    CARRIER_NOT_SUPPORTED,
    /** The line is prepaid (預付卡). */
    CONTRACT_PREPAID,
    /** The line is on a business plan. */
    CONTRACT_BUSINESS,
    /** The line is registered to a company (企業戶). */
    HOLDER_ENTERPRISE,
    /** The line is a parent-child line (親子卡). */
    LINE_PARENT_CHILD,
    /** The line is a family-plan sub-line. */
    LINE_FAMILY_SUB_LINE,
    /** The SIM is a secondary SIM of a multi-SIM number. */
    LINE_SECONDARY,
    /** The line belongs to a mobile virtual network operator (MVNO). */
    MVNO_LINE,
    /** The verifying device is on Wi-Fi, not on mobile data. */
    NETWORK_WIFI,
    /** The verifying device is on 2G or 3G, not 4G/5G. */
    NETWORK_LEGACY_GENERATION,
    /** The verifying device is roaming. */
    ROAMING,
    /** The verifying device is not a smartphone (or a tablet with a SIM). */
    DEVICE_NOT_SMARTPHONE,
    /** The SIM card changed more recently than the policy allows. */
    RECENT_SIM_SWAP,
    /**
     * A portal's own rule forbids the line, and no other code says why. For custom rules only;
     * prefer a specific code when one fits.
     */
    PORTAL_POLICY,
    /** The health-insurance registry says the NHI card number does not belong to this ID. */
    NHI_CARD_MISMATCH,
    /** The NHI card was reported lost. */
    NHI_CARD_REPORTED_LOST,
    /** The NHI card was replaced by a newer one. */
    NHI_CARD_REPLACED;

    @SuppressWarnings("ImmutableEnumChecker") // LocalizedText is a record of two Strings, immutable but not @Immutable-annotated
    private final LocalizedText message;
    @SuppressWarnings("ImmutableEnumChecker") // LocalizedText is a record of two Strings, immutable but not @Immutable-annotated
    private final LocalizedText remedy;

    ReasonCode() {
        this.message = EligibilityTexts.get("reason." + name() + ".message");
        this.remedy = EligibilityTexts.get("reason." + name() + ".remedy");
    }

    /** {@return what happened, for the person who sees it; zh-TW and English} */
    public LocalizedText message() {
        return message;
    }

    /**
     * {@return what to do next; zh-TW and English} For example {@link #NETWORK_WIFI}: "請關閉 Wi-Fi，改用
     * 4G/5G 行動數據後再試一次" / "Turn off Wi-Fi and try again over 4G/5G mobile data".
     */
    public LocalizedText remedy() {
        return remedy;
    }

    /** This code's bit in a set of reasons. */
    @SuppressWarnings("EnumOrdinal") // a bit within one JVM, like EnumSet; never persisted
    long bit() {
        return 1L << ordinal();
    }
}
