/**
 * Helpers of the CAMARA client support. <strong>Not API</strong>: public only so that the
 * package above can use them; they may change in any release.
 */
package tw.mobileauth.carrier.camara.internal;
