package tw.mobileauth.carrier.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import org.junit.jupiter.api.Test;
import tw.mobileauth.carrier.spi.AccessNetwork;
import tw.mobileauth.carrier.spi.CallContext;
import tw.mobileauth.carrier.spi.Capability;
import tw.mobileauth.carrier.spi.CarrierAdapter;
import tw.mobileauth.carrier.spi.CarrierConfig;
import tw.mobileauth.carrier.spi.CarrierException;
import tw.mobileauth.carrier.spi.ContractType;
import tw.mobileauth.carrier.spi.NetworkStatus;
import tw.mobileauth.carrier.spi.NvChallenge;
import tw.mobileauth.carrier.spi.NvResult;
import tw.mobileauth.carrier.spi.NvVerification;

/**
 * {@link CarrierConformanceKit}'s checks of the official CAMARA definitions, the adapter's identity
 * and capabilities, number verification, the ID token and its keys, the network the phone is on, and
 * the verification's error answers.
 */
abstract class VerificationChecks extends ConformanceFixture {

    private static final int VISITED_COUNTRY = 440;

    // =================================================================== official CAMARA definitions

    /**
     * Reported as skipped, with where to put the files, when the official CAMARA definitions are
     * absent, so a run without them never reads as validated. With them, a whole verification and
     * every look-up validate, each exchange under its own operationId.
     *
     * @throws CarrierException if the carrier call fails; the permitted subclass says why and whether to retry
     */
    @Test
    public final void everyExchangeIsValidatedAgainstTheOfficialDefinitions() throws CarrierException {
        org.junit.jupiter.api.Assumptions.assumeTrue(CamaraConformance.definitionsPresent(),
                CamaraConformance::absenceMessage);
        network.conformance().take();
        Subscriber s = subscriber(Scenario.ELIGIBLE);
        verify(defaultHandle(s), s.msisdn(), context());
        adapter.matchSubscriber(context(), s.msisdn(), claimsOf(s));
        adapter.subscriptionAttributes(context(), s.msisdn(), claimsOf(s));
        adapter.simSwapInfo(context(), s.msisdn());
        List<ConformanceLog.Entry> entries = network.conformance().check();
        assertFalse(entries.isEmpty(), "the fake network recorded no exchange");
        for (ConformanceLog.Entry e : entries) {
            assertEquals(ConformanceLog.Outcome.VALIDATED, e.outcome(), e::describe);
        }
        Set<String> operations = new java.util.TreeSet<>();
        entries.forEach(e -> operations.add(e.operation()));
        for (String op : List.of("phoneNumberVerify", "getRoamingStatus", "getConnectedNetworkType", "KYC_Match")) {
            assertTrue(operations.contains(op), op + " validated: " + operations);
        }
    }

    // =================================================================== discovery and capabilities

    /** The adapter reports its factory's id, and the factory names the carrier in zh-TW and English. */
    @Test
    public final void adapterReportsItsFactorysCarrierIdAndDisplayNames() {
        assertEquals(factory().id(), adapter.carrierId());
        assertFalse(factory().displayName(Locale.TAIWAN).isBlank(), "displayName(zh-TW) must not be blank");
        assertFalse(factory().displayName(Locale.ENGLISH).isBlank(), "displayName(en) must not be blank");
    }

    /** isSupported accepts a config with a signing key and refuses one without; create refuses what isSupported refuses. */
    @Test
    public final void factorySupportsAConfigWithASigningKeyAndRefusesOneWithout() {
        assertTrue(factory().isSupported(configure(network.configFor(profile())).build()));
        CarrierConfig noKey = configure(CarrierConfig.builder(network.baseUri(profile()), "kit-no-key")
                .clock(clock)).build();
        assertFalse(factory().isSupported(noKey), "private_key_jwt needs a client signing key");
        assertThrows(IllegalArgumentException.class, () -> factory().create(noKey));
    }

    /** capabilities() declares what the profile offers: a SIM swap date at CHT and FET, only checks at TWM. */
    @Test
    public final void capabilitiesAreWhatTheProfileOffers() {
        Set<Capability> required = EnumSet.of(Capability.NUMBER_VERIFICATION, Capability.NETWORK_STATUS,
                Capability.KYC_MATCH, Capability.SUBSCRIPTION_ATTRIBUTES,
                isTwm() ? Capability.SIM_SWAP_CHECK : Capability.SIM_SWAP_DATE);
        Set<Capability> declared = adapter.capabilities();
        assertTrue(declared.containsAll(required), "declared " + declared + " but the profile offers " + required);
        Set<Capability> allowed = EnumSet.copyOf(required);
        allowed.add(Capability.SIM_SWAP_CHECK);
        assertTrue(allowed.containsAll(declared), "declared " + declared + " beyond what the profile offers "
                + allowed);
    }

