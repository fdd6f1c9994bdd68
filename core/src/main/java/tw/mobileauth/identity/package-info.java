/**
 * Identity values of a Taiwanese applicant, validated on construction and masked in
 * {@code toString()}: {@link tw.mobileauth.identity.NationalId}, {@link tw.mobileauth.identity.MobileNumber},
 * {@link tw.mobileauth.identity.NhiCardNumber}, {@link tw.mobileauth.identity.BirthDate},
 * {@link tw.mobileauth.identity.PersonName} and {@link tw.mobileauth.identity.CertificatePassword}
 * with its {@link tw.mobileauth.identity.PasswordPolicy}; plus the application form and its
 * {@link tw.mobileauth.identity.ApplicationFormValidator}, which reports every rejected field at once.
 *
 * <p>Every parse method takes raw user input (null included) and either returns a value or throws
 * {@link tw.mobileauth.InvalidInputException} naming the field and a {@link tw.mobileauth.FieldReason};
 * it never throws NullPointerException or IllegalArgumentException for bad input. Each class
 * states its own rules (formats, checksums, ROC dates, the name comparison key); the form fields
 * as the browser sends them are in {@code docs/browser-json.md}.
 */
package tw.mobileauth.identity;
