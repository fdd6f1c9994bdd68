package tw.mobileauth.examples.spring;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The portal's {@code mobileauth.*} properties.
 *
 * @param portal where the portal is reached and what it calls its demo CA
 */
@ConfigurationProperties("mobileauth")
public record MobileAuthProperties(@DefaultValue Portal portal) {

    /**
     * {@code mobileauth.portal.*}.
     *
     * @param origin            the portal's public origin (scheme, host and port, no path), e.g.
     *                          {@code https://portal.example.tw}: the QR code and the carrier
     *                          callback point there, and every browser signature is bound to it.
     *                          Default {@code http://localhost:${server.port}}; required when
     *                          {@code server.port} is 0 (a random port), because the origin must be
     *                          known before the server has picked its port
     * @param developmentCaName the subject of the development enrolment CA generated at start
     */
    public record Portal(String origin, @DefaultValue("MobileAuth TW Spring demo CA") String developmentCaName) {
    }
}
