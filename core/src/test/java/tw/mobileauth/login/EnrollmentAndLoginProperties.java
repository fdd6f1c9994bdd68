package tw.mobileauth.login;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import net.jqwik.api.AfterFailureMode;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.RandomDistribution;
import net.jqwik.api.ShrinkingMode;
import net.jqwik.api.Tuple;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import net.jqwik.api.statistics.Statistics;
import tw.mobileauth.carrier.testkit.Scenario;
import tw.mobileauth.carrier.testkit.Subscriber;
import tw.mobileauth.credential.CredentialId;
import tw.mobileauth.crypto.DeviceKey;
import tw.mobileauth.enrollment.BindingPolicy;
import tw.mobileauth.enrollment.CredentialVerifiers;
import tw.mobileauth.enrollment.EnrollmentException;
import tw.mobileauth.enrollment.EnrollmentUnavailableException;
import tw.mobileauth.enrollment.VerificationCallback;
import tw.mobileauth.enrollment.VerificationOutcome;
import tw.mobileauth.store.CredentialRecord;

/**
 * The login invariant of STYLE §8 with <em>real</em> enrolments: credentials come from
 * {@code EnrollmentService} over the fake carrier networks (form, QR handoff, consent, the phone's
 * network verification, issuance and the binding policy), interleaved step by step with logins of
 * several people, re-enrolments that revoke earlier credentials, administrative revocations,
 * erasures, replays and passing time. {@link LoginProperties} checks the same invariant over 1000
 * faster, independent scripts whose credentials are written straight to the store; this one checks
 * that nothing between enrolment and login (the binding policy, the stored verifiers, the
 * enrolment's password hash) breaks it.
 *
 * <p><b>One story per binding policy, continued by every try.</b> Two portals (REPLACE_ALL and
 * KEEP_LATEST(2)) live for the whole run, and each try appends its script to the story of one of
 * them: the model, the stores, the clock, credentials and waiting callbacks carry over from try to
 * try. So the run is two long interleavings (hundreds of actions each) in which people enrol again
 * and again, instead of a hundred short ones that rarely reach a second enrolment of anyone.
 * Shrinking is off (a shorter script would meet another world), and a failure is reproduced by
 * re-running the whole seed ({@link AfterFailureMode#PREVIOUS_SEED}); messages name the try's
 * script.
 *
 * <p><b>Why 100 tries, not 1000.</b> A real enrolment's callback costs about 0.4 s here (some eight
 * loopback HTTP calls to the fake carrier, each paying a TCP delayed-ACK wait), so a try with its
 * average of under one enrolment and a handful of logins costs about 0.3 s. 100 tries, about 500
 * actions with some 60 enrolments (most of them re-enrolments) and 200 logins, stay within about
 * 40 seconds; 1000 would take several minutes. The coverage checks fail the run if re-enrolments,
 * logins on revoked credentials, or successes become rare. The 1000-try variant of the invariant
 * is {@link LoginProperties}; {@link ConcurrentEnrollmentAndLoginTest} runs enrolment and logins on
 * two threads.
 */
class EnrollmentAndLoginProperties {

    private static final int TRIES = 100;
    private static final int PEOPLE = 3;
    /** How long a carrier's authorization code lives in the fake networks: a callback handled later fails. */
    private static final Duration CODE_LIFETIME = Duration.ofSeconds(60);
    /**
     * Failures in a row after which the model has an administrator clear a person's lock-outs, well
     * below the policy's permanent lock at 100 (the story never locks anyone: it is about binding).
     */
    private static final int CLEAR_AFTER_FAILURES_IN_A_ROW = 80;
    private static final LockOutPolicy NEVER_WITHIN_THE_STORY = LockOutPolicy.builder().threshold(100).build();
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final DeviceKey STRANGER = DeviceKey.generate(RANDOM);

    private static World replaceAll;
    private static World keepLatestTwo;