    /**
     * Every declared capability works for an eligible line.
     *
     * @throws CarrierException if the carrier call fails; the permitted subclass says why and whether to retry
     */
    @Test
    public final void everyDeclaredCapabilityWorks() throws CarrierException {
        Subscriber s = subscriber(Scenario.ELIGIBLE);
        for (Capability c : adapter.capabilities()) {
            switch (c) {
                case NUMBER_VERIFICATION:
                case NETWORK_STATUS:
                    assertTrue(verify(defaultHandle(s), s.msisdn(), context()).result().verified());
                    break;
                case KYC_MATCH:
                    assertTrue(adapter.matchSubscriber(context(), s.msisdn(), claimsOf(s)).isFullMatch());
                    break;
                case SUBSCRIPTION_ATTRIBUTES:
                    assertEquals(ContractType.POSTPAID,
                            adapter.subscriptionAttributes(context(), s.msisdn(), claimsOf(s)).contractType());
                    break;
                case SIM_SWAP_DATE:
                case SIM_SWAP_CHECK:
                    assertEquals(Optional.of(false), adapter.simSwapInfo(context(), s.msisdn())
                            .changedWithin(Duration.ofHours(72), clock.instant()));
                    break;
                default:
                    fail("the kit does not know capability " + c);
            }
        }
    }

    // =================================================================== number verification

    /**
     * Starting calls nothing but the discovery document, takes the authorize URL from it, binds
     * state, nonce and an S256 challenge of the kept verifier, and sends no {@code login_hint}
     * unless the profile requires one.
     *
     * @throws CarrierException if the carrier call fails; the permitted subclass says why and whether to retry
     */
    @Test
    public final void startingVerificationMakesNoCallAndBindsStateNonceAndPkce() throws CarrierException {
        Subscriber s = subscriber(Scenario.ELIGIBLE);
        NvChallenge ch = adapter.startNumberVerification(context(), s.msisdn(), CALLBACK);
        assertTrue(network.requests().all().stream().allMatch(r -> r.endpoint() == Endpoint.DISCOVERY),
                "startNumberVerification may read the discovery document, nothing else; was "
                        + network.requests().endpoints(profile()));
        String authorize = network.issuer(profile()) + Endpoint.AUTHORIZE.path();
        assertTrue(ch.authorizeUri().toString().startsWith(authorize + "?"),
                "the authorize URL must be " + authorize + "?…, was " + ch.authorizeUri().getPath());
        Map<String, String> q = query(ch.authorizeUri());
        assertEquals("code", q.get("response_type"));
        assertEquals(CALLBACK.toString(), q.get("redirect_uri"));
        assertEquals(ch.state(), q.get("state"));
        assertEquals(ch.nonce(), q.get("nonce"));
        assertEquals("S256", q.get("code_challenge_method"));
        assertEquals(OAuthServer.s256(ch.codeVerifierSecret()), q.get("code_challenge"));
        assertEquals("none", q.get("prompt"));
        assertEquals(requiresLoginHint(), q.containsKey("login_hint"), "login_hint only where the profile requires it");
        if (!requiresLoginHint()) {
            assertFalse(ch.authorizeUri().toString().contains(s.msisdn().e164().substring(4)),
                    "the number must not be in the link");
        }
        assertFalse(ch.authorizeUri().toString().contains(ch.codeVerifierSecret()), "the verifier must stay server-side");
        Set<String> scopes = OAuthServer.scopes(q.getOrDefault("scope", ""));
        assertTrue(scopes.containsAll(List.of("openid", "number-verification:verify", "device-roaming-status:read",
                "connected-network-type:read")), "scope was " + scopes);
        assertEquals(s.msisdn(), ch.msisdn());
        assertEquals(CALLBACK, ch.redirectUri());
        assertTrue(ch.expiresAt().isAfter(clock.instant()));
        assertTrue(ch.state().length() >= 22, "state must carry at least 128 random bits");
        NvChallenge again = adapter.startNumberVerification(context(), s.msisdn(), CALLBACK);
        assertNotEquals(ch.state(), again.state());
        assertNotEquals(ch.nonce(), again.nonce());
        assertNotEquals(ch.codeVerifierSecret(), again.codeVerifierSecret());
    }

