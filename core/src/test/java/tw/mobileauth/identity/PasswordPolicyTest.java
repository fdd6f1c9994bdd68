package tw.mobileauth.identity;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tw.mobileauth.FieldReason;
import tw.mobileauth.InvalidInputException;

class PasswordPolicyTest {

    private static final PasswordPolicy POLICY = PasswordPolicy.standard();

    private static PasswordContext applicant() throws InvalidInputException {
        return PasswordContext.none()
                .withNationalId(NationalId.parse("T200000009"))
                .withBirthDate(BirthDate.parse("1986-03-14", IdFixtures.CLOCK))
                .withMobileNumber(MobileNumber.parse("0912345678"));
    }

    private static List<FieldReason> reasons(String password, PasswordContext context) throws Exception {
        try (CertificatePassword pw = CertificatePassword.of(password.toCharArray())) {
            InvalidInputException e = assertThrows(InvalidInputException.class, () -> POLICY.check(pw, context));
            assertTrue(e.errors().stream().allMatch(err -> err.field().equals(FieldNames.PASSWORD)));
            return e.errors().stream().map(err -> err.reason()).collect(Collectors.toList());
        }
    }

    private static void assertAccepted(String password, PasswordContext context) throws Exception {
        try (CertificatePassword pw = CertificatePassword.of(password.toCharArray())) {
            assertDoesNotThrow(() -> POLICY.check(pw, context));
        }
    }

    @Test
    void atLeastEightCodePoints() throws Exception {
        assertEquals(List.of(FieldReason.TOO_SHORT), reasons("7chars!", PasswordContext.none()));
        assertEquals(List.of(FieldReason.TOO_SHORT), reasons("貓咪在月光下睡", PasswordContext.none()));
        assertAccepted("貓咪在月光下睡覺", PasswordContext.none());
        assertAccepted("8 chars!", PasswordContext.none());
    }

    @Test
    void atMost128CodePointsCountingSurrogatePairsOnce() throws Exception {
        String rare = new String(Character.toChars(0x2000B));
        assertAccepted("x".repeat(128), PasswordContext.none());
        assertAccepted(rare.repeat(128), PasswordContext.none());
        assertEquals(List.of(FieldReason.TOO_LONG), reasons("x".repeat(129), PasswordContext.none()));
        assertEquals(List.of(FieldReason.TOO_LONG), reasons(rare.repeat(129), PasswordContext.none()));
        assertEquals(List.of(FieldReason.TOO_LONG), reasons("x".repeat(1 << 20), PasswordContext.none()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"password1", "PASSWORD1", "iloveyou", "ILoveYou", "sunshine", "12345678", "trustno1"})
    void commonPasswordsAreRejectedWhateverTheirCase(String common) throws Exception {
        assertEquals(List.of(FieldReason.COMMON_PASSWORD), reasons(common, PasswordContext.none()));
        assertAccepted(common + " at the night market", PasswordContext.none());
    }

    @Test
    void blocklistHasAtLeast3000Entries() {
        assertTrue(POLICY.commonPasswordCount() >= 3000, "only " + POLICY.commonPasswordCount());
    }

    @Test
    void blocklistResourceStatesItsProvenanceAndKeepsTheListOrder() throws Exception {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(
                PasswordPolicy.class.getResourceAsStream(CommonPasswords.RESOURCE), StandardCharsets.UTF_8))) {
            List<String> lines = r.lines().collect(Collectors.toList());
            String header = lines.stream().filter(l -> l.startsWith("#")).collect(Collectors.joining("\n"));
            assertTrue(header.contains("Openwall"));
            assertTrue(header.contains("public domain"));
            List<String> entries = lines.stream().filter(l -> !l.startsWith("#")).collect(Collectors.toList());
            assertEquals(List.of("123456", "12345", "password", "password1"), entries.subList(0, 4));
            assertFalse(entries.contains(""));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"myT200000009", "my-t200000009-pw", "x200000009yz", "abc19860314", "pw750314xx",
        "0750314abc", "1986-03-14!!", "on 1986/03/14", "075/03/14 is it", "x0912345678", "pw912345678"})
    void personalDataInThePasswordIsRejected(String password) throws Exception {
        assertEquals(List.of(FieldReason.CONTAINS_PERSONAL_DATA), reasons(password, applicant()));
        assertAccepted(password, PasswordContext.none());
    }

    @Test
    void unrelatedPasswordIsAcceptedWithContext() throws Exception {
        assertAccepted("bubble tea at 7-11", applicant());
        assertAccepted("阿里山的日出很美麗", applicant());
    }

    @Test
    void unpairedSurrogateIsInvalid() throws Exception {
        assertEquals(List.of(FieldReason.INVALID_CHARACTER), reasons("abcdefgh\uD800", PasswordContext.none()));
        assertEquals(List.of(FieldReason.INVALID_CHARACTER), reasons("\uDC00abcdefgh", PasswordContext.none()));
        assertAccepted("abcdefg" + new String(Character.toChars(0x2000B)), PasswordContext.none());
    }

    @Test
    void nullPasswordIsRequiredAndContextNeverShowsItsWords() throws Exception {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> POLICY.check(null));
        assertTrue(e.has(FieldNames.PASSWORD, FieldReason.REQUIRED));
        String shown = applicant().toString();
        assertFalse(shown.contains("200000009"));
        assertFalse(shown.contains("0314"));
        assertTrue(shown.startsWith("PasswordContext["));
    }
}
