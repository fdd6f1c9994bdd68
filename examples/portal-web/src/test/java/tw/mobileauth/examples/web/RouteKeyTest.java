package tw.mobileauth.examples.web;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** HEAD is answered as GET, except where a GET acts (opening the handoff, the carrier callback). */
class RouteKeyTest {

    private static WebRequest request(String method, String path) {
        return new WebRequest(method, path, "", Map.of(), null, "127.0.0.1", false);
    }

    @Test
    void headOfAPageIsItsGet() {
        assertEquals("GET /", DemoPortal.routeKey(request("HEAD", "/")));
        assertEquals("GET /help", DemoPortal.routeKey(request("head", "/help")));
    }

    @Test
    void headNeverOpensAHandoffOrCompletesAVerification() {
        assertEquals("HEAD /mobile/h", DemoPortal.routeKey(request("HEAD", "/mobile/h")));
        assertEquals("HEAD /mobile/callback", DemoPortal.routeKey(request("HEAD", "/mobile/callback")));
    }

    @Test
    void otherMethodsAreKept() {
        assertEquals("POST /logout", DemoPortal.routeKey(request("POST", "/logout")));
    }
}
