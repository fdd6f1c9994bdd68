package tw.mobileauth.carrier.camara.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.SecureRandom;
import org.junit.jupiter.api.Test;

class PkceTest {

    @Test
    void s256ChallengeMatchesRfc7636AppendixB() {
        assertEquals("E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM",
                Pkce.challengeS256("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"));
    }

    @Test
    void aDifferentVerifierGivesADifferentChallenge() {
        assertNotEquals("E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM",
                Pkce.challengeS256("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXK"));
    }

    @Test
    void verifiersAre43To128UnreservedCharacters() {
        assertTrue(Pkce.isValidVerifier("a".repeat(43)));
        assertTrue(Pkce.isValidVerifier("A-._~9".repeat(21) + "xy"));
        assertFalse(Pkce.isValidVerifier("a".repeat(42)));
        assertFalse(Pkce.isValidVerifier("a".repeat(129)));
        assertFalse(Pkce.isValidVerifier("a".repeat(42) + "+"));
        assertThrows(IllegalArgumentException.class, () -> Pkce.challengeS256("short"));
    }

    @Test
    void generatedValuesAreValidVerifiersWithAtLeast128BitsAndDistinct() {
        RandomTokens random = new RandomTokens(new SecureRandom());
        String a = random.next();
        String b = random.next();
        assertTrue(Pkce.isValidVerifier(a));
        assertTrue(Base64Url.decode(a).orElseThrow().length * 8 >= 128);
        assertNotEquals(a, b);
    }
}