    /**
     * A phone on its own carrier's 4G verifies its number, not roaming, over G4.
     *
     * @throws CarrierException if the carrier call fails; the permitted subclass says why and whether to retry
     */
    @Test
    public final void aPhoneOnItsCarriers4gVerifiesItsNumber() throws CarrierException {
        Subscriber s = subscriber(Scenario.ELIGIBLE);
        NvVerification v = verify(defaultHandle(s), s.msisdn(), context());
        assertTrue(v.result().verified());
        assertEquals(NvResult.Method.NETWORK_BASED, v.result().method());
        assertEquals(AccessNetwork.G4, v.network().accessNetwork());
        assertFalse(v.network().roaming());
        assertEquals(OptionalInt.empty(), v.network().visitedCountry());
    }

    /**
     * A phone holding another number of the same carrier gives verified=false: a result, not an error.
     *
     * @throws CarrierException if the carrier call fails; the permitted subclass says why and whether to retry
     */
    @Test
    public final void aPhoneHoldingAnotherNumberIsAFalseResultNotAnError() throws CarrierException {
        Subscriber claimed = subscriber(Scenario.ELIGIBLE);
        Subscriber held = subscriber(Scenario.PREPAID);
        assertFalse(verify(defaultHandle(held), claimed.msisdn(), context()).result().verified());
        assertTrue(verify(defaultHandle(claimed), claimed.msisdn(), context()).result().verified());
    }

    /**
     * The single-use token is obtained by one code exchange and calls verify, then roaming and network type, once each.
     *
     * @throws CarrierException if the carrier call fails; the permitted subclass says why and whether to retry
     */
    @Test
    public final void theSingleUseTokenCallsVerifyThenRoamingAndNetworkTypeOnceEach() throws CarrierException {
        Subscriber s = subscriber(Scenario.ELIGIBLE);
        verify(defaultHandle(s), s.msisdn(), context());
        List<LoggedRequest> all = network.requests().all();
        List<LoggedRequest> exchanges = codeExchanges();
        assertEquals(1, exchanges.size(), "exactly one code exchange");
        assertTrue(exchanges.get(0).body().contains("code_verifier="), "the exchange sends the PKCE verifier");
        int exchange = all.indexOf(exchanges.get(0));
        int verify = indexOfOnly(all, Endpoint.NUMBER_VERIFY);
        int roaming = indexOfOnly(all, Endpoint.ROAMING_STATUS);
        int type = indexOfOnly(all, Endpoint.NETWORK_TYPE);
        assertTrue(exchange < verify && verify < roaming && verify < type,
                "order must be exchange, verify, then the status reads; was " + network.requests().endpoints(profile()));
        for (int i : new int[] {verify, roaming, type}) {
            assertEquals(200, all.get(i).responseStatus(), all.get(i).toString());
        }
        for (int i : new int[] {roaming, type}) {
            assertEquals("{}", all.get(i).body().strip(), all.get(i).endpoint() + " is retrieved with the body {} as"
                    + " application/json: the official definitions require a body, and the 3-legged token names the"
                    + " device (§2)");
        }
    }

    /**
     * Every request of a verification carries the context's correlator.
     *
     * @throws CarrierException if the carrier call fails; the permitted subclass says why and whether to retry
     */
    @Test
    public final void everyVerificationRequestCarriesTheContextsCorrelator() throws CarrierException {
        Subscriber s = subscriber(Scenario.ELIGIBLE);
        CallContext ctx = context();
        verify(defaultHandle(s), s.msisdn(), ctx);
        for (LoggedRequest r : network.requests().all()) {
            if (r.endpoint() != Endpoint.AUTHORIZE) {
                assertEquals(Optional.of(ctx.correlator()), r.correlator(), r.toString());
            }
        }
    }

    // =================================================================== ID token: issuer, signature, keys, discovery

    /** OIDC Core 3.1.3.7: an ID token whose iss is not the carrier's issuer is refused; the token is never used. */
    @Test
    public final void anIdTokenFromAnotherIssuerIsAProtocolViolation() {
        idTokenRefused(Fault.idTokenWrongIssuer(), "an ID token of another issuer");
    }

