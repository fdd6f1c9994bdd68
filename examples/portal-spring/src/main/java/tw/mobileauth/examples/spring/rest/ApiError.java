package tw.mobileauth.examples.spring.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tw.mobileauth.FieldError;
import tw.mobileauth.enrollment.RejectionReason;
import tw.mobileauth.i18n.LocalizedText;

/**
 * Every error the REST API answers with: a stable {@code code} to switch on, the {@code field} at
 * fault when there is one, and what happened and what to do, in zh-TW and English. Never a stack
 * trace, never a rejected value.
 *
 * @param code              e.g. {@code INVALID_INPUT}, {@code CAPTCHA_INCORRECT}, {@code LOGIN_FAILED}
 * @param field             the (first) field at fault, or null
 * @param message           what happened: {@code {"zh-TW": …, "en": …}}
 * @param remedy            what to do next, same shape
 * @param errors            for {@code INVALID_INPUT}: every field error
 * @param rejections        for {@code INELIGIBLE}: every broken rule
 * @param retryAfterSeconds for an unavailable service, when known
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record ApiError(String code, String field, Map<String, String> message, Map<String, String> remedy,
        List<FieldProblem> errors, List<Rejection> rejections, Long retryAfterSeconds) {

    /** An error with a code, an optional field, a message and a remedy. */
    public static ApiError of(String code, String field, LocalizedText message, LocalizedText remedy) {
        return new ApiError(code, field, texts(message), texts(remedy), List.of(), List.of(), null);
    }

    /** {@code {"zh-TW": …, "en": …}}, in that order. */
    public static Map<String, String> texts(LocalizedText text) {
        Map<String, String> map = new LinkedHashMap<>();
        map.put("zh-TW", text.zhTw());
        map.put("en", text.en());
        return map;
    }

    /**
     * One rejected field.
     *
     * @param field   the field's API name
     * @param reason  e.g. {@code BAD_CHECKSUM}
     * @param message the zh-TW/English text naming the field and the fix
     */
    public record FieldProblem(String field, String reason, Map<String, String> message) {
        static FieldProblem of(FieldError error) {
            return new FieldProblem(error.field(), error.reason().name(), texts(error.message()));
        }
    }

    /**
     * One broken eligibility rule or failed carrier check.
     *
     * @param code    e.g. {@code WIFI_NOT_MOBILE_DATA}
     * @param message what happened
     * @param remedy  what to do
     */
    public record Rejection(String code, Map<String, String> message, Map<String, String> remedy) {
        static Rejection of(RejectionReason reason) {
            return new Rejection(reason.code(), texts(reason.message()), texts(reason.remedy()));
        }
    }
}
