package tw.mobileauth.benchmarks;

import java.time.Clock;
import org.openjdk.jol.info.GraphLayout;
import tw.mobileauth.Stores;
import tw.mobileauth.enrollment.EnrollmentUnavailableException;
import tw.mobileauth.store.InMemoryCounterStore;
import tw.mobileauth.store.InMemoryCredentialStore;
import tw.mobileauth.store.InMemoryEnrollmentStore;
import tw.mobileauth.store.InMemoryOneTimeTokenStore;

/**
 * Retained heap of pending enrolments in the in-memory stores, and the answer at the cap. Not a
 * JMH benchmark: a main class that begins {@code N} enrolments (default 100,000, the enrolment
 * store's default cap; first argument) through {@code EnrollmentService.begin} with a
 * {@link TrivialHasher}, then measures the enrolment and token stores' object graphs with JOL
 * ({@link GraphLayout#totalSize()}, shared objects counted once) and, as a cross-check, the heap
 * delta after {@code System.gc()}. Prints MB per 100 k pending enrolments (target: ≤ 150 MB across
 * the in-memory stores). At the cap it begins one more and prints the typed error; it also shows
 * that on a store capped at 10.
 *
 * <p>Run: {@code java -Xmx1g -cp benchmarks/target/benchmarks.jar tw.mobileauth.benchmarks.MemoryFootprint [N]}.
 */
public final class MemoryFootprint {

    private static final double MB = 1024.0 * 1024.0;

    private MemoryFootprint() {
    }

    public static void main(String[] args) throws Exception {
        // JDK 17 refuses Unsafe field offsets of hidden (lambda) classes the stores hold; JOL then finds them itself.
        System.setProperty("jol.magicFieldOffset", System.getProperty("jol.magicFieldOffset", "true"));
        int n = args.length > 0 ? Integer.parseInt(args[0]) : InMemoryEnrollmentStore.DEFAULT_MAX_ENTRIES;
        Clock clock = Clock.systemUTC();
        Stores stores = Stores.inMemory(clock);
        try (Portal portal = new Portal(stores, new TrivialHasher(Portal.PASSWORD))) {
            Enrolment enrolment = new Enrolment(portal);
            long before = usedAfterGc();
            long start = System.nanoTime();
            for (int i = 0; i < n; i++) {
                enrolment.begin(enrolment.application());
                if ((i + 1) % 20_000 == 0) {
                    System.out.printf("  %,d begun (%.0f s)%n", i + 1, (System.nanoTime() - start) / 1e9);
                }
            }
            long delta = usedAfterGc() - before;
            long enrolmentBytes = GraphLayout.parseInstance(stores.enrollments()).totalSize();
            long tokenBytes = GraphLayout.parseInstance(stores.tokens()).totalSize();
            long allBytes = GraphLayout.parseInstance(stores.enrollments(), stores.tokens(), stores.credentials(),
                    stores.counters()).totalSize();
            double per100k = 100_000.0 / n / MB;
            System.out.printf("pending enrolments: %,d%n", n);
            System.out.printf("enrolment store: %.1f MB (%.0f bytes each)%n", enrolmentBytes / MB, (double) enrolmentBytes / n);
            System.out.printf("token store:     %.1f MB (%.0f bytes per enrolment)%n", tokenBytes / MB, (double) tokenBytes / n);
            System.out.printf("all in-memory stores (JOL): %.1f MB per 100k pending; target <= 150 MB: %s%n",
                    allBytes * per100k, allBytes * per100k <= 150 ? "MET" : "NOT MET");
            System.out.printf("heap delta after GC:        %.1f MB per 100k pending (includes the captcha's answers)%n",
                    delta * per100k);
            if (n >= InMemoryEnrollmentStore.DEFAULT_MAX_ENTRIES) {
                System.out.println("at the default cap, the next begin: " + nextBegin(enrolment));
            }
        }
        Stores small = new Stores(new InMemoryEnrollmentStore(clock, 10), new InMemoryOneTimeTokenStore(clock),
                new InMemoryCredentialStore(), new InMemoryCounterStore(clock));
        try (Portal portal = new Portal(small, new TrivialHasher(Portal.PASSWORD))) {
            Enrolment enrolment = new Enrolment(portal);
            for (int i = 0; i < 10; i++) {
                enrolment.begin(enrolment.application());
            }
            System.out.println("store capped at 10, the 11th begin: " + nextBegin(enrolment));
        }
    }

    /** The answer to one more {@code begin}: the typed error, or "ACCEPTED" if it was taken. */
    private static String nextBegin(Enrolment enrolment) throws Exception {
        String application = enrolment.application();
        try {
            enrolment.begin(application);
            return "ACCEPTED (the cap did not hold)";
        } catch (EnrollmentUnavailableException e) {
            return e.getClass().getSimpleName() + " source=" + e.source() + " recovery=" + e.recovery()
                    + " retryable=" + e.isRetryable() + ": " + e.getMessage();
        }
    }

    private static long usedAfterGc() throws InterruptedException {
        Runtime rt = Runtime.getRuntime();
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(100);
        }
        return rt.totalMemory() - rt.freeMemory();
    }
}
