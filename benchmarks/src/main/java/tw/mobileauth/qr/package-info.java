/**
 * Benchmark-only access to core's QR renderers (see {@link tw.mobileauth.qr.QrRenderings}); not shipped.
 */
package tw.mobileauth.qr;
