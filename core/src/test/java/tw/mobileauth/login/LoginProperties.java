package tw.mobileauth.login;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.statistics.Statistics;
import tw.mobileauth.InvalidInputException;
import tw.mobileauth.credential.CredentialId;
import tw.mobileauth.crypto.DeviceKey;
import tw.mobileauth.enrollment.CredentialVerifiers;

/**
 * Invariants of login as jqwik properties (STYLE §8), each with 1000 tries. Argon2id runs with
 * 64 KiB so that a try costs little more than its ECDSA signatures.
 */
class LoginProperties {

    private static final int PEOPLE = 3;
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final List<DeviceKey> KEYS = List.of(DeviceKey.generate(RANDOM), DeviceKey.generate(RANDOM),
            DeviceKey.generate(RANDOM), DeviceKey.generate(RANDOM));
    private static final LockOutPolicy NEVER_WITHIN_A_SCRIPT = LockOutPolicy.builder().threshold(100).build();

    // ------------------------------------------------------------------ the script

    sealed interface Action {
    }

    /** Person {@code person} enrols on the browser holding key {@code key}. */
    record Enrol(int person, int key) implements Action {
    }

    /** A challenge is issued and kept for a later login. */
    record Begin() implements Action {
    }

    /** The owner of credential {@code credential} (modulo the issued ones) logs in on its own browser with a fresh challenge. */
    record HonestLogin(int credential) implements Action {
    }

    /**
     * A login naming credential {@code credential} (modulo one more than the issued ones; the extra one is
     * an unknown id), signed by
     * key {@code signer}, typing person {@code typed}'s ID, birth date and name and person
     * {@code password}'s password, on outstanding challenge {@code challenge} (-1: a fresh one).
     */
    record Login(int credential, int signer, int typed, int password, int challenge) implements Action {
    }

    /** An administrator revokes credential {@code credential} (modulo the issued ones). */
    record Revoke(int credential) implements Action {
    }

    /** Time passes. */
    record Advance(int seconds) implements Action {
    }

    @Provide
    Arbitrary<List<Action>> scripts() {
        Arbitrary<Integer> person = Arbitraries.integers().between(0, PEOPLE - 1);
        Arbitrary<Integer> key = Arbitraries.integers().between(0, KEYS.size() - 1);
        Arbitrary<Integer> credential = Arbitraries.integers().between(0, 7);
        Arbitrary<Action> enrol = Combinators.combine(person, key).as(Enrol::new);
        Arbitrary<Action> begin = Arbitraries.just(new Begin());
        Arbitrary<Action> honest = credential.map(HonestLogin::new);
        Arbitrary<Action> login = Combinators.combine(credential, key, person, person,
                Arbitraries.integers().between(-1, 4)).as(Login::new);
        Arbitrary<Action> revoke = credential.map(Revoke::new);
        Arbitrary<Action> advance = Arbitraries.integers().between(0, 150).map(Advance::new);
        return Arbitraries.frequencyOf(Tuple.of(4, enrol), Tuple.of(2, begin), Tuple.of(4, honest), Tuple.of(6, login),
                Tuple.of(1, revoke), Tuple.of(1, advance)).list().ofMinSize(1).ofMaxSize(16);
    }

    /** What the model knows of one credential. */
    private static final class ModelCredential {
        final LoginFixture.Enrolled enrolled;
        final int owner;
        final int key;
        boolean active = true;

        ModelCredential(LoginFixture.Enrolled enrolled, int owner, int key) {
            this.enrolled = enrolled;
            this.owner = owner;
            this.key = key;
        }
    }

    /** What the model knows of one challenge. */
    private static final class ModelChallenge {
        final LoginChallenge challenge;
        boolean used;

        ModelChallenge(LoginChallenge challenge) {
            this.challenge = challenge;
        }

        boolean usableAt(Instant now) {
            return !used && now.isBefore(challenge.expiresAt());
        }
    }

