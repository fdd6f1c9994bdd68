/**
 * Helpers shared by the SDK's own packages. <b>Not API:</b> public only so that
 * {@code enrollment} and {@code login} can both use them; nothing here is covered by the
 * versioning promise, it may change in any release without notice, and no portal, adapter, store
 * or other module may call it.
 */
package tw.mobileauth.internal;
