package tw.mobileauth.examples.spring.rest;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import tw.mobileauth.i18n.LocalizedText;

/**
 * Any other URL under {@code /rest}: a typed JSON 404, so a client's typo never reaches the
 * shared pages' catch-all and never gets an HTML page back.
 */
@RestController
public class RestFallback {

    /** Every unknown REST path. */
    @RequestMapping("/rest/**")
    public ResponseEntity<ApiError> notFound() {
        return RestErrors.json(HttpStatus.NOT_FOUND, ApiError.of("NOT_FOUND", null,
                new LocalizedText("沒有這個 API。", "There is no such API."),
                new LocalizedText("請參閱 API 說明（/rest/v1/…）。", "See the API documentation (/rest/v1/…).")));
    }
}
