package tw.mobileauth.carrier.testkit;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import tw.mobileauth.carrier.spi.Msisdn;

/**
 * The demo's "simulated network" page: the authorize endpoint shows it when the request names no
 * device, so a person can pick the phone's number and connection (4G, 5G, Wi-Fi, roaming, 3G)
 * and continue to the redirect. Clearly labelled as a simulation, zh-TW first with English.
 */
final class SimulatorPage {

    static final String CONNECT_PATH = "/simulated-network/connect";
    private static final Pattern SEPARATORS = Pattern.compile("[\\s\\-().]");

    private final SubscriberFixture fixture;

    SimulatorPage(SubscriberFixture fixture) {
        this.fixture = fixture;
    }

    Reply render(String carrierId, String rawQuery, Optional<String> loginHint) {
        String number = loginHint.filter(h -> h.startsWith("tel:+886"))
                .map(h -> "0" + h.substring("tel:+886".length())).orElse("");
        StringBuilder options = new StringBuilder();
        for (Subscriber s : fixture.all()) {
            if (s.carrierId().equals(carrierId)) {
                options.append("<option value=\"0").append(s.msisdn().e164().substring(4)).append("\">")
                        .append(Forms.html(s.scenario().name())).append("</option>");
            }
        }
        String html = head("模擬電信網路 / Simulated carrier network")
                + "<h1>" + Forms.html(Profiles.displayName(carrierId)) + "（模擬 / simulated）</h1>"
                + "<p>請選擇這支手機的門號與目前的連線方式，然後按「繼續」。<br>"
                + "Pick this phone's number and how it is connected, then press Continue.</p>"
                + "<form method=\"post\" action=\"/" + carrierId + CONNECT_PATH + "\">"
                + "<input type=\"hidden\" name=\"authorize_query\" value=\"" + Forms.html(rawQuery) + "\">"
                + "<p><label>手機門號 / Mobile number<br><input name=\"number\" list=\"numbers\" inputmode=\"tel\""
                + " required value=\"" + Forms.html(number) + "\" placeholder=\"09xxxxxxxx\"></label></p>"
                + "<datalist id=\"numbers\">" + options + "</datalist>"
                + "<fieldset><legend>連線方式 / Connection</legend>"
                + radio("G4", "4G 行動數據 / 4G mobile data", true)
                + radio("G5", "5G 行動數據 / 5G mobile data", false)
                + radio("WIFI", "Wi-Fi（電信業者看不到這支手機 / the carrier cannot see this phone）", false)
                + radio("ROAMING", "國外漫遊 / Roaming abroad", false)
                + "<label class=\"sub\">漫遊國家 / Visited country <select name=\"country\">"
                + "<option value=\"440\">日本 Japan (440)</option><option value=\"310\">美國 USA (310)</option>"
                + "<option value=\"454\">香港 Hong Kong (454)</option>"
                + "<option value=\"525\">新加坡 Singapore (525)</option></select></label>"
                + radio("G3", "3G 行動數據 / 3G mobile data", false)
                + "</fieldset><p><button type=\"submit\">繼續 / Continue</button></p></form></body></html>";
        return Reply.html(200, html);
    }

    /** The page shown when the authorize request itself is unusable (unknown client, bad redirect URI). */
    static Reply refusal(int status, String error, String description) {
        return Reply.html(status, head("無法繼續 / Cannot continue")
                + "<h1>無法繼續 / Cannot continue</h1>"
                + "<p>電信業者拒絕了這個驗證請求，請回到原網站重新申請。<br>"
                + "The carrier refused this verification request. Go back to the website and start again.</p>"
                + "<p><code>" + Forms.html(error) + "</code>: " + Forms.html(description) + "</p></body></html>");
    }

    /** The page shown when the person's choice on the simulator cannot be used. */
    static Reply badChoice(String zh, String en) {
        return Reply.html(400, head("模擬電信網路 / Simulated carrier network")
                + "<p>" + Forms.html(zh) + "<br>" + Forms.html(en) + "</p>"
                + "<p><a href=\"javascript:history.back()\">返回 / Back</a></p></body></html>");
    }

    /** A number typed on the page: 09xxxxxxxx, +8869…, 8869…, with spaces or dashes. */
    static Optional<Msisdn> number(String typed) {
        String s = SEPARATORS.matcher(typed).replaceAll("");
        if (s.matches("09[0-9]{8}")) {
            return Optional.of(Msisdn.of("+886" + s.substring(1)));
        }
        if (s.matches("\\+?8869[0-9]{8}")) {
            return Optional.of(Msisdn.of(s.startsWith("+") ? s : "+" + s));
        }
        return Optional.empty();
    }

    /** The connection picked on the page. */
    static Optional<Access> access(String choice, String country) {
        switch (choice.toUpperCase(Locale.ROOT)) {
            case "G4": return Optional.of(Access.g4());
            case "G5": return Optional.of(Access.g5());
            case "G3": return Optional.of(Access.g3());
            case "WIFI": return Optional.of(Access.wifi());
            case "ROAMING":
                try {
                    int cc = Integer.parseInt(country);
                    return cc >= 1 && cc <= 999 ? Optional.of(Access.roaming(cc, false)) : Optional.empty();
                } catch (NumberFormatException e) {
                    return Optional.empty();
                }
            default: return Optional.empty();
        }
    }

    private static String radio(String value, String label, boolean checked) {
        return "<label><input type=\"radio\" name=\"access\" value=\"" + value + "\"" + (checked ? " checked" : "")
                + "> " + Forms.html(label) + "</label>";
    }

    private static String head(String title) {
        return "<!doctype html><html lang=\"zh-Hant-TW\"><head><meta charset=\"utf-8\">"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
                + "<title>" + Forms.html(title) + "</title><style>"
                + "body{font-family:system-ui,sans-serif;max-width:36rem;margin:1rem auto;padding:0 1rem}"
                + ".banner{background:#b00020;color:#fff;padding:.75rem;border-radius:.5rem;font-weight:bold}"
                + "label{display:block;margin:.4rem 0}.sub{margin-left:1.6rem}"
                + "button{font-size:1.1rem;padding:.5rem 1.5rem}</style></head><body>"
                + "<div class=\"banner\" role=\"note\">⚠ 模擬電信網路 / Simulated carrier network<br>"
                + "<small>這是測試用的模擬畫面，不是真正的電信業者。/ This is a test simulator, not a real carrier.</small>"
                + "</div>";
    }
}
