package tw.mobileauth.benchmarks;

import com.yubico.webauthn.AssertionRequest;
import com.yubico.webauthn.CredentialRepository;
import com.yubico.webauthn.FinishAssertionOptions;
import com.yubico.webauthn.RegisteredCredential;
import com.yubico.webauthn.RelyingParty;
import com.yubico.webauthn.data.AuthenticatorAssertionResponse;
import com.yubico.webauthn.data.ByteArray;
import com.yubico.webauthn.data.ClientAssertionExtensionOutputs;
import com.yubico.webauthn.data.PublicKeyCredential;
import com.yubico.webauthn.data.PublicKeyCredentialDescriptor;
import com.yubico.webauthn.data.PublicKeyCredentialRequestOptions;
import com.yubico.webauthn.data.RelyingPartyIdentity;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.util.Optional;
import java.util.Set;

/**
 * The reference: Yubico webauthn-server-core 2.9.0 verifying one ES256 assertion. Built once: a
 * P-256 key, its COSE form in an in-memory {@link CredentialRepository}, and a valid assertion
 * (authenticatorData with UP|UV and counter 0, clientDataJSON for the request's challenge and the
 * portal origin, a DER signature), pre-parsed into a {@link PublicKeyCredential}.
 */
final class WebAuthnReference {

    private static final String RP_ID = "portal.example.tw";

    private final RelyingParty relyingParty;
    private final FinishAssertionOptions options;

    WebAuthnReference() throws Exception {
        SecureRandom random = new SecureRandom();
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"), random);
        KeyPair pair = generator.generateKeyPair();
        ByteArray credentialId = new ByteArray(bytes(random, 16));
        ByteArray userHandle = new ByteArray(bytes(random, 16));
        RegisteredCredential registered = RegisteredCredential.builder().credentialId(credentialId)
                .userHandle(userHandle).publicKeyCose(new ByteArray(cose((ECPublicKey) pair.getPublic())))
                .signatureCount(0).build();
        relyingParty = RelyingParty.builder()
                .identity(RelyingPartyIdentity.builder().id(RP_ID).name("Benchmark portal").build())
                .credentialRepository(new OneCredential(registered, "benchmark-user"))
                .origins(Set.of(Portal.ORIGIN)).build();
        ByteArray challenge = new ByteArray(bytes(random, 32));
        AssertionRequest request = AssertionRequest.builder()
                .publicKeyCredentialRequestOptions(PublicKeyCredentialRequestOptions.builder().challenge(challenge)
                        .rpId(RP_ID).build())
                .username("benchmark-user").build();
        byte[] clientData = ("{\"type\":\"webauthn.get\",\"challenge\":\"" + challenge.getBase64Url()
                + "\",\"origin\":\"" + Portal.ORIGIN + "\",\"crossOrigin\":false}").getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream authData = new ByteArrayOutputStream();
        authData.write(MessageDigest.getInstance("SHA-256").digest(RP_ID.getBytes(StandardCharsets.UTF_8)));
        authData.write(0x05); // user present, user verified
        authData.write(new byte[4]); // signature counter 0
        Signature signer = Signature.getInstance("SHA256withECDSA");
        signer.initSign(pair.getPrivate(), random);
        signer.update(authData.toByteArray());
        signer.update(MessageDigest.getInstance("SHA-256").digest(clientData));
        AuthenticatorAssertionResponse response = AuthenticatorAssertionResponse.builder()
                .authenticatorData(new ByteArray(authData.toByteArray())).clientDataJSON(new ByteArray(clientData))
                .signature(new ByteArray(signer.sign())).userHandle(userHandle).build();
        PublicKeyCredential<AuthenticatorAssertionResponse, ClientAssertionExtensionOutputs> credential =
                PublicKeyCredential.<AuthenticatorAssertionResponse, ClientAssertionExtensionOutputs>builder()
                        .id(credentialId).response(response)
                        .clientExtensionResults(ClientAssertionExtensionOutputs.builder().build()).build();
        options = FinishAssertionOptions.builder().request(request).response(credential).build();
        if (!finishAssertion()) {
            throw new IllegalStateException("the reference assertion does not verify");
        }
    }

    /** One {@code RelyingParty.finishAssertion}; whether it succeeded. */
    boolean finishAssertion() throws Exception {
        return relyingParty.finishAssertion(options).isSuccess();
    }

    /** The COSE_Key (RFC 9053) of a P-256 key for ES256, in canonical CBOR: {1:2, 3:-7, -1:1, -2:x, -3:y}. */
    private static byte[] cose(ECPublicKey key) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[] {(byte) 0xA5, 0x01, 0x02, 0x03, 0x26, 0x20, 0x01, 0x21, 0x58, 0x20});
        out.writeBytes(coordinate(key.getW().getAffineX().toByteArray()));
        out.writeBytes(new byte[] {0x22, 0x58, 0x20});
        out.writeBytes(coordinate(key.getW().getAffineY().toByteArray()));
        return out.toByteArray();
    }

    private static byte[] coordinate(byte[] twosComplement) {
        byte[] out = new byte[32];
        int copy = Math.min(32, twosComplement.length);
        System.arraycopy(twosComplement, twosComplement.length - copy, out, 32 - copy, copy);
        return out;
    }

    private static byte[] bytes(SecureRandom random, int n) {
        byte[] b = new byte[n];
        random.nextBytes(b);
        return b;
    }

    /** An in-memory repository holding one credential of one user. */
    private record OneCredential(RegisteredCredential credential, String username) implements CredentialRepository {
        @Override
        public Set<PublicKeyCredentialDescriptor> getCredentialIdsForUsername(String name) {
            return username.equals(name)
                    ? Set.of(PublicKeyCredentialDescriptor.builder().id(credential.getCredentialId()).build())
                    : Set.of();
        }

        @Override
        public Optional<ByteArray> getUserHandleForUsername(String name) {
            return username.equals(name) ? Optional.of(credential.getUserHandle()) : Optional.empty();
        }

        @Override
        public Optional<String> getUsernameForUserHandle(ByteArray handle) {
            return credential.getUserHandle().equals(handle) ? Optional.of(username) : Optional.empty();
        }

        @Override
        public Optional<RegisteredCredential> lookup(ByteArray id, ByteArray handle) {
            return credential.getCredentialId().equals(id) && credential.getUserHandle().equals(handle)
                    ? Optional.of(credential) : Optional.empty();
        }

        @Override
        public Set<RegisteredCredential> lookupAll(ByteArray id) {
            return credential.getCredentialId().equals(id) ? Set.of(credential) : Set.of();
        }
    }
}
