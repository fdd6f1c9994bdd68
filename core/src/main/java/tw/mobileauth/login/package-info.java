/**
 * 行動電話認證 login (docs/journey.md, steps 6 and 7 and "Login, step by step"): steps 6 and 7 of the BLI journey.
 *
 * <p>Entry point: {@link tw.mobileauth.login.LoginService}, built with a staged builder and sharing
 * the credential store, HMAC key, password hasher and clock with
 * {@link tw.mobileauth.enrollment.EnrollmentService}. A login is a ceremony in two calls:
 * {@link tw.mobileauth.login.LoginService#beginLogin beginLogin} hands out a single-use
 * {@link tw.mobileauth.login.LoginChallenge}; the bound browser signs it with its device key
 * ({@link tw.mobileauth.crypto.SignedMessages#login}) and sends a
 * {@link tw.mobileauth.login.LoginAttempt} with the four fields;
 * {@link tw.mobileauth.login.LoginService#finishLogin finishLogin} answers with an
 * {@link tw.mobileauth.login.Authentication} (always {@link tw.mobileauth.login.AssuranceLevel#QUERY_ONLY})
 * or the one generic {@link tw.mobileauth.login.LoginFailedException}.
 *
 * <p>Why a login failed is written only to the audit trail, as a
 * {@link tw.mobileauth.login.LoginEvent.Failed} with a closed {@link tw.mobileauth.login.FailureCause}.
 * Failed guesses lock out per credential and per person ({@link tw.mobileauth.login.LockOutPolicy},
 * which also explains the denial-of-service trade-off). PDPA hooks:
 * {@link tw.mobileauth.login.LoginService#export export} and
 * {@link tw.mobileauth.login.LoginService#erase erase}.
 */
package tw.mobileauth.login;
