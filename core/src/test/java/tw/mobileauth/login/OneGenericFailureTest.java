package tw.mobileauth.login;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Base64;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import tw.mobileauth.credential.CertificateIssuer;
import tw.mobileauth.credential.CredentialCertificate;
import tw.mobileauth.credential.CredentialId;
import tw.mobileauth.credential.EnrollmentCa;
import tw.mobileauth.crypto.DeviceKey;
import tw.mobileauth.crypto.SignedMessages;
import tw.mobileauth.store.CredentialRecord;

/**
 * "One generic failure for every cause" (docs/journey.md, "Login, step by step"): the same exception type, message key,
 * message and text, after the same work (one Argon2id hash), while the audit event names the cause.
 */
class OneGenericFailureTest {

    /** A way to fail: the setup, the attempt, the cause the audit event must name. */
    enum Way {
        UNKNOWN_CREDENTIAL(FailureCause.UNKNOWN_CREDENTIAL) {
            @Override
            LoginAttempt prepare(LoginFixture f, LoginFixture.Enrolled e) throws Exception {
                String unissued = CredentialId.generate(f.random).value();
                return f.attempt(unissued, e.deviceKey(), f.begin(), e.person()).build();
            }
        },
        WRONG_ID(FailureCause.WRONG_ID) {
            @Override
            LoginAttempt prepare(LoginFixture f, LoginFixture.Enrolled e) throws Exception {
                return f.attempt(e, f.begin(), e.person().withNationalId(TestPeople.person(99).nationalId())).build();
            }
        },
        WRONG_BIRTH_DATE(FailureCause.WRONG_BIRTH_DATE) {
            @Override
            LoginAttempt prepare(LoginFixture f, LoginFixture.Enrolled e) throws Exception {
                return f.attempt(e, f.begin(), e.person().withBirthDate("1999-12-31")).build();
            }
        },
        WRONG_NAME(FailureCause.WRONG_NAME) {
            @Override
            LoginAttempt prepare(LoginFixture f, LoginFixture.Enrolled e) throws Exception {
                return f.attempt(e, f.begin(), e.person().withName("林某某")).build();
            }
        },
        WRONG_PASSWORD(FailureCause.WRONG_PASSWORD) {
            @Override
            LoginAttempt prepare(LoginFixture f, LoginFixture.Enrolled e) throws Exception {
                return f.attempt(e, f.begin(), e.person().withPassword("Lantern-Kiwi-0?")).build();
            }
        },
        BAD_SIGNATURE(FailureCause.BAD_SIGNATURE) {
            @Override
            LoginAttempt prepare(LoginFixture f, LoginFixture.Enrolled e) throws Exception {
                return f.attempt(e.credentialId(), DeviceKey.generate(f.random), f.begin(), e.person()).build();
            }
        },
        SIGNATURE_FOR_ANOTHER_ORIGIN(FailureCause.BAD_SIGNATURE) {
            @Override
            LoginAttempt prepare(LoginFixture f, LoginFixture.Enrolled e) throws Exception {
                LoginChallenge c = f.begin();
                byte[] phished = e.deviceKey().sign(SignedMessages.login(c.nonce(), e.credentialId(),
                        "https://portal.example.tw.evil.example"));
                return f.attempt(e, c, e.person()).signature(phished).build();
            }
        },
        REPLAYED_CHALLENGE(FailureCause.CHALLENGE_REPLAYED) {
            @Override
            LoginAttempt prepare(LoginFixture f, LoginFixture.Enrolled e) throws Exception {
                LoginChallenge c = f.begin();
                f.service.finishLogin(f.attempt(e, c, e.person()).build(), LoginFixture.DESKTOP);
                return f.attempt(e, c, e.person()).build();
            }
        },
        EXPIRED_CHALLENGE(FailureCause.CHALLENGE_EXPIRED) {
            @Override
            LoginAttempt prepare(LoginFixture f, LoginFixture.Enrolled e) throws Exception {
                LoginChallenge c = f.begin();
                f.clock.advance(LoginService.DEFAULT_CHALLENGE_TTL);
                return f.attempt(e, c, e.person()).build();
            }
        },
        UNKNOWN_CHALLENGE(FailureCause.CHALLENGE_UNKNOWN) {
            @Override
            LoginAttempt prepare(LoginFixture f, LoginFixture.Enrolled e) throws Exception {
                return f.attempt(e, f.begin(), e.person()).challengeId("AAAAAAAAAAAAAAAAAAAAAA").build();
            }
        },
        REVOKED_CREDENTIAL(FailureCause.CREDENTIAL_REVOKED) {
            @Override
            LoginAttempt prepare(LoginFixture f, LoginFixture.Enrolled e) throws Exception {
                assertTrue(f.service.revoke(CredentialId.parse(e.credentialId()).orElseThrow()));
                return f.attempt(e, f.begin(), e.person()).build();
            }
        },
        EXPIRED_CERTIFICATE(FailureCause.CERTIFICATE_EXPIRED) {
            @Override
            LoginAttempt prepare(LoginFixture f, LoginFixture.Enrolled e) throws Exception {
                f.clock.set(f.record(e).notAfter().plusSeconds(1));
                return f.attempt(e, f.begin(), e.person()).build();
            }
        },
        LOCKED_ACCOUNT(FailureCause.LOCKED) {
            @Override
            LoginAttempt prepare(LoginFixture f, LoginFixture.Enrolled e) throws Exception {
                for (int i = 0; i < LockOutPolicy.DEFAULT_THRESHOLD; i++) {
                    assertThrows(LoginFailedException.class, () -> f.login(e, e.person().withPassword("wrong")));
                }
                return f.attempt(e, f.begin(), e.person()).build(); // all four fields right
            }
        },
        UNTRUSTED_CERTIFICATE(FailureCause.CERTIFICATE_UNTRUSTED) {
            @Override
            LoginAttempt prepare(LoginFixture f, LoginFixture.Enrolled e) throws Exception {
                EnrollmentCa rogue = EnrollmentCa.generateDevelopmentCa("rogue CA", f.clock);
                CredentialCertificate cert = CertificateIssuer.builder(rogue).clock(f.clock).build()
                        .issue(e.deviceKey().publicKey());
                CredentialRecord r = f.record(e);
                f.credentials.delete(r.credentialId());
                LoginFixture.Enrolled forged = new LoginFixture.Enrolled(cert.credentialId().value(), e.deviceKey(),
                        e.person());
                f.credentials.insert(new CredentialRecord(forged.credentialId(), 0, r.subjectKey(),
                        tw.mobileauth.enrollment.CredentialVerifiers.birthDate(f.hmac, forged.credentialId(),
                                e.person().parsedBirthDate()),
                        tw.mobileauth.enrollment.CredentialVerifiers.name(f.hmac, forged.credentialId(),
                                e.person().parsedName()),
                        r.passwordHash(), r.devicePublicKey(), Base64.getEncoder().encodeToString(cert.der()),
                        r.status(), r.issuedAt(), cert.notAfter(), Optional.empty(), Optional.empty(),
                        Optional.empty()));
                return f.attempt(forged, f.begin(), e.person()).build();
            }
        },
        CORRUPT_PASSWORD_HASH(FailureCause.CREDENTIAL_CORRUPT) {
            @Override
            LoginAttempt prepare(LoginFixture f, LoginFixture.Enrolled e) throws Exception {
                CredentialRecord r = f.record(e);
                assertTrue(f.credentials.compareAndSet(r.version(),
                        Records.successor(r, "$argon2id$v=19$m=1,t=0,p=1$bad$bad", r.lastUsedAt(),
                                r.acknowledgedNotice(), r.noticeAcknowledgedAt())));
                return f.attempt(e, f.begin(), e.person()).build();
            }
        },
        UNPARSEABLE_ID(FailureCause.WRONG_ID) {
            @Override
            LoginAttempt prepare(LoginFixture f, LoginFixture.Enrolled e) throws Exception {
                return f.attempt(e, f.begin(), e.person().withNationalId("A12345678\u202E")).build();
            }
        },
        UNPARSEABLE_BIRTH_DATE(FailureCause.WRONG_BIRTH_DATE) {
            @Override
            LoginAttempt prepare(LoginFixture f, LoginFixture.Enrolled e) throws Exception {
                return f.attempt(e, f.begin(), e.person().withBirthDate("1986-02-30")).build();
            }
        },
        UNPARSEABLE_NAME(FailureCause.WRONG_NAME) {
            @Override
            LoginAttempt prepare(LoginFixture f, LoginFixture.Enrolled e) throws Exception {
                return f.attempt(e, f.begin(), e.person().withName("王\u0000明")).build();
            }
        },
        EVERY_FIELD_MISSING(FailureCause.CHALLENGE_UNKNOWN) {
            @Override
            LoginAttempt prepare(LoginFixture f, LoginFixture.Enrolled e) throws Exception {
                return LoginAttempt.builder().nationalId(null).birthDate(null).name(null).password((char[]) null)
                        .credentialId(null).challengeId(null).signatureBase64Url("not base64!").build();
            }
        },
        MISSING_SIGNATURE(FailureCause.BAD_SIGNATURE) {
            @Override
            LoginAttempt prepare(LoginFixture f, LoginFixture.Enrolled e) throws Exception {
                return f.attempt(e, f.begin(), e.person()).signature(null).build();
            }
        };

