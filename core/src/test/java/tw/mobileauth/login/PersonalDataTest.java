package tw.mobileauth.login;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;
import tw.mobileauth.carrier.testkit.Scenario;
import tw.mobileauth.carrier.testkit.Subscriber;
import tw.mobileauth.client.BoundDevice;
import tw.mobileauth.client.BrowserFamily;
import tw.mobileauth.client.DeviceClass;
import tw.mobileauth.credential.CredentialId;
import tw.mobileauth.crypto.DeviceKey;
import tw.mobileauth.enrollment.BindingPolicy;
import tw.mobileauth.store.CredentialRecord;
import tw.mobileauth.store.EnrollmentRecord;
import tw.mobileauth.store.EnrollmentStore;

/** PDPA art. 3, 10, 11: export and erase everything the SDK keeps for a person; administrative revocation. */
class PersonalDataTest {

    @Test
    void eraseRemovesEverythingTheStoresHoldForThatIdAndNothingOfAnyoneElse() throws Exception {
        try (LoginFixture f = LoginFixture.withCarriers(b -> b, BindingPolicy.keepLatest(2))) {
            var subscribers = f.carrier.orElseThrow().networks.subscribers();
            Subscriber s = subscribers.find("cht", Scenario.ELIGIBLE);
            Subscriber other = subscribers.find("twm", Scenario.ELIGIBLE);
            LoginFixture.Enrolled first = f.enrolThroughCarrier(s);
            f.clock.advance(Duration.ofMinutes(1));
            LoginFixture.Enrolled second = f.enrolThroughCarrier(s);
            LoginFixture.Enrolled control = f.enrolThroughCarrier(other);
            Authentication a = f.login(first);
            f.service.acknowledgeNotice(a, a.noticeVersion());
            assertThrows(LoginFailedException.class, () -> f.login(second, second.person().withPassword("nope")));
            assertThrows(LoginFailedException.class, () -> f.login(first, first.person().withName("王小明")));
            f.clock.advance(Duration.ofMinutes(1));
            f.apply(s, DeviceKey.generate(f.random)); // a pending enrolment, waiting for its QR scan
            f.login(control);
            assertThrows(LoginFailedException.class, () -> f.login(control, control.person().withName("王小明")));

            List<String> mine = traces(f, first, second);
            List<String> theirs = traces(f, control);
            List<String> before = scan(f);
            assertTrue(mine.stream().allMatch(t -> StoreScan.contains(before, t)), "the scan sees the person's data");

            Erasure erased = f.service.erase(first.person().parsedId());

            assertEquals(2, erased.credentials());
            assertEquals(4, erased.counters(), "person, person streak and both credential counters");
            assertEquals(3, erased.enrollments(), "two finished, one pending");
            LoginEvent.PersonalDataErased audited = f.audit.ofType(LoginEvent.PersonalDataErased.class).get(0);
            assertEquals(List.of(2, 4, 3), List.of(audited.credentials(), audited.counters(), audited.enrollments()));
            List<String> after = scan(f);
            for (String trace : mine) {
                assertFalse(StoreScan.contains(after, trace), "still in a store after erasure: " + trace);
            }
            for (String trace : theirs) {
                assertTrue(StoreScan.contains(after, trace), "someone else's data must stay: " + trace);
            }
            assertThrows(LoginFailedException.class, () -> f.login(first));
            assertEquals(FailureCause.UNKNOWN_CREDENTIAL, f.lastFailure());
            assertTrue(f.service.export(first.person().parsedId()).credentials().isEmpty());
            assertEquals(new Erasure(0, 0, 0), f.service.erase(first.person().parsedId()), "idempotent");
            f.login(control);
        }
    }

