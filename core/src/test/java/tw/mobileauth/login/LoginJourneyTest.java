package tw.mobileauth.login;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import tw.mobileauth.carrier.testkit.Scenario;
import tw.mobileauth.carrier.testkit.Subscriber;
import tw.mobileauth.enrollment.CredentialVerifiers;

/** BLI journey steps 6 and 7 after a real enrolment through the fake carrier networks. */
class LoginJourneyTest {

    @Test
    void afterARealEnrollmentTheFourFieldsAndTheBoundBrowserLogInWithQueryOnlyAssurance() throws Exception {
        try (LoginFixture f = LoginFixture.withCarriers()) {
            Subscriber s = f.carrier.orElseThrow().networks.subscribers().find("cht", Scenario.ELIGIBLE);
            LoginFixture.Enrolled e = f.enrolThroughCarrier(s);
            f.clock.advance(Duration.ofMinutes(3));

            Authentication a = f.login(e);

            assertEquals(AssuranceLevel.QUERY_ONLY, a.assurance());
            assertEquals("QUERY_ONLY", a.assuranceLabel());
            assertEquals(AuthenticationMethod.MOBILE_PHONE, a.method());
            assertEquals(s.holderId(), a.nationalId().value());
            assertEquals(e.credentialId(), a.credentialId().value());
            assertEquals(CredentialVerifiers.subjectKey(f.hmac, e.person().parsedId()), a.subjectReference());
            assertEquals(f.clock.instant(), a.authenticatedAt());
            assertEquals(f.clock.instant(), f.record(e).lastUsedAt().orElseThrow(), "last use recorded");
            assertFalse(a.toString().contains(s.holderId()), "masked: " + a);
            assertTrue(f.audit.names().contains("login.succeeded"), f.audit.names().toString());

            // The same fields without the bound browser's key do not log in.
            LoginFixture.Enrolled otherBrowser = new LoginFixture.Enrolled(e.credentialId(),
                    tw.mobileauth.crypto.DeviceKey.generate(f.random), e.person());
            assertThrows(LoginFailedException.class, () -> f.login(otherBrowser));
            assertEquals(FailureCause.BAD_SIGNATURE, f.lastFailure());
        }
    }

    @Test
    void theNoticeMustBeAcknowledgedAtTheFirstLoginAndNotAgainUntilItsVersionChanges() throws Exception {
        try (LoginFixture f = LoginFixture.withCarriers()) {
            Subscriber s = f.carrier.orElseThrow().networks.subscribers().find("twm", Scenario.ELIGIBLE);
            LoginFixture.Enrolled e = f.enrolThroughCarrier(s);

            Authentication first = f.login(e);
            assertTrue(first.noticeAcknowledgementRequired(), "first login shows the 個資告知");
            assertEquals(LoginService.DEFAULT_NOTICE_VERSION, first.noticeVersion());
            f.clock.advance(Duration.ofSeconds(30));
            Authentication acknowledged = f.service.acknowledgeNotice(first, first.noticeVersion());
            assertFalse(acknowledged.noticeAcknowledgementRequired());
            assertEquals(LoginService.DEFAULT_NOTICE_VERSION, f.record(e).acknowledgedNotice().orElseThrow());
            assertEquals(f.clock.instant(), f.record(e).noticeAcknowledgedAt().orElseThrow(), "the time is recorded");
            assertEquals(1, f.audit.ofType(LoginEvent.NoticeAcknowledged.class).size());

            f.clock.advance(Duration.ofDays(1));
            assertFalse(f.login(e).noticeAcknowledgementRequired(), "not again for the same version");

            LoginService newNotice = f.anotherService(b -> b.noticeVersion("2025-07"));
            Authentication afterChange = newNotice.finishLogin(
                    f.attempt(e, newNotice.beginLogin(LoginFixture.DESKTOP), e.person()).build(), LoginFixture.DESKTOP);
            assertTrue(afterChange.noticeAcknowledgementRequired(), "a new notice version must be acknowledged");
            assertTrue(newNotice.acknowledgeNotice(afterChange, "2025-01").noticeAcknowledgementRequired(),
                    "acknowledging an old version does not satisfy the new one");
            assertFalse(newNotice.acknowledgeNotice(afterChange, "2025-07").noticeAcknowledgementRequired());
            assertFalse(newNotice.finishLogin(
                    f.attempt(e, newNotice.beginLogin(LoginFixture.DESKTOP), e.person()).build(), LoginFixture.DESKTOP)
                    .noticeAcknowledgementRequired());
        }
    }

    @Test
    void fullWidthAndSpacedSpellingsOfTheSameIdAndNameLogInButAVariantCharacterDoesNot() throws Exception {
        try (LoginFixture f = LoginFixture.withCarriers()) {
            Subscriber s = f.carrier.orElseThrow().networks.subscribers()
                    .find("cht", Scenario.NAME_VARIANT_CHARACTER);
            assertTrue(s.name().contains("峯"), "fixture: " + s.name());
            LoginFixture.Enrolled e = f.enrolThroughCarrier(s);
            TestPeople.Person p = e.person();

            String fullWidthId = toFullWidth(s.holderId().toLowerCase());
            String spacedName = " " + String.join(" ", s.name().split("")) + "\u3000";
            int roc = s.birthDate().getYear() - 1911;
            String rocDate = roc + "/" + String.format("%02d/%02d", s.birthDate().getMonthValue(),
                    s.birthDate().getDayOfMonth());
            Authentication a = f.login(e, p.withNationalId(fullWidthId).withName(spacedName).withBirthDate(rocDate));
            assertEquals(s.holderId(), a.nationalId().value());

            LoginFailedException variant = assertThrows(LoginFailedException.class,
                    () -> f.login(e, p.withName(s.name().replace('峯', '峰'))));
            assertEquals(LoginFailedException.MESSAGE_KEY, variant.messageKey());
            assertEquals(FailureCause.WRONG_NAME, f.lastFailure());
        }
    }

    @Test
    void reEnrollmentReplacesTheOldBrowserWhileTheNoticeStaysAcknowledgedForThePerson() throws Exception {
        try (LoginFixture f = LoginFixture.withCarriers()) {
            Subscriber s = f.carrier.orElseThrow().networks.subscribers().find("fet", Scenario.ELIGIBLE);
            LoginFixture.Enrolled old = f.enrolThroughCarrier(s);
            Authentication first = f.login(old);
            f.service.acknowledgeNotice(first, first.noticeVersion());

            f.clock.advance(Duration.ofMinutes(10));
            LoginFixture.Enrolled replacement = f.enrolThroughCarrier(s);

            assertThrows(LoginFailedException.class, () -> f.login(old));
            assertEquals(FailureCause.CREDENTIAL_REVOKED, f.lastFailure());
            Authentication onNewBrowser = f.login(replacement);
            assertEquals(first.subjectReference(), onNewBrowser.subjectReference(), "the same person");
            assertFalse(onNewBrowser.noticeAcknowledgementRequired(), "acknowledgement is per person");
        }
    }

    private static String toFullWidth(String ascii) {
        StringBuilder b = new StringBuilder();
        for (char c : ascii.toCharArray()) {
            b.append((char) (c + 0xFEE0));
        }
        return b.toString();
    }
}