    /**
     * "A successful login always belongs to the person whose credential signed" (STYLE §8): under
     * any interleaving of enrolments (several people, browsers that may even share a key),
     * challenges issued and used out of order, logins with any mix of right and wrong credential,
     * key, fields and password, revocations and passing time, a login succeeds exactly when the
     * model says so, and then names the credential used, its owner's subject reference and ID.
     * Credentials are issued directly through the issuer and the store (as enrolment's issuance
     * step writes them), so the 1000 tries stay fast.
     */
    @Property(tries = 1000)
    void aSuccessfulLoginAlwaysNamesTheOwnerOfTheCredentialWhoseKeySigned(@ForAll("scripts") List<Action> script)
            throws Exception {
        try (LoginFixture f = LoginFixture.direct(b -> b.lockOutPolicy(NEVER_WITHIN_A_SCRIPT))) {
            List<ModelCredential> credentials = new ArrayList<>();
            List<ModelChallenge> outstanding = new ArrayList<>();
            for (Action action : script) {
                if (action instanceof Enrol e) {
                    credentials.add(new ModelCredential(f.enrol(TestPeople.person(e.person()), KEYS.get(e.key())),
                            e.person(), e.key()));
                } else if (action instanceof Begin) {
                    outstanding.add(new ModelChallenge(f.begin()));
                } else if (action instanceof HonestLogin h) {
                    if (!credentials.isEmpty()) {
                        int index = h.credential() % credentials.size();
                        ModelCredential c = credentials.get(index);
                        attempt(f, credentials, new ModelChallenge(f.begin()), index, c.key, c.owner, c.owner);
                    }
                } else if (action instanceof Login l) {
                    ModelChallenge challenge = l.challenge() < 0 || outstanding.isEmpty()
                            ? new ModelChallenge(f.begin())
                            : outstanding.get(l.challenge() % outstanding.size());
                    // one index past the issued credentials names an unknown credential
                    attempt(f, credentials, challenge, l.credential() % (credentials.size() + 1), l.signer(),
                            l.typed(), l.password());
                } else if (action instanceof Revoke r) {
                    if (!credentials.isEmpty()) {
                        ModelCredential c = credentials.get(r.credential() % credentials.size());
                        f.service.revoke(CredentialId.parse(c.enrolled.credentialId()).orElseThrow());
                        c.active = false;
                    }
                } else if (action instanceof Advance a) {
                    f.clock.advance(Duration.ofSeconds(a.seconds()));
                }
            }
        }
        // not vacuous: a good share of the logins in the run are expected to succeed
        Statistics.label("outcome").coverage(cov -> cov.check("success").percentage(p -> p >= 10));
    }

    private static void attempt(LoginFixture f, List<ModelCredential> credentials, ModelChallenge challenge,
            int credentialIndex, int signer, int typed, int password) throws Exception {
        boolean known = credentialIndex < credentials.size();
        String credentialId = known ? credentials.get(credentialIndex).enrolled.credentialId()
                : CredentialId.generate(RANDOM).value();
        TestPeople.Person typedFields = TestPeople.person(typed).withPassword(TestPeople.person(password).password());
        LoginAttempt attempt = f.attempt(credentialId, KEYS.get(signer), challenge.challenge, typedFields).build();

        Instant now = f.clock.instant();
        ModelCredential c = known ? credentials.get(credentialIndex) : null;
        boolean expected = challenge.usableAt(now) && c != null && c.active && c.key == signer && c.owner == typed
                && c.owner == password;
        if (now.isBefore(challenge.challenge.expiresAt())) {
            challenge.used = true; // consumed whatever the outcome
        }
        Statistics.label("outcome").collect(expected ? "success" : "failure");
        try {
            Authentication a = f.service.finishLogin(attempt, LoginFixture.DESKTOP);
            if (!expected) {
                fail("logged in although the model refuses: " + f.lastFailureOrNone());
            }
            TestPeople.Person owner = TestPeople.person(c.owner);
            assertEquals(credentialId, a.credentialId().value(), "the credential that signed");
            assertEquals(CredentialVerifiers.subjectKey(f.hmac, owner.parsedId()), a.subjectReference(),
                    "its owner's subject");
            assertEquals(owner.parsedId(), a.nationalId());
            assertEquals(KEYS.get(c.key), KEYS.get(signer));
        } catch (LoginFailedException refused) {
            if (expected) {
                fail("refused although the model accepts: " + f.lastFailure());
            }
        }
    }