    @BeforeContainer
    static void start() {
        replaceAll = new World(LoginFixture.withCarriers(b -> b.lockOutPolicy(NEVER_WITHIN_THE_STORY),
                BindingPolicy.replaceAll()), false);
        keepLatestTwo = new World(LoginFixture.withCarriers(b -> b.lockOutPolicy(NEVER_WITHIN_THE_STORY),
                BindingPolicy.keepLatest(2)), true);
    }

    @AfterContainer
    static void stop() {
        replaceAll.f.close();
        keepLatestTwo.f.close();
    }

    // ------------------------------------------------------------------ the script

    sealed interface Action {
    }

    /** Person {@code person} enrols from start to end on a new browser. */
    record Enrol(int person) implements Action {
    }

    /** Person {@code person} starts an enrolment on a new browser; the phone verifies; the callback waits. */
    record Start(int person) implements Action {
    }

    /** The portal handles a waiting carrier callback (modulo the waiting ones): issuance, then the binding policy. */
    record Finish(int waiting) implements Action {
    }

    /** The owner of active credential {@code credential} (modulo the active ones) logs in on its browser. */
    record HonestLogin(int credential) implements Action {
    }

    /**
     * The owner of credential {@code credential} (modulo all issued ones, so mostly revoked ones)
     * logs in with everything right on that credential's browser: an old browser after a re-enrolment.
     */
    record OldBrowserLogin(int credential) implements Action {
    }

    /**
     * A login naming credential {@code credential} (modulo one more than the issued ones: the extra
     * one is unknown), signed by the browser of credential {@code signer} (likewise: the extra one is
     * a stranger's key), typing person {@code typed}'s ID, birth date and name, with the right
     * password or not.
     */
    record Login(int credential, int signer, int typed, boolean rightPassword) implements Action {
    }

    /** The owner of credential {@code credential} replays the challenge of the previous login. */
    record Replay(int credential) implements Action {
    }

    /** An administrator revokes credential {@code credential} (modulo the issued ones). */
    record Revoke(int credential) implements Action {
    }

    /** Person {@code person} has everything erased (PDPA art. 11). */
    record Erase(int person) implements Action {
    }

    /** Time passes: {@code seconds} and a millisecond (so that no code is ever exactly at its expiry). */
    record Advance(int seconds) implements Action {
    }

    @Provide
    Arbitrary<List<Action>> scripts() {
        Arbitrary<Integer> person = Arbitraries.integers().between(0, PEOPLE - 1);
        Arbitrary<Integer> index = Arbitraries.integers().between(0, 1000);
        Arbitrary<Action> enrol = person.map(Enrol::new);
        Arbitrary<Action> start = person.map(Start::new);
        Arbitrary<Action> finish = index.map(Finish::new);
        Arbitrary<Action> honest = index.map(HonestLogin::new);
        Arbitrary<Action> oldBrowser = index.map(OldBrowserLogin::new);
        Arbitrary<Action> login = Combinators.combine(index, index, person, Arbitraries.of(true, false)).as(Login::new);
        Arbitrary<Action> replay = index.map(Replay::new);
        Arbitrary<Action> revoke = index.map(Revoke::new);
        Arbitrary<Action> erase = person.map(Erase::new);
        Arbitrary<Action> advance = Arbitraries.integers().between(0, 40).map(Advance::new);
        return Arbitraries.frequencyOf(Tuple.of(5, enrol), Tuple.of(3, start), Tuple.of(3, finish),
                        Tuple.of(10, honest), Tuple.of(5, oldBrowser), Tuple.of(10, login), Tuple.of(2, replay),
                        Tuple.of(2, revoke),
                        Tuple.of(1, erase), Tuple.of(3, advance))
                .list().ofMinSize(1).ofMaxSize(9).withSizeDistribution(RandomDistribution.uniform());
    }

