package tw.mobileauth.registry.spi;

import tw.mobileauth.carrier.spi.CallContext;

/**
 * One identity registry, bound to a {@link RegistryConfig}. Thread-safe; one instance serves every
 * enrolment.
 *
 * <p><b>When to call it.</b> Only after the person's phone number was verified over the
 * carrier's network, together with the carrier's KYC look-ups: before possession is proven the
 * registry must not become an oracle that tells a stranger which card number belongs to an ID.
 */
public interface IdentityRegistry extends AutoCloseable {

    /** {@return the registry id, equal to its factory's {@link IdentityRegistryFactory#id()}} */
    String registryId();

    /**
     * Asks the registry whether the card in {@code claim} belongs to its ID and is current.
     *
     * <p>The call is idempotent. The adapter sends {@code ctx}'s correlator as
     * {@code x-correlator}, requires it back, bounds the whole call (retries included) by
     * {@code ctx}'s deadline, and retries outages ({@link RegistryException#isRetryable()}) with
     * backoff while time is left. Every answer of the registry is one {@link CardCheck}; a
     * non-match is a result, never an exception.
     *
     * @param ctx the call context: deadline, correlator and retry budget
     * @param claim the claim value
     * @return the registry's answer, never null
     * @throws RegistryException.Timeout              no answer before the deadline; retryable
     * @throws RegistryException.Unavailable          the registry is down or throttling; retryable
     * @throws RegistryException.Misconfigured        the registry refuses this deployment's settings; alert
     * @throws RegistryException.AuthenticationFailed the request signature or client certificate was refused; alert
     * @throws RegistryException.ProtocolViolation    the registry broke its profile; alert
     */
    CardCheck checkCard(CallContext ctx, CardClaim claim) throws RegistryException;

    /** Releases what the client opened. Never throws. */
    @Override
    void close();
}