        final FailureCause cause;

        Way(FailureCause cause) {
            this.cause = cause;
        }

        abstract LoginAttempt prepare(LoginFixture f, LoginFixture.Enrolled e) throws Exception;
    }

    /** The one failure every way must produce, captured from a wrong password. */
    private static final LoginFailedException REFERENCE = referenceFailure();

    @ParameterizedTest
    @EnumSource(Way.class)
    void everyCauseRaisesTheSameFailureAfterOneHashWhileTheAuditEventNamesTheCause(Way way) throws Exception {
        try (LoginFixture f = LoginFixture.direct()) {
            LoginFixture.Enrolled e = f.enrol(TestPeople.person(1));
            LoginAttempt attempt = way.prepare(f, e);
            f.hasher.reset();
            int eventsBefore = f.audit.ofType(LoginEvent.Failed.class).size();

            LoginFailedException thrown = assertThrows(LoginFailedException.class,
                    () -> f.service.finishLogin(attempt, LoginFixture.DESKTOP));

            assertEquals(LoginFailedException.class, thrown.getClass());
            assertEquals(LoginFailedException.MESSAGE_KEY, thrown.messageKey());
            assertEquals(REFERENCE.getMessage(), thrown.getMessage());
            assertEquals(REFERENCE.text(), thrown.text());
            assertEquals(null, thrown.getCause());
            assertEquals(0, thrown.getStackTrace().length, "no stack trace to leak which step refused");
            assertEquals(1, f.hasher.computations(), "exactly one Argon2id hash, whatever the cause");
            List<LoginEvent.Failed> failed = f.audit.ofType(LoginEvent.Failed.class);
            assertEquals(eventsBefore + 1, failed.size());
            assertEquals(way.cause, failed.get(failed.size() - 1).cause());
        }
    }

