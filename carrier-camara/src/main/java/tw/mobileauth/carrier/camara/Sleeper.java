package tw.mobileauth.carrier.camara;

import java.time.Duration;

/** Waits between retries. Tests replace it with one that moves a clock instead of sleeping. */
@FunctionalInterface
interface Sleeper {

    /** The real one. */
    Sleeper THREAD = d -> Thread.sleep(d.toMillis());

    void sleep(Duration duration) throws InterruptedException;
}
