package tw.mobileauth.carrier.testkit.schema;

import java.util.LinkedHashMap;
import java.util.Map;

/** Builds exchanges the way the fake networks and adapters produce them: JSON both ways, correlator echoed. */
final class Exchanges {

    static final String CORRELATOR = "b4333c46-49c0-4f62-80d7-f0ef930f1c46";

    private final String carrier;
    private final String path;
    private String method = "POST";
    private final Map<String, String> requestHeaders = new LinkedHashMap<>();
    private String requestBody = "";
    private final Map<String, String> responseHeaders = new LinkedHashMap<>();

    private Exchanges(String carrier, String path) {
        this.carrier = carrier;
        this.path = path;
        requestHeaders.put("Content-Type", "application/json");
        requestHeaders.put("x-correlator", CORRELATOR);
        responseHeaders.put("Content-Type", "application/json; charset=utf-8");
        responseHeaders.put("x-correlator", CORRELATOR);
    }

    static Exchanges at(String carrier, String path) {
        return new Exchanges(carrier, path);
    }

    Exchanges method(String m) {
        method = m;
        return this;
    }

    Exchanges body(String json) {
        requestBody = json;
        return this;
    }

    Exchanges noBody() {
        requestBody = "";
        requestHeaders.remove("Content-Type");
        return this;
    }

    Exchanges correlator(String value) {
        requestHeaders.put("x-correlator", value);
        responseHeaders.put("x-correlator", value);
        return this;
    }

    Exchanges responseHeader(String name, String value) {
        if (value == null) {
            responseHeaders.remove(name);
        } else {
            responseHeaders.put(name, value);
        }
        return this;
    }

    Exchange answer(int status, String json) {
        return new Exchange(carrier, method, path, requestHeaders, requestBody, status, responseHeaders, json);
    }

    static String error(int status, String code) {
        return "{\"status\":" + status + ",\"code\":\"" + code + "\",\"message\":\"simulated\"}";
    }
}
