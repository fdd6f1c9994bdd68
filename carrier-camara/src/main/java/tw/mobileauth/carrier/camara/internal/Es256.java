package tw.mobileauth.carrier.camara.internal;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.Optional;

/** Reads the EC P-256 public key a carrier publishes for its ID tokens, for pinning. Not API. */
public final class Es256 {

    private Es256() {
    }

    /**
     * An EC P-256 public key from its X.509 SubjectPublicKeyInfo, written as base64 (standard or
     * URL alphabet, padding optional) or as a PEM block ({@code -----BEGIN PUBLIC KEY-----});
     * empty for anything else.
     */
    public static Optional<PublicKey> parsePublicKey(String text) {
        String b64 = text.replaceAll("-----(BEGIN|END) PUBLIC KEY-----", "").replaceAll("\\s", "")
                .replace('-', '+').replace('_', '/');
        try {
            byte[] der = Base64.getDecoder().decode(b64);
            PublicKey key = KeyFactory.getInstance("EC").generatePublic(new X509EncodedKeySpec(der));
            if (key instanceof ECPublicKey ec && ec.getParams().getCurve().getField().getFieldSize() == 256) {
                return Optional.of(key);
            }
            return Optional.empty();
        } catch (IllegalArgumentException | GeneralSecurityException e) {
            return Optional.empty();
        }
    }
}
