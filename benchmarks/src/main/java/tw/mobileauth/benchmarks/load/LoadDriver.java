package tw.mobileauth.benchmarks.load;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import tw.mobileauth.carrier.testkit.Subscriber;

/**
 * The load driver: {@code java -cp benchmarks.jar tw.mobileauth.benchmarks.load.LoadDriver
 * [--clients 64] [--logins 2000] [--max-seconds 120] [--floor-seconds 10] [--limiter on|off|both]}.
 * For each limiter setting it starts the demo portal in this process ({@link LoadPortal}, H2 file in
 * a temporary directory), lets {@code clients} simulated people enrol concurrently, then has them log
 * in over and over until {@code logins} logins or {@code max-seconds} have passed (no login starts
 * after that; those in flight finish, so the phase can run longer by one login latency), and prints
 * logins/s, p50/p95/p99/max latency and the largest heap in use (sampled every 20 ms; the clients
 * share the heap). It measures the 2-thread login floor before the first setting and after each one,
 * and prints the ratios the issue sets targets for, each setting against the mean of the floors on
 * either side of it: logins/s ÷ floor ≥ 0.85 and p99/p50 ≤ 2.
 */
public final class LoadDriver {

    /**
     * The options.
     *
     * @param clients      concurrent simulated people
     * @param logins       logins in all, per limiter setting
     * @param maxSeconds   the login phase's time bound, per limiter setting
     * @param floorSeconds how long to measure the floor
     * @param limiters     the limiter settings to run, {@code true} = on
     */
    record Options(int clients, int logins, int maxSeconds, double floorSeconds, List<Boolean> limiters) {

        Options {
            if (clients < 1 || clients > 1000 || logins < 1 || maxSeconds < 1 || floorSeconds < 0) {
                throw new IllegalArgumentException("--clients 1..1000, --logins >= 1, --max-seconds >= 1, --floor-seconds >= 0");
            }
        }

        static Options parse(String[] args) {
            int clients = 64;
            int logins = 2000;
            int maxSeconds = 120;
            double floor = 10;
            List<Boolean> limiters = List.of(true, false);
            for (int i = 0; i < args.length; i += 2) {
                if (i + 1 >= args.length) {
                    throw new IllegalArgumentException("option " + args[i] + " needs a value");
                }
                String v = args[i + 1];
                switch (args[i]) {
                    case "--clients" -> clients = Integer.parseInt(v);
                    case "--logins" -> logins = Integer.parseInt(v);
                    case "--max-seconds" -> maxSeconds = Integer.parseInt(v);
                    case "--floor-seconds" -> floor = Double.parseDouble(v);
                    case "--limiter" -> limiters = switch (v) {
                        case "on" -> List.of(true);
                        case "off" -> List.of(false);
                        case "both" -> List.of(true, false);
                        default -> throw new IllegalArgumentException("--limiter on|off|both, got " + v);
                    };
                    default -> throw new IllegalArgumentException("unknown option " + args[i]);
                }
            }
            return new Options(clients, logins, maxSeconds, floor, limiters);
        }
    }

    /** One limiter setting's figures. */
    record Run(boolean limiter, int clients, int logins, int failures, double seconds, Latencies latencies, long maxHeapBytes,
            double enrolSeconds) {

        double loginsPerSecond() {
            return logins / seconds;
        }

        double p99OverP50() {
            return (double) latencies.percentile(99) / latencies.percentile(50);
        }

        String report() {
            return String.format(Locale.ROOT, "limiter %-3s: %d clients enrolled in %.1f s; %d logins in %.1f s = %.1f logins/s,"
                    + " %d failed; latency p50 %.1f ms, p95 %.1f ms, p99 %.1f ms, max %.1f ms (p99/p50 %.2f); max heap used %d MiB",
                    limiter ? "on" : "off", clients, enrolSeconds, logins, seconds, loginsPerSecond(), failures,
                    ms(latencies.percentile(50)), ms(latencies.percentile(95)), ms(latencies.percentile(99)), ms(latencies.max()),
                    p99OverP50(), maxHeapBytes >> 20);
        }
    }

    private LoadDriver() {
    }

    /** Runs the load on one limiter setting. */
    static Run run(Options o, boolean limiter) throws Exception {
        Path dir = Files.createTempDirectory("mobileauth-load");
        try (LoadPortal portal = LoadPortal.start(dir, o.clients(), limiter)) {
            List<SimulatedPerson> people = new ArrayList<>();
            SecureRandom random = new SecureRandom();
            for (Subscriber s : portal.networks().subscribers().all()) {
                people.add(new SimulatedPerson(portal.uri, s, random));
            }
            ExecutorService pool = Executors.newFixedThreadPool(o.clients());
            try {
                long enrolStart = System.nanoTime();
                List<Future<?>> enrolled = new ArrayList<>();
                for (SimulatedPerson p : people) {
                    enrolled.add(pool.submit(() -> {
                        p.enrol(portal.networks(), portal.captcha);
                        return null;
                    }));
                }
                for (Future<?> f : enrolled) {
                    f.get();
                }
                double enrolSeconds = (System.nanoTime() - enrolStart) / 1e9;
                return logins(o, limiter, people, pool, enrolSeconds);
            } finally {
                pool.shutdownNow();
            }
        } finally {
            deleteQuietly(dir);
        }
    }

