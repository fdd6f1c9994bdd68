/**
 * Benchmarks behind the production changes of issue 14's performance targets: the CAMARA
 * {@code completeVerification} path on the BouncyCastle provider, QR rendering on demand, and the
 * retained heap of pending enrolments in the in-memory stores. Each runs on loopback only.
 */
package tw.mobileauth.benchmarks.perf;
