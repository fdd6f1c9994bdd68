package tw.mobileauth.carrier.testkit;

/**
 * What a fixture subscriber is there to exercise. The built-in fixture has exactly one subscriber
 * per carrier and scenario.
 */
public enum Scenario {
    /** A personal postpaid primary line, not MVNO, no recent SIM change, ordinary name: passes every rule. */
    ELIGIBLE,
    /** A prepaid (預付卡) line. */
    PREPAID,
    /** A business (企業戶) contract; the holder is an enterprise. */
    BUSINESS,
    /** An enterprise holder on an otherwise postpaid contract. */
    ENTERPRISE_HOLDER,
    /** A parent-child (親子卡) line. */
    PARENT_CHILD,
    /** A family plan's member line. */
    FAMILY_SUB_LINE,
    /** A virtual operator's line hosted on this carrier, with its brand. */
    MVNO,
    /** A suspended line: subscriber look-ups answer 422. */
    SUSPENDED,
    /** The SIM was changed within the last day. */
    RECENT_SIM_SWAP,
    /** The holder's name has a CJK Extension B character outside the BMP (𠀋, U+2000B). */
    NAME_EXT_B,
    /** An indigenous name with a middle dot (e.g. Bali‧Pawan). */
    NAME_MIDDLE_DOT,
    /** The name has the compatibility ideograph U+FA0C, which NFKC would turn into U+5140. */
    NAME_COMPATIBILITY_IDEOGRAPH,
    /** The name has a variant character (峯 or 羣) that must never be folded to 峰 or 群. */
    NAME_VARIANT_CHARACTER
}