    /** What the model knows of one credential. */
    private static final class ModelCredential {
        final String id;
        final DeviceKey key;
        final int owner;
        final Instant issuedAt;
        boolean active = true;
        boolean erased;

        ModelCredential(String id, DeviceKey key, int owner, Instant issuedAt) {
            this.id = id;
            this.key = key;
            this.owner = owner;
            this.issuedAt = issuedAt;
        }
    }

    /** An enrolment whose carrier callback waits for the portal. */
    private record Waiting(LoginFixture.AwaitingCallback callback, int person, Instant verifiedAt) {
    }

    /** One portal's story: the fixture of its binding policy, its people, and the model. */
    private static final class World {
        final LoginFixture f;
        final boolean keepLatestTwo;
        final List<Subscriber> people;
        final List<ModelCredential> credentials = new ArrayList<>();
        final List<Waiting> waiting = new ArrayList<>();
        final int[] failuresInARow = new int[PEOPLE];
        Optional<LoginChallenge> lastChallenge = Optional.empty();

        World(LoginFixture f, boolean keepLatestTwo) {
            this.f = f;
            this.keepLatestTwo = keepLatestTwo;
            var subscribers = f.carrier.orElseThrow().networks.subscribers();
            this.people = List.of(subscribers.find("cht", Scenario.ELIGIBLE), subscribers.find("twm", Scenario.ELIGIBLE),
                    subscribers.find("fet", Scenario.ELIGIBLE));
        }

        TestPeople.Person fields(int person, boolean rightPassword) {
            Subscriber s = people.get(person);
            return new TestPeople.Person(s.holderId(), s.birthDate().toString(), s.name(),
                    rightPassword ? LoginFixture.CARRIER_PASSWORD : "Not-" + LoginFixture.CARRIER_PASSWORD);
        }

        String subjectKey(int person) {
            return CredentialVerifiers.subjectKey(f.hmac, fields(person, true).parsedId());
        }
    }

    /**
     * "A successful login always belongs to the person whose credential signed", with credentials
     * from real enrolments: under any interleaving of enrolment steps and logins of three people,
     * re-enrolments (REPLACE_ALL, or KEEP_LATEST(2)), revocations, erasures, replays and passing time,
     * <ul>
     *   <li>a login succeeds exactly when the model says so, and then names the credential used,
     *       the subject and national ID of the owner of the credential whose key signed;</li>
     *   <li>a credential revoked by the binding policy or an administrator, or erased, never logs in
     *       again;</li>
     *   <li>after every enrolment, the person's active credentials in the store are exactly the ones
     *       the binding policy keeps.</li>
     * </ul>
     */
    @Property(tries = TRIES, shrinking = ShrinkingMode.OFF, afterFailure = AfterFailureMode.PREVIOUS_SEED)
    void aSuccessfulLoginAfterRealEnrollmentsAlwaysNamesTheOwnerOfTheCredentialWhoseKeySigned(
            @ForAll boolean keepLatest, @ForAll("scripts") List<Action> script) throws Exception {
        World w = keepLatest ? keepLatestTwo : replaceAll;
        for (Action action : script) {
            try {
                act(w, action);
            } catch (AssertionError broken) {
                throw new AssertionError((keepLatest ? "KEEP_LATEST(2)" : "REPLACE_ALL") + " story, at " + action
                        + " of " + script + ": " + broken.getMessage(), broken);
            }
        }
        Statistics.label("binding").collect(keepLatest ? "KEEP_LATEST(2)" : "REPLACE_ALL");
        // A run of 100 tries has produced as few as 25 enrolments (mixed-in edge cases are short
        // scripts), so the floor is 10 re-enrolments and a share of at least 30% of the enrolments,
        // not a count that a legitimate but unlucky seed misses.
        Statistics.label("enrolment").coverage(cov -> {
            cov.check("re-enrolment").count(n -> n >= 10);
            cov.check("re-enrolment").percentage(p -> p >= 30.0);
        });
        Statistics.label("login").coverage(cov -> {
            cov.check("success").count(n -> n >= 40);
            cov.check("revoked, otherwise right").count(n -> n >= 10);
        });
    }

