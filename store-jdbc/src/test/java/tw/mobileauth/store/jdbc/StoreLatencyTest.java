package tw.mobileauth.store.jdbc;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tw.mobileauth.Stores;
import tw.mobileauth.enrollment.EnrollmentState;
import tw.mobileauth.store.ClaimResult;
import tw.mobileauth.store.EnrollmentRecord;
import tw.mobileauth.store.OneTimeToken;
import tw.mobileauth.store.TokenPurpose;

/**
 * A rough look (median of a simple loop, one thread) at claim and compareAndSet on each store, so
 * the closing note has numbers; the benchmarks issue measures properly.
 */
class StoreLatencyTest {

    private static final int ROUNDS = 300;
    private static final Instant T0 = Instant.parse("2025-03-14T02:00:00Z");

    @Test
    void claimAndCompareAndSetMedians() throws Exception {
        report("in-memory", Stores.inMemory(Clock.systemUTC()));
        try (HikariDataSource h2 = TestDatabases.h2Memory()) {
            JdbcStores.migrate(h2);
            report("H2 memory", JdbcStores.create(h2));
        }
        try (HikariDataSource h2 = TestDatabases.h2File(Files.createTempDirectory("mobileauth-latency").resolve("db"))) {
            JdbcStores.migrate(h2);
            report("H2 file", JdbcStores.create(h2));
        }
        try (HikariDataSource pg = TestDatabases.postgres().open()) {
            JdbcStores.migrate(pg);
            report("PostgreSQL", JdbcStores.create(pg));
        }
    }

    private static void report(String name, Stores stores) {
        List<Long> claims = new ArrayList<>();
        List<Long> cas = new ArrayList<>();
        for (int i = 0; i < ROUNDS; i++) {
            String key = UUID.randomUUID().toString();
            stores.tokens().insert(OneTimeToken.unclaimed(key, TokenPurpose.HANDOFF, "e", "", T0, T0.plusSeconds(600)));
            long start = System.nanoTime();
            ClaimResult r = stores.tokens().claim(key, "phone", T0);
            claims.add(System.nanoTime() - start);
            assertTrue(r.status() == ClaimResult.Status.CLAIMED);

            EnrollmentRecord e = new EnrollmentRecord(key, 0, EnrollmentState.AWAITING_DEVICE, T0, T0,
                    T0.plusSeconds(1800), T0.plusSeconds(3600), "{\"v\":1,\"pad\":\"" + "x".repeat(800) + "\"}",
                    Optional.empty());
            stores.enrollments().insert(e);
            start = System.nanoTime();
            boolean written = stores.enrollments().compareAndSet(0, e.next(EnrollmentState.VERIFYING, e.document(),
                    T0.plusSeconds(1), e.purgeAfter()));
            cas.add(System.nanoTime() - start);
            assertTrue(written);
        }
        System.out.printf("LATENCY %-10s claim median %7.1f µs, compareAndSet median %7.1f µs (%d rounds)%n", name,
                median(claims) / 1000.0, median(cas) / 1000.0, ROUNDS);
    }

    private static long median(List<Long> values) {
        List<Long> sorted = new ArrayList<>(values);
        sorted.sort(null);
        return sorted.get(sorted.size() / 2);
    }
}
