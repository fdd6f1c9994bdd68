package tw.mobileauth.enrollment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import tw.mobileauth.carrier.testkit.Scenario;
import tw.mobileauth.carrier.testkit.Subscriber;
import tw.mobileauth.client.BoundDevice;
import tw.mobileauth.client.BrowserFamily;
import tw.mobileauth.client.ClientContext;
import tw.mobileauth.client.DeviceClass;
import tw.mobileauth.store.CredentialRecord;

/**
 * Issuance records the browser the credential is bound to: the applying browser, which created and
 * holds the key, by device class and browser family only; never the phone that verified on the QR
 * route, never its User-Agent or address.
 */
class BoundDeviceTest {

    private static final String FIREFOX_ON_LINUX = "Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0";
    private static final String SAFARI_ON_IPHONE = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X)"
            + " AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1";

    @Test
    void onTheQrRouteTheCredentialRemembersTheDesktopNotThePhoneThatVerified() throws Exception {
        try (Harness h = new Harness()) {
            Subscriber s = h.networks.subscribers().find("cht", Scenario.ELIGIBLE);
            Harness.Applied desktop = h.apply(Harness.formOf(s).build(), new ClientContext(DeviceClass.DESKTOP,
                    Optional.of("203.0.113.77"), Optional.of(FIREFOX_ON_LINUX)));
            DeviceSession phone = h.scan(desktop); // the phone comes as SMARTPHONE
            VerificationOutcome.Issued issued = assertInstanceOf(VerificationOutcome.Issued.class,
                    h.verifyOn(h.phoneOf(s), phone));

            CredentialRecord record = h.credentials.find(issued.credentialId()).orElseThrow();
            assertTrue(record.isActive(), "activation keeps what issuance recorded");
            assertEquals(Optional.of(new BoundDevice(DeviceClass.DESKTOP, BrowserFamily.FIREFOX)), record.boundDevice());
        }
    }

    @Test
    void onTheSameDeviceRouteItRemembersThatDeviceAndAnAbsentUserAgentIsUnknown() throws Exception {
        try (Harness h = new Harness()) {
            Subscriber s = h.networks.subscribers().find("twm", Scenario.ELIGIBLE);
            Harness.Applied iphone = h.apply(Harness.formOf(s).build(), new ClientContext(DeviceClass.SMARTPHONE,
                    Optional.of("198.51.100.9"), Optional.of(SAFARI_ON_IPHONE)));
            DeviceSession here = assertInstanceOf(NextStep.ContinueHere.class, iphone.begun().next()).device();
            String first = assertInstanceOf(VerificationOutcome.Issued.class, h.verifyOn(h.phoneOf(s), here))
                    .credentialId();
            assertEquals(Optional.of(new BoundDevice(DeviceClass.SMARTPHONE, BrowserFamily.SAFARI)),
                    h.credentials.find(first).orElseThrow().boundDevice());

            Subscriber other = h.networks.subscribers().find("fet", Scenario.ELIGIBLE);
            Harness.Journey tablet = h.journey(other, DeviceClass.TABLET_WITH_SIM); // no User-Agent passed
            String second = assertInstanceOf(VerificationOutcome.Issued.class, tablet.outcome()).credentialId();
            assertEquals(Optional.of(new BoundDevice(DeviceClass.TABLET_WITH_SIM, BrowserFamily.UNKNOWN)),
                    h.credentials.find(second).orElseThrow().boundDevice());
        }
    }
}
