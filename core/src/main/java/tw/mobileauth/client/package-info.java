/**
 * What the portal knows about the browser making a request, shared by both ceremonies:
 * {@link tw.mobileauth.client.ClientContext} (device class, masked IP, user agent),
 * {@link tw.mobileauth.client.DeviceClass} (which decides the enrolment route and an eligibility
 * fact), {@link tw.mobileauth.client.BrowserFamily}, and {@link tw.mobileauth.client.BoundDevice}
 * (the two enums a credential keeps about the browser it is bound to). Enrolment and login both
 * take a {@code ClientContext}; eligibility uses {@code DeviceClass} as a fact. Nothing here
 * depends on enrolment or login.
 */
package tw.mobileauth.client;
