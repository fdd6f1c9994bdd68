/**
 * The demo portal on Spring Boot: {@link tw.mobileauth.MobileAuth} and the shared demo pages
 * wired as beans ({@link tw.mobileauth.examples.spring.MobileAuthConfiguration}), the SDK's
 * schema migrated by Spring Boot's Flyway, and the pages served through one catch-all
 * ({@link tw.mobileauth.examples.spring.SharedPagesController}).
 */
package tw.mobileauth.examples.spring;