    /**
     * Erasure deletes the enrolments before the credentials: an enrolment whose carrier callback
     * is handled while erasure runs (here: just before the enrolments are deleted) must not leave a
     * credential behind. Deleting credentials first left the one it issued.
     */
    @Test
    void eraseDeletesEnrollmentsBeforeCredentialsSoAnEnrollmentFinishingMeanwhileLeavesNothing() throws Exception {
        try (LoginFixture f = LoginFixture.withCarriers()) {
            Subscriber s = f.carrier.orElseThrow().networks.subscribers().find("cht", Scenario.ELIGIBLE);
            LoginFixture.Enrolled earlier = f.enrolThroughCarrier(s);
            LoginFixture.AwaitingCallback racing = f.verifiedByTheCarrier(s);
            String subjectKey = f.record(earlier).subjectKey();
            List<LoginFixture.Enrolled> issuedMeanwhile = new ArrayList<>();
            LoginService eraser = f.serviceOn(new FinishingJustBeforeDelete(f.enrollments,
                    () -> issuedMeanwhile.add(racing.complete())), f.credentials, b -> b);

            Erasure erased = eraser.erase(earlier.person().parsedId());

            assertEquals(1, issuedMeanwhile.size(), "the enrolment did finish while erasure ran");
            assertEquals(2, erased.credentials(), "the earlier one and the one issued meanwhile");
            assertTrue(f.credentials.listBySubject(subjectKey).isEmpty());
            assertTrue(f.enrollments.listBySubject(subjectKey).isEmpty());
            assertFalse(StoreScan.contains(scan(f), subjectKey), "nothing of the person is left in any store");
            assertThrows(LoginFailedException.class, () -> f.login(issuedMeanwhile.get(0)));
            assertEquals(FailureCause.UNKNOWN_CREDENTIAL, f.lastFailure());
        }
    }

    @Test
    void theExportListsEnrollmentsWithTheirConsentRecordsAsMaskedMetadataOnly() throws Exception {
        try (LoginFixture f = LoginFixture.withCarriers()) {
            Subscriber s = f.carrier.orElseThrow().networks.subscribers().find("twm", Scenario.ELIGIBLE);
            LoginFixture.Enrolled done = f.enrolThroughCarrier(s);
            f.clock.advance(Duration.ofMinutes(5));
            String pendingId = f.apply(s, DeviceKey.generate(f.random)).enrollmentId();
            f.enrolThroughCarrier(f.carrier.orElseThrow().networks.subscribers().find("cht", Scenario.ELIGIBLE));
            f.login(done); // a login rewrites the credential: what issuance recorded stays

            PersonalDataExport export = f.service.export(done.person().parsedId());

            BoundDevice bound = new BoundDevice(DeviceClass.DESKTOP, BrowserFamily.UNKNOWN); // applied with no User-Agent
            assertEquals(Optional.of(bound), export.credentials().get(0).boundDevice());
            assertTrue(f.record(done).lastUsedAt().isPresent());

            assertEquals(2, export.enrollments().size(), "the person's two enrolments, nobody else's");
            PersonalDataExport.Enrollment completed = export.enrollments().get(0);
            assertEquals("COMPLETED", completed.state());
            assertEquals(Optional.of("twm"), completed.carrierId());
            PersonalDataExport.ConsentRecord consent = completed.consent().orElseThrow();
            assertEquals(tw.mobileauth.enrollment.EnrollmentService.DEFAULT_TERMS_VERSION, consent.termsVersion());
            assertTrue(consent.at().isPresent());
            assertFalse(completed.holdsSealedApplicationData(), "a finished enrolment keeps no application data");
            PersonalDataExport.Enrollment pending = export.enrollments().get(1);
            assertEquals("AWAITING_DEVICE", pending.state());
            assertTrue(pending.consent().isEmpty(), "no consent yet");
            assertTrue(pending.holdsSealedApplicationData(), "the pending application is there, sealed");
            assertTrue(pending.startedAt().isAfter(completed.startedAt()));
            assertEquals(pendingId.substring(0, 6) + "…", pending.enrollmentId());

            String json = export.toJson();
            assertEquals(2, new ObjectMapper().readTree(json).get("enrollments").size());
            assertEquals("twm", new ObjectMapper().readTree(json).get("enrollments").get(0).get("carrier").asText());
            JsonNode boundJson = new ObjectMapper().readTree(json).get("credentials").get(0).get("boundDevice");
            assertEquals("DESKTOP", boundJson.get("deviceClass").asText());
            assertEquals("UNKNOWN", boundJson.get("browserFamily").asText());
            assertFalse(json.contains(pendingId), "enrolment ids are masked");
            for (EnrollmentRecord r : f.enrollments.listBySubject(f.record(done).subjectKey())) {
                assertFalse(json.contains(r.document()), "no enrolment document");
            }
            for (String pii : List.of(s.holderId(), s.name(), s.birthDate().toString(), s.msisdn().e164(),
                    s.msisdn().e164().substring(4), LoginFixture.NHI)) {
                assertFalse(json.contains(pii), "metadata only");
            }
            assertEquals(2, f.audit.ofType(LoginEvent.PersonalDataExported.class).get(0).enrollments());
        }
    }

