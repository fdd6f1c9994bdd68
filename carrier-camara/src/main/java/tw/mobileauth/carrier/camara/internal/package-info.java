/**
 * Helpers of the CAMARA client support. <strong>Not API</strong>: public only so that the
 * package above can use them; they may change in any release. Adapter modules (and every other
 * module) use {@code tw.mobileauth.carrier.camara} only; core's architecture test enforces it.
 */
package tw.mobileauth.carrier.camara.internal;
