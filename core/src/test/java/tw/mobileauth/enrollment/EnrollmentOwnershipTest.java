package tw.mobileauth.enrollment;

import tw.mobileauth.client.BrowserFamily;
import tw.mobileauth.client.ClientContext;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import tw.mobileauth.audit.EnrollmentEvent;
import tw.mobileauth.carrier.CarrierAdapters;
import tw.mobileauth.carrier.spi.CallContext;
import tw.mobileauth.carrier.spi.Capability;
import tw.mobileauth.carrier.spi.CarrierAdapter;
import tw.mobileauth.carrier.spi.CarrierException;
import tw.mobileauth.carrier.spi.KycMatchResult;
import tw.mobileauth.carrier.spi.Msisdn;
import tw.mobileauth.carrier.spi.NvChallenge;
import tw.mobileauth.carrier.spi.NvVerification;
import tw.mobileauth.carrier.spi.SimSwapInfo;
import tw.mobileauth.carrier.spi.SubscriberClaims;
import tw.mobileauth.carrier.spi.SubscriptionAttributes;
import tw.mobileauth.carrier.testkit.Endpoint;
import tw.mobileauth.carrier.testkit.Scenario;
import tw.mobileauth.carrier.testkit.Subscriber;
import tw.mobileauth.client.DeviceClass;
import tw.mobileauth.identity.MobileNumber;
import tw.mobileauth.identity.NationalId;
import tw.mobileauth.store.CredentialRecord;
import tw.mobileauth.store.InMemoryEnrollmentStore;
import tw.mobileauth.store.InMemoryOneTimeTokenStore;

/**
 * The phone that proves the number must be the phone in the enrolment. Who holds what:
 * <ul>
 *   <li>the applying desktop holds the desktop secret (status, pairing code, certificate);</li>
 *   <li>the paired phone holds the phone session (its cookie) and starts the carrier verification;</li>
 *   <li>the carrier's redirect carries {@code code} and {@code state} to whichever browser opened
 *       the carrier link.</li>
 * </ul>
 * An attacker who knows a victim's ID, name, birth date and phone number applies on their own
 * desktop and phone, then gets the victim's phone to open the carrier link. These tests send
 * every request from the wrong browser and check that it buys the attacker nothing.
 */
class EnrollmentOwnershipTest {

    private static final String CHROME_ON_WINDOWS = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36"
            + " (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36";

    @Nested
    class ForwardedCarrierLink {

        @Test
        void aCallbackInTheVictimsBrowserIsRefusedSpendsNothingAndShowsTheDesktopNothing() throws Exception {
            try (Harness h = new Harness()) {
                Subscriber victim = h.networks.subscribers().find("cht", Scenario.ELIGIBLE);
                // 1–2. The attacker applies with the victim's details on their own desktop, scans with
                // their own phone and types the pairing code their own desktop shows.
                Harness.Applied attackerDesktop = h.apply(Harness.formOf(victim).build(), DeviceClass.DESKTOP);
                DeviceSession attackerPhone = h.scan(attackerDesktop);
                // 3. The silent carrier link goes to the victim, e.g. by SMS.
                URI link = h.startVerification(attackerPhone).carrierUri();
                h.networks.requests().clear();
                // 4. The victim taps it on mobile data: the carrier verifies the victim's number.
                Map<String, String> callback = h.phoneOf(victim).open(link);
                assertTrue(callback.containsKey("code"), "the carrier did verify the victim's line: " + callback.keySet());
                // 5. The victim's browser has no session of this enrolment: no cookie, or its own of another one.
                DeviceSession victimsOwn = assertInstanceOf(NextStep.ContinueHere.class,
                        h.apply(victim, DeviceClass.SMARTPHONE).begun().next()).device();
                for (PhoneSession wrong : List.of(PhoneSession.fromTransport(null), victimsOwn.session(),
                        PhoneSession.fromTransport(attackerPhone.session().revealForTransport() + "x"))) {
                    EnrollmentException refused = assertThrows(EnrollmentException.class,
                            () -> h.service.completeVerification(wrong, new VerificationCallback(callback)));
                    assertEquals(EnrollmentException.Reason.CALLBACK_WRONG_BROWSER, refused.reason());
                    Harness.assertLocalised(refused.text());
                    Harness.assertLocalised(refused.remedy());
                }
                // 6. No certificate, no look-up, nothing the desktop can read about the victim's line.
                assertTrue(h.audit.ofType(EnrollmentEvent.Completed.class).isEmpty(), "no certificate issued");
                assertTrue(h.networks.requests().all().stream().noneMatch(r -> r.endpoint() == Endpoint.TOKEN
                        || r.endpoint() == Endpoint.NUMBER_VERIFY || r.endpoint() == Endpoint.KYC_MATCH),
                        "no code exchange, no number verification, no KYC look-up: " + h.networks.requests().all());
                EnrollmentStatus.InProgress desktop = assertInstanceOf(EnrollmentStatus.InProgress.class,
                        h.status(attackerDesktop));
                assertEquals(EnrollmentState.VERIFYING, desktop.state());
                assertEquals(Optional.empty(), desktop.lastError());
                assertEquals(3, h.audit.ofType(EnrollmentEvent.AccessRefused.class).stream()
                        .filter(e -> e.toString().contains("CALLBACK_WRONG_BROWSER")).count(), "each refusal audited");

                // Nothing was spent: the old signature, completeVerification(callback), took only these
                // query parameters, and the very same callback still completes for the session that
                // paired (which the old code never asked for). That is the takeover this check stops.
                VerificationOutcome old = h.service.completeVerification(attackerPhone.session(),
                        new VerificationCallback(callback));
                assertInstanceOf(VerificationOutcome.Issued.class, old);
            }
        }

