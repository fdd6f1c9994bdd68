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
 * [--clients 64] [--logins 2000] [--max-seconds 120] [--floor-seconds 10] [--warmup-seconds 60]
 * [--segments 4] [--limiter on|off|both]}.
 * For each limiter setting it starts the demo portal in this process ({@link LoadPortal}, H2 file in
 * a temporary directory), lets {@code clients} simulated people enrol concurrently, has them log in
 * for {@code warmup-seconds} without counting (the JIT compiles the portal, the HTTP stacks and H2
 * meanwhile: on 2 cores the compiler threads took 0.3–0.6 of a core through the first 30 s of load
 * and still 0.1–0.2 after a minute), then has them log in over and over until {@code logins} logins
 * or {@code max-seconds} have passed, in {@code segments} equal parts (no login starts after a part's
 * share; those in flight finish, so a part can run longer by one login latency). Before the first
 * part and after each one the clients pause while the 2-thread login floor is measured in this JVM,
 * and each part is compared with the mean of the floors on either side of it, because this kind of
 * machine drifts by tens of percent within minutes. It prints logins/s, p50/p95/p99/max latency over
 * all parts, the largest heap in use (sampled every 20 ms; the clients share the heap, and the floor
 * runs in it too), and the ratios the issue sets targets for: logins/s ÷ floor ≥ 0.85 (the median of
 * the parts, and all parts together against the mean of all floors) and p99/p50 ≤ 2.
 */
public final class LoadDriver {

