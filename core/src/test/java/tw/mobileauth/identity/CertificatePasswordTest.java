package tw.mobileauth.identity;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Method;
import org.junit.jupiter.api.Test;
import tw.mobileauth.FieldReason;
import tw.mobileauth.InvalidInputException;

class CertificatePasswordTest {

    @Test
    void charactersAreCopiedInAndOut() throws Exception {
        char[] typed = "貓咪 likes 月光".toCharArray();
        CertificatePassword pw = CertificatePassword.of(typed);
        typed[0] = 'X';
        char[] out = pw.copyOfRawChars();
        assertArrayEquals("貓咪 likes 月光".toCharArray(), out);
        assertNotSame(out, pw.copyOfRawChars());
        out[0] = 'Y';
        assertEquals('貓', pw.copyOfRawChars()[0]);
    }

    @Test
    void wipeAndCloseOverwriteTheCopy() throws Exception {
        CertificatePassword pw = CertificatePassword.of("abcdefgh".toCharArray());
        assertFalse(pw.isWiped());
        try (CertificatePassword closing = pw) {
            assertEquals(8, closing.codePointCount());
        }
        assertTrue(pw.isWiped());
        java.lang.reflect.Field field = CertificatePassword.class.getDeclaredField("chars");
        field.setAccessible(true);
        assertArrayEquals(new char[8], (char[]) field.get(pw));
        assertThrows(IllegalStateException.class, pw::copyOfRawChars);
        pw.wipe(); // idempotent
    }

    @Test
    void hasNoEqualsAndAMaskedToString() throws Exception {
        CertificatePassword a = CertificatePassword.of("same-password".toCharArray());
        CertificatePassword b = CertificatePassword.of("same-password".toCharArray());
        assertNotEquals(a, b);
        assertEquals("CertificatePassword[********]", a.toString());
        Method equals = CertificatePassword.class.getMethod("equals", Object.class);
        assertEquals(Object.class, equals.getDeclaringClass());
        assertTrue(a.matches(b));
        assertFalse(a.matches(CertificatePassword.of("same-passworD".toCharArray())));
        assertFalse(a.matches(CertificatePassword.of("same-password!".toCharArray())));
    }

    @Test
    void nullOrEmptyIsRequired() throws Exception {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> CertificatePassword.of(null));
        assertTrue(e.has(FieldNames.PASSWORD, FieldReason.REQUIRED));
        assertThrows(InvalidInputException.class, () -> CertificatePassword.of(new char[0]));
        assertEquals(1, CertificatePassword.of(new char[] {'x'}).codePointCount());
    }
}
