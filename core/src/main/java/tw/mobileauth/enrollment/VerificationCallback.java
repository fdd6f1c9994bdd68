package tw.mobileauth.enrollment;

import java.util.Map;
import java.util.TreeMap;

/**
 * The carrier's redirect back to the portal's callback URL: its query parameters, e.g.
 * {@code code} and {@code state}, or {@code error}, {@code error_description} and {@code state}.
 *
 * @param parameters the decoded query parameters (first value of each); copied
 */
public record VerificationCallback(Map<String, String> parameters) {

    private static final int MAX_PARAMETERS = 20;
    private static final int MAX_LENGTH = 2048;

    /**
     * Copies the map, dropping null keys or values, oversized values and anything past 20 entries.
     *
     * @param parameters the parameters value
     */
    public VerificationCallback {
        TreeMap<String, String> clean = new TreeMap<>();
        if (parameters != null) {
            parameters.forEach((k, v) -> {
                if (k != null && v != null && k.length() <= 64 && v.length() <= MAX_LENGTH
                        && clean.size() < MAX_PARAMETERS) {
                    clean.put(k, v);
                }
            });
        }
        parameters = Map.copyOf(clean);
    }

    /** Canonical text of the parameters (sorted {@code k=v} lines), for fingerprinting a repeat. */
    String canonical() {
        StringBuilder b = new StringBuilder();
        new TreeMap<>(parameters).forEach((k, v) -> b.append(k).append('=').append(v).append('\n'));
        return b.toString();
    }

    /** Shows the parameter names only: values include single-use codes. */
    @Override
    public String toString() {
        return "VerificationCallback" + new TreeMap<>(parameters).keySet();
    }
}
