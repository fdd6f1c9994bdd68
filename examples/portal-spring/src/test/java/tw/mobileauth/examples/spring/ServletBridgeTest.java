package tw.mobileauth.examples.spring;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import tw.mobileauth.examples.web.WebRequest;
import tw.mobileauth.examples.web.WebResponse;

/** The catch-all's conversion between the servlet API and the shared pages' request and response. */
class ServletBridgeTest {

    @Test
    void aServletRequestArrivesAsTheSharedPagesExpectIt() throws Exception {
        MockHttpServletRequest servlet = new MockHttpServletRequest("post", "/mobile/%E8%AA%8D%E8%AD%89%20x");
        servlet.setQueryString("t=a%2Bb&lang=en");
        servlet.addHeader("Cookie", "a=1");
        servlet.addHeader("Accept-Language", "zh-TW");
        servlet.addHeader("Accept-Language", "en");
        servlet.setContent("captchaAnswer=x7kp".getBytes(StandardCharsets.UTF_8));
        servlet.setRemoteAddr("203.0.113.9");
        servlet.setSecure(true);

        WebRequest web = SharedPagesController.toWebRequest(servlet);

        assertEquals("POST", web.method());
        assertEquals("/mobile/認證 x", web.path(), "the path is decoded");
        assertEquals("t=a%2Bb&lang=en", web.rawQuery(), "the query stays raw");
        assertEquals(List.of("zh-TW", "en"), web.headers().get("accept-language"), "every value, names without case");
        assertArrayEquals("captchaAnswer=x7kp".getBytes(StandardCharsets.UTF_8), web.body());
        assertEquals("203.0.113.9", web.remoteAddress());
        assertEquals(true, web.secure());
    }

    @Test
    void anOversizedBodyIsRefusedBeforeItIsBuffered() {
        MockHttpServletRequest servlet = new MockHttpServletRequest("POST", "/apply");
        servlet.setContent(new byte[SharedPagesController.MAX_BODY_BYTES + 1]);
        assertThrows(RequestBodies.TooLargeException.class, () -> SharedPagesController.toWebRequest(servlet));
    }

    @Test
    void aPageResponseIsWrittenWithEveryHeaderInOrderAndRepeatedCookies() throws Exception {
        byte[] body = "<h1>行動電話認證</h1>".getBytes(StandardCharsets.UTF_8);
        WebResponse web = new WebResponse(303, List.of(Map.entry("Location", "/mobile/done"),
                Map.entry("Set-Cookie", "a=1; HttpOnly"), Map.entry("Set-Cookie", "b=2; HttpOnly; SameSite=Lax"),
                Map.entry("Content-Type", "text/html; charset=utf-8")), body);
        MockHttpServletResponse servlet = new MockHttpServletResponse();

        SharedPagesController.write(web, servlet);

        assertEquals(303, servlet.getStatus());
        assertEquals("/mobile/done", servlet.getHeader("Location"));
        assertEquals(List.of("a=1; HttpOnly", "b=2; HttpOnly; SameSite=Lax"), servlet.getHeaders("Set-Cookie"));
        assertEquals(List.of("Location", "Set-Cookie", "Content-Type", "Content-Length"),
                List.copyOf(servlet.getHeaderNames()));
        assertArrayEquals(body, servlet.getContentAsByteArray());
        assertFalse(servlet.containsHeader("Transfer-Encoding"));
    }
}
