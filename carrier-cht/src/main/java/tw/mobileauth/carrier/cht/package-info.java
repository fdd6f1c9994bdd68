/**
 * The Chunghwa Telecom (中華電信) adapter: {@link tw.mobileauth.carrier.cht.ChtAdapterFactory}.
 * Everything CAMARA-generic lives in {@code tw.mobileauth.carrier.camara}; this package holds
 * only CHT's differences (KYC Tenure contract type, the line-profile extension, {@code CHT.} codes).
 */
package tw.mobileauth.carrier.cht;
