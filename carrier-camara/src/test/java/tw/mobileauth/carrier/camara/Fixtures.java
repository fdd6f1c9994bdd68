package tw.mobileauth.carrier.camara;

import tw.mobileauth.carrier.testkit.MutableClock;
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
import java.util.Map;
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
    /** The carrier's ID-token key, published as {@link #ID_TOKEN_KID} in the stub's JWK set. */
    final KeyPair idTokenKeys = p256();
    static final String ID_TOKEN_KID = "k1";
    final MutableClock clock = MutableClock.at(T0);
    final List<Duration> sleeps = Collections.synchronizedList(new ArrayList<>());
    /** Sleeps by moving the clock, never the thread. */
    final Sleeper sleeper = d -> {
        sleeps.add(d);
        clock.advance(d);
    };

    /** A JWK set with each public key under its kid. */
    static String jwks(Map<String, KeyPair> byKid) {
        List<com.nimbusds.jose.jwk.JWK> keys = new ArrayList<>();
        byKid.forEach((kid, pair) -> keys.add(new com.nimbusds.jose.jwk.ECKey.Builder(
                com.nimbusds.jose.jwk.Curve.P_256, (java.security.interfaces.ECPublicKey) pair.getPublic())
                .keyID(kid).build()));
        return new com.nimbusds.jose.jwk.JWKSet(keys).toString();
    }

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
