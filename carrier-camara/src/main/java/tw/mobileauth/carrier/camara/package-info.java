/**
 * CAMARA client support shared by the carrier adapters: a {@link tw.mobileauth.carrier.camara.CamaraAdapter}
 * implements the whole {@link tw.mobileauth.carrier.spi.CarrierAdapter} for any carrier whose
 * APIs follow CAMARA, and a {@link tw.mobileauth.carrier.camara.CamaraProfile} supplies what one
 * carrier does differently. An adapter module is then a {@link tw.mobileauth.carrier.camara.CamaraAdapterFactory}
 * and a profile.
 *
 * <p>{@link tw.mobileauth.carrier.camara.CamaraClient}, {@link tw.mobileauth.carrier.camara.JsonReply},
 * {@link tw.mobileauth.carrier.camara.KycMatchApi}, {@link tw.mobileauth.carrier.camara.SimSwapApi}
 * and {@link tw.mobileauth.carrier.camara.HashedPhoneNumber} are what profiles call: this package is
 * the whole API an adapter module uses. The {@code internal} sub-package is not API, and no other
 * module may import it (core's architecture test fails the build if one does); what an adapter
 * needs from it becomes a documented class here first. See {@code docs/carrier-contract.md}.
 *
 * <p>What every CAMARA adapter does the same way:
 * <ul>
 *   <li><b>Transport.</b> https only; plain http only to 127.0.0.1, ::1 or localhost, for the base
 *       URI, the issuer and every discovered endpoint. Anything else is refused when the
 *       configuration is built (base URI, issuer) or before the request is sent (discovered
 *       endpoints, {@code INSECURE_ENDPOINT} / {@code DISCOVERY_INSECURE_ENDPOINT}).</li>
 *   <li><b>Discovery.</b> The authorization server's {@code authorization_endpoint},
 *       {@code token_endpoint}, {@code issuer} and {@code jwks_uri} come from
 *       {@code {issuer}/.well-known/openid-configuration}; the issuer is
 *       {@link tw.mobileauth.carrier.spi.CarrierConfig#effectiveIssuer()} (setting
 *       {@code mobileauth.carrier.<id>.issuer}, default the base URI), so the authorization server
 *       may live on another host. The document is cached for one hour by the configured clock and
 *       read again at once when an ID token names an unknown key.</li>
 *   <li><b>ID tokens</b> are verified with Nimbus JOSE+JWT (OpenID Connect Core §3.1.3.7): always
 *       signed (ES256 or RS256; {@code alg: none} is refused), by the key the header's {@code kid}
 *       selects from the carrier's JWK set (fetched over the adapter's own HTTP client and deadline;
 *       an unknown {@code kid} causes one refresh, at most every 30 s, and is then refused), or by a
 *       key pinned with the property {@value tw.mobileauth.carrier.camara.CamaraAdapter#ID_TOKEN_KEY};
 *       {@code iss} must be the discovered issuer, {@code aud} our client id, {@code exp} not past,
 *       {@code nonce} ours. Each refusal is a {@code ProtocolViolation} with its own code:
 *       {@code MISSING_ID_TOKEN}, {@code MALFORMED_ID_TOKEN}, {@code UNSIGNED_ID_TOKEN},
 *       {@code ID_TOKEN_ALGORITHM}, {@code ID_TOKEN_KEY_UNKNOWN}, {@code NO_ID_TOKEN_KEY},
 *       {@code ID_TOKEN_SIGNATURE}, {@code ISSUER_MISMATCH}, {@code AUDIENCE_MISMATCH},
 *       {@code ID_TOKEN_EXPIRED}, {@code NONCE_MISMATCH}.</li>
 *   <li><b>login_hint</b> is sent only when the profile
 *       {@linkplain tw.mobileauth.carrier.camara.CamaraProfile#requiresLoginHint() requires it};
 *       none of the three reference profiles does.</li>
 *   <li><b>Request bodies</b> are JSON with {@code Content-Type: application/json}, roaming status
 *       and network type included ({@code {}}: the 3-legged token names the device).</li>
 *   <li><b>422 answers.</b> {@code SERVICE_NOT_APPLICABLE} and a profile's documented codes (such
 *       as {@code CHT.SUBSCRIBER_SUSPENDED}) are {@code ServiceNotApplicable}, for the policy to
 *       decide. {@code MISSING_IDENTIFIER}, {@code UNNECESSARY_IDENTIFIER} and
 *       {@code UNSUPPORTED_IDENTIFIER} are our bug: {@code InvalidRequest}, alert. Any other 422
 *       code is a {@code ProtocolViolation}: an unknown code never becomes a policy outcome.</li>
 * </ul>
 */
package tw.mobileauth.carrier.camara;
