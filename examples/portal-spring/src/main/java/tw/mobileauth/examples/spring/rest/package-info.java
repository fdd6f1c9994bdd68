/**
 * The REST API under {@code /rest/v1}: a thin JSON layer over the SDK for single-page and mobile
 * clients. Secrets travel in headers ({@code MobileAuth-Desktop-Secret},
 * {@code MobileAuth-Phone-Session}, a logged-in client's {@code MobileAuth-Session}, see
 * {@link tw.mobileauth.examples.spring.rest.ApiSessions}), never in URLs; every failure is one typed JSON
 * {@link tw.mobileauth.examples.spring.rest.ApiError}.
 */
package tw.mobileauth.examples.spring.rest;
