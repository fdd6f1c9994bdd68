/**
 * jqwik generators for property tests, published for policy owners who tune and property-test
 * their own {@link tw.mobileauth.eligibility.EligibilityPolicy}, and used by the SDK's own tests:
 * {@link tw.mobileauth.testing.IdentityArbitraries} (synthetic, checksum-valid IDs, phone numbers,
 * names and birth dates, with the spellings people type) and
 * {@link tw.mobileauth.testing.EligibilityArbitraries} (eligibility facts, each of which may be
 * UNKNOWN, including SIM-change ranges around the usual window edges).
 *
 * <p>Test support only: every generated ID is made up, and nothing here belongs in production
 * code. Generated values may still collide with a real person's number, so never log them next
 * to real data.
 */
package tw.mobileauth.testing;
