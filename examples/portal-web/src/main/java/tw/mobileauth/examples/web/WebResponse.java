package tw.mobileauth.examples.web;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One HTTP response for any server to write out: a status, headers in order (a name may repeat,
 * as {@code Set-Cookie} does) and a body.
 *
 * @param status  the HTTP status
 * @param headers the response headers, in the order to send them
 * @param body    the body, empty for none
 */
@SuppressWarnings("ArrayRecordComponent") // one response being written; never compared or used as a key
public record WebResponse(int status, List<Map.Entry<String, String>> headers, byte[] body) {

    public WebResponse {
        headers = List.copyOf(new ArrayList<>(Objects.requireNonNull(headers, "headers")));
        body = body == null ? new byte[0] : body.clone();
    }

    @Override
    public byte[] body() {
        return body.clone();
    }

    @Override
    public String toString() {
        return "WebResponse[" + status + ", " + body.length + " bytes]";
    }
}
