package tw.mobileauth.eligibility;

/** The line's place within its subscription. */
public enum LineRole {
    /** An ordinary line, or the owner's line of a family plan; the only role the standard policy accepts. */
    PRIMARY,
    /** A parent-child line (親子卡): registered under, or guaranteed by, a parent for a minor. */
    PARENT_CHILD,
    /** A member line of a family plan (家庭方案副卡). */
    FAMILY_SUB_LINE,
    /** An additional SIM that shares the number of another SIM (一號多卡). */
    SECONDARY_MULTI_SIM
}
