package tw.mobileauth.examples.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import tw.mobileauth.FieldError;

/** The page shell (head, header with the language switch, main) and the response builders. */
final class Layout {

    private final String mobileauthJs;

    Layout(String sdkVersion) {
        this.mobileauthJs = "/webjars/mobileauth/" + sdkVersion + "/mobileauth.js";
    }

    /** A full HTML page; {@code personal} pages are never cached. */
    WebResponse page(Exchange x, int status, String title, String main) {
        String lang = x.english() ? "en" : "zh-TW";
        String otherLang = x.english() ? "zh-TW" : "en";
        String html = "<!doctype html>\n<html lang=\"" + lang + "\"><head><meta charset=\"utf-8\">"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
                + "<meta name=\"csrf-token\" content=\"" + Html.esc(x.session.csrf) + "\">"
                + "<title>" + Html.esc(title) + " | " + x.t("行動電話認證示範", "Mobile authentication demo") + "</title>"
                + "<link rel=\"stylesheet\" href=\"/static/mobileauth-portal/portal.css\">"
                + "<script type=\"module\" src=\"/static/mobileauth-portal/portal.js\"></script></head>"
                + "<body data-mobileauth=\"" + Html.esc(mobileauthJs) + "\" data-lang=\"" + lang + "\">"
                + "<header><a href=\"/\" class=\"brand\">" + x.t("MobileAuth TW 示範入口網", "MobileAuth TW demo portal")
                + "</a> <a id=\"lang\" href=\"" + Html.esc(x.request.path()) + "?lang=" + otherLang + "\">"
                + (x.english() ? "中文" : "English") + "</a></header>"
                + "<main><h1>" + Html.esc(title) + "</h1>" + main + "</main></body></html>";
        return respond(x, status, "text/html; charset=utf-8", html.getBytes(StandardCharsets.UTF_8));
    }

    WebResponse page(Exchange x, String title, String main) {
        return page(x, 200, title, main);
    }

    /** A page showing {@code f}'s reason and remedy, with a way back. */
    WebResponse errorPage(Exchange x, Failure f) {
        String main = Html.errorBlock(x.t(f.reason()), x.t(f.remedy())) + fieldList(x, f.fields())
                + "<p><a href=\"/\">" + x.t("回首頁", "Front page") + "</a></p>";
        return page(x, f.status(), x.t("無法完成", "Could not be done"), main);
    }

    WebResponse json(Exchange x, int status, ObjectNode body) {
        try {
            return respond(x, status, "application/json; charset=utf-8", Exchange.JSON.writeValueAsBytes(body));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a tree of strings always serialises", e);
        }
    }

    /** {@code {"error":{"code","reason","remedy","fields":[{"field","reason","message"}]}}} in the page's language. */
    WebResponse jsonError(Exchange x, Failure f) {
        return json(x, f.status(), errorJson(x, f));
    }

    /** The error document of {@link #jsonError}, for a handler that adds to it. */
    ObjectNode errorJson(Exchange x, Failure f) {
        ObjectNode root = x.newJson();
        ObjectNode error = root.putObject("error");
        error.put("code", f.code());
        error.put("reason", x.t(f.reason()));
        error.put("remedy", x.t(f.remedy()));
        ArrayNode fields = error.putArray("fields");
        for (FieldError e : f.fields()) {
            fields.addObject().put("field", e.field()).put("reason", e.reason().name()).put("message", x.t(e.message()));
        }
        return root;
    }

    WebResponse redirect(Exchange x, String location) {
        List<Map.Entry<String, String>> headers = new ArrayList<>(x.setCookies);
        headers.add(Map.entry("Location", location));
        headers.add(Map.entry("Cache-Control", "no-store"));
        return new WebResponse(302, headers, new byte[0]);
    }

    static String fieldList(Exchange x, List<FieldError> fields) {
        if (fields.isEmpty()) {
            return "";
        }
        StringBuilder b = new StringBuilder("<ul class=\"field-errors\">");
        for (FieldError e : fields) {
            b.append("<li data-field=\"").append(Html.esc(e.field())).append("\">").append(Html.esc(x.t(e.message())))
                    .append("</li>");
        }
        return b.append("</ul>").toString();
    }

    private static WebResponse respond(Exchange x, int status, String type, byte[] body) {
        List<Map.Entry<String, String>> headers = new ArrayList<>(x.setCookies);
        headers.add(Map.entry("Content-Type", type));
        headers.add(Map.entry("Cache-Control", "no-store"));
        return new WebResponse(status, headers, body);
    }
}
