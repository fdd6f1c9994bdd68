package tw.mobileauth.carrier.camara;

import java.net.URI;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import tw.mobileauth.carrier.spi.CallContext;
import tw.mobileauth.carrier.spi.CarrierConfig;
import tw.mobileauth.carrier.spi.ContractType;
import tw.mobileauth.carrier.spi.HolderType;
import tw.mobileauth.carrier.spi.LineRole;
import tw.mobileauth.carrier.spi.Msisdn;
import tw.mobileauth.carrier.spi.MvnoStatus;
import tw.mobileauth.carrier.spi.SubscriptionAttributes;

/** Shared set-up for the camara unit tests: a P-256 key, a test clock, a recording sleeper. */
final class Fixtures {

    static final Instant T0 = Instant.parse("2025-05-01T00:00:00Z");
    static final Msisdn NUMBER = Msisdn.of("+886912345678");

    final KeyPair keys = p256();
    final TestClock clock = new TestClock(T0);
    final List<Duration> sleeps = Collections.synchronizedList(new ArrayList<>());
    /** Sleeps by moving the clock, never the thread. */
    final Sleeper sleeper = d -> {
        sleeps.add(d);
        clock.advance(d);
    };

    static KeyPair p256() {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
            g.initialize(new ECGenParameterSpec("secp256r1"));
            return g.generateKeyPair();
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    CarrierConfig.Builder config(URI base) {
        return CarrierConfig.builder(base, "portal-client").clientSigningKey(keys.getPrivate()).clock(clock)
                .callTimeout(Duration.ofSeconds(2));
    }

    CallContext ctx(Duration timeout) {
        return new CallContext("corr-1", clock.instant().plus(timeout), Locale.TAIWAN);
    }

    CamaraAdapter adapter(CarrierConfig config, CamaraProfile profile) {
        return adapter(config, profile, RetryPolicy.DEFAULT);
    }

    CamaraAdapter adapter(CarrierConfig config, CamaraProfile profile, RetryPolicy policy) {
        return new CamaraAdapter(config, profile, policy, sleeper, new SecureRandom());
    }

    /** A plain CAMARA profile whose attributes call {@code /attrs} with scope {@code attrs:read}. */
    static CamaraProfile plainProfile() {
        return new CamaraProfile() {
            @Override
            public String carrierId() {
                return "tst";
            }

            @Override
            public SubscriptionAttributes subscriptionAttributes(CamaraClient client, CallContext ctx, Msisdn msisdn,
                    tw.mobileauth.carrier.spi.SubscriberClaims claims) throws tw.mobileauth.carrier.spi.CarrierException {
                client.post(ctx, "/attrs", "attrs:read", java.util.Map.of("phoneNumber", msisdn.e164()));
                return new SubscriptionAttributes(ContractType.UNKNOWN, HolderType.UNKNOWN, LineRole.UNKNOWN,
                        MvnoStatus.UNKNOWN, java.util.Optional.empty(), client.clock().instant());
            }
        };
    }
}
