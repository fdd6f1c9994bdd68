package tw.mobileauth.examples.spring;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import tw.mobileauth.testing.TestCaptcha;

/** Registers the SDK's test captcha, whose answers a test can read, instead of the image captcha. */
@TestConfiguration(proxyBeanMethods = false)
class TestCaptchaConfiguration {

    @Bean
    TestCaptcha testCaptcha() {
        return new TestCaptcha();
    }
}
