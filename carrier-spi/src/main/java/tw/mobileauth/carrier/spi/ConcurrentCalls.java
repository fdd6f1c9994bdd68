package tw.mobileauth.carrier.spi;

import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Independent carrier calls of one operation, side by side instead of one after another, so that a
 * phone waits for the slowest of them rather than for their sum: CHT's KYC tenure and line profile,
 * a verification's roaming status and network type, core's look-ups after the number is proven.
 *
 * <pre>{@code
 * try (ConcurrentCalls.Forked<JsonReply> line = calls.fork(() -> client.post(ctx, LINE, scope, body))) {
 *     JsonReply contract = client.post(ctx, TENURE, scope, body);   // meanwhile, on this thread
 *     return attributes(contract, line.join());
 * }
 * }</pre>
 *
 * <p>The rules that keep failures deterministic:
 * <ul>
 *   <li>{@link Forked#join()} rethrows the call's own {@link CarrierException} (or unchecked
 *       exception) unchanged, so the caller sees the failure it would have seen calling in turn;
 *       joining in a fixed order reports the first failure in that order, whatever finished first.</li>
 *   <li>Closing a {@link Forked} that has not finished cancels it and interrupts its thread (an HTTP
 *       call then ends at once), so a failed operation leaves nothing running.</li>
 *   <li>{@code join} does not respond to interrupts: every carrier call is bounded by its
 *       {@link CallContext#deadline()}, and so is the wait.</li>
 *   <li>Never more threads than the bound: when all are busy, or after {@link #close()}, a call runs
 *       on the caller's thread at {@code fork}, which is the sequential order again. Nothing is ever
 *       rejected.</li>
 * </ul>
 * Thread-safe.
 */
public final class ConcurrentCalls implements AutoCloseable {

    /** How long an idle thread of {@link #withThreads} lives before it ends. */
    public static final long IDLE_SECONDS = 30;

    /**
     * A carrier call to run beside others.
     *
     * @param <T> what the call answers
     */
    @FunctionalInterface
    public interface Call<T> {
        /**
         * {@return the call's answer}
         *
         * @throws CarrierException the call's failure, rethrown by {@link Forked#join()}
         */
        T call() throws CarrierException;
    }

    private final Executor executor;
    private final Optional<ExecutorService> owned;

    private ConcurrentCalls(Executor executor, Optional<ExecutorService> owned) {
        this.executor = executor;
        this.owned = owned;
    }

    /**
     * {@return calls on up to {@code maxThreads} daemon threads of their own, created when needed and
     * ended after {@value #IDLE_SECONDS} s idle}, so an instance that is never closed keeps no thread
     * alive. {@link #close()} ends them at once.
     *
     * @param threadNamePrefix the threads' names before {@code -1}, {@code -2}…, e.g. {@code camara-cht}
     * @param maxThreads       at least 1; a call beyond it runs on the caller's thread
     * @throws IllegalArgumentException if {@code maxThreads} is below 1 or the prefix is blank
     */
    public static ConcurrentCalls withThreads(String threadNamePrefix, int maxThreads) {
        Objects.requireNonNull(threadNamePrefix, "threadNamePrefix");
        if (threadNamePrefix.isBlank() || maxThreads < 1) {
            throw new IllegalArgumentException("give a thread name prefix and at least 1 thread, was '"
                    + threadNamePrefix + "' and " + maxThreads);
        }
        AtomicInteger count = new AtomicInteger();
        ThreadPoolExecutor pool = new ThreadPoolExecutor(0, maxThreads, IDLE_SECONDS, TimeUnit.SECONDS,
                new SynchronousQueue<>(), task -> {
                    Thread t = new Thread(task, threadNamePrefix + "-" + count.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                }, (task, full) -> task.run());
        return new ConcurrentCalls(pool, Optional.of(pool));
    }

    /**
     * {@return calls on the portal's own executor} It must run each task on another thread or throw
     * {@link RejectedExecutionException} (the call then runs on the caller's thread); closing this
     * instance leaves the executor alone.
     *
     * @param executor e.g. a container-managed executor
     */
    public static ConcurrentCalls on(Executor executor) {
        return new ConcurrentCalls(Objects.requireNonNull(executor, "executor"), Optional.empty());
    }

    /** {@return calls run one after another on the caller's thread, each at its {@code fork}} */
    public static ConcurrentCalls sequential() {
        return new ConcurrentCalls(Runnable::run, Optional.empty());
    }

    /**
     * Starts {@code call} on another thread, or runs it now on this one when none is free.
     *
     * @param call the independent call
     * @param <T>  what it answers
     * @return the running call: {@link Forked#join() join} it, and close it (try-with-resources) so
     *         that an operation that fails first cancels it
     */
    public <T> Forked<T> fork(Call<T> call) {
        Objects.requireNonNull(call, "call");
        Forked<T> forked = new Forked<>(call);
        try {
            executor.execute(forked::run);
        } catch (RejectedExecutionException e) {
            forked.run();
        }
        return forked;
    }

    /** Ends the threads of {@link #withThreads} (interrupting running calls); later forks run on the caller's thread. */
    @Override
    public void close() {
        owned.ifPresent(ExecutorService::shutdownNow);
    }

    @Override
    public String toString() {
        return "ConcurrentCalls[" + (owned.isPresent() ? "own threads" : executor) + "]";
    }

    /**
     * A call started by {@link #fork}.
     *
     * @param <T> what it answers
     */
    public static final class Forked<T> implements AutoCloseable {
        private final Call<T> call;
        private final CompletableFuture<T> result = new CompletableFuture<>();
        private Thread runner;
        private boolean ended;

        private Forked(Call<T> call) {
            this.call = call;
        }

        private void run() {
            synchronized (this) {
                if (ended) {
                    return;
                }
                runner = Thread.currentThread();
            }
            try {
                result.complete(call.call());
            } catch (CarrierException | RuntimeException | Error e) {
                result.completeExceptionally(e);
            } finally {
                synchronized (this) {
                    ended = true;
                    runner = null;
                    // an interrupt from close() is meant for this call only, never for the thread's next task
                    if (result.isCancelled()) {
                        Thread.interrupted();
                    }
                }
            }
        }

        /**
         * Waits for the call and returns its answer.
         *
         * @return the call's answer
         * @throws CarrierException the call's own failure, unchanged
         * @throws CancellationException if this was closed before the call ended
         */
        public T join() throws CarrierException {
            try {
                return result.join();
            } catch (CompletionException e) {
                Throwable cause = e.getCause();
                if (cause instanceof CarrierException c) {
                    throw c;
                }
                if (cause instanceof RuntimeException r) {
                    throw r;
                }
                if (cause instanceof Error err) {
                    throw err;
                }
                throw e;
            }
        }

        /** Cancels the call if it has not ended, interrupting its thread; a no-op after it ended. */
        @Override
        public void close() {
            synchronized (this) {
                if (result.cancel(false) && runner != null) {
                    runner.interrupt();
                }
                ended = true;
            }
        }
    }
}