    /**
     * The options.
     *
     * @param clients      concurrent simulated people
     * @param logins       logins in all, per limiter setting
     * @param maxSeconds   the login phase's time bound, per limiter setting
     * @param floorSeconds how long to measure the floor
     * @param warmupSeconds how long the people log in, uncounted, before the counted logins
     * @param segments     the parts the counted logins are measured in, each between two floors
     * @param limiters     the limiter settings to run, {@code true} = on
     */
    record Options(int clients, int logins, int maxSeconds, double floorSeconds, double warmupSeconds, int segments,
            List<Boolean> limiters) {

        Options {
            if (clients < 1 || clients > 1000 || logins < 1 || maxSeconds < 1 || floorSeconds < 0 || warmupSeconds < 0
                    || segments < 1 || segments > logins) {
                throw new IllegalArgumentException("--clients 1..1000, --logins >= 1, --max-seconds >= 1, --floor-seconds >= 0,"
                        + " --warmup-seconds >= 0, --segments 1..logins");
            }
        }

        static Options parse(String[] args) {
            int clients = 64;
            int logins = 2000;
            int maxSeconds = 120;
            double floor = 10;
            double warmup = 60;
            int segments = 4;
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
                    case "--warmup-seconds" -> warmup = Double.parseDouble(v);
                    case "--segments" -> segments = Integer.parseInt(v);
                    case "--limiter" -> limiters = switch (v) {
                        case "on" -> List.of(true);
                        case "off" -> List.of(false);
                        case "both" -> List.of(true, false);
                        default -> throw new IllegalArgumentException("--limiter on|off|both, got " + v);
                    };
                    default -> throw new IllegalArgumentException("unknown option " + args[i]);
                }
            }
            return new Options(clients, logins, maxSeconds, floor, warmup, segments, limiters);
        }
    }

    /**
     * One measured part of a limiter setting: its logins and seconds, and the floors measured just before and
     * just after it (logins/s; {@code NaN} when no floor is measured).
     */
    record Segment(int logins, double seconds, double floorBefore, double floorAfter) {

        double loginsPerSecond() {
            return logins / seconds;
        }

        double ratio() {
            return loginsPerSecond() / ((floorBefore + floorAfter) / 2);
        }
    }

    /** One limiter setting's figures. */
    record Run(boolean limiter, int clients, int logins, int failures, double seconds, Latencies latencies, long maxHeapBytes,
            double enrolSeconds, List<Segment> segments) {

        Run {
            segments = List.copyOf(segments);
        }

        double loginsPerSecond() {
            return logins / seconds;
        }

        /** The parts' ratios to their floors, sorted; empty without floors. */
        double[] ratios() {
            return segments.stream().mapToDouble(Segment::ratio).filter(r -> !Double.isNaN(r)).sorted().toArray();
        }

        /** The median of the parts' ratios ({@code NaN} without floors). */
        double medianRatio() {
            double[] r = ratios();
            if (r.length == 0) {
                return Double.NaN;
            }
            return r.length % 2 == 1 ? r[r.length / 2] : (r[r.length / 2 - 1] + r[r.length / 2]) / 2;
        }

        /** All parts together against the mean of every floor measured around them ({@code NaN} without floors). */
        double overallRatio() {
            java.util.DoubleSummaryStatistics floors = new java.util.DoubleSummaryStatistics();
            for (int i = 0; i < segments.size(); i++) {
                if (i == 0) {
                    floors.accept(segments.get(i).floorBefore());
                }
                floors.accept(segments.get(i).floorAfter());
            }
            return loginsPerSecond() / floors.getAverage();
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
        AtomicInteger failures = new AtomicInteger();
        ConcurrentLinkedQueue<String> errors = new ConcurrentLinkedQueue<>();
        if (o.warmupSeconds() > 0) { // uncounted, but a failure here is still a failure
            drive(people, pool, o.warmupSeconds(), new AtomicInteger(Integer.MAX_VALUE), new ConcurrentLinkedQueue<>(), failures,
                    errors);
        }
        ConcurrentLinkedQueue<Long> nanos = new ConcurrentLinkedQueue<>();
        List<Segment> segments = new ArrayList<>();
        HeapSampler heap = HeapSampler.start();
        double floor = floor(o);
        double seconds = 0;
        for (int i = 0; i < o.segments(); i++) {
            int share = o.logins() / o.segments() + (i < o.logins() % o.segments() ? 1 : 0);
            int before = nanos.size();
            long start = System.nanoTime();
            drive(people, pool, (double) o.maxSeconds() / o.segments(), new AtomicInteger(share), nanos, failures, errors);
            double elapsed = (System.nanoTime() - start) / 1e9;
            double after = floor(o);
            segments.add(new Segment(nanos.size() - before, elapsed, floor, after));
            floor = after;
            seconds += elapsed;
        }
        long maxHeap = heap.stop();
        errors.forEach(e -> System.err.println("login failed: " + e));
        long[] all = nanos.stream().mapToLong(Long::longValue).toArray();
        return new Run(limiter, people.size(), all.length, failures.get(), seconds, new Latencies(all), maxHeap, enrolSeconds, segments);
    }

    /** The 2-thread login floor, in logins/s, while the clients wait; {@code NaN} when the options ask for none. */
    private static double floor(Options o) throws InterruptedException {
        return o.floorSeconds() > 0 ? LoginFloor.measure(2, o.floorSeconds()) : Double.NaN;
    }

    /** Every person logs in over and over, until the tickets run out or the time is up; returns when all have stopped. */
    private static void drive(List<SimulatedPerson> people, ExecutorService pool, double seconds, AtomicInteger tickets,
            ConcurrentLinkedQueue<Long> nanos, AtomicInteger failures, ConcurrentLinkedQueue<String> errors) throws Exception {
        long deadline = System.nanoTime() + (long) (seconds * 1e9);
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

    /** Runs the load and the floor; prints one line per setting and the ratios. Exit 2 on bad options. */
    public static void main(String[] args) throws Exception {
        Options o;
        try {
            o = Options.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.println("usage: LoadDriver [--clients 64] [--logins 2000] [--max-seconds 120] [--floor-seconds 10]"
                    + " [--warmup-seconds 60] [--segments 4] [--limiter on|off|both]");
            System.exit(2);
            return;
        }
        for (boolean limiter : o.limiters()) {
            Run r = run(o, limiter);
            System.out.println(r.report());
            if (o.floorSeconds() > 0) {
                for (Segment g : r.segments()) {
                    System.out.printf(Locale.ROOT, "  part: %d logins in %.1f s = %.1f logins/s; 2-thread floor (Argon2id + P-256"
                            + " verify + 3 HMACs) before %.1f, after %.1f logins/s; ratio %.2f%n", g.logins(), g.seconds(),
                            g.loginsPerSecond(), g.floorBefore(), g.floorAfter(), g.ratio());
                }
                double median = r.medianRatio();
                System.out.printf(Locale.ROOT, "limiter %-3s: logins/s ÷ floor = %.2f, median of the parts (target >= 0.85: %s);"
                        + " all parts together ÷ the mean floor = %.2f; p99/p50 = %.2f (target <= 2: %s)%n", limiter ? "on" : "off",
                        median, median >= 0.85 ? "met" : "NOT met", r.overallRatio(), r.p99OverP50(),
                        r.p99OverP50() <= 2 ? "met" : "NOT met");
            }
        }
    }
}
