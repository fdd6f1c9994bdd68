package tw.mobileauth.enrollment;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import tw.mobileauth.carrier.testkit.Scenario;
import tw.mobileauth.carrier.testkit.Subscriber;
import tw.mobileauth.client.DeviceClass;
import tw.mobileauth.store.CredentialRecord;
import tw.mobileauth.store.EnrollmentRecord;

/** docs/architecture.md, "Credentials and data at rest": raw pending and credential records hold no plaintext ID, name, birth date, phone or NHI number. */
@org.junit.jupiter.api.extension.ExtendWith(HarnessExtension.class)
class DataAtRestTest {

    /** Every component of a record, as text, following Optionals and nested lists. */
    static List<String> dump(Record r) throws Exception {
        List<String> out = new ArrayList<>();
        for (RecordComponent c : r.getClass().getRecordComponents()) {
            Object v = c.getAccessor().invoke(r);
            out.add(v instanceof Optional<?> o ? o.map(String::valueOf).orElse("") : String.valueOf(v));
        }
        return out;
    }

    static void assertNoPii(Subscriber s, List<String> fields, String what) {
        String all = String.join("\n", fields);
        for (String pii : PiiSpellings.of(s)) {
            assertFalse(all.contains(pii), what + " holds '" + pii + "'");
        }
    }

    @Test
    void pendingRecordsHoldOnlySealedPersonalDataAndFinishedOnesNoneAtAll(Harness h) throws Exception {
        Subscriber s = h.networks.subscribers().find("cht", Scenario.ELIGIBLE);
        Harness.Applied a = h.apply(s, DeviceClass.DESKTOP);
        EnrollmentRecord pending = h.enrollments.find(a.begun().enrollmentId()).orElseThrow();
        assertTrue(pending.document().contains("\"pii\""), "the sealed blob is there");
        assertNoPii(s, dump(pending), "pending record");

        DeviceSession phone = h.scan(a);
        h.startVerification(phone);
        assertNoPii(s, dump(h.enrollments.find(a.begun().enrollmentId()).orElseThrow()), "verifying record");

        h.advance(java.time.Duration.ofSeconds(1));
        Harness.Journey j = h.journey(s, DeviceClass.SMARTPHONE);
        String credentialId = assertInstanceOf(VerificationOutcome.Issued.class, j.outcome()).credentialId();
        EnrollmentRecord done = h.enrollments.find(j.enrollmentId()).orElseThrow();
        assertFalse(done.document().contains("\"pii\""), "pending data wiped when the enrolment ends");
        assertNoPii(s, dump(done), "completed record");
        CredentialRecord credential = h.credentials.find(credentialId).orElseThrow();
        assertNoPii(s, dump(credential), "credential record");
        assertTrue(credential.passwordHash().startsWith("$argon2id$"));
        assertFalse(String.join("", dump(credential)).contains(Harness.PASSWORD));
    }

    @Test
    void auditEventsCarryMaskedIdentifiersOnly(Harness h) throws Exception {
        Subscriber s = h.networks.subscribers().find("fet", Scenario.ELIGIBLE);
        h.journey(s, DeviceClass.DESKTOP);
        List<String> fields = new ArrayList<>();
        h.audit.events().forEach(e -> fields.addAll(e.fields().values()));
        assertTrue(h.audit.names().contains("enrollment.completed"), h.audit.names().toString());
        assertTrue(fields.stream().anyMatch(f -> f.contains("****")), "the masked ID is there");
        assertNoPii(s, fields, "audit events");
    }

    @Test
    void withDefaultArgon2idParametersThePasswordIsStoredAsAnM19456T2P1PhcString() throws Exception {
        try (Harness h = new Harness(b -> b.passwordHasher(tw.mobileauth.crypto.Argon2idPasswordHasher.withDefaults()))) {
            Subscriber s = h.networks.subscribers().find("twm", Scenario.ELIGIBLE);
            String credentialId = assertInstanceOf(VerificationOutcome.Issued.class,
                    h.journey(s, DeviceClass.SMARTPHONE).outcome()).credentialId();
            String phc = h.credentials.find(credentialId).orElseThrow().passwordHash();
            assertTrue(phc.startsWith("$argon2id$v=19$m=19456,t=2,p=1$"), phc);
            assertTrue(tw.mobileauth.crypto.Argon2idPasswordHasher.withDefaults().verify(Harness.PASSWORD.toCharArray(), phc));
            assertFalse(tw.mobileauth.crypto.Argon2idPasswordHasher.withDefaults().verify("wrong-password".toCharArray(), phc));
        }
    }
}
