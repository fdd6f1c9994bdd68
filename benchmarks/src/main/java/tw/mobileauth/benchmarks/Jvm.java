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

    private Jvm() {
    }
}
