package tw.mobileauth.examples.jdk;

import java.net.URI;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import tw.mobileauth.carrier.testkit.Subscriber;
import tw.mobileauth.crypto.DeviceKey;
import tw.mobileauth.crypto.SignedMessages;
import tw.mobileauth.examples.web.DemoNetworks;
import tw.mobileauth.testing.TestCaptcha;

/** The application a desktop posts for a fixture person, as the page's script builds it, for the portal-jdk tests. */
public final class Applications {

    private Applications() {
    }

    /**
     * The form fields of {@code person} with {@code password}, the captcha answered, and {@code key}'s public key
     * and proof of possession over the page's challenge for the portal at {@code base}.
     */
    public static Map<String, String> of(URI base, TestCaptcha captcha, String formPage, Subscriber person,
            DeviceKey key, String password) {
        String challenge = Browser.attr(formPage, "applicationForm", "data-challenge");
        String captchaId = Browser.attr(formPage, "captchaId", "value");
        byte[] spki = key.publicKeySpki();
        String origin = base.getScheme() + "://" + base.getAuthority();
        byte[] proof = key.sign(SignedMessages.enrollment(Base64.getUrlDecoder().decode(challenge), spki, origin));
        Map<String, String> posted = new LinkedHashMap<>();
        posted.put("nationalId", person.holderId());
        posted.put("carrierId", person.carrierId());
        posted.put("mobileNumber", "0" + person.msisdn().e164().substring(4));
        posted.put("nhiCardNumber", DemoNetworks.nhiCardFor(person));
        posted.put("birthDate", person.birthDate().toString());
        posted.put("name", person.name());
        posted.put("password", password);
        posted.put("passwordConfirmation", password);
        posted.put("tabletSim", "no");
        posted.put("challenge", challenge);
        posted.put("captchaId", captchaId);
        posted.put("captchaAnswer", captcha.answerFor(captchaId).orElseThrow());
        posted.put("devicePublicKey", Base64.getUrlEncoder().encodeToString(spki));
        posted.put("proofOfPossession", Base64.getUrlEncoder().encodeToString(proof));
        return posted;
    }
}
