package tw.mobileauth.benchmarks;

/** JVM arguments every benchmark fork gets. */
final class Jvm {

    /** The SDK audits every login at INFO; the benchmarks measure the SDK, not the console. */
    static final String QUIET = "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn";

    /**
     * The fake carrier networks and portals use {@code com.sun.net.httpserver}; without TCP_NODELAY its
     * responses wait for delayed ACKs (tens of ms per round trip on loopback), which would be measured.
     */
    static final String NODELAY = "-Dsun.net.httpserver.nodelay=true";

    /**
     * For the Argon2id benchmarks (the SDK's login and its floor alike): BouncyCastle's Argon2id
     * allocates a fresh 19.8 MiB per hash, and on this kind of virtual machine first-touch page
     * faults on fresh heap made one hash 2–3× slower and noisy (10–25 hashes/s in one fork,
     * measured 2026-12-06). A fixed, pre-touched heap with the parallel collector gives both sides
     * memory that is already mapped, so the hash is measured, not the hypervisor.
     */
    static final String HEAP = "-Xms2g";
    static final String HEAP_MAX = "-Xmx2g";
    static final String PRETOUCH = "-XX:+AlwaysPreTouch";
    static final String PARALLEL_GC = "-XX:+UseParallelGC";

    private Jvm() {
    }
}
