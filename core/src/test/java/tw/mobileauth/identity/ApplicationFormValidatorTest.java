package tw.mobileauth.identity;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import tw.mobileauth.FieldError;
import tw.mobileauth.FieldReason;
import tw.mobileauth.InvalidInputException;

class ApplicationFormValidatorTest {

    private static final ApplicationFormValidator VALIDATOR =
            ApplicationFormValidator.builder().clock(IdFixtures.CLOCK).build();

    private static ApplicationForm.Builder valid() {
        return ApplicationForm.builder()
                .nationalId("t200000009")
                .carrierId("cht")
                .mobileNumber("0912-345-678")
                .nhiCardNumber("0000 1234 5678")
                .birthDate("75/03/14")
                .name("王小明")
                .password("bubble tea at the night market".toCharArray())
                .passwordConfirmation("bubble tea at the night market".toCharArray());
    }

    private static List<String> fieldsOf(InvalidInputException e) {
        return e.errors().stream().map(FieldError::field).collect(Collectors.toList());
    }

    @Test
    void validFormReturnsTheParsedValues() throws Exception {
        try (ApplicationForm form = valid().build(); ValidatedApplication app = VALIDATOR.validate(form)) {
            assertEquals("T200000009", app.nationalId().value());
            assertEquals("cht", app.carrierId());
            assertEquals("+886912345678", app.mobileNumber().e164());
            assertEquals("000012345678", app.nhiCardNumber().orElseThrow().value());
            assertEquals(LocalDate.of(1986, 3, 14), app.birthDate().toLocalDate());
            assertEquals("王小明", app.name().value());
            assertArrayEquals("bubble tea at the night market".toCharArray(), app.password().copyOfRawChars());
            assertFalse(app.toString().contains("200000009"));
            assertFalse(app.toString().contains("345678"));
        }
    }

