package tw.mobileauth.carrier.camara.internal;

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

    private static final class Holder {
        static final Provider INSTANCE = new BouncyCastleProvider();
    }
}