    /** An unsigned ID token (alg none) is refused whatever the configuration: a signature is always required. */
    @Test
    public final void anUnsignedIdTokenIsAProtocolViolation() {
        idTokenRefused(Fault.idTokenUnsigned(), "an unsigned ID token (alg none)");
    }

    /** An ID token whose kid the carrier does not publish is refused, even after the adapter refreshes its keys. */
    @Test
    public final void anIdTokenWithAnUnknownKidIsAProtocolViolation() {
        idTokenRefused(Fault.idTokenUnknownKid(), "an ID token signed by an unpublished key");
    }

    /** When the carrier's JWK set lacks the signing key (here: it is empty), the ID token is refused. */
    @Test
    public final void anIdTokenWhoseKeyIsMissingFromTheJwkSetIsAProtocolViolation() {
        network.faults().inject(profile(), Endpoint.JWKS,
                Fault.rawResponse(200, "application/json", "{\"keys\":[]}").times(10));
        idTokenRefused(null, "an ID token whose key the JWK set lacks");
    }

    /**
     * The carrier rotates its key (new kid in the same JWK set): the next verification passes, no restart.
     *
     * @throws CarrierException if the carrier call fails; the permitted subclass says why and whether to retry
     */
    @Test
    public final void aRotatedKeyIsAcceptedWithoutARestart() throws CarrierException {
        Subscriber s = subscriber(Scenario.ELIGIBLE);
        assertTrue(verify(defaultHandle(s), s.msisdn(), context()).result().verified());
        network.rotateIdTokenKey(profile(), FakeCarrierNetworks.JwksRotation.SAME_JWKS_URI);
        assertTrue(verify(defaultHandle(s), s.msisdn(), context()).result().verified(),
                "a new kid in the carrier's JWK set must be picked up without a restart");
    }

    /**
     * The carrier rotates to a new jwks_uri: the adapter finds it by reading the discovery document again.
     *
     * @throws CarrierException if the carrier call fails; the permitted subclass says why and whether to retry
     */
    @Test
    public final void aRotatedJwksUriIsPickedUpThroughADiscoveryRefresh() throws CarrierException {
        Subscriber s = subscriber(Scenario.ELIGIBLE);
        assertTrue(verify(defaultHandle(s), s.msisdn(), context()).result().verified());
        int discoveries = network.requests().of(profile(), Endpoint.DISCOVERY).size();
        network.rotateIdTokenKey(profile(), FakeCarrierNetworks.JwksRotation.NEW_JWKS_URI);
        assertTrue(verify(defaultHandle(s), s.msisdn(), context()).result().verified(),
                "a key at a new jwks_uri must be found through the discovery document");
        assertTrue(network.requests().of(profile(), Endpoint.DISCOVERY).size() > discoveries,
                "the discovery document must be read again after an unknown kid");
    }

    /**
     * A carrier whose discovery document puts the authorization server on another loopback port
     * works end to end: the authorize URL, the code exchange and the client-credentials token all
     * go there, and nothing is sent to the API port's OAuth paths (which answer 404).
     *
     * @throws CarrierException if the carrier call fails; the permitted subclass says why and whether to retry
     */
    @Test
    public final void anAuthorizationServerOnAnotherPortWorksEndToEnd() throws CarrierException {
        try (FakeCarrierNetworks split = FakeCarrierNetworks.builder().clock(clock).separateAuthorizationServer()
                .start()) {
            assertNotEquals(split.baseUri(profile()).getPort(), split.issuer(profile()).getPort());
            try (CarrierAdapter other = factory().create(configure(split.configFor(profile())).build())) {
                Subscriber s = split.subscribers().find(profile(), Scenario.ELIGIBLE);
                CallContext ctx = context();
                NvChallenge ch = other.startNumberVerification(ctx, s.msisdn(), CALLBACK);
                assertEquals(split.issuer(profile()).getPort(), ch.authorizeUri().getPort(),
                        "the authorize URL comes from the discovery document");
                Map<String, String> cb = split.phone(defaultHandle(s)).open(ch.authorizeUri());
                assertTrue(other.completeNumberVerification(ctx, ch, cb).result().verified());
                assertTrue(other.matchSubscriber(context(), s.msisdn(), claimsOf(s)).isFullMatch());
                assertTrue(split.requests().all().stream().filter(r -> r.endpoint() == Endpoint.OTHER).findAny()
                        .isEmpty(), "nothing was sent where the carrier serves nothing: " + split.requests().all());
            }
        }
    }

