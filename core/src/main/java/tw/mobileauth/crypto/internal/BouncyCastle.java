package tw.mobileauth.crypto.internal;

import java.security.Provider;
import org.bouncycastle.jce.provider.BouncyCastleProvider;

/**
 * The one BouncyCastle provider instance the SDK uses, passed explicitly to every JCA call.
 *
 * <p>It is never registered in the global JCA provider list: a library must not change the
 * host application's provider list. Creating a {@link BouncyCastleProvider} takes a noticeable
 * fraction of a second, so it is created once, lazily, on first use.
 *
 * <p>This package is internal: it is not API and may change in any release.
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
