/**
 * The demo portal's pages, written once against a framework-neutral {@link tw.mobileauth.examples.web.WebRequest}
 * and {@link tw.mobileauth.examples.web.WebResponse}: {@link tw.mobileauth.examples.web.DemoPortal} routes every
 * request of the BLI 行動電話認證 journey (apply on a desktop, verify on a phone, log in with four fields), with
 * server-side sessions, CSRF tokens and a strict Content-Security-Policy. {@link tw.mobileauth.examples.web.DemoNetworks}
 * embeds the fake carrier networks and NHI registry a visitor plays the phone against.
 */
package tw.mobileauth.examples.web;
