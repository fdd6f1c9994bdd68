package tw.mobileauth.examples.spring;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * Starts the demo portal on Spring Boot: the embedded fake carrier networks and NHI registry, the
 * SDK on an H2 (or PostgreSQL) database, the shared pages and the REST API under {@code /rest/v1}.
 */
@SpringBootApplication
public class PortalSpringApplication {

    /** Runs the portal; {@code --server.port=…} and every {@code mobileauth.*} property may be given. */
    public static void main(String[] args) {
        SpringApplication.run(PortalSpringApplication.class, args);
    }
}
