/**
 * Helpers shared by the SDK's own packages. <b>Not API:</b> public only so that
 * {@code enrollment} and {@code login} can both use them; they may change in any release without
 * notice, and no portal, adapter or store should call them.
 */
package tw.mobileauth.internal;
