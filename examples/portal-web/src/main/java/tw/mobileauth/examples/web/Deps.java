package tw.mobileauth.examples.web;

import java.time.Clock;
import tw.mobileauth.MobileAuth;
import tw.mobileauth.client.ClientContext;
import tw.mobileauth.client.DeviceClass;

/**
 * What every page group shares: the SDK, the demo networks, the page shell, the sessions and the
 * clock. (Which browser each credential is bound to is the SDK's: the credential records it.)
 */
record Deps(MobileAuth auth, DemoNetworks networks, Layout layout, Sessions sessions, Clock clock) {

    /** The SDK's view of the browser sending {@code x}: its IP and User-Agent. */
    static ClientContext client(Exchange x, DeviceClass deviceClass) {
        return new ClientContext(deviceClass, java.util.Optional.of(x.request.remoteAddress()).filter(s -> !s.isEmpty()),
                x.request.header("User-Agent"));
    }
}
