package tw.mobileauth.login;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import tw.mobileauth.credential.CredentialId;

/** {@link LoginService#acknowledgeNotice}: the PDPA art. 8 record is never downgraded, nor kept for a revoked credential. */
class NoticeAcknowledgementTest {

    @Test
    void anAcknowledgementOfAnotherVersionNeverReplacesTheRecordOfTheVersionInForce() throws Exception {
        try (LoginFixture f = LoginFixture.direct()) {
            LoginFixture.Enrolled e = f.enrol(TestPeople.person(1));
            Authentication a = f.login(e);
            assertFalse(f.service.acknowledgeNotice(a, LoginService.DEFAULT_NOTICE_VERSION).noticeAcknowledgementRequired());
            Instant acknowledgedAt = f.clock.instant();

            f.clock.advance(Duration.ofMinutes(1));
            Authentication stale = f.service.acknowledgeNotice(a, "2024-06"); // an old page, still open somewhere
            assertTrue(stale.noticeAcknowledgementRequired(), "the old version does not satisfy the current one ...");

            assertEquals(LoginService.DEFAULT_NOTICE_VERSION, f.record(e).acknowledgedNotice().orElseThrow(),
                    "... and does not overwrite its record");
            assertEquals(acknowledgedAt, f.record(e).noticeAcknowledgedAt().orElseThrow());
            assertFalse(f.login(e).noticeAcknowledgementRequired(), "not asked again at the next login");
            List<LoginEvent.NoticeAcknowledged> audited = f.audit.ofType(LoginEvent.NoticeAcknowledged.class);
            assertEquals(List.of(true, false), audited.stream().map(LoginEvent.NoticeAcknowledged::current).toList(),
                    "the audit trail still shows both acknowledgements");
        }
    }

    @Test
    void theVersionInForceReplacesAnOlderRecordAndAnotherVersionIsRecordedOnlyWhereThereIsNone() throws Exception {
        try (LoginFixture f = LoginFixture.direct()) {
            LoginFixture.Enrolled e = f.enrol(TestPeople.person(1));
            Authentication a = f.login(e);
            f.service.acknowledgeNotice(a, "2024-06");
            assertEquals("2024-06", f.record(e).acknowledgedNotice().orElseThrow(), "nothing recorded yet: recorded");
            f.service.acknowledgeNotice(a, "2023-01");
            assertEquals("2024-06", f.record(e).acknowledgedNotice().orElseThrow(), "neither is in force: kept");

            f.clock.advance(Duration.ofMinutes(1));
            assertFalse(f.service.acknowledgeNotice(a, LoginService.DEFAULT_NOTICE_VERSION)
                    .noticeAcknowledgementRequired());
            assertEquals(LoginService.DEFAULT_NOTICE_VERSION, f.record(e).acknowledgedNotice().orElseThrow());
            assertEquals(f.clock.instant(), f.record(e).noticeAcknowledgedAt().orElseThrow());
        }
    }

    @Test
    void anAcknowledgementOnACredentialRevokedSinceTheLoginIsRefusedAndNotRecorded() throws Exception {
        try (LoginFixture f = LoginFixture.direct()) {
            LoginFixture.Enrolled e = f.enrol(TestPeople.person(1));
            LoginFixture.Enrolled other = f.enrol(TestPeople.person(1));
            Authentication a = f.login(e);
            Authentication b = f.login(other);
            assertTrue(f.service.revoke(CredentialId.parse(e.credentialId()).orElseThrow()));

            LoginFailedException refused = assertThrows(LoginFailedException.class,
                    () -> f.service.acknowledgeNotice(a, a.noticeVersion()));
            assertEquals(LoginFailedException.MESSAGE_KEY, refused.messageKey());
            assertTrue(f.record(e).acknowledgedNotice().isEmpty(), "nothing recorded on a revoked credential");
            assertTrue(f.audit.ofType(LoginEvent.NoticeAcknowledged.class).isEmpty());

            assertFalse(f.service.acknowledgeNotice(b, b.noticeVersion()).noticeAcknowledgementRequired(),
                    "the person's active credential still takes it");
        }
    }
}
