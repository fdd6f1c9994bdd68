package tw.mobileauth.examples.spring;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;

/** The portal on the default database, H2 in memory, migrated by Spring Boot's Flyway. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = PortalContract.PROPERTIES)
@Import(TestCaptchaConfiguration.class)
class H2PortalTest extends PortalContract {
}