    /** One verification whose ID token {@code fault} spoils (or, with null, whose keys are spoilt already). */
    private void idTokenRefused(Fault fault, String what) {
        Subscriber s = subscriber(Scenario.ELIGIBLE);
        CallContext ctx = context();
        NvChallenge ch;
        Map<String, String> cb;
        try {
            ch = adapter.startNumberVerification(ctx, s.msisdn(), CALLBACK);
            cb = network.phone(defaultHandle(s)).open(ch.authorizeUri());
        } catch (CarrierException e) {
            throw new AssertionError("starting failed before the ID token was reached", e);
        }
        if (fault != null) {
            network.faults().inject(profile(), Endpoint.TOKEN, fault);
        }
        NvChallenge challenge = ch;
        CarrierException e = expectFailure(CarrierException.ProtocolViolation.class, ctx,
                () -> adapter.completeNumberVerification(ctx, challenge, cb));
        assertFalse(e.isRetryable(), what + " must never be retried");
        assertTrue(network.requests().of(profile(), Endpoint.NUMBER_VERIFY).isEmpty(),
                what + ": the token must not be used");
    }

    /**
     * A phone on Wi-Fi raises NotOnMobileNetwork (user action) without exchanging anything; on 4G it verifies.
     *
     * @throws CarrierException if the carrier call fails; the permitted subclass says why and whether to retry
     */
    @Test
    public final void aPhoneOnWifiRaisesNotOnMobileNetwork() throws CarrierException {
        Subscriber s = subscriber(Scenario.ELIGIBLE);
        String handle = attach(s.msisdn(), Access.wifi());
        CallContext ctx = context();
        CarrierException e = expectFailure(CarrierException.NotOnMobileNetwork.class, ctx,
                () -> verify(handle, s.msisdn(), ctx));
        assertEquals(CarrierException.Retry.AFTER_USER_ACTION, e.retry());
        assertTrue(codeExchanges().isEmpty(), "nothing to exchange after access_denied");
        network.attachments().attach(handle, s.msisdn(), Access.g4());
        assertTrue(verify(handle, s.msisdn(), context()).result().verified());
    }

    /** A phone whose data goes over another carrier's network raises NotOnMobileNetwork. */
    @Test
    public final void aPhoneOnAnotherCarriersNetworkRaisesNotOnMobileNetwork() {
        Subscriber own = subscriber(Scenario.ELIGIBLE);
        Subscriber foreign = network.subscribers().find(otherCarrier(), Scenario.ELIGIBLE);
        CallContext ctx = context();
        expectFailure(CarrierException.NotOnMobileNetwork.class, ctx,
                () -> verify(defaultHandle(foreign), foreign.msisdn(), ctx));
        String dualSim = attach(own.msisdn(), Access.otherCarrier(otherCarrier()));
        CallContext ctx2 = context();
        expectFailure(CarrierException.NotOnMobileNetwork.class, ctx2, () -> verify(dualSim, own.msisdn(), ctx2));
    }

    /**
     * Roaming is reported as a fact, with the visited country; it is not an error.
     *
     * @throws CarrierException if the carrier call fails; the permitted subclass says why and whether to retry
     */
    @Test
    public final void roamingIsReportedWithTheVisitedCountry() throws CarrierException {
        Subscriber s = subscriber(Scenario.ELIGIBLE);
        NetworkStatus abroad = verify(attach(s.msisdn(), Access.roaming(VISITED_COUNTRY, false)), s.msisdn(),
                context()).network();
        assertTrue(abroad.roaming());
        assertEquals(OptionalInt.of(VISITED_COUNTRY), abroad.visitedCountry());
        assertEquals(AccessNetwork.G4, abroad.accessNetwork());
        NetworkStatus home = verify(defaultHandle(s), s.msisdn(), context()).network();
        assertFalse(home.roaming());
    }

    /**
     * 3G is reported as G3.
     *
     * @throws CarrierException if the carrier call fails; the permitted subclass says why and whether to retry
     */
    @Test
    public final void threeGIsReportedAsG3() throws CarrierException {
        Subscriber s = subscriber(Scenario.ELIGIBLE);
        NvVerification v = verify(attach(s.msisdn(), Access.g3()), s.msisdn(), context());
        assertTrue(v.result().verified());
        assertEquals(AccessNetwork.G3, v.network().accessNetwork());
    }

