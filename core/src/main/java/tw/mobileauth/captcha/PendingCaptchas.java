package tw.mobileauth.captcha;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The outstanding challenges of one {@link ImageCaptcha}: in memory, bounded, thread-safe.
 *
 * <ul>
 *   <li><b>No plaintext answers.</b> Each entry keeps only HMAC-SHA-256(key, id ‖ 0x00 ‖ answer)
 *       and its expiry. The key is 32 random bytes made per instance and never leaves it; the
 *       random challenge id is the per-challenge salt, so equal answers give unrelated MACs. A
 *       dump of the entries, or a log of them, tells nothing about the answers.</li>
 *   <li><b>Bounded.</b> At most {@code capacity} entries. Adding first drops expired entries, then,
 *       if still full, the oldest ones. Entries are kept in insertion order, which is expiry
 *       order for a fixed time-to-live, so the clean-up stops at the first live entry.</li>
 *   <li><b>Atomic consumption.</b> {@link #consume} removes the entry under the lock before
 *       comparing, so of two concurrent calls at most one can see it.</li>
 * </ul>
 */
final class PendingCaptchas {

    private static final Logger LOG = LoggerFactory.getLogger(PendingCaptchas.class);

    @SuppressWarnings("ArrayRecordComponent") // the MAC is compared in constant time, never with equals
    private record Entry(byte[] answerMac, Instant expiresAt) {
    }

    private final int capacity;
    private final SecretKeySpec key;
    /** Guarded by itself. */
    private final LinkedHashMap<String, Entry> entries;
    /** Guarded by {@link #entries}; true from the first eviction of a live entry until the store has room again. */
    private boolean full;

    PendingCaptchas(int capacity, SecureRandom random) {
        this.capacity = capacity;
        byte[] secret = new byte[32];
        random.nextBytes(secret);
        this.key = new SecretKeySpec(secret, "HmacSHA256");
        this.entries = new LinkedHashMap<>(Math.min(capacity, 1024) * 2);
    }

    void add(String id, String answer, Instant expiresAt, Instant now) {
        Entry entry = new Entry(mac(id, answer), expiresAt);
        synchronized (entries) {
            dropExpired(now);
            Iterator<Entry> oldest = entries.values().iterator();
            boolean evicted = false;
            while (entries.size() >= capacity) {
                oldest.next();
                oldest.remove();
                evicted = true;
            }
            if (evicted) {
                if (!full) {
                    LOG.warn("captcha: {} challenges are outstanding, the configured capacity; the oldest"
                            + " are dropped before they expire, so slow applicants may see their code"
                            + " refused. Raise ImageCaptcha.builder().capacity(…) or rate-limit captcha"
                            + " requests per client.", capacity);
                }
                full = true;
            } else if (entries.size() < capacity - capacity / 10) {
                full = false; // room again: warn the next time it fills up
            }
            entries.put(id, entry);
        }
    }

    /** Removes {@code id} and tells whether it was live at {@code now} and {@code answer} matches. */
    boolean consume(String id, String answer, Instant now) {
        Entry entry;
        synchronized (entries) {
            entry = entries.remove(id);
            dropExpired(now);
        }
        if (entry == null) {
            return false;
        }
        boolean matches = MessageDigest.isEqual(entry.answerMac(), mac(id, answer));
        return matches && now.isBefore(entry.expiresAt());
    }

    /** Removes {@code id} if it is outstanding. */
    void discard(String id) {
        synchronized (entries) {
            entries.remove(id);
        }
    }

    /** Entries held now, expired ones not yet cleaned up included. */
    int size() {
        synchronized (entries) {
            return entries.size();
        }
    }

    /** Everything the store holds, as text: what an operator would see in a dump. For tests. */
    String dump() {
        StringBuilder dump = new StringBuilder();
        synchronized (entries) {
            for (Map.Entry<String, Entry> e : entries.entrySet()) {
                dump.append(e.getKey()).append(' ').append(HexFormat.of().formatHex(e.getValue().answerMac()))
                        .append(' ').append(e.getValue().expiresAt()).append('\n');
            }
        }
        return dump.toString();
    }

    private void dropExpired(Instant now) {
        Iterator<Entry> oldest = entries.values().iterator();
        while (oldest.hasNext() && !now.isBefore(oldest.next().expiresAt())) {
            oldest.remove();
        }
    }

    private byte[] mac(String id, String answer) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            mac.update(id.getBytes(StandardCharsets.UTF_8));
            mac.update((byte) 0);
            return mac.doFinal(answer.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            // Every Java SE platform must provide HmacSHA256.
            throw new IllegalStateException("captcha: this JDK has no HmacSHA256", e);
        }
    }
}
