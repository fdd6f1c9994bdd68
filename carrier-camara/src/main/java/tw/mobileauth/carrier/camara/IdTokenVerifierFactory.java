package tw.mobileauth.carrier.camara;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.factories.DefaultJWSVerifierFactory;
import com.nimbusds.jose.jca.JCAContext;
import com.nimbusds.jose.proc.JWSVerifierFactory;
import java.nio.ByteBuffer;
import java.security.Key;
import java.security.PublicKey;
import java.security.interfaces.ECPublicKey;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import tw.mobileauth.carrier.camara.internal.BouncyCastle;

/**
 * Nimbus's verifier factory on the explicit {@link BouncyCastle} provider, with each of the
 * carrier's EC keys held as BouncyCastle's own key object, translated once.
 *
 * <p>Nimbus's key selector makes a new JDK key from the JWK for every token. BouncyCastle then
 * converts that key afresh on each verification and cannot keep its precomputed multiples of the
 * point: it recomputes them every time and never reaches its fixed-point comb, which it uses for a
 * point it has seen a few times. Verifying under the translated key it keeps is about three times
 * faster (ES256; RSA keys pass through unchanged).
 *
 * <p>The translations are keyed by the key's whole X.509 encoding, so a token is only ever
 * verified under the very key that Nimbus selected for it. At most {@value #MAX_KEYS} keys are held
 * (a carrier publishes a few, and rotation adds one); past that the cache starts over. A key
 * BouncyCastle cannot translate is used as it is. Thread-safe.
 */
final class IdTokenVerifierFactory implements JWSVerifierFactory {

    /** The most keys held at once. */
    static final int MAX_KEYS = 16;

    private final DefaultJWSVerifierFactory delegate = new DefaultJWSVerifierFactory();
    private final ConcurrentHashMap<ByteBuffer, PublicKey> translated = new ConcurrentHashMap<>();

    IdTokenVerifierFactory() {
        delegate.getJCAContext().setProvider(BouncyCastle.provider());
    }

    @Override
    public JWSVerifier createJWSVerifier(JWSHeader header, Key key) throws JOSEException {
        return delegate.createJWSVerifier(header, key instanceof ECPublicKey ec ? translated(ec) : key);
    }

    /** {@return the BouncyCastle key for {@code key}, the same object for every key with its encoding} */
    PublicKey translated(ECPublicKey key) {
        byte[] encoded = key.getEncoded();
        if (encoded == null) {
            return key;
        }
        ByteBuffer id = ByteBuffer.wrap(encoded);
        PublicKey known = translated.get(id);
        if (known != null) {
            return known;
        }
        PublicKey own = BouncyCastle.ownEcKey(key); // or the key itself: Nimbus refuses it if it cannot check ES256
        if (translated.size() >= MAX_KEYS) {
            translated.clear();
        }
        PublicKey raced = translated.putIfAbsent(id, own);
        return raced != null ? raced : own;
    }

    /** {@return how many keys are held} */
    int size() {
        return translated.size();
    }

    @Override
    public Set<JWSAlgorithm> supportedJWSAlgorithms() {
        return delegate.supportedJWSAlgorithms();
    }

    @Override
    public JCAContext getJCAContext() {
        return delegate.getJCAContext();
    }
}