    private static void act(World w, Action action) throws Exception {
        if (action instanceof Enrol e) {
            start(w, e.person());
            finish(w, w.waiting.size() - 1);
        } else if (action instanceof Start s) {
            start(w, s.person());
        } else if (action instanceof Finish fin) {
            if (!w.waiting.isEmpty()) {
                finish(w, fin.waiting() % w.waiting.size());
            }
        } else if (action instanceof HonestLogin h) {
            List<ModelCredential> active = w.credentials.stream().filter(c -> c.active).toList();
            if (!active.isEmpty()) {
                int i = w.credentials.indexOf(active.get(h.credential() % active.size()));
                login(w, i, i, w.credentials.get(i).owner, true, Optional.empty());
            }
        } else if (action instanceof OldBrowserLogin o) {
            if (!w.credentials.isEmpty()) {
                int i = o.credential() % w.credentials.size();
                login(w, i, i, w.credentials.get(i).owner, true, Optional.empty());
            }
        } else if (action instanceof Login l) {
            int known = w.credentials.size();
            login(w, l.credential() % (known + 1), l.signer() % (known + 1), l.typed(), l.rightPassword(),
                    Optional.empty());
        } else if (action instanceof Replay r) {
            if (!w.credentials.isEmpty() && w.lastChallenge.isPresent()) {
                int i = r.credential() % w.credentials.size();
                login(w, i, i, w.credentials.get(i).owner, true, w.lastChallenge);
            }
        } else if (action instanceof Revoke r) {
            if (!w.credentials.isEmpty()) {
                ModelCredential c = w.credentials.get(r.credential() % w.credentials.size());
                w.f.service.revoke(CredentialId.parse(c.id).orElseThrow());
                c.active = false;
            }
        } else if (action instanceof Erase e) {
            w.f.service.erase(w.fields(e.person(), true).parsedId());
            w.credentials.stream().filter(c -> c.owner == e.person()).forEach(c -> {
                c.active = false;
                c.erased = true;
            });
            w.waiting.removeIf(x -> x.person() == e.person()); // their enrolments are gone: callbacks fail
            w.failuresInARow[e.person()] = 0;
            assertTrue(w.f.credentials.listBySubject(w.subjectKey(e.person())).isEmpty());
            assertTrue(w.f.enrollments.listBySubject(w.subjectKey(e.person())).isEmpty());
        } else if (action instanceof Advance a) {
            w.f.clock.advance(Duration.ofSeconds(a.seconds()).plusMillis(1));
        }
    }

    private static void start(World w, int person) throws Exception {
        w.waiting.add(new Waiting(w.f.verifiedByTheCarrier(w.people.get(person)), person, w.f.clock.instant()));
    }

    /** The portal handles the callback; the model issues and applies the binding policy, and the store must agree. */
    private static void finish(World w, int index) throws Exception {
        Waiting waiting = w.waiting.remove(index);
        Instant now = w.f.clock.instant();
        boolean codeAlive = Duration.between(waiting.verifiedAt(), now).compareTo(CODE_LIFETIME) < 0;
        Optional<VerificationOutcome.Issued> done;
        try {
            VerificationOutcome outcome = waiting.callback().enrollment()
                    .completeVerification(waiting.callback().phone(),
                            new VerificationCallback(waiting.callback().callback()));
            done = outcome instanceof VerificationOutcome.Issued c ? Optional.of(c) : Optional.empty();
        } catch (EnrollmentException | EnrollmentUnavailableException refused) {
            done = Optional.empty();
        }
        assertEquals(codeAlive, done.isPresent(), "an enrolment completes exactly while the carrier's code lives");
        int person = waiting.person();
        if (done.isEmpty()) {
            Statistics.label("enrolment").collect("callback too late");
            assertActiveAsModelled(w, person);
            return;
        }
        boolean reEnrollment = w.credentials.stream().anyMatch(c -> c.owner == person && !c.erased);
        Statistics.label("enrolment").collect(reEnrollment ? "re-enrolment" : "first enrolment");
        // Completion order is issue order: the portal keeps one person's issue times strictly increasing.
        List<ModelCredential> others = w.credentials.stream()
                .filter(c -> c.owner == person && c.active)
                .toList();
        int keepOthers = w.keepLatestTwo ? 1 : 0;
        for (int i = 0; i < others.size() - keepOthers; i++) {
            others.get(i).active = false; // oldest first
        }
        w.credentials.add(new ModelCredential(done.get().credentialId(), waiting.callback().key(), person, now));
        assertActiveAsModelled(w, person);
    }

