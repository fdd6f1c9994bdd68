package tw.mobileauth.examples.web;

import java.util.Locale;
import tw.mobileauth.carrier.testkit.Subscriber;

/** The front page (login-method picker and the fixture table) and the help page. */
final class FrontPages {

    /** The BLI manual's text for the mobile method. */
    static final String MOBILE_TEXT = "以行動電話登入，提供查詢功能(含確診COVID-19申辦)，若需進行申辦作業，請以其他方式登入。";

    private final Deps d;

    FrontPages(Deps d) {
        this.d = d;
    }

    WebResponse front(Exchange x) {
        StringBuilder m = new StringBuilder();
        m.append("<section class=\"methods\"><h2>").append(x.t("請選擇登入方式", "Choose how to log in")).append("</h2><ul>");
        String[][] others = {{"自然人憑證", "Citizen digital certificate"}, {"虛擬勞保憑證", "Virtual labour insurance certificate"},
            {"行動自然人憑證", "Mobile citizen certificate"}, {"金融電子憑證", "Financial e-certificate"}};
        for (String[] o : others) {
            m.append("<li class=\"method disabled\" aria-disabled=\"true\">").append(x.t(o[0], o[1]))
                    .append(" <span class=\"tag\">本示範未提供 / not in this demo</span></li>");
        }
        m.append("<li class=\"method active\" id=\"method-mobile\"><strong>").append(x.t("行動電話認證", "Mobile phone authentication"))
                .append("</strong><p>").append(Html.esc(x.t(MOBILE_TEXT, "Log in with your mobile phone for queries "
                        + "(including the COVID-19 application); for other applications, log in another way.")))
                .append("</p><p><a id=\"apply\" class=\"button\" href=\"/enrol\">").append(x.t("申請行動電話認證", "Apply for mobile authentication"))
                .append("</a> <a id=\"login\" class=\"button\" href=\"/login\">").append(x.t("登入", "Log in"))
                .append("</a> <a id=\"help\" href=\"/help\">").append(x.t("誰可以使用？", "Who can use it?"))
                .append("</a></p></li></ul></section>");
        m.append(fixtures(x));
        return d.layout().page(x, x.t("勞保局 e 化服務（示範）", "BLI e-services (demo)"), m.toString());
    }

    private String fixtures(Exchange x) {
        StringBuilder m = new StringBuilder("<section><h2>").append(x.t("可試用的測試門號", "Test subscribers you can try"))
                .append("</h2><p>").append(x.t("以下皆為虛構資料，門號在內嵌的模擬電信網路上。",
                        "All fictitious; the numbers live on the embedded simulated carrier networks."))
                .append("</p><table id=\"fixtures\"><thead><tr><th>").append(x.t("電信業者", "Carrier")).append("</th><th>")
                .append(x.t("情境", "Scenario")).append("</th><th>").append(x.t("身分證號", "National ID")).append("</th><th>")
                .append(x.t("姓名", "Name")).append("</th><th>").append(x.t("出生日期（民國）", "Birth date (ROC)"))
                .append("</th><th>").append(x.t("手機門號", "Mobile number")).append("</th><th>")
                .append(x.t("健保卡號", "NHI card")).append("</th></tr></thead><tbody>");
        for (Subscriber s : d.networks().subscribers()) {
            m.append("<tr class=\"fixture\"><td>").append(Html.esc(s.carrierId())).append("</td><td>")
                    .append(Html.esc(s.scenario().name().toLowerCase(Locale.ROOT))).append("</td><td>")
                    .append(Html.esc(s.holderId())).append("</td><td>").append(Html.esc(s.name())).append("</td><td>")
                    .append(Html.esc(Roc.date(s.birthDate()))).append("</td><td>")
                    .append(Html.esc("0" + s.msisdn().e164().substring(4))).append("</td><td>")
                    .append(Html.esc(DemoNetworks.nhiCardFor(s))).append("</td></tr>");
        }
        return m.append("</tbody></table></section>").toString();
    }

    WebResponse help(Exchange x) {
        String text = d.auth().enrollment().help().render(x.english() ? Locale.ENGLISH : Locale.TAIWAN);
        String main = "<pre id=\"helpText\" class=\"help\">" + Html.esc(text) + "</pre><p><a href=\"/\">"
                + x.t("回首頁", "Front page") + "</a></p>";
        return d.layout().page(x, x.t("行動電話認證說明", "About mobile authentication"), main);
    }
}