        @Test
        void aForgedOrMissingCookieCannotBeUsedToProbeStatesAndAReplacedStateIsStillAReplay() throws Exception {
            try (Harness h = new Harness()) {
                Subscriber s = h.networks.subscribers().find("twm", Scenario.ELIGIBLE);
                DeviceSession phone = assertInstanceOf(NextStep.ContinueHere.class,
                        h.apply(s, DeviceClass.SMARTPHONE).begun().next()).device();
                Map<String, String> first = h.startAndOpen(phone, s);
                Map<String, String> second = h.startAndOpen(phone, s);
                assertNotEquals(first.get("state"), second.get("state"));
                // The right browser with the replaced state: a replay, as before.
                EnrollmentException replayed = assertThrows(EnrollmentException.class,
                        () -> h.service.completeVerification(phone.session(), new VerificationCallback(first)));
                assertTrue(Set.of(EnrollmentException.Reason.STATE_REPLAYED, EnrollmentException.Reason.STATE_UNKNOWN)
                        .contains(replayed.reason()), replayed.reason().name());
                // An unknown state: STATE_UNKNOWN whichever cookie comes with it.
                assertEquals(EnrollmentException.Reason.STATE_UNKNOWN, assertThrows(EnrollmentException.class,
                        () -> h.service.completeVerification(null, new VerificationCallback(Map.of("state", "forged",
                                "code", "x")))).reason());
                assertInstanceOf(VerificationOutcome.Issued.class,
                        h.service.completeVerification(phone.session(), new VerificationCallback(second)));
            }
        }
    }

    @Nested
    class RelayIsVisible {

