package tw.mobileauth.carrier.camara;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;
import tw.mobileauth.carrier.spi.Msisdn;

/**
 * CAMARA Number Verification's {@code hashedPhoneNumber}: the lowercase hex SHA-256 of the number
 * in E.164, <em>including</em> its {@code +}. A profile whose carrier refuses a plain
 * {@code phoneNumber} in the verify request (TWM's) sends this instead, from
 * {@link CamaraProfile#numberVerificationBody}.
 *
 * <p>Example: {@code +886912345678} hashes to
 * {@code 1315ec4a63ba3d2b8f5db63688770e89a402ee623ef33e4c8c2f36e48f271be0}. Hashing
 * {@code 886912345678} (no {@code +}) or {@code 0912345678} gives another value, which the carrier
 * answers with {@code devicePhoneNumberVerified: false}.
 *
 * <p>Public API of carrier-camara, for adapter modules; stable within a minor version.
 */
public final class HashedPhoneNumber {

    private HashedPhoneNumber() {
    }

    /**
     * {@return the 64 lowercase hex characters of SHA-256(UTF-8({@code msisdn.e164()}))}
     *
     * @param msisdn the subscriber's number, E.164
     */
    public static String of(Msisdn msisdn) {
        Objects.requireNonNull(msisdn, "msisdn");
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(msisdn.e164().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java 17 runtime has SHA-256", e);
        }
    }
}