    /**
     * Rejected input is not a bug: {@code finishLogin} takes anything in every field (huge strings, controls, NULs,
     * unpaired surrogates, RTL overrides, random bytes as a signature) and answers only with the
     * generic {@link LoginFailedException}: never NPE, IAE or DateTimeParseException.
     */
    @Property(tries = 1000)
    void anyInputInAnyFieldFailsOnlyWithTheGenericFailure(@ForAll("hostile") String id, @ForAll("hostile") String birth,
            @ForAll("hostile") String name, @ForAll("hostile") String password, @ForAll("hostile") String credential,
            @ForAll("hostile") String challenge, @ForAll("hostile") String signature, @ForAll boolean signed)
            throws Exception {
        try (LoginFixture f = LoginFixture.direct()) {
            LoginAttempt.Builder builder;
            if (signed) { // a real credential, challenge and signature: the garbage reaches steps 6 and 7
                LoginFixture.Enrolled e = f.enrol(TestPeople.person(0), KEYS.get(0));
                builder = f.attempt(e, f.begin(), e.person());
            } else {
                builder = LoginAttempt.builder().credentialId(credential).challengeId(challenge)
                        .signatureBase64Url(signature);
            }
            LoginAttempt attempt = builder.nationalId(id).birthDate(birth).name(name)
                    .password(password == null ? null : password.toCharArray()).build();
            f.hasher.reset();
            try {
                f.service.finishLogin(attempt, LoginFixture.DESKTOP);
                fail("garbage logged in");
            } catch (LoginFailedException expected) {
                assertEquals(LoginFailedException.MESSAGE_KEY, expected.messageKey());
            }
            assertEquals(1, f.hasher.computations(), "still exactly one hash");
        }
    }

    /** Hostile field values, sometimes a real credential id or challenge to get past the first steps. */
    @Provide
    Arbitrary<String> hostile() {
        Arbitrary<String> chars = Arbitraries.strings().all().ofMaxLength(200);
        Arbitrary<String> huge = Arbitraries.strings().all().ofMinLength(10_000).ofMaxLength(20_000);
        Arbitrary<String> special = Arbitraries.of("", " ", "\u0000", "\u202E", "\uD800", "\uDC00x", "A123456789",
                "75/03/14", "民國75年3月14日", "0750314", "mat_AAAAAAAAAAAAAAAAAAAAAA", "AAAAAAAAAAAAAAAAAAAAAA",
                "\u3000", "ｔ２００００００００９", "1986-02-30", "9999-12-31");
        return Arbitraries.frequencyOf(Tuple.of(5, chars), Tuple.of(1, huge), Tuple.of(3, special),
                Tuple.of(1, Arbitraries.just(null)));
    }

    /** {@code acknowledgeNotice} takes any version text: a recorded acknowledgement or {@link InvalidInputException}. */
    @Property(tries = 1000)
    void anyNoticeVersionIsRecordedOrRejectedAsInvalidInput(@ForAll("hostile") String version) throws Exception {
        try (LoginFixture f = LoginFixture.direct()) {
            LoginFixture.Enrolled e = f.enrol(TestPeople.person(0), KEYS.get(0));
            Authentication a = f.login(e);
            try {
                Authentication after = f.service.acknowledgeNotice(a, version);
                assertEquals(version, f.record(e).acknowledgedNotice().orElseThrow());
                assertEquals(!version.equals(a.noticeVersion()), after.noticeAcknowledgementRequired());
            } catch (InvalidInputException rejected) {
                assertEquals("noticeVersion", rejected.errors().get(0).field());
                assertTrue(f.record(e).acknowledgedNotice().isEmpty());
            }
        }
    }
}