    @Test
    void theMessageNamesTheFourFieldsAndWhatToDoNextInChineseFirstThenEnglish() {
        assertTrue(REFERENCE.text().zhTw().startsWith("登入失敗，請確認身分證號、出生日期、姓名及憑證密碼是否正確。"),
                REFERENCE.text().zhTw());
        assertTrue(REFERENCE.text().zhTw().contains("重新申請"), "says what to do next");
        assertTrue(REFERENCE.text().en().startsWith("Login failed. Please check your national ID"));
        for (FailureCause cause : FailureCause.values()) {
            assertFalse(REFERENCE.getMessage().contains(cause.name()), "the message never names a cause");
        }
    }

    @Test
    void everyCauseTheIssueListsIsExercisedAboveUnderItsOwnAuditCause() {
        Set<FailureCause> listed = EnumSet.noneOf(FailureCause.class);
        for (Way w : Way.values()) {
            listed.add(w.cause);
        }
        assertTrue(listed.containsAll(EnumSet.of(FailureCause.UNKNOWN_CREDENTIAL, FailureCause.WRONG_ID,
                FailureCause.WRONG_BIRTH_DATE, FailureCause.WRONG_NAME, FailureCause.WRONG_PASSWORD,
                FailureCause.BAD_SIGNATURE, FailureCause.CHALLENGE_REPLAYED, FailureCause.CHALLENGE_EXPIRED,
                FailureCause.CHALLENGE_UNKNOWN, FailureCause.CREDENTIAL_REVOKED, FailureCause.CERTIFICATE_EXPIRED,
                FailureCause.LOCKED)));
        Set<String> names = new HashSet<>();
        for (FailureCause c : listed) {
            assertTrue(names.add(c.name()));
        }
    }

    @Test
    void theRightFieldsWithTheBoundKeyAndAFreshChallengeSucceed() throws Exception {
        try (LoginFixture f = LoginFixture.direct()) {
            LoginFixture.Enrolled e = f.enrol(TestPeople.person(1));
            f.hasher.reset();
            assertEquals(e.credentialId(), f.login(e).credentialId().value());
            assertEquals(1, f.hasher.computations(), "a success with current parameters hashes once too");
            assertEquals(0, f.audit.ofType(LoginEvent.Failed.class).size());
        }
    }

    private static LoginFailedException referenceFailure() {
        try (LoginFixture f = LoginFixture.direct()) {
            LoginFixture.Enrolled e = f.enrol(TestPeople.person(2));
            f.clock.advance(Duration.ofSeconds(1));
            return assertThrows(LoginFailedException.class, () -> f.login(e, e.person().withPassword("nope")));
        }
    }
}
