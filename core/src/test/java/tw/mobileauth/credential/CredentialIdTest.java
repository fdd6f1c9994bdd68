package tw.mobileauth.credential;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.SecureRandom;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class CredentialIdTest {

    @Test
    void generatedIdsAreMatPrefixedBase64UrlOf128RandomBits() {
        SecureRandom random = new SecureRandom();
        CredentialId a = CredentialId.generate(random);
        CredentialId b = CredentialId.generate(random);
        assertTrue(a.value().matches("mat_[A-Za-z0-9_-]{22}"), a.value());
        assertNotEquals(a, b);
        assertEquals(Optional.of(a), CredentialId.parse(a.value()));
        assertEquals(a.value(), a.toString());
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"mat_", "mat_AAAAAAAAAAAAAAAAAAAAA", "mat_AAAAAAAAAAAAAAAAAAAAAAA", "MAT_AAAAAAAAAAAAAAAAAAAAAA",
        "mat_AAAAAAAAAAAAAAAAAAAAA+", "mat_AAAAAAAAAAAAAAAAAAAAA=", "mat_AAAAAAAAAAAAAAAAAAAAAB",
        " mat_AAAAAAAAAAAAAAAAAAAAAA", "mat_AAAAAAAAAAAAAAAAAAAAA\u0000", "mat_ＡAAAAAAAAAAAAAAAAAAAAA"})
    void onlyTheCanonicalFormParses(String text) {
        assertEquals(Optional.empty(), CredentialId.parse(text));
        assertTrue(CredentialId.parse("mat_AAAAAAAAAAAAAAAAAAAAAA").isPresent());
    }
}
