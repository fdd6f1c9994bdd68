package tw.mobileauth.benchmarks.perf;

import java.time.Clock;
import org.openjdk.jol.info.GraphLayout;
import tw.mobileauth.Stores;
import tw.mobileauth.client.ClientContext;
import tw.mobileauth.client.DeviceClass;
import tw.mobileauth.enrollment.EnrollmentUnavailableException;
import tw.mobileauth.store.InMemoryEnrollmentStore;

/**
 * Retained heap of pending enrolments across the in-memory stores, and what {@code begin}
 * answers at the enrolment store's cap. Not a JMH benchmark: a program that begins enrolments
 * through the whole SDK (fake carrier networks and registry on loopback, a trivial hasher) and
 * measures the {@link Stores} object graph with JOL, then keeps beginning until the cap refuses.
 *
 * <pre>
 * java -Xmx2g -cp benchmarks/target/benchmarks.jar tw.mobileauth.benchmarks.perf.PendingEnrolmentFootprint [sample] [--cap]
 * </pre>
 * {@code sample} (default 10,000) enrolments are measured with JOL and scaled to
 * {@value InMemoryEnrollmentStore#DEFAULT_MAX_ENTRIES}; {@code --cap} then fills the store to its
 * default cap and prints the typed refusal of the next {@code begin} (about a minute or two).
 */
public final class PendingEnrolmentFootprint {

    private PendingEnrolmentFootprint() {
    }

    /** Runs the measurement; see the class comment for the arguments. */
    public static void main(String[] args) throws Exception {
        // One audit line per begin would dominate the run; keep warnings only unless told otherwise.
        if (System.getProperty("org.slf4j.simpleLogger.defaultLogLevel") == null) {
            System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        }
        int sample = args.length > 0 && !args[0].startsWith("--") ? Integer.parseInt(args[0]) : 10_000;
        boolean fill = java.util.Arrays.asList(args).contains("--cap");
        Stores stores = Stores.inMemory(Clock.systemUTC());
        try (EnrolmentRig rig = new EnrolmentRig(stores)) {
            long empty = GraphLayout.parseInstance(stores).totalSize();
            begin(rig, sample);
            long full = GraphLayout.parseInstance(stores).totalSize();
            double perEnrolment = (full - empty) / (double) sample;
            double at100k = perEnrolment * InMemoryEnrollmentStore.DEFAULT_MAX_ENTRIES / 1e6;
            System.out.printf("pending enrolments: %,d; stores retain %,d bytes (%,d empty)%n", sample, full, empty);
            System.out.printf("per pending enrolment: %,.0f bytes; at %,d: %.1f MB (target <= 150 MB: %s)%n",
                    perEnrolment, InMemoryEnrollmentStore.DEFAULT_MAX_ENTRIES, at100k,
                    at100k <= 150 ? "met" : "NOT met");
            if (fill) {
                int done = sample + begin(rig, InMemoryEnrollmentStore.DEFAULT_MAX_ENTRIES - sample);
                try {
                    begin(rig, 1);
                    System.out.printf("cap: begin number %,d was NOT refused%n", done + 1);
                } catch (EnrollmentUnavailableException e) {
                    System.out.printf("cap: after %,d pending, begin answered %s, source %s, recovery %s: %s%n", done,
                            e.getClass().getSimpleName(), e.source(), e.recovery(), e.getMessage());
                }
            }
        }
    }

    private static int begin(EnrolmentRig rig, int count) throws Exception {
        for (int i = 0; i < count; i++) {
            rig.enrollment.begin(rig.application(rig.nextPerson()), ClientContext.of(DeviceClass.DESKTOP));
        }
        return count;
    }
}
