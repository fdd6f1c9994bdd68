/**
 * The identity registry SPI: what an adapter implements so that MobileAuth TW core can ask a
 * registry whether the NHI card number (健保卡號) a person typed belongs to their ID and is their
 * current card.
 *
 * <p>Shape:
 * <ul>
 *   <li>{@link tw.mobileauth.registry.spi.IdentityRegistryFactory} is found with
 *       {@link java.util.ServiceLoader} (helper: {@link tw.mobileauth.registry.spi.IdentityRegistries});
 *       it is stateless and creates {@link tw.mobileauth.registry.spi.IdentityRegistry} clients from
 *       a {@link tw.mobileauth.registry.spi.RegistryConfig}.</li>
 *   <li>One call: {@link tw.mobileauth.registry.spi.IdentityRegistry#checkCard checkCard(ctx, claim)}
 *       answers one {@link tw.mobileauth.registry.spi.CardCheck}: {@code MATCH}, {@code NO_MATCH},
 *       {@code CARD_REPORTED_LOST} or {@code CARD_REPLACED}. A non-match is a result, never an
 *       exception; core decides what it means.</li>
 *   <li>Failures form the closed, sealed {@link tw.mobileauth.registry.spi.RegistryException}
 *       taxonomy: {@code Timeout} and {@code Unavailable} are retryable (with the registry's
 *       {@code Retry-After} when it gave one); {@code Misconfigured}, {@code AuthenticationFailed}
 *       and {@code ProtocolViolation} alert the operator and are never retried.</li>
 *   <li>Nothing here returns {@code null}; absent values are {@link java.util.Optional}.</li>
 * </ul>
 *
 * <h2>Shared with the carrier SPI, not copied</h2>
 * This module depends on {@code carrier-spi} and nothing else. A registry call takes the same
 * {@link tw.mobileauth.carrier.spi.CallContext} as a carrier call (correlator sent as
 * {@code x-correlator} and checked on the way back, a deadline that bounds the call and its
 * retries, the person's locale), so core makes one context for the whole post-verification step.
 * Retry advice is {@link tw.mobileauth.carrier.spi.CarrierException.Retry}, the carriers' enum:
 * core's retry handling reads one type. It is nested in {@code CarrierException} because that is
 * where carriers declared it; a registry failure uses only {@code NEVER} and {@code WITH_BACKOFF}
 * ({@code WITH_NEW_TOKEN}, {@code AFTER_USER_ACTION} and {@code RESTART_VERIFICATION} have no
 * registry meaning and {@link tw.mobileauth.registry.spi.RegistryException} never carries them).
 * Moving the enum to a top-level type would break every carrier adapter for no gain. The
 * https-or-loopback rule is {@link tw.mobileauth.carrier.spi.CarrierConfig#isSecureOrLoopback}.
 *
 * <h2>Where it runs</h2>
 * The registry is asked only <em>after</em> number verification succeeded, together with the
 * carrier's KYC look-ups. Asked earlier, it would tell anyone who knows an ID which card numbers
 * are right. {@code NO_MATCH} counts toward the same per-person attempt limit as a KYC mismatch.
 *
 * <h2>Privacy</h2>
 * A {@link tw.mobileauth.registry.spi.CardClaim} holds an ID number and a card number. Its
 * {@code toString()} is masked ({@code A12****789}, {@code ********5678}). Adapters must never
 * write either value to a log, an exception message or a metric, and must not keep them after the
 * call. When something has to be named, use the masked forms. The conformance kit checks
 * exception messages.
 *
 * <h2>Settings</h2>
 * A deployment binds {@code mobileauth.registry.<id>.*} to a
 * {@link tw.mobileauth.registry.spi.RegistryConfig}, the way carriers bind
 * {@code mobileauth.carrier.<id>.*}: {@code base-uri}, {@code client-id},
 * {@code signing-key-file} or {@code signing-key}, {@code signing-key-id}, {@code connect-timeout},
 * {@code call-timeout}. Any other key is a registry property.
 */
package tw.mobileauth.registry.spi;
