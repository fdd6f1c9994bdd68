/**
 * Helpers shared by the SDK's own packages. <strong>Not API</strong>: nothing here is covered by
 * the versioning promise, and no other module may use it.
 */
package tw.mobileauth.internal;