        @Test
        void thePhoneSummaryNamesTheApplyingDeviceAndWarnsAndTheListenerHearsOfTheNewCredential() throws Exception {
            RecordingListener listener = new RecordingListener();
            try (Harness h = new Harness(b -> b.listener(listener))) {
                Subscriber s = h.networks.subscribers().find("fet", Scenario.ELIGIBLE);
                Instant appliedAt = h.clock.instant();
                Harness.Applied a = h.apply(Harness.formOf(s).build(), new ClientContext(DeviceClass.DESKTOP,
                        Optional.of("203.0.113.77"), Optional.of(CHROME_ON_WINDOWS)));
                h.advance(Duration.ofSeconds(40));
                DeviceSession phone = h.scan(a);

                ApplyingDevice device = phone.summary().applyingDevice();
                assertEquals(DeviceClass.DESKTOP, device.deviceClass());
                assertEquals(BrowserFamily.CHROME, device.browserFamily());
                assertEquals(Optional.of("203.0.113.0/24"), device.network(), "a coarse prefix, never the address");
                assertEquals(appliedAt, device.appliedAt());
                assertEquals("If you did not start this on your own computer just now, stop.",
                        phone.summary().warning().en());
                assertTrue(phone.summary().warning().zhTw().contains("請停止"), phone.summary().warning().zhTw());
                assertFalse(phone.summary().toString().contains("203.0.113.77"));

                VerificationOutcome.Issued done = assertInstanceOf(VerificationOutcome.Issued.class,
                        h.verifyOn(h.phoneOf(s), phone));
                assertEquals(1, listener.issued.size());
                EnrollmentListener.CredentialIssued issued = listener.issued.get(0);
                assertEquals(done.credentialId(), issued.credentialId());
                assertEquals(a.begun().enrollmentId(), issued.enrollmentId());
                assertEquals(device, issued.device());
                assertEquals("fet", issued.carrierId());
                String id = s.holderId();
                assertEquals(NationalId.parse(id).masked(), issued.person().maskedNationalId());
                assertEquals(MobileNumber.parse(s.msisdn().e164()).masked(), issued.person().maskedPhone());
                assertEquals(h.credentials.find(done.credentialId()).orElseThrow().subjectKey(),
                        issued.person().subjectKey());
                assertFalse(issued.toString().contains(id), "no plain ID in the event: " + issued);
                assertFalse(issued.toString().contains(s.msisdn().e164().substring(4)), "no plain number: " + issued);
                assertTrue(listener.revoked.isEmpty(), "a first enrolment revokes nothing");

                // A second browser bound: the listener hears of the new one and of the revoked first one.
                h.advance(Duration.ofSeconds(1));
                String second = assertInstanceOf(VerificationOutcome.Issued.class,
                        h.journey(s, DeviceClass.SMARTPHONE).outcome()).credentialId();
                assertEquals(2, listener.issued.size());
                assertEquals(1, listener.revoked.size());
                EnrollmentListener.CredentialsRevoked revoked = listener.revoked.get(0);
                assertEquals(List.of(done.credentialId()), revoked.revoked());
                assertEquals(second, revoked.newCredentialId());
                assertEquals("REPLACE_ALL", revoked.bindingPolicy());
            }
        }

        @Test
        void aListenerThatThrowsNeverUndoesTheEnrollment() throws Exception {
            EnrollmentListener broken = new EnrollmentListener() {
                @Override
                public void credentialIssued(CredentialIssued event) {
                    throw new IllegalStateException("mail server down");
                }
            };
            try (Harness h = new Harness(b -> b.listener(broken))) {
                Harness.Journey j = h.journey(h.networks.subscribers().find("cht", Scenario.ELIGIBLE),
                        DeviceClass.SMARTPHONE);
                String id = assertInstanceOf(VerificationOutcome.Issued.class, j.outcome()).credentialId();
                assertTrue(h.credentials.find(id).orElseThrow().isActive());
                assertInstanceOf(EnrollmentStatus.Completed.class, h.status(j.applied()));
            }
        }

        @Test
        void aDesktopWhosePhoneWasNotPairedByCodeLearnsNoPerFieldKycResult() throws Exception {
            try (Harness relaxed = new Harness(b -> b.requirePairingCode(false))) {
                Subscriber s = relaxed.networks.subscribers().find("cht", Scenario.ELIGIBLE);
                Harness.Applied a = relaxed.apply(Harness.formOf(s).name("王小明").build(), DeviceClass.DESKTOP);
                VerificationOutcome onPhone = relaxed.verifyOn(relaxed.phoneOf(s), relaxed.scan(a));
                Harness.assertReasons(onPhone, "verification.NAME_MISMATCH");
                EnrollmentStatus.Rejected desktop = assertInstanceOf(EnrollmentStatus.Rejected.class, relaxed.status(a));
                assertEquals(List.of("verification.HOLDER_MISMATCH"),
                        desktop.reasons().stream().map(RejectionReason::code).toList());
                assertTrue(desktop.reasons().get(0).message().en().contains("could not confirm"),
                        desktop.reasons().get(0).message().en());
            }
        }
    }

    /** 200 racing rounds: tagged so the mutation profile, which runs it per mutant, can leave it out. */
    @Nested
    @Tag("concurrency")
    class RacingCallbacks {

        private static final int ROUNDS = 200;

        @Test
        void twoIdenticalCallbacksAfterAKycCheckpointLeaveExactlyOneActiveCredentialUnderReplaceAll() throws Exception {
            raceRounds(BindingPolicy.replaceAll());
        }

        @Test
        void twoIdenticalCallbacksAfterAKycCheckpointLeaveExactlyOneActiveCredentialUnderKeepLatestTwo()
                throws Exception {
            raceRounds(BindingPolicy.keepLatest(2));
        }