    @Test
    void fiveBadFieldsGiveFiveErrorsAtOnce() throws Exception {
        ApplicationForm form = valid()
                .nationalId("T200000008")
                .mobileNumber("02-2345-6789")
                .nhiCardNumber("1234")
                .birthDate("75/02/30")
                .name("王\u202E明")
                .build();
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> VALIDATOR.validate(form));
        assertEquals(5, e.errors().size());
        assertTrue(e.has(FieldNames.NATIONAL_ID, FieldReason.BAD_CHECKSUM));
        assertTrue(e.has(FieldNames.MOBILE_NUMBER, FieldReason.NOT_A_MOBILE_NUMBER));
        assertTrue(e.has(FieldNames.NHI_CARD_NUMBER, FieldReason.BAD_FORMAT));
        assertTrue(e.has(FieldNames.BIRTH_DATE, FieldReason.IMPOSSIBLE_DATE));
        assertTrue(e.has(FieldNames.NAME, FieldReason.INVALID_CHARACTER));
        assertEquals(List.of("nationalId", "mobileNumber", "nhiCardNumber", "birthDate", "name"), fieldsOf(e));
    }

    @Test
    void emptyFormReportsEveryRequiredField() {
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> VALIDATOR.validate(ApplicationForm.builder().build()));
        assertEquals(List.of("nationalId", "carrier", "mobileNumber", "nhiCardNumber", "birthDate", "name", "password"),
                fieldsOf(e));
        assertTrue(e.errors().stream().allMatch(err -> err.reason() == FieldReason.REQUIRED));
        InvalidInputException fromNull = assertThrows(InvalidInputException.class, () -> VALIDATOR.validate(null));
        assertEquals(fieldsOf(e), fieldsOf(fromNull));
    }

    @Test
    void passwordIsCheckedAgainstTheOtherFields() throws Exception {
        ApplicationForm form = valid()
                .password("my phone 0912345678".toCharArray())
                .passwordConfirmation("my phone 0912345678".toCharArray())
                .build();
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> VALIDATOR.validate(form));
        assertEquals(List.of(FieldReason.CONTAINS_PERSONAL_DATA),
                e.errors().stream().map(FieldError::reason).collect(Collectors.toList()));
        // The same password passes when the phone field itself is rejected: there is nothing to compare with.
        ApplicationForm badPhone = valid().mobileNumber("0912")
                .password("my phone 0912345678".toCharArray())
                .passwordConfirmation("my phone 0912345678".toCharArray()).build();
        InvalidInputException e2 = assertThrows(InvalidInputException.class, () -> VALIDATOR.validate(badPhone));
        assertEquals(List.of("mobileNumber"), fieldsOf(e2));
    }

    @Test
    void birthDateInAnyCalendarIsAContextWord() throws Exception {
        ApplicationForm form = valid()
                .password("since 0750314!".toCharArray())
                .passwordConfirmation("since 0750314!".toCharArray())
                .build();
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> VALIDATOR.validate(form));
        assertTrue(e.has(FieldNames.PASSWORD, FieldReason.CONTAINS_PERSONAL_DATA));
    }

    @Test
    void confirmationMismatchIsItsOwnError() throws Exception {
        ApplicationForm form = valid().passwordConfirmation("bubble tea at the night markeT".toCharArray()).build();
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> VALIDATOR.validate(form));
        assertEquals(List.of("passwordConfirmation"), fieldsOf(e));
        assertTrue(e.has(FieldNames.PASSWORD_CONFIRMATION, FieldReason.CONFIRMATION_MISMATCH));

        ApplicationForm both = valid().password("short".toCharArray()).passwordConfirmation("other".toCharArray()).build();
        InvalidInputException e2 = assertThrows(InvalidInputException.class, () -> VALIDATOR.validate(both));
        assertTrue(e2.has(FieldNames.PASSWORD, FieldReason.TOO_SHORT));
        assertTrue(e2.has(FieldNames.PASSWORD_CONFIRMATION, FieldReason.CONFIRMATION_MISMATCH));

        ApplicationForm missing = valid().passwordConfirmation(null).build();
        InvalidInputException e3 = assertThrows(InvalidInputException.class, () -> VALIDATOR.validate(missing));
        assertTrue(e3.has(FieldNames.PASSWORD_CONFIRMATION, FieldReason.REQUIRED));
    }

    @Test
    void carrierMustBeSupported() throws Exception {
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> VALIDATOR.validate(valid().carrierId("apt").build()));
        assertTrue(e.has(FieldNames.CARRIER, FieldReason.UNSUPPORTED_CARRIER));
        assertEquals("twm", VALIDATOR.validate(valid().carrierId(" TWM ").build()).carrierId());
        assertEquals(List.of("cht", "twm", "fet"), List.copyOf(VALIDATOR.supportedCarrierIds()));

        ApplicationFormValidator onlyFet = ApplicationFormValidator.builder()
                .supportedCarrierIds(Set.of("FET")).clock(IdFixtures.CLOCK).build();
        assertTrue(assertThrows(InvalidInputException.class, () -> onlyFet.validate(valid().build()))
                .has(FieldNames.CARRIER, FieldReason.UNSUPPORTED_CARRIER));
        assertEquals("fet", onlyFet.validate(valid().carrierId("fet").build()).carrierId());
    }

    @Test
    void residentNumbersPassFormValidationEligibilityDecidesLater() throws Exception {
        ValidatedApplication app = VALIDATOR.validate(valid().nationalId("A800000014").build());
        assertFalse(app.nationalId().isCitizen());
    }

    @Test
    void passwordCopyIsWipedOnCloseAndTheCallersArrayIsLeftAlone() throws Exception {
        char[] typed = "bubble tea at the night market".toCharArray();
        ApplicationForm form = valid().password(typed).passwordConfirmation(typed).build();
        ValidatedApplication app = VALIDATOR.validate(form);
        CertificatePassword pw = app.password();
        app.close();
        assertTrue(pw.isWiped());
        form.close();
        assertEquals("ApplicationForm[filled: nationalId, carrier, mobileNumber, nhiCardNumber, birthDate, name, "
                + "password, passwordConfirmation]", form.toString());
        // The caller's own array is untouched: the form copied it.
        assertArrayEquals("bubble tea at the night market".toCharArray(), typed);
    }

    @Test
    void messagesOfTheExceptionNeverEchoTheInput() {
        ApplicationForm form = valid().nationalId("T200000008").name("王\u0000明").mobileNumber("0212345678").build();
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> VALIDATOR.validate(form));
        assertFalse(e.getMessage().contains("T200000008"));
        assertFalse(e.getMessage().contains("0212345678"));
        assertFalse(e.getMessage().contains("王"));
        assertTrue(e.getMessage().contains("nationalId"));
        assertTrue(e.getMessage().contains("BAD_CHECKSUM"));
    }
}
