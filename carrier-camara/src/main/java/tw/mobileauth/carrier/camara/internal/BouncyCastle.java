package tw.mobileauth.carrier.camara.internal;

import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyFactory;
import java.security.Provider;
import org.bouncycastle.jce.provider.BouncyCastleProvider;

/**
 * The one BouncyCastle provider instance the CAMARA client uses for ES256, passed explicitly to
 * every JCA call (and to Nimbus through its JCA context). Not API.
 *
 * <p>It is never registered in the global JCA provider list: a library must not change the host
 * application's providers. On JDK 17 its P-256 signing and verification are about ten times
 * faster than SunEC's. Creating the provider takes a noticeable fraction of a second, so it is
 * created once, lazily.
 */
public final class BouncyCastle {

    private BouncyCastle() {
    }

    /** The shared, unregistered BouncyCastle provider. */
    public static Provider provider() {
        return Holder.INSTANCE;
    }

    /**
     * {@return {@code key} as BouncyCastle's own EC key object, or {@code key} itself when it has no
     * encoding (a token or HSM key) or BouncyCastle cannot read it} Signing or verifying with a JDK
     * key makes the provider convert it on every call; with its own key object it converts nothing,
     * and it keeps a public point's precomputed multiples between verifications. Call once per key
     * and keep the result.
     *
     * @param key an EC public or private key
     * @param <K> the key's type, which the translation keeps (BouncyCastle's EC keys implement the
     *            JDK's EC key interfaces)
     */
    @SuppressWarnings("unchecked")
    public static <K extends Key> K ownEcKey(K key) {
        if (key.getEncoded() == null) {
            return key;
        }
        try {
            return (K) KeyFactory.getInstance("EC", provider()).translateKey(key);
        } catch (GeneralSecurityException | RuntimeException e) {
            return key;
        }
    }

    private static final class Holder {
        static final Provider INSTANCE = new BouncyCastleProvider();
    }
}
