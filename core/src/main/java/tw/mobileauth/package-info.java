/**
 * MobileAuth TW, 行動電話認證 for Taiwanese web portals: the root of the SDK.
 *
 * <p>{@link tw.mobileauth.MobileAuth} is the one object a portal wires, once, with a staged
 * builder (carriers, {@link tw.mobileauth.Stores stores}, secrets, certificate authority, portal
 * origin and URLs, then options). It hands out the enrolment service, the login service and the
 * back office ({@link tw.mobileauth.Administration}). {@link tw.mobileauth.PortalOrigin} is the
 * web origin both ceremonies bind device signatures to.
 *
 * <p>Rejected input is one checked {@link tw.mobileauth.InvalidInputException} across the SDK: it
 * lists every {@link tw.mobileauth.FieldError} at once, each with a closed
 * {@link tw.mobileauth.FieldReason} and a zh-TW/English message that says what to do next.
 *
 * <p>How the packages fit together, and which ones are API, is in {@code docs/architecture.md}
 * and in the README's "API contract"; the journey each call serves is in {@code docs/journey.md}.
 */
package tw.mobileauth;