    @Test
    void theExportListsCredentialsAcknowledgementsAndCountersWithoutAnyRawSecret() throws Exception {
        try (LoginFixture f = LoginFixture.direct()) {
            TestPeople.Person p = TestPeople.person(3);
            LoginFixture.Enrolled laptop = f.enrol(p);
            f.clock.advance(Duration.ofHours(1));
            LoginFixture.Enrolled phone = f.enrol(p);
            f.enrol(TestPeople.person(4));
            Authentication a = f.login(laptop);
            f.service.acknowledgeNotice(a, a.noticeVersion());
            assertThrows(LoginFailedException.class, () -> f.login(phone, p.withBirthDate("1999-01-01")));
            f.service.revoke(CredentialId.parse(laptop.credentialId()).orElseThrow());

            PersonalDataExport export = f.service.export(p.parsedId());

            assertEquals(2, export.credentials().size());
            PersonalDataExport.Credential l = export.credentials().get(0);
            assertEquals(laptop.credentialId(), l.credentialId());
            assertEquals("REVOKED", l.status());
            assertTrue(l.revokedAt().isPresent());
            assertTrue(l.lastUsedAt().isPresent());
            assertEquals(laptop.deviceKey().publicKey().fingerprint(), l.deviceKeySha256());
            assertEquals(LoginService.DEFAULT_NOTICE_VERSION, l.noticeAcknowledgement().orElseThrow().version());
            assertEquals(Optional.empty(), l.boundDevice(), "written without a bound device: unknown");
            assertEquals("ACTIVE", export.credentials().get(1).status());
            assertEquals(List.of("person", "person-streak", "credential"),
                    export.lockOutCounters().stream().map(PersonalDataExport.Counter::scope).toList(),
                    "the person's counters and the phone's");
            assertEquals(p.parsedId().masked(), export.nationalId());

            String json = export.toJson();
            JsonNode root = new ObjectMapper().readTree(json);
            assertEquals(PersonalDataExport.FORMAT, root.get("format").asText());
            assertEquals(2, root.get("credentials").size());
            assertEquals(laptop.credentialId(), root.get("credentials").get(0).get("credentialId").asText());
            assertEquals(1, root.get("lockOutCounters").get(0).get("failures").asInt());
            assertEquals(LoginService.DEFAULT_NOTICE_VERSION,
                    root.get("credentials").get(0).get("noticeAcknowledgement").get("version").asText());
            assertFalse(root.get("credentials").get(0).has("boundDevice"), "an unknown bound device is left out");
            for (CredentialRecord r : List.of(f.record(laptop), f.record(phone))) {
                for (String secret : List.of(r.passwordHash(), r.subjectKey(), r.birthDateVerifier(), r.nameVerifier(),
                        r.certificate(), "$argon2id")) {
                    assertFalse(json.contains(secret), "the export holds no hash, verifier or certificate");
                }
            }
            for (String pii : List.of(p.nationalId(), p.name(), p.birthDate(), p.password())) {
                assertFalse(json.contains(pii), "the SDK does not hold these readably, so the export cannot either");
            }
            assertTrue(json.contains("\"storedOnlyAsVerifiers\""));
            assertEquals(1, f.audit.ofType(LoginEvent.PersonalDataExported.class).size());
        }
    }

