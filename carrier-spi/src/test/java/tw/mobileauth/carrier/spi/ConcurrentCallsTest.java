package tw.mobileauth.carrier.spi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ConcurrentCallsTest {

    private final ConcurrentCalls calls = ConcurrentCalls.withThreads("test-calls", 2);

    @AfterEach
    void close() {
        calls.close();
    }

    private static CarrierException unavailable(String code) {
        return new CarrierException.CarrierUnavailable(CarrierException.Origin.transport("cht", code, "c-1"),
                Optional.empty(), "down", null);
    }

    @Test
    void aForkedCallRunsWhileTheCallerGoesOn() throws Exception {
        CountDownLatch callerWent = new CountDownLatch(1);
        try (ConcurrentCalls.Forked<Boolean> forked = calls.fork(() -> await(callerWent))) {
            callerWent.countDown(); // run in turn, the fork would have waited 5 s for this and answered false
            assertTrue(forked.join(), "the forked call saw the caller's work while it ran");
        }
    }

    @Test
    void sequentialRunsEachCallAtItsForkOnTheCallersThread() throws Exception {
        CountDownLatch notYet = new CountDownLatch(1);
        ConcurrentCalls inTurn = ConcurrentCalls.sequential();
        long start = System.nanoTime();
        try (ConcurrentCalls.Forked<String> forked = inTurn.fork(() -> Thread.currentThread().getName())) {
            assertEquals(Thread.currentThread().getName(), forked.join());
        }
        // in turn, the call waits for a count-down that only comes after its fork returned
        ConcurrentCalls.Forked<Boolean> waited = inTurn.fork(() -> await(notYet, 200));
        notYet.countDown();
        assertFalse(waited.join());
        assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(10));
    }

    @Test
    void joinRethrowsTheCallsOwnCarrierExceptionUnchanged() {
        CarrierException failure = unavailable("DOWN");
        ConcurrentCalls.Forked<String> forked = calls.fork(() -> {
            throw failure;
        });
        assertSame(failure, assertThrows(CarrierException.class, forked::join));
    }

    @Test
    void joinRethrowsAnUncheckedFailureUnchanged() {
        IllegalStateException bug = new IllegalStateException("adapter bug");
        ConcurrentCalls.Forked<String> forked = calls.fork(() -> {
            throw bug;
        });
        assertSame(bug, assertThrows(IllegalStateException.class, forked::join));
    }

    @Test
    void joiningInAFixedOrderReportsTheFirstFailureInThatOrderWhateverFinishedFirst() throws Exception {
        CountDownLatch secondFailed = new CountDownLatch(1);
        CarrierException first = unavailable("FIRST");
        CarrierException second = unavailable("SECOND");
        try (ConcurrentCalls.Forked<String> a = calls.fork(() -> {
                    await(secondFailed);
                    throw first;
                });
                ConcurrentCalls.Forked<String> b = calls.fork(() -> {
                    secondFailed.countDown();
                    throw second;
                })) {
            CarrierException reported = assertThrows(CarrierException.class, () -> {
                a.join();
                b.join();
            });
            assertSame(first, reported);
        }
    }

    @Test
    void closingAnUnfinishedCallCancelsItAndInterruptsOnlyThatCall() throws Exception {
        CountDownLatch running = new CountDownLatch(1);
        CountDownLatch interrupted = new CountDownLatch(1);
        ConcurrentCalls one = ConcurrentCalls.withThreads("one", 1);
        try {
            ConcurrentCalls.Forked<String> slow = one.fork(() -> {
                running.countDown();
                try {
                    Thread.sleep(30_000);
                    return "finished";
                } catch (InterruptedException e) {
                    interrupted.countDown();
                    throw unavailable("INTERRUPTED");
                }
            });
            assertTrue(running.await(5, TimeUnit.SECONDS));
            slow.close();
            assertTrue(interrupted.await(5, TimeUnit.SECONDS), "the running call was interrupted");
            assertThrows(CancellationException.class, slow::join);

            // the same (only) thread takes the next call, without the cancelled call's interrupt; until
            // that thread is idle again, a call runs on the caller's thread, so try a few times
            AtomicBoolean nextInterrupted = new AtomicBoolean(true);
            String thread = "";
            for (int i = 0; i < 100 && !thread.equals("one-1"); i++) {
                Thread.sleep(10);
                thread = one.fork(() -> {
                    nextInterrupted.set(Thread.currentThread().isInterrupted());
                    return Thread.currentThread().getName();
                }).join();
            }
            assertEquals("one-1", thread);
            assertFalse(nextInterrupted.get());
        } finally {
            one.close();
        }
    }

    @Test
    void closingAFinishedCallChangesNothing() throws Exception {
        ConcurrentCalls.Forked<String> done = calls.fork(() -> "answer");
        assertEquals("answer", done.join());
        done.close();
        assertEquals("answer", done.join());
    }

    @Test
    void whenEveryThreadIsBusyTheCallRunsOnTheCallersThreadInsteadOfBeingRefused() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        ConcurrentCalls one = ConcurrentCalls.withThreads("busy", 1);
        try (ConcurrentCalls.Forked<Boolean> busy = one.fork(() -> await(release))) {
            String caller = Thread.currentThread().getName();
            assertEquals(caller, one.fork(() -> Thread.currentThread().getName()).join());
            release.countDown();
            assertTrue(busy.join());
        } finally {
            one.close();
        }
    }

    @Test
    void afterCloseCallsRunOnTheCallersThread() throws Exception {
        calls.close();
        assertEquals(Thread.currentThread().getName(), calls.fork(() -> Thread.currentThread().getName()).join());
    }

    @Test
    void ownThreadsAreNamedDaemons() throws Exception {
        assertEquals("test-calls-1 daemon", calls.fork(() -> Thread.currentThread().getName()
                + (Thread.currentThread().isDaemon() ? " daemon" : " user")).join());
    }

    @Test
    void aPortalExecutorThatRefusesMakesTheCallRunOnTheCallersThread() throws Exception {
        ConcurrentCalls refusing = ConcurrentCalls.on(task -> {
            throw new RejectedExecutionException("full");
        });
        assertEquals(Thread.currentThread().getName(), refusing.fork(() -> Thread.currentThread().getName()).join());
    }

    @Test
    void badSettingsAreRefusedWithTheFix() {
        IllegalArgumentException none = assertThrows(IllegalArgumentException.class,
                () -> ConcurrentCalls.withThreads("x", 0));
        assertTrue(none.getMessage().contains("at least 1 thread"), none.getMessage());
        assertThrows(IllegalArgumentException.class, () -> ConcurrentCalls.withThreads(" ", 2));
        assertThrows(NullPointerException.class, () -> ConcurrentCalls.on(null));
        assertThrows(NullPointerException.class, () -> calls.fork(null));
    }

    private static boolean await(CountDownLatch latch) {
        return await(latch, 5_000);
    }

    private static boolean await(CountDownLatch latch, long millis) {
        try {
            return latch.await(millis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