    /**
     * 4G and 5G are reported as G4 and G5.
     *
     * @throws CarrierException if the carrier call fails; the permitted subclass says why and whether to retry
     */
    @Test
    public final void fourGAndFiveGAreReportedAsSuch() throws CarrierException {
        Subscriber s = subscriber(Scenario.ELIGIBLE);
        assertEquals(AccessNetwork.G4, verify(attach(s.msisdn(), Access.g4()), s.msisdn(), context())
                .network().accessNetwork());
        assertEquals(AccessNetwork.G5, verify(attach(s.msisdn(), Access.g5()), s.msisdn(), context())
                .network().accessNetwork());
    }

    /**
     * A callback whose state is not the challenge's is a ProtocolViolation, and no code is exchanged.
     *
     * @throws CarrierException if the carrier call fails; the permitted subclass says why and whether to retry
     */
    @Test
    public final void aForeignStateInTheCallbackIsAProtocolViolation() throws CarrierException {
        Subscriber s = subscriber(Scenario.ELIGIBLE);
        network.faults().inject(profile(), Endpoint.AUTHORIZE, Fault.invalidState());
        CallContext ctx = context();
        expectFailure(CarrierException.ProtocolViolation.class, ctx, () -> verify(defaultHandle(s), s.msisdn(), ctx));
        NvChallenge ch = adapter.startNumberVerification(ctx, s.msisdn(), CALLBACK);
        Map<String, String> callback = new java.util.HashMap<>(network.phone(defaultHandle(s)).open(ch.authorizeUri()));
        callback.put("state", ch.state() + "x");
        expectFailure(CarrierException.ProtocolViolation.class, ctx,
                () -> adapter.completeNumberVerification(ctx, ch, Map.copyOf(callback)));
        assertTrue(codeExchanges().isEmpty(), "a code under a foreign state must never be exchanged");
    }

    /** consent_required, login_required and a plain access_denied in the callback raise ConsentRequired. */
    @Test
    public final void consentErrorsInTheCallbackRaiseConsentRequired() {
        Subscriber s = subscriber(Scenario.ELIGIBLE);
        for (String error : List.of("consent_required", "login_required", "access_denied")) {
            network.faults().inject(profile(), Endpoint.AUTHORIZE, Fault.oauthError(400, error));
            CallContext ctx = context();
            CarrierException e = expectFailure(CarrierException.ConsentRequired.class, ctx,
                    () -> verify(defaultHandle(s), s.msisdn(), ctx));
            assertEquals(CarrierException.Retry.AFTER_USER_ACTION, e.retry(), error);
        }
    }

    /**
     * invalid_grant and invalid_client at the code exchange raise AuthenticationFailed that is
     * never retried (there is no token to renew and a refused code stays refused); the exchange is
     * not repeated.
     */
    @Test
    public final void aRefusedCodeExchangeRaisesAuthenticationFailedThatIsNeverRetried() {
        Subscriber s = subscriber(Scenario.ELIGIBLE);
        for (String error : List.of("invalid_grant", "invalid_client")) {
            network.requests().clear();
            network.faults().inject(profile(), Endpoint.TOKEN, Fault.oauthError(error.equals("invalid_client")
                    ? 401 : 400, error));
            CallContext ctx = context();
            CarrierException e = expectFailure(CarrierException.AuthenticationFailed.class, ctx,
                    () -> verify(defaultHandle(s), s.msisdn(), ctx));
            assertEquals(error, e.code(), "the raw OAuth error is the code");
            assertEquals(CarrierException.Retry.NEVER, e.retry(), error + " at the code exchange: no new token helps");
            assertFalse(e.isRetryable());
            assertEquals(1, codeExchanges().size(), "a code is exchanged at most once");
        }
    }

    /** invalid_request and invalid_scope at the code exchange raise InvalidRequest. */
    @Test
    public final void aMalformedCodeExchangeRaisesInvalidRequest() {
        Subscriber s = subscriber(Scenario.ELIGIBLE);
        for (String error : List.of("invalid_request", "invalid_scope")) {
            network.faults().inject(profile(), Endpoint.TOKEN, Fault.oauthError(400, error));
            CallContext ctx = context();
            CarrierException e = expectFailure(CarrierException.InvalidRequest.class, ctx,
                    () -> verify(defaultHandle(s), s.msisdn(), ctx));
            assertEquals(CarrierException.Retry.NEVER, e.retry());
        }
    }

