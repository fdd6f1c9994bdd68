package tw.mobileauth;

import static java.util.stream.Collectors.toMap;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.net.URI;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import tw.mobileauth.carrier.CarrierSettings;
import tw.mobileauth.carrier.testkit.FakeCarrierNetworks;
import tw.mobileauth.client.ClientContext;
import tw.mobileauth.client.DeviceClass;
import tw.mobileauth.credential.CredentialId;
import tw.mobileauth.credential.EnrollmentCa;
import tw.mobileauth.crypto.AeadKey;
import tw.mobileauth.crypto.HmacKey;
import tw.mobileauth.enrollment.DesktopSecret;
import tw.mobileauth.enrollment.EnrollmentUnavailableException;
import tw.mobileauth.enrollment.PortalUrls;
import tw.mobileauth.identity.FieldNames;
import tw.mobileauth.identity.NationalId;
import tw.mobileauth.login.LoginUnavailableException;
import tw.mobileauth.store.CounterStore;
import tw.mobileauth.store.CredentialStore;
import tw.mobileauth.store.EnrollmentStore;
import tw.mobileauth.store.StoreException;

/**
 * The public edges answer with typed errors: a failed store is "unavailable" from the desktop's
 * calls and the back office alike, and a call that passes nothing is {@code request: REQUIRED}
 * from both ceremonies, never an NPE.
 */
class ErrorEdgesTest {

    private static final String ORIGIN = "https://portal.example.tw";

    @Test
    void aFailedStoreIsTypedUnavailableFromStatusRegenerateRestartAndEveryAdministrationCall() throws Exception {
        AtomicBoolean down = new AtomicBoolean(true);
        Stores memory = Stores.inMemory(Clock.systemUTC());
        Stores failing = new Stores(failing(EnrollmentStore.class, memory.enrollments(), down), memory.tokens(),
                failing(CredentialStore.class, memory.credentials(), down),
                failing(CounterStore.class, memory.counters(), down));
        try (FakeCarrierNetworks networks = FakeCarrierNetworks.start(); MobileAuth auth = wire(networks, failing)) {
            DesktopSecret secret = DesktopSecret.fromTransport("x".repeat(43));
            for (ThrowingCall call : new ThrowingCall[] {
                () -> auth.enrollment().status("enrolment-1", secret),
                () -> auth.enrollment().regenerateQr("enrolment-1", secret),
                () -> {
                    auth.enrollment().restart("enrolment-1", secret);
                    return null;
                }}) {
                EnrollmentUnavailableException e = assertThrows(EnrollmentUnavailableException.class, call::run);
                assertEquals(EnrollmentUnavailableException.Source.STORE, e.source());
                assertEquals(EnrollmentUnavailableException.Recovery.RETRY, e.recovery());
            }
            NationalId id = NationalId.parse("T200000009");
            CredentialId credential = CredentialId.parse("mat_" + "A".repeat(21) + "Q").orElseThrow();
            for (ThrowingCall call : new ThrowingCall[] {
                () -> auth.administration().revoke(credential),
                () -> auth.administration().revokeAll(id),
                () -> auth.administration().clearLockOut(id),
                () -> auth.administration().export(id),
                () -> auth.administration().erase(id)}) {
                LoginUnavailableException e = assertThrows(LoginUnavailableException.class, call::run);
                assertEquals(LoginUnavailableException.Source.STORE, e.source());
            }
            down.set(false);
            assertEquals(0, auth.administration().revokeAll(id), "the same call works once the store is back");
        }
    }

    @Test
    void passingNothingToEitherCeremonyIsTheSameTypedRequestError() throws Exception {
        try (FakeCarrierNetworks networks = FakeCarrierNetworks.start();
                MobileAuth auth = wire(networks, Stores.inMemory(Clock.systemUTC()))) {
            InvalidInputException begin = assertThrows(InvalidInputException.class,
                    () -> auth.enrollment().begin(null, null));
            InvalidInputException login = assertThrows(InvalidInputException.class,
                    () -> auth.login().beginLogin(null));
            for (InvalidInputException e : new InvalidInputException[] {begin, login}) {
                assertTrue(e.has(FieldNames.REQUEST, FieldReason.REQUIRED), e.getMessage());
            }
            assertEquals(begin.errors(), login.errors(), "answered the same way");
            assertTrue(auth.login().beginLogin(ClientContext.of(DeviceClass.DESKTOP)).id().length() > 0);
        }
    }

    @FunctionalInterface
    private interface ThrowingCall {
        Object run() throws Exception;
    }

    private static MobileAuth wire(FakeCarrierNetworks networks, Stores stores) {
        SecureRandom random = new SecureRandom();
        return MobileAuth.builder()
                .carriers(CarrierSettings.of(FakeCarrierNetworks.carrierIds().stream()
                        .collect(toMap(Function.identity(), id -> networks.configFor(id).build()))))
                .stores(stores)
                .secrets(HmacKey.generate(random), AeadKey.generate(random))
                .certificateAuthority(EnrollmentCa.generateDevelopmentCa("edges CA", Clock.systemUTC()))
                .portal(new PortalUrls(ORIGIN, URI.create(ORIGIN + "/h"), URI.create(ORIGIN + "/cb")))
                .withoutIdentityRegistry("error edges need no registry")
                .build();
    }

    /** {@code real}, but every call throws {@link StoreException} while {@code down}. */
    private static <T> T failing(Class<T> type, T real, AtomicBoolean down) {
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, (proxy, m, args) -> {
            if (down.get() && m.getDeclaringClass() != Object.class) {
                throw new StoreException(type.getSimpleName() + "." + m.getName() + ": connection refused (test)",
                        new java.io.IOException("refused"));
            }
            try {
                return m.invoke(real, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        }));
    }
}
