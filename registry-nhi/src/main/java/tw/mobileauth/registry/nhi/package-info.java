/**
 * The reference adapter for the NHI (衛生福利部中央健康保險署) card registry: factory id
 * {@code nhi}, found with {@link java.util.ServiceLoader} through
 * {@link tw.mobileauth.registry.nhi.NhiRegistryFactory}.
 *
 * <p><b>A reference profile.</b> The real registry's interface is not public. This module
 * speaks the profile documented in {@code docs/registry-nhi-profile.md}, as the carrier adapters
 * speak theirs. A registry whose contract differs replaces only this module.
 *
 * <ul>
 *   <li>{@code POST {base-uri}/nhi/v1/card-checks} with {@code {"nationalId","cardNumber"}}
 *       answers {@code {"result":"MATCH|NO_MATCH|CARD_REPORTED_LOST|CARD_REPLACED"}}. Errors
 *       come as {@code {"status","code","message"}}.</li>
 *   <li>Every request is signed: {@code Authorization: NHI-Signature <ES256 JWS>} over the
 *       method, the path, the time ({@code iat}/{@code exp}, 60 s), a random {@code jti}, the
 *       correlator and the SHA-256 of the body, with the client id as {@code iss}. Signing uses
 *       Nimbus JOSE+JWT. A TLS client certificate (mutual TLS) is used in addition when the
 *       configuration has an {@code SSLContext}.</li>
 *   <li>{@code x-correlator} is sent and must come back unchanged. At most 16 KiB of answer is
 *       read. Redirects are not followed.</li>
 *   <li>Outages (time-out, reset, 5xx, 429) are retried, because a card check is idempotent:
 *       at most 3 attempts within the caller's deadline, each signed afresh. Everything else is
 *       raised at once and alerts the operator.</li>
 *   <li>The ID and the card number never reach a log line or an exception message.</li>
 * </ul>
 */
package tw.mobileauth.registry.nhi;