    private static void assertActiveAsModelled(World w, int person) {
        Set<String> stored = w.f.credentials.listBySubject(w.subjectKey(person)).stream()
                .filter(CredentialRecord::isActive)
                .map(CredentialRecord::credentialId)
                .collect(Collectors.toSet());
        Set<String> modelled = w.credentials.stream()
                .filter(c -> c.owner == person && c.active)
                .map(c -> c.id)
                .collect(Collectors.toSet());
        assertEquals(modelled, stored, "the binding policy keeps exactly these credentials");
    }

    private static void login(World w, int credential, int signer, int typed, boolean rightPassword,
            Optional<LoginChallenge> replayed) throws Exception {
        boolean known = credential < w.credentials.size();
        Optional<ModelCredential> c = known ? Optional.of(w.credentials.get(credential)) : Optional.empty();
        String credentialId = c.map(x -> x.id).orElseGet(() -> CredentialId.generate(RANDOM).value());
        DeviceKey key = signer < w.credentials.size() ? w.credentials.get(signer).key : STRANGER;
        LoginChallenge challenge = replayed.orElseGet(w.f::begin);
        w.lastChallenge = Optional.of(challenge);
        LoginAttempt attempt = w.f.attempt(credentialId, key, challenge, w.fields(typed, rightPassword)).build();

        boolean signedByItsBrowser = c.isPresent() && c.get().key == key && replayed.isEmpty();
        boolean rightOtherwise = signedByItsBrowser && c.get().owner == typed && rightPassword;
        boolean expected = rightOtherwise && c.get().active;
        Statistics.label("login").collect(expected ? "success"
                : rightOtherwise ? "revoked, otherwise right" : "refused");
        try {
            Authentication a = w.f.service.finishLogin(attempt, LoginFixture.DESKTOP);
            if (!expected) {
                fail("logged in although the model refuses: " + w.f.lastFailureOrNone()
                        + (c.isPresent() && !c.get().active ? " (a revoked or erased credential)" : ""));
            }
            ModelCredential signed = w.credentials.stream().filter(x -> x.key == key).findFirst().orElseThrow();
            assertEquals(credentialId, a.credentialId().value(), "the credential that signed");
            assertEquals(w.subjectKey(signed.owner), a.subjectReference(), "the owner of the key that signed");
            assertEquals(w.people.get(signed.owner).holderId(), a.nationalId().value());
            w.failuresInARow[signed.owner] = 0;
        } catch (LoginFailedException refused) {
            if (expected) {
                fail("refused although the model accepts: " + w.f.lastFailure());
            }
            if (signedByItsBrowser && c.get().active) { // a counted guess against the owner
                int owner = c.get().owner;
                if (++w.failuresInARow[owner] >= CLEAR_AFTER_FAILURES_IN_A_ROW) {
                    w.f.service.clearLockOut(w.fields(owner, true).parsedId());
                    w.failuresInARow[owner] = 0;
                }
            }
        }
    }
}
