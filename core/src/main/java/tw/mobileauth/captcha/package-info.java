/**
 * The captcha on the application form (docs/journey.md, step 2: "請輸入下圖中的字 (不分大小寫)" with
 * "重新產生驗證碼").
 *
 * <p>{@link tw.mobileauth.captcha.CaptchaService} is the small SPI a portal implements to plug in
 * another provider; {@link tw.mobileauth.captcha.ImageCaptcha} is the built-in one, a distorted
 * PNG of five unambiguous letters and digits drawn with {@code java.awt} in headless mode. Every
 * challenge is single use, case-insensitive, short-lived and can be regenerated.
 */
package tw.mobileauth.captcha;