    /**
     * An ID token whose nonce is not this verification's (a token minted for another one) is a
     * ProtocolViolation, and the 3-legged token is not used.
     */
    @Test
    public final void anIdTokenWithAnotherNonceIsAProtocolViolation() {
        Subscriber s = subscriber(Scenario.ELIGIBLE);
        network.faults().inject(profile(), Endpoint.TOKEN, Fault.wrongNonce());
        CallContext ctx = context();
        expectFailure(CarrierException.ProtocolViolation.class, ctx, () -> verify(defaultHandle(s), s.msisdn(), ctx));
        assertTrue(network.requests().of(profile(), Endpoint.NUMBER_VERIFY).isEmpty(),
                "a token not bound to this verification's nonce must not be used");
    }

    /** A token answer without an id_token, although the scope has openid, is a ProtocolViolation. */
    @Test
    public final void aTokenAnswerWithoutAnIdTokenIsAProtocolViolation() {
        Subscriber s = subscriber(Scenario.ELIGIBLE);
        network.faults().inject(profile(), Endpoint.TOKEN, Fault.rawResponse(200, Reply.JSON,
                "{\"access_token\":\"kit-no-id-token\",\"token_type\":\"Bearer\",\"expires_in\":300,"
                        + "\"scope\":\"openid number-verification:verify\"}"));
        CallContext ctx = context();
        expectFailure(CarrierException.ProtocolViolation.class, ctx, () -> verify(defaultHandle(s), s.msisdn(), ctx));
        assertTrue(network.requests().of(profile(), Endpoint.NUMBER_VERIFY).isEmpty(),
                "without an id_token the answer is not bound to this verification");
    }

    /** 403 USER_NOT_AUTHENTICATED_BY_MOBILE_NETWORK from verify raises NotOnMobileNetwork. */
    @Test
    public final void verifyRefusedForTheMobileNetworkRaisesNotOnMobileNetwork() {
        Subscriber s = subscriber(Scenario.ELIGIBLE);
        network.faults().inject(profile(), Endpoint.NUMBER_VERIFY,
                Fault.error(403, "NUMBER_VERIFICATION.USER_NOT_AUTHENTICATED_BY_MOBILE_NETWORK"));
        CallContext ctx = context();
        CarrierException e = expectFailure(CarrierException.NotOnMobileNetwork.class, ctx,
                () -> verify(defaultHandle(s), s.msisdn(), ctx));
        assertEquals(OptionalInt.of(403), e.httpStatus());
    }

    /** Malformed JSON, or JSON without devicePhoneNumberVerified, from verify is a ProtocolViolation. */
    @Test
    public final void aBrokenVerifyAnswerIsAProtocolViolation() {
        Subscriber s = subscriber(Scenario.ELIGIBLE);
        for (Fault fault : List.of(Fault.malformedJson(), Fault.rawResponse(200, Reply.JSON, "{}"))) {
            network.faults().inject(profile(), Endpoint.NUMBER_VERIFY, fault);
            CallContext ctx = context();
            expectFailure(CarrierException.ProtocolViolation.class, ctx, () -> verify(defaultHandle(s), s.msisdn(), ctx));
        }
    }

    /** A wrong x-correlator echo on the verify leg is a ProtocolViolation. */
    @Test
    public final void aWrongCorrelatorOnTheVerifyLegIsAProtocolViolation() {
        Subscriber s = subscriber(Scenario.ELIGIBLE);
        network.faults().inject(profile(), Endpoint.NUMBER_VERIFY, Fault.wrongCorrelator());
        CallContext ctx = context();
        expectFailure(CarrierException.ProtocolViolation.class, ctx, () -> verify(defaultHandle(s), s.msisdn(), ctx));
    }

    // =================================================================== helpers of these checks

    private int indexOfOnly(List<LoggedRequest> all, Endpoint endpoint) {
        List<LoggedRequest> hits = network.requests().of(profile(), endpoint);
        assertEquals(1, hits.size(), endpoint + " must be called exactly once with the single-use token");
        return all.indexOf(hits.get(0));
    }
}
