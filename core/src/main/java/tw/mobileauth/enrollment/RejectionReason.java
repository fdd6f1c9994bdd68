package tw.mobileauth.enrollment;

import java.util.Objects;
import tw.mobileauth.eligibility.ReasonCode;
import tw.mobileauth.i18n.LocalizedText;

/**
 * One reason an enrolment was rejected: an eligibility rule the line or device breaks, or a
 * carrier verification that failed. Closed: switch on the two records and their enums.
 */
public sealed interface RejectionReason {

    /** {@return a stable code, e.g. {@code eligibility.ROAMING} or {@code verification.NAME_MISMATCH}} */
    String code();

    /** {@return what happened, zh-TW and English} */
    LocalizedText message();

    /** {@return what to do next, zh-TW and English} */
    LocalizedText remedy();

    /** An eligibility rule was broken (WiFi, roaming, prepaid, parent-child, enterprise, MVNO, resident ID, …). */
    record Ineligible(ReasonCode reason) implements RejectionReason {
        /**
         * @param reason the reason
         * @throws NullPointerException if null
         */
        public Ineligible {
            Objects.requireNonNull(reason, "reason");
        }

        @Override
        public String code() {
            return "eligibility." + reason.name();
        }

        @Override
        public LocalizedText message() {
            return reason.message();
        }

        @Override
        public LocalizedText remedy() {
            return reason.remedy();
        }
    }

    /** The carrier's verification failed (number not verified, data mismatch, wrong carrier, …). */
    record Unverified(VerificationFailure failure) implements RejectionReason {
        /**
         * @param failure the failure value
         * @throws NullPointerException if null
         */
        public Unverified {
            Objects.requireNonNull(failure, "failure");
        }

        @Override
        public String code() {
            return "verification." + failure.name();
        }

        @Override
        public LocalizedText message() {
            return failure.message();
        }

        @Override
        public LocalizedText remedy() {
            return failure.remedy();
        }
    }

    /**
     * Parses {@link #code()} back.
     *
     * @param code the raw code, as the other side sent it
     * @return the rejection reason
     */
    static RejectionReason parse(String code) {
        if (code.startsWith("eligibility.")) {
            return new Ineligible(ReasonCode.valueOf(code.substring("eligibility.".length())));
        }
        return new Unverified(VerificationFailure.valueOf(code.substring("verification.".length())));
    }
}
