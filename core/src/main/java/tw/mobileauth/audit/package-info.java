/**
 * Typed audit events for auditors, separate from operator logs (STYLE §7).
 *
 * <p>Every security-relevant state change and every rejection produces one {@link
 * tw.mobileauth.audit.AuditEvent}. Events carry <em>masked</em> identifiers only ({@code A12****789},
 * {@code 0912***678}); never a password, a full ID or phone number, a token or a secret. They go
 * to an {@link tw.mobileauth.audit.AuditSink}: {@link tw.mobileauth.audit.Slf4jAuditSink} by
 * default, {@link tw.mobileauth.audit.InMemoryAuditSink} in tests, or the portal's own.
 */
package tw.mobileauth.audit;