    private static Run logins(Options o, boolean limiter, List<SimulatedPerson> people, ExecutorService pool, double enrolSeconds)
            throws Exception {
        AtomicInteger tickets = new AtomicInteger(o.logins());
        AtomicInteger failures = new AtomicInteger();
        ConcurrentLinkedQueue<Long> nanos = new ConcurrentLinkedQueue<>();
        ConcurrentLinkedQueue<String> errors = new ConcurrentLinkedQueue<>();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(o.maxSeconds());
        HeapSampler heap = HeapSampler.start();
        long start = System.nanoTime();
        List<Future<?>> running = new ArrayList<>();
        for (SimulatedPerson p : people) {
            running.add(pool.submit(() -> {
                while (System.nanoTime() < deadline && tickets.getAndDecrement() > 0) {
                    try {
                        nanos.add(p.login());
                    } catch (RuntimeException e) {
                        failures.incrementAndGet();
                        if (errors.size() < 5) {
                            errors.add(e.getMessage());
                        }
                    }
                }
                return null;
            }));
        }
        for (Future<?> f : running) {
            f.get();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        long maxHeap = heap.stop();
        errors.forEach(e -> System.err.println("login failed: " + e));
        long[] all = nanos.stream().mapToLong(Long::longValue).toArray();
        return new Run(limiter, people.size(), all.length, failures.get(), seconds, new Latencies(all), maxHeap, enrolSeconds);
    }

    /** The largest heap in use, sampled every 20 ms on a daemon thread. */
    static final class HeapSampler {
        private final AtomicLong max = new AtomicLong();
        private volatile boolean running = true;
        private final Thread thread;

        private HeapSampler() {
            MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
            thread = new Thread(() -> {
                while (running) {
                    max.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max);
                    try {
                        Thread.sleep(20);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }, "heap-sampler");
            thread.setDaemon(true);
        }

        static HeapSampler start() {
            System.gc();
            HeapSampler s = new HeapSampler();
            s.thread.start();
            return s;
        }

        long stop() throws InterruptedException {
            running = false;
            thread.join();
            return max.get();
        }
    }

    private static double ms(long nanos) {
        return nanos / 1e6;
    }

    private static void deleteQuietly(Path dir) {
        try (var files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        } catch (java.io.IOException e) {
            System.err.println("could not delete " + dir + ": " + e.getMessage());
        }
    }

    private static double floor(Options o, String when) throws InterruptedException {
        double floor = LoginFloor.measure(2, o.floorSeconds());
        System.out.printf(Locale.ROOT, "2-thread login floor (Argon2id + P-256 verify + 3 HMACs), %s: %.1f logins/s%n",
                when, floor);
        return floor;
    }

    /** Runs the load and the floor; prints one line per setting and the ratios. Exit 2 on bad options. */
    public static void main(String[] args) throws Exception {
        Options o;
        try {
            o = Options.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.println("usage: LoadDriver [--clients 64] [--logins 2000] [--max-seconds 120] [--floor-seconds 10]"
                    + " [--limiter on|off|both]");
            System.exit(2);
            return;
        }
        // The floor brackets every load phase (measured before and after it, in this JVM), because this
        // kind of machine drifts by tens of percent within minutes: each phase is compared with the mean
        // of the floors on either side of it.
        boolean withFloor = o.floorSeconds() > 0;
        List<Double> floors = new ArrayList<>();
        if (withFloor) {
            LoginFloor.measure(2, o.floorSeconds()); // JIT warm-up (BouncyCastle's Argon2id speeds up for minutes), discarded
            floors.add(floor(o, "before the load"));
        }
        List<Run> runs = new ArrayList<>();
        for (boolean limiter : o.limiters()) {
            Run r = run(o, limiter);
            System.out.println(r.report());
            runs.add(r);
            if (withFloor) {
                floors.add(floor(o, "after limiter " + (limiter ? "on" : "off")));
            }
        }
        if (withFloor) {
            for (int i = 0; i < runs.size(); i++) {
                Run r = runs.get(i);
                double floor = (floors.get(i) + floors.get(i + 1)) / 2;
                double ratio = r.loginsPerSecond() / floor;
                System.out.printf(Locale.ROOT, "limiter %-3s: logins/s ÷ floor (mean of %.1f and %.1f) = %.2f (target >= 0.85:"
                        + " %s); p99/p50 = %.2f (target <= 2: %s)%n", r.limiter() ? "on" : "off", floors.get(i),
                        floors.get(i + 1), ratio, ratio >= 0.85 ? "met" : "NOT met", r.p99OverP50(),
                        r.p99OverP50() <= 2 ? "met" : "NOT met");
            }
        }
    }
}