        /**
         * Each round: one enrolment of the same person; its callback meets a KYC 503 (the number
         * verification is checkpointed); then two identical callbacks (a retry and a browser
         * re-submit) race, with both credentials inserted before either enrolment moves on and the
         * loser's clean-up held back until the winner has applied the binding policy.
         */
        private void raceRounds(BindingPolicy policy) throws Exception {
            RacingCredentialStore store = new RacingCredentialStore();
            Hooks hooks = new Hooks();
            try (Harness h = new Harness(UnaryOperator.identity(), b -> {
                b.stores(new InMemoryEnrollmentStore(), new InMemoryOneTimeTokenStore(), store);
                return b.bindingPolicy(policy);
            }, hooks::wrap)) {
                Subscriber s = h.networks.subscribers().find("cht", Scenario.ELIGIBLE);
                List<String> winners = new ArrayList<>();
                for (int round = 0; round < ROUNDS; round++) {
                    h.advance(Duration.ofSeconds(1));
                    Harness.Applied a = h.apply(s, DeviceClass.SMARTPHONE);
                    DeviceSession phone = assertInstanceOf(NextStep.ContinueHere.class, a.begun().next()).device();
                    Map<String, String> callback = h.startAndOpen(phone, s);
                    hooks.kycOutages.set(1); // the carrier's KYC answers 503 (after the adapter's own retries)
                    assertTrue(assertThrows(EnrollmentUnavailableException.class,
                            () -> h.service.completeVerification(phone.session(), new VerificationCallback(callback)))
                            .isRetryable());

                    store.arm();
                    List<VerificationOutcome> outcomes = tw.mobileauth.store.Races.race(2,
                            i -> () -> h.service.completeVerification(phone.session(), new VerificationCallback(callback)));
                    store.disarm();

                    String shown = assertInstanceOf(EnrollmentStatus.Completed.class, h.status(a)).credentialId();
                    for (VerificationOutcome o : outcomes) {
                        assertEquals(shown, assertInstanceOf(VerificationOutcome.Issued.class, o).credentialId(),
                                "round " + round + ": both callers are told the one outcome");
                    }
                    winners.add(shown);
                    List<String> active = store.listBySubject(store.find(shown).orElseThrow().subjectKey()).stream()
                            .filter(CredentialRecord::isActive).map(CredentialRecord::credentialId).toList();
                    List<String> expected = winners.subList(Math.max(0, winners.size() - policy.keep()), winners.size());
                    assertEquals(expected, active, "round " + round + " under " + policy
                            + ": exactly one active credential of this enrolment, the one status returns");
                }
            }
        }
    }

    @Nested
    class DuplicateCallbackWithAFailingCodeExchange {

        /** The exchange token of {@code callback}'s state, as CodeExchanges keys it. */
        private String exchangeKey(Harness h, Map<String, String> callback) {
            return h.hmacKey().verifier("carrier-exchange", h.hmacKey().verifier("carrier-state", callback.get("state")));
        }

        @Test
        void identicalCallbacksAtOnceExchangeTheCodeOnceAndBothEndWithTheOneCredential() throws Exception {
            Hooks hooks = new Hooks();
            try (Harness h = new Harness(UnaryOperator.identity(), b -> b, hooks::wrap)) {
                Subscriber s = h.networks.subscribers().find("cht", Scenario.ELIGIBLE);
                Harness.Applied a = h.apply(s, DeviceClass.SMARTPHONE);
                DeviceSession phone = assertInstanceOf(NextStep.ContinueHere.class, a.begun().next()).device();
                Map<String, String> callback = h.startAndOpen(phone, s);
                hooks.armed = true;
                hooks.holdFirstExchangeUntilFirstFinished = true;

                Thread first = hooks.start(() -> h.service.completeVerification(phone.session(),
                        new VerificationCallback(callback)), hooks.firstResult, hooks.firstFinished);
                RacingCredentialStore.await(() -> hooks.firstAtExchange.await(10, TimeUnit.SECONDS));
                EnrollmentUnavailableException busy = assertThrows(EnrollmentUnavailableException.class,
                        () -> h.service.completeVerification(phone.session(), new VerificationCallback(callback)));
                assertTrue(busy.isRetryable(), "the duplicate is told to repeat the callback");
                hooks.secondInKyc.countDown(); // let the first go on
                first.join(TimeUnit.SECONDS.toMillis(30));

                String issued = assertInstanceOf(VerificationOutcome.Issued.class, hooks.firstResult.get(0))
                        .credentialId();
                assertEquals(issued, assertInstanceOf(VerificationOutcome.Issued.class,
                        h.service.completeVerification(phone.session(), new VerificationCallback(callback)))
                        .credentialId(), "the repeated duplicate gets the one outcome");
                assertEquals(List.of(200), h.codeExchanges("cht").stream()
                        .map(tw.mobileauth.carrier.testkit.LoggedRequest::responseStatus).toList(),
                        "the single-use code was exchanged exactly once");
            }
        }

