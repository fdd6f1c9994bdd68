/**
 * 行動電話認證 enrolment: steps 1–5 of the BLI journey, for every device route, behind
 * {@link tw.mobileauth.enrollment.EnrollmentService}.
 *
 * <ol>
 *   <li>Identify: {@code checkNationalId}, a checksum-valid citizen ID.</li>
 *   <li>Apply: {@code prepareApplication} (captcha and device-key challenge), then
 *       {@code begin} with the {@link tw.mobileauth.enrollment.EnrollmentApplication} the browser
 *       posts ({@code EnrollmentApplication.fromJson}).</li>
 *   <li>Route by device: {@code begin} answers with a QR code for a desktop (or a tablet without
 *       a SIM), or lets a phone (or a tablet with a SIM) go on at once.</li>
 *   <li>QR handoff: {@code openOnDevice} claims the single-use handoff token once; the desktop
 *       polls {@code status}, and may {@code regenerateQr} or {@code restart}, with its desktop
 *       secret; the person types the desktop's pairing code on the phone.</li>
 *   <li>Verify: {@code startVerification} records consent and returns the carrier URL the phone
 *       opens over mobile data; {@code completeVerification}, called with the phone session from
 *       the carrier callback's own cookie, verifies the number, only then looks the subscriber up,
 *       decides eligibility, issues the certificate and applies the
 *       {@link tw.mobileauth.enrollment.BindingPolicy}.</li>
 * </ol>
 *
 * <p>Errors: {@link tw.mobileauth.InvalidInputException} for form fields (all at once),
 * {@link tw.mobileauth.enrollment.EnrollmentException} with a closed reason when the request cannot
 * go on, {@link tw.mobileauth.enrollment.EnrollmentUnavailableException} when we (the carrier, the
 * hasher, a store) failed. The journey, call by call, is {@code docs/journey.md}; the bytes the
 * device key signs are {@code docs/signed-messages.md}; the JSON the browser posts is
 * {@code docs/browser-json.md}.
 */
package tw.mobileauth.enrollment;
