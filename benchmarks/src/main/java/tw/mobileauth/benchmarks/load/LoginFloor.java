package tw.mobileauth.benchmarks.load;

import java.security.SecureRandom;
import java.util.concurrent.atomic.LongAdder;
import tw.mobileauth.crypto.Argon2idPasswordHasher;
import tw.mobileauth.crypto.CryptoException;
import tw.mobileauth.crypto.DeviceKey;
import tw.mobileauth.crypto.DevicePublicKey;
import tw.mobileauth.crypto.HmacKey;
import tw.mobileauth.crypto.SignedMessages;

/**
 * The unavoidable cost of a login, measured in this process: {@code threads} threads each doing, as
 * often as they can, one Argon2id verification (the SDK's default parameters), one P-256 signature
 * verification (the SDK's {@link DevicePublicKey#verify}) and three HMAC-SHA256 verifiers.
 */
final class LoginFloor {

    private LoginFloor() {
    }

    /** Floor logins per second over {@code seconds} on {@code threads} threads. */
    static double measure(int threads, double seconds) throws InterruptedException {
        SecureRandom random = new SecureRandom();
        Argon2idPasswordHasher hasher = Argon2idPasswordHasher.builder().maxConcurrentHashes(LoadPortal.LIMITER_OFF_PERMITS).build();
        char[] password = "Kiwi-Lantern-8462!".toCharArray();
        String phc;
        try {
            phc = hasher.hash(password);
        } catch (CryptoException e) {
            throw new IllegalStateException("the floor could not be set up: " + e.getMessage(), e);
        }
        DeviceKey key = DeviceKey.generate(random);
        byte[] message = SignedMessages.login(new byte[32], "AAAAAAAAAAAAAAAAAAAAAA", "http://localhost:8080");
        byte[] signature = key.sign(message);
        DevicePublicKey verifier = publicKeyOf(key);
        HmacKey hmac = HmacKey.generate(random);
        LongAdder done = new LongAdder();
        long end = System.nanoTime() + (long) (seconds * 1e9);
        Thread[] workers = new Thread[threads];
        long start = System.nanoTime();
        for (int t = 0; t < threads; t++) {
            workers[t] = new Thread(() -> {
                int sink = 0;
                while (System.nanoTime() < end) {
                    try {
                        sink += hasher.verify(password, phc) ? 1 : 0;
                    } catch (CryptoException e) {
                        throw new IllegalStateException(e);
                    }
                    sink += verifier.verify(message, signature) ? 1 : 0;
                    sink += hmac.verifier("subject", "A123456789").length();
                    sink += hmac.verifier("birth-date", "1986-03-14").length();
                    sink += hmac.verifier("name", "王小明").length();
                    done.increment();
                }
                if (sink == 42) {
                    System.out.print("");
                }
            }, "login-floor-" + t);
            workers[t].start();
        }
        for (Thread w : workers) {
            w.join();
        }
        double elapsed = (System.nanoTime() - start) / 1e9;
        return done.sum() / elapsed;
    }

    private static DevicePublicKey publicKeyOf(DeviceKey key) {
        try {
            return DevicePublicKey.fromSpki(key.publicKeySpki());
        } catch (CryptoException.InvalidDeviceKey e) {
            throw new IllegalStateException(e);
        }
    }
}