        @Test
        void afterTheExchangeRightRanOutADuplicatesFailedExchangeLeavesTheOtherVerificationAbleToFinish()
                throws Exception {
            Hooks hooks = new Hooks();
            try (Harness h = new Harness(UnaryOperator.identity(), b -> b, hooks::wrap)) {
                Subscriber s = h.networks.subscribers().find("cht", Scenario.ELIGIBLE);
                Harness.Applied a = h.apply(s, DeviceClass.SMARTPHONE);
                DeviceSession phone = assertInstanceOf(NextStep.ContinueHere.class, a.begun().next()).device();
                Map<String, String> callback = h.startAndOpen(phone, s);
                hooks.armed = true;

                // A takes the exchange right and stalls in its exchange; its right runs out (simulated by
                // removing the token); B takes it, exchanges, checkpoints and waits in its KYC look-up;
                // then A's exchange of the spent code fails, and must not spoil B's checkpoint.
                Thread first = hooks.start(() -> h.service.completeVerification(phone.session(),
                        new VerificationCallback(callback)), hooks.firstResult, hooks.firstFinished);
                RacingCredentialStore.await(() -> hooks.firstAtExchange.await(10, TimeUnit.SECONDS));
                h.tokens.revoke(exchangeKey(h, callback));
                Thread second = hooks.start(() -> h.service.completeVerification(phone.session(),
                        new VerificationCallback(callback)), hooks.secondResult, new CountDownLatch(1));
                first.join(TimeUnit.SECONDS.toMillis(30));
                second.join(TimeUnit.SECONDS.toMillis(30));

                assertInstanceOf(VerificationOutcome.Issued.class, hooks.secondResult.get(0),
                        "the verification whose checkpoint stands finished: " + hooks.secondResult);
                assertEquals(List.of(200, 400), h.codeExchanges("cht").stream()
                        .map(tw.mobileauth.carrier.testkit.LoggedRequest::responseStatus).toList(),
                        "the stalled duplicate's exchange of the spent code failed");
                EnrollmentStatus.Completed done = assertInstanceOf(EnrollmentStatus.Completed.class, h.status(a));
                assertTrue(h.credentials.find(done.credentialId()).orElseThrow().isActive());
            }
        }
    }

    // ---------------------------------------------------------------- test doubles

    private static final class RecordingListener implements EnrollmentListener {
        final List<CredentialIssued> issued = new CopyOnWriteArrayList<>();
        final List<CredentialsRevoked> revoked = new CopyOnWriteArrayList<>();

        @Override
        public void credentialIssued(CredentialIssued event) {
            issued.add(event);
        }

        @Override
        public void credentialsRevoked(CredentialsRevoked event) {
            revoked.add(event);
        }
    }

    /**
     * A credential store that, when armed, holds both racers' inserts until both are in, and holds
     * the loser's delete until someone has listed the person's credentials after both inserts (the
     * winner's binding policy): the interleaving in which a loser's credential was counted.
     */
    private static final class RacingCredentialStore extends tw.mobileauth.testsupport.ForwardingCredentialStore {
        private volatile boolean armed;
        private volatile boolean bothInserted;
        private volatile CyclicBarrier inserts;
        private volatile CountDownLatch listedAfterInserts;

        RacingCredentialStore() {
            super(new tw.mobileauth.store.InMemoryCredentialStore());
        }

        void arm() {
            inserts = new CyclicBarrier(2, () -> bothInserted = true);
            listedAfterInserts = new CountDownLatch(1);
            bothInserted = false;
            armed = true;
        }

        void disarm() {
            armed = false;
        }

        @Override
        public boolean insert(CredentialRecord record) {
            boolean inserted = super.insert(record);
            if (armed) {
                await(() -> inserts.await(10, TimeUnit.SECONDS));
            }
            return inserted;
        }

        @Override
        public List<CredentialRecord> listBySubject(String subjectKey) {
            List<CredentialRecord> listed = super.listBySubject(subjectKey);
            if (armed && bothInserted) {
                listedAfterInserts.countDown();
            }
            return listed;
        }

