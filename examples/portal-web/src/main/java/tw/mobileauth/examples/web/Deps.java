package tw.mobileauth.examples.web;

import java.time.Clock;
import java.util.Map;
import tw.mobileauth.MobileAuth;
import tw.mobileauth.client.BrowserFamily;
import tw.mobileauth.client.ClientContext;
import tw.mobileauth.client.DeviceClass;

/**
 * What every page group shares: the SDK, the demo networks, the page shell, the sessions, the clock,
 * and the browser family each credential was bound from (the SDK does not keep it; the demo keeps it
 * in memory for "my bound browsers").
 */
record Deps(MobileAuth auth, DemoNetworks networks, Layout layout, Sessions sessions, Clock clock,
        Map<String, BrowserFamily> boundBrowsers) {

    /** The SDK's view of the browser sending {@code x}: its IP and User-Agent. */
    static ClientContext client(Exchange x, DeviceClass deviceClass) {
        return new ClientContext(deviceClass, java.util.Optional.of(x.request.remoteAddress()).filter(s -> !s.isEmpty()),
                x.request.header("User-Agent"));
    }
}
