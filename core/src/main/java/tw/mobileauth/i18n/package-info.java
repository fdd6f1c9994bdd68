/**
 * User-facing text in the two languages every MobileAuth TW screen speaks:
 * {@link tw.mobileauth.i18n.LocalizedText}, Traditional Chinese (zh-TW) first, English second.
 * Field errors, eligibility reasons and remedies, enrolment and login failures all carry one, so
 * a portal shows the SDK's words and never parses a message.
 */
package tw.mobileauth.i18n;
