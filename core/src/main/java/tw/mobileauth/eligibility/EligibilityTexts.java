package tw.mobileauth.eligibility;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.MissingResourceException;
import java.util.ResourceBundle;
import java.util.Set;
import java.util.TreeSet;
import tw.mobileauth.i18n.LocalizedText;

/**
 * Loads the eligibility texts from the UTF-8 bundles {@code Messages_zh_TW.properties} and
 * {@code Messages_en.properties}, once, and holds the help lines that rules and the help page
 * share. Both bundles must have the same keys: a key missing in either language fails class
 * initialisation, so a half-translated build cannot start.
 */
final class EligibilityTexts {

    private static final String BUNDLE = "tw.mobileauth.eligibility.Messages";
    private static final ResourceBundle ZH = load(Locale.TAIWAN);
    private static final ResourceBundle EN = load(Locale.ENGLISH);

    static {
        Set<String> zhKeys = new TreeSet<>(ZH.keySet());
        Set<String> enKeys = new TreeSet<>(EN.keySet());
        if (!zhKeys.equals(enKeys)) {
            Set<String> onlyZh = new TreeSet<>(zhKeys);
            onlyZh.removeAll(enKeys);
            Set<String> onlyEn = new TreeSet<>(enKeys);
            onlyEn.removeAll(zhKeys);
            throw new IllegalStateException("eligibility bundles disagree: keys only in zh-TW "
                    + onlyZh + ", keys only in English " + onlyEn + "; add the missing translations");
        }
    }

    static final LocalizedText HELP_WHO_CAN_TITLE = get("help.whoCan.title");
    static final LocalizedText HELP_WHO_CANNOT_TITLE = get("help.whoCannot.title");

    static final LocalizedText CITIZEN_ONLY_CAN = get("rule.citizen-only.whoCan");
    static final LocalizedText CITIZEN_ONLY_CANNOT = get("rule.citizen-only.whoCannot");
    static final LocalizedText RESIDENTS_ALLOWED_CAN = get("rule.residents-allowed.whoCan");
    static final LocalizedText POSTPAID_CAN = get("rule.postpaid.whoCan");
    static final LocalizedText POSTPAID_CANNOT = get("rule.postpaid.whoCannot");
    static final LocalizedText PERSONAL_HOLDER_CANNOT = get("rule.personal-holder.whoCannot");
    static final LocalizedText PARENT_CHILD_CANNOT = get("rule.primary-line.whoCannot.parent-child");
    static final LocalizedText SUB_LINES_CANNOT = get("rule.primary-line.whoCannot.sub-lines");
    static final LocalizedText NOT_MVNO_CANNOT = get("rule.not-mvno.whoCannot");
    static final LocalizedText NHI_CARD_CAN = get("rule.nhi-card-confirmed.whoCan");
    static final LocalizedText NHI_CARD_CANNOT = get("rule.nhi-card-confirmed.whoCannot");
    static final LocalizedText ON_4G_5G_CAN = get("rule.on-4g-5g.whoCan");
    static final LocalizedText NOT_WIFI_CANNOT = get("rule.not-wifi.whoCannot");
    static final LocalizedText NOT_ROAMING_CANNOT = get("rule.not-roaming.whoCannot");
    static final LocalizedText SMARTPHONE_CAN = get("rule.smartphone.whoCan");
    static final LocalizedText WIFI_ROAMING_COMBINED = get("help.combined.wifi-roaming");
    static final LocalizedText PARENT_CHILD_PREPAID_COMBINED = get("help.combined.parent-child-prepaid");

    private EligibilityTexts() {
    }

    /** Both languages of {@code key}; fails if either bundle lacks it. */
    static LocalizedText get(String key) {
        return new LocalizedText(ZH.getString(key), EN.getString(key));
    }

    /** The help line of the supported-carrier rule for these carrier ids, in their order. */
    static LocalizedText supportedCarriers(List<String> carrierIds) {
        StringBuilder zh = new StringBuilder();
        StringBuilder en = new StringBuilder();
        String zhSeparator = ZH.getString("carrier.separator");
        String enSeparator = EN.getString("carrier.separator");
        for (String id : carrierIds) {
            if (zh.length() > 0) {
                zh.append(zhSeparator);
                en.append(enSeparator);
            }
            zh.append(carrierName(ZH, id));
            en.append(carrierName(EN, id));
        }
        return new LocalizedText(
                ZH.getString("rule.supported-carrier.whoCan").replace("{carriers}", zh),
                EN.getString("rule.supported-carrier.whoCan").replace("{carriers}", en));
    }

    /** The help line of the SIM-change rule for this window, e.g. "最近 72 小時內更換過 SIM 卡的門號". */
    static LocalizedText recentSimChange(Duration window) {
        return new LocalizedText(
                ZH.getString("rule.no-recent-sim-change.whoCannot").replace("{window}", duration(ZH, window)),
                EN.getString("rule.no-recent-sim-change.whoCannot").replace("{window}", duration(EN, window)));
    }

    private static String carrierName(ResourceBundle bundle, String id) {
        String key = "carrier." + id;
        return bundle.containsKey(key) ? bundle.getString(key) : id;
    }

    /** Largest whole unit: days from 7 days up, then hours, minutes, seconds (rounded up). */
    private static String duration(ResourceBundle bundle, Duration window) {
        long seconds = window.getSeconds() + (window.getNano() > 0 ? 1 : 0);
        long n;
        String unit;
        if (seconds >= 7 * 86_400L && seconds % 86_400L == 0) {
            n = seconds / 86_400L;
            unit = "day";
        } else if (seconds % 3_600L == 0) {
            n = seconds / 3_600L;
            unit = "hour";
        } else if (seconds % 60L == 0) {
            n = seconds / 60L;
            unit = "minute";
        } else {
            n = seconds;
            unit = "second";
        }
        String key = "duration." + unit + (n == 1 ? "" : "s");
        return bundle.getString(key).replace("{n}", Long.toString(n));
    }

    private static ResourceBundle load(Locale locale) {
        try {
            return ResourceBundle.getBundle(BUNDLE, locale,
                    ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES));
        } catch (MissingResourceException e) {
            throw new IllegalStateException("eligibility texts for " + locale + " are missing from the jar ("
                    + BUNDLE + "); rebuild mobileauth-core with its resources", e);
        }
    }
}
