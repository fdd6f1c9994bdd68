package tw.mobileauth.carrier.testkit;

import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A JUnit 5 extension for tests that talk to {@link FakeCarrierNetworks} with their own clients:
 * after each test it validates what every running network served ({@link ConformanceLog}) and fails
 * the test when an <em>answer</em> of the fakes broke the official CAMARA definitions or the
 * carrier's declared profile. Requests are not judged (such tests send bad ones on purpose); the
 * {@link CarrierConformanceKit} judges both, since there the adapter writes the requests.
 *
 * <pre>{@code @ExtendWith(FakeNetworkConformance.class) class MyFakeNetworkTest { … }}</pre>
 *
 * <p>The testkit's own tests get it through JUnit's extension auto-detection
 * ({@code src/test/resources/junit-platform.properties}). When the official definitions are absent
 * it validates nothing and passes; the exchanges are counted as skipped in the report.
 */
public final class FakeNetworkConformance implements AfterEachCallback {

    @Override
    public void afterEach(ExtensionContext context) {
        FakeCarrierNetworks.assertLiveAnswersConform();
    }
}
