/**
 * The store SPI's contract, published: extend {@link tw.mobileauth.store.testkit.EnrollmentStoreContract},
 * {@link tw.mobileauth.store.testkit.OneTimeTokenStoreContract},
 * {@link tw.mobileauth.store.testkit.CredentialStoreContract} and
 * {@link tw.mobileauth.store.testkit.CounterStoreContract}, return a fresh empty store from
 * {@code newStore()}, and run them with JUnit 5. The in-memory, H2 and PostgreSQL stores pass the
 * same suites. {@link tw.mobileauth.store.testkit.Races} starts racing callers at one instant.
 */
package tw.mobileauth.store.testkit;