        @Override
        public boolean delete(String credentialId) {
            if (armed) {
                await(() -> listedAfterInserts.await(2, TimeUnit.SECONDS));
            }
            return super.delete(credentialId);
        }

        private static void await(java.util.concurrent.Callable<?> wait) {
            try {
                wait.call();
            } catch (Exception e) {
                throw new IllegalStateException("the racing enrolments never met", e);
            }
        }
    }

    /**
     * Forces the duplicate-callback interleaving at the carrier: both attempts reach the code
     * exchange before either goes on; the first exchanges (and checkpoints); the second exchanges
     * the now spent code only after the first is in its KYC look-up; the first's look-up waits until
     * the second has returned.
     */
    private static final class Hooks {
        volatile boolean armed;
        /** Hold the first exchange until {@link #secondInKyc} opens (without letting the second in). */
        volatile boolean holdFirstExchangeUntilFirstFinished;
        final AtomicInteger arrivals = new AtomicInteger();
        final CountDownLatch firstAtExchange = new CountDownLatch(1);
        final CountDownLatch secondInKyc = new CountDownLatch(1);
        final CountDownLatch firstFinished = new CountDownLatch(1);
        final List<Object> firstResult = new CopyOnWriteArrayList<>();
        final List<Object> secondResult = new CopyOnWriteArrayList<>();
        /** How many KYC look-ups fail as an outage, without waiting for the adapter's retry back-off. */
        final AtomicInteger kycOutages = new AtomicInteger();

        /** Runs {@code call} on a new thread, recording its outcome or exception, then opening {@code done}. */
        Thread start(java.util.concurrent.Callable<Object> call, List<Object> result, CountDownLatch done) {
            Thread t = new Thread(() -> {
                try {
                    result.add(call.call());
                } catch (Exception e) {
                    result.add(e);
                } finally {
                    done.countDown();
                }
            });
            t.start();
            return t;
        }

        CarrierAdapters wrap(CarrierAdapters real) {
            Map<String, CarrierAdapter> out = new java.util.LinkedHashMap<>();
            for (String id : real.ids()) {
                out.put(id, new Hooked(real.get(id).orElseThrow()));
            }
            return CarrierAdapters.of(out);
        }

        private final class Hooked implements CarrierAdapter {
            private final CarrierAdapter real;

            Hooked(CarrierAdapter real) {
                this.real = real;
            }

            @Override
            public String carrierId() {
                return real.carrierId();
            }

            @Override
            public Set<Capability> capabilities() {
                return real.capabilities();
            }

            @Override
            public NvChallenge startNumberVerification(CallContext ctx, Msisdn msisdn, URI redirectUri)
                    throws CarrierException {
                return real.startNumberVerification(ctx, msisdn, redirectUri);
            }

            @Override
            public NvVerification completeNumberVerification(CallContext ctx, NvChallenge challenge,
                    Map<String, String> callback) throws CarrierException {
                if (armed && arrivals.incrementAndGet() == 1) {
                    firstAtExchange.countDown();
                    RacingCredentialStore.await(() -> secondInKyc.await(10, TimeUnit.SECONDS));
                }
                return real.completeNumberVerification(ctx, challenge, callback);
            }

            @Override
            public KycMatchResult matchSubscriber(CallContext ctx, Msisdn msisdn, SubscriberClaims claims)
                    throws CarrierException {
                if (kycOutages.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                    throw new CarrierException.CarrierUnavailable(CarrierException.Origin.http(carrierId(), 503,
                            "UNAVAILABLE", ctx.correlator()), Optional.empty(), "KYC match: 503 (test)", null);
                }
                if (armed && !holdFirstExchangeUntilFirstFinished && arrivals.get() >= 2 && secondInKyc.getCount() > 0) {
                    secondInKyc.countDown();
                    RacingCredentialStore.await(() -> firstFinished.await(10, TimeUnit.SECONDS));
                }
                return real.matchSubscriber(ctx, msisdn, claims);
            }

            @Override
            public SubscriptionAttributes subscriptionAttributes(CallContext ctx, Msisdn msisdn,
                    SubscriberClaims claims) throws CarrierException {
                return real.subscriptionAttributes(ctx, msisdn, claims);
            }

            @Override
            public SimSwapInfo simSwapInfo(CallContext ctx, Msisdn msisdn) throws CarrierException {
                return real.simSwapInfo(ctx, msisdn);
            }

            @Override
            public void close() {
                real.close();
            }
        }
    }
}
