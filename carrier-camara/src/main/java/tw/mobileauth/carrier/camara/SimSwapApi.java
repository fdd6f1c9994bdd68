package tw.mobileauth.carrier.camara;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import tw.mobileauth.carrier.spi.CallContext;
import tw.mobileauth.carrier.spi.CarrierException;
import tw.mobileauth.carrier.spi.Msisdn;
import tw.mobileauth.carrier.spi.SimSwapInfo;

/** CAMARA SIM Swap v2: {@code retrieve-date} and {@code check}, each with a 2-legged token. */
public final class SimSwapApi {

    /** {@code retrieve-date} path. */
    public static final String RETRIEVE_DATE_PATH = "/sim-swap/v2/retrieve-date";
    /** {@code retrieve-date} scope. */
    public static final String RETRIEVE_DATE_SCOPE = "sim-swap:retrieve-date";
    /** {@code check} path. */
    public static final String CHECK_PATH = "/sim-swap/v2/check";
    /** {@code check} scope. */
    public static final String CHECK_SCOPE = "sim-swap:check";
    /** The longest {@code maxAge} CAMARA allows, in hours (30 days). */
    public static final int MAX_AGE_HOURS = 720;

    private SimSwapApi() {
    }

    /**
     * {@return the date of the latest SIM change, {@code {"latestSimChange": RFC3339|null, "monitoredPeriod": days?}}}
     * A null date means no change within the monitored period (CAMARA counts it in days).
     *
     * @param client the requesting browser
     * @param ctx the call context: deadline, correlator and retry budget
     * @param msisdn the subscriber's number, E.164
     * @throws CarrierException if the carrier call fails; the permitted subclass says why and whether to retry
     */
    public static SimSwapInfo retrieveDate(CamaraClient client, CallContext ctx, Msisdn msisdn)
            throws CarrierException {
        JsonReply reply = client.post(ctx, RETRIEVE_DATE_PATH, RETRIEVE_DATE_SCOPE, Map.of("phoneNumber", msisdn.e164()));
        Optional<Instant> latest = reply.optionalInstant("latestSimChange");
        OptionalInt days = reply.optionalInt("monitoredPeriod");
        if (days.isPresent() && days.getAsInt() <= 0) {
            throw reply.violation("monitoredPeriod must be a positive number of days, was " + days.getAsInt());
        }
        return SimSwapInfo.dated(latest,
                days.isPresent() ? Optional.of(Duration.ofDays(days.getAsInt())) : Optional.empty());
    }

    /**
     * {@return whether the SIM changed within the last {@code maxAgeHours}, {@code {"swapped": bool}}}
     *
     * @param client the requesting browser
     * @param ctx the call context: deadline, correlator and retry budget
     * @param msisdn the subscriber's number, E.164
     * @param maxAgeHours the max age hours
     * @throws IllegalArgumentException unless {@code 1 <= maxAgeHours <= 720}
     * @throws CarrierException if the carrier call fails; the permitted subclass says why and whether to retry
     */
    public static boolean check(CamaraClient client, CallContext ctx, Msisdn msisdn, int maxAgeHours)
            throws CarrierException {
        if (maxAgeHours < 1 || maxAgeHours > MAX_AGE_HOURS) {
            throw new IllegalArgumentException("maxAge must be 1-" + MAX_AGE_HOURS + " hours, was " + maxAgeHours);
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("phoneNumber", msisdn.e164());
        body.put("maxAge", maxAgeHours);
        return client.post(ctx, CHECK_PATH, CHECK_SCOPE, body).bool("swapped");
    }
}
