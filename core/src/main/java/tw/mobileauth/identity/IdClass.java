package tw.mobileauth.identity;

/**
 * What kind of number a {@link NationalId} is, read from its second character.
 *
 * <p>Only {@link #CITIZEN} numbers ({@code [A-Z][12]…}) belong to nationals with household
 * registration. A citizen whose third digit is 6–9 (naturalised, former HK/Macau or mainland
 * residents) is still a citizen.
 */
public enum IdClass {
    /** 國民身分證統一編號: {@code [A-Z][12][0-9]{8}}. */
    CITIZEN,
    /** 新式統一證號 (since 2021-01-02): {@code [A-Z][89][0-9]{8}}. */
    RESIDENT_NEW_FORMAT,
    /** 舊式統一證號: {@code [A-Z][A-D][0-9]{8}}; valid until 2031-01-01. */
    RESIDENT_OLD_FORMAT
}
