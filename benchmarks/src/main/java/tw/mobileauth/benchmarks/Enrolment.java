package tw.mobileauth.benchmarks;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tw.mobileauth.carrier.testkit.NetworkAttachments;
import tw.mobileauth.carrier.testkit.Scenario;
import tw.mobileauth.carrier.testkit.Subscriber;
import tw.mobileauth.client.ClientContext;
import tw.mobileauth.client.DeviceClass;
import tw.mobileauth.crypto.DeviceKey;
import tw.mobileauth.crypto.SignedMessages;
import tw.mobileauth.enrollment.Begun;
import tw.mobileauth.enrollment.Consent;
import tw.mobileauth.enrollment.EnrollmentApplication;
import tw.mobileauth.enrollment.EnrollmentStatus;
import tw.mobileauth.enrollment.NextStep;
import tw.mobileauth.enrollment.PhoneSession;
import tw.mobileauth.enrollment.VerificationCallback;

/**
 * The enrolment journey of QuickStartTest, split where the benchmarks measure: the browser's form
 * (prepared and signed outside the measurement), {@code begin}, and the phone's way up to the
 * carrier's callback (so {@code completeVerification} can be measured alone).
 */
final class Enrolment {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String NHI_CARD = "000012345678";

    private final Portal portal;
    private final List<Subscriber> people;
    private int next;
    /** The person of the last {@link #application()}, whom {@link #toCallback} plays the phone of. */
    private Subscriber person;

    /** The carrier-testkit's eligible CHT subscriber, applying again and again. */
    Enrolment(Portal portal) {
        this(portal, List.of(portal.networks.subscribers().find("cht", Scenario.ELIGIBLE)));
    }

    /** {@code people} (CHT subscribers on the portal's networks) applying in turn. */
    Enrolment(Portal portal, List<Subscriber> people) {
        if (people.isEmpty() || people.stream().anyMatch(p -> !"cht".equals(p.carrierId()))) {
            throw new IllegalArgumentException("the enrolment benchmarks need CHT subscribers, got " + people.size() + " people");
        }
        this.portal = portal;
        this.people = List.copyOf(people);
        this.person = this.people.get(0);
    }

    /** The person of the last {@link #application()}. */
    Subscriber person() {
        return person;
    }

    /**
     * The browser's side for the next person: a fresh form challenge and captcha, a new device key, the
     * signed application JSON.
     */
    String application() throws Exception {
        person = people.get(next);
        next = (next + 1) % people.size();
        var form = portal.auth.enrollment().prepareApplication();
        DeviceKey key = DeviceKey.generate(portal.random);
        byte[] spki = key.publicKeySpki();
        byte[] proof = key.sign(SignedMessages.enrollment(Base64.getUrlDecoder().decode(form.challenge()), spki,
                Portal.ORIGIN));
        Map<String, String> posted = new LinkedHashMap<>();
        posted.put("nationalId", person.holderId());
        posted.put("carrierId", "cht");
        posted.put("mobileNumber", "0" + person.msisdn().e164().substring(4));
        posted.put("nhiCardNumber", NHI_CARD);
        posted.put("birthDate", person.birthDate().toString());
        posted.put("name", person.name());
        posted.put("password", Portal.PASSWORD);
        posted.put("passwordConfirmation", Portal.PASSWORD);
        posted.put("challenge", form.challenge());
        posted.put("captchaId", form.captcha().id());
        posted.put("captchaAnswer", portal.captcha.answerFor(form.captcha().id()).orElseThrow());
        posted.put("devicePublicKey", Base64.getUrlEncoder().encodeToString(spki));
        posted.put("proofOfPossession", Base64.getUrlEncoder().encodeToString(proof));
        return JSON.writeValueAsString(posted);
    }

    /** The server's {@code begin} on the posted JSON. */
    Begun begin(String applicationJson) throws Exception {
        return portal.auth.enrollment().begin(EnrollmentApplication.fromJson(applicationJson),
                ClientContext.of(DeviceClass.DESKTOP));
    }

    /** From a begun enrolment to the carrier's callback on the phone: what {@code completeVerification} gets. */
    AtCallback toCallback(Begun begun) throws Exception {
        var enrollment = portal.auth.enrollment();
        var qr = (NextStep.ShowQrCode) begun.next();
        var phone = enrollment.openOnDevice(qr.handoffUrl(), ClientContext.of(DeviceClass.SMARTPHONE));
        String pairingCode = ((EnrollmentStatus.InProgress) enrollment.status(begun.enrollmentId(),
                begun.desktopSecret())).pairingCode();
        var redirect = enrollment.startVerification(phone.session(), Consent.accepted(phone.summary().termsVersion()),
                pairingCode);
        Map<String, String> callback = portal.networks.phone(NetworkAttachments.defaultHandle(person.msisdn()))
                .open(redirect.carrierUri());
        return new AtCallback(phone.session(), new VerificationCallback(callback));
    }

    /** A phone session whose carrier callback has arrived. */
    record AtCallback(PhoneSession session, VerificationCallback callback) {
    }
}
