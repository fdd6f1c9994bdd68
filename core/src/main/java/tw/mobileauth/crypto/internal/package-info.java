/**
 * Internal helpers shared by {@code tw.mobileauth} packages. <strong>Not API</strong>: anything
 * here may change in any release.
 */
package tw.mobileauth.crypto.internal;
