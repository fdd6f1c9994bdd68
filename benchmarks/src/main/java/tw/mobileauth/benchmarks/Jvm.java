package tw.mobileauth.benchmarks;

/** JVM arguments every benchmark fork gets. */
final class Jvm {

    /** The SDK audits every login at INFO; the benchmarks measure the SDK, not the console. */
    static final String QUIET = "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn";

    private Jvm() {
    }
}