    @Test
    void revokeEndsOneCredentialAndRevokeAllEveryCredentialOfOnePerson() throws Exception {
        try (LoginFixture f = LoginFixture.direct()) {
            TestPeople.Person p = TestPeople.person(5);
            LoginFixture.Enrolled one = f.enrol(p);
            LoginFixture.Enrolled two = f.enrol(p);
            LoginFixture.Enrolled three = f.enrol(p);
            LoginFixture.Enrolled someoneElse = f.enrol(TestPeople.person(6));
            f.login(one); // parsed and cached: revocation must still win

            assertTrue(f.service.revoke(CredentialId.parse(one.credentialId()).orElseThrow()));
            assertFalse(f.service.revoke(CredentialId.parse(one.credentialId()).orElseThrow()), "only once");
            assertFalse(f.service.revoke(CredentialId.generate(f.random)), "unknown");
            assertThrows(LoginFailedException.class, () -> f.login(one));
            assertEquals(FailureCause.CREDENTIAL_REVOKED, f.lastFailure());
            f.login(two);

            assertEquals(2, f.service.revokeAll(p.parsedId()));
            for (LoginFixture.Enrolled e : List.of(two, three)) {
                assertThrows(LoginFailedException.class, () -> f.login(e));
                assertEquals(FailureCause.CREDENTIAL_REVOKED, f.lastFailure());
            }
            f.login(someoneElse);
            assertEquals(3, f.audit.ofType(LoginEvent.CredentialRevoked.class).size());
        }
    }

    /** The login side's view of the enrolment store, where a callback is handled just before erasure deletes. */
    private static final class FinishingJustBeforeDelete implements EnrollmentStore {
        private final EnrollmentStore delegate;
        private final Callable<?> meanwhile;

        FinishingJustBeforeDelete(EnrollmentStore delegate, Callable<?> meanwhile) {
            this.delegate = delegate;
            this.meanwhile = meanwhile;
        }

        @Override
        public int deleteAllForSubject(String subjectKey) {
            try {
                meanwhile.call();
            } catch (Exception e) {
                throw new AssertionError(e);
            }
            return delegate.deleteAllForSubject(subjectKey);
        }

        @Override
        public boolean insert(EnrollmentRecord record) {
            return delegate.insert(record);
        }

        @Override
        public Optional<EnrollmentRecord> find(String id) {
            return delegate.find(id);
        }

        @Override
        public boolean compareAndSet(long expectedVersion, EnrollmentRecord next) {
            return delegate.compareAndSet(expectedVersion, next);
        }

        @Override
        public boolean delete(String id) {
            return delegate.delete(id);
        }

        @Override
        public List<EnrollmentRecord> listBySubject(String subjectKey) {
            return delegate.listBySubject(subjectKey);
        }

        @Override
        public int purgeExpired(Instant now) {
            return delegate.purgeExpired(now);
        }
    }

    /** Strings that identify the person's stored data: subject key, credential ids, verifiers, keys, hashes. */
    private static List<String> traces(LoginFixture f, LoginFixture.Enrolled... enrolled) {
        List<String> out = new ArrayList<>();
        for (LoginFixture.Enrolled e : enrolled) {
            CredentialRecord r = f.record(e);
            out.add(r.subjectKey());
            out.add(r.credentialId());
            out.add(r.birthDateVerifier());
            out.add(r.nameVerifier());
            out.add(r.passwordHash());
            out.add(r.devicePublicKey());
            out.add(r.certificate().substring(0, 200));
        }
        return out;
    }

    private static List<String> scan(LoginFixture f) {
        return StoreScan.of(f.credentials, f.counters, f.tokens, f.enrollments);
    }
}
