package tw.mobileauth.enrollment;

import tw.mobileauth.client.ClientContext;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.DecodeHintType;
import com.google.zxing.LuminanceSource;
import com.google.zxing.client.j2se.BufferedImageLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tw.mobileauth.carrier.testkit.Scenario;
import tw.mobileauth.carrier.testkit.Subscriber;
import tw.mobileauth.client.DeviceClass;

/** QR handoff (docs/journey.md): single-use, expiring, regenerable tokens and a desktop secret. */
@org.junit.jupiter.api.extension.ExtendWith(HarnessExtension.class)
class QrHandoffTest {

    private static Harness h;
    private static Subscriber alice;

    @BeforeAll
    static void start(Harness shared) {
        h = shared;
        alice = h.networks.subscribers().find("cht", Scenario.ELIGIBLE);
    }


    private static NextStep.ShowQrCode qr(Harness.Applied a) {
        return assertInstanceOf(NextStep.ShowQrCode.class, a.begun().next());
    }

    private static EnrollmentException.Reason open(String token, DeviceClass device) {
        return assertThrows(EnrollmentException.class,
                () -> h.service.openOnDevice(token, ClientContext.of(device))).reason();
    }

    @Test
    void aTokenIsRefusedOnceItsFiveMinutesAreOverButAcceptedJustBefore() throws Exception {
        Harness.Applied late = h.apply(alice, DeviceClass.DESKTOP);
        Harness.Applied inTime = h.apply(alice, DeviceClass.DESKTOP);
        assertEquals(qr(late).expiresAt(), h.clock.instant().plus(Duration.ofMinutes(5)));
        h.advance(Duration.ofMinutes(5).minusSeconds(1));
        h.service.openOnDevice(Harness.token(qr(inTime)), ClientContext.of(DeviceClass.SMARTPHONE));
        h.advance(Duration.ofSeconds(1));
        assertEquals(EnrollmentException.Reason.HANDOFF_EXPIRED, open(Harness.token(qr(late)), DeviceClass.SMARTPHONE));
    }

    @Test
    void aRegeneratedTokenKillsTheOldOneAtOnce() throws Exception {
        Harness.Applied a = h.apply(alice, DeviceClass.DESKTOP);
        String old = Harness.token(qr(a));
        NextStep.ShowQrCode fresh = h.service.regenerateQr(a.begun().enrollmentId(), a.begun().desktopSecret());
        assertNotEquals(old, Harness.token(fresh));
        assertEquals(EnrollmentService.DEFAULT_MAX_REGENERATIONS - 1, fresh.regenerationsLeft());
        assertEquals(EnrollmentException.Reason.HANDOFF_INVALID, open(old, DeviceClass.SMARTPHONE));
        DeviceSession s = h.service.openOnDevice(Harness.token(fresh), ClientContext.of(DeviceClass.SMARTPHONE));
        assertTrue(s.summary().pairingCodeRequired());
    }

    @Test
    void regenerationIsCappedAndNeedsTheDesktopSecret() throws Exception {
        Harness.Applied a = h.apply(alice, DeviceClass.DESKTOP);
        assertEquals(EnrollmentException.Reason.ACCESS_DENIED, assertThrows(EnrollmentException.class,
                () -> h.service.regenerateQr(a.begun().enrollmentId(), DesktopSecret.fromTransport("guess"))).reason());
        for (int i = 0; i < EnrollmentService.DEFAULT_MAX_REGENERATIONS; i++) {
            h.service.regenerateQr(a.begun().enrollmentId(), a.begun().desktopSecret());
        }
        assertEquals(EnrollmentException.Reason.REGENERATION_LIMIT, assertThrows(EnrollmentException.class,
                () -> h.service.regenerateQr(a.begun().enrollmentId(), a.begun().desktopSecret())).reason());
    }

    @Test
    void aSecondDeviceClaimingAClaimedTokenGetsAlreadyClaimed() throws Exception {
        Harness.Applied a = h.apply(alice, DeviceClass.DESKTOP);
        String token = Harness.token(qr(a));
        h.service.openOnDevice(token, ClientContext.of(DeviceClass.SMARTPHONE));
        assertEquals(EnrollmentException.Reason.HANDOFF_ALREADY_CLAIMED, open(token, DeviceClass.SMARTPHONE));
    }

    @Test
    void twoPhonesRacingForOneTokenHaveExactlyOneWinner() throws Exception {
        for (int round = 0; round < 10; round++) {
            String token = Harness.token(qr(h.apply(alice, DeviceClass.DESKTOP)));
            List<Boolean> wins = tw.mobileauth.store.Races.race(2, i -> () -> {
                try {
                    h.service.openOnDevice(token, ClientContext.of(DeviceClass.SMARTPHONE));
                    return true;
                } catch (EnrollmentException e) {
                    assertEquals(EnrollmentException.Reason.HANDOFF_ALREADY_CLAIMED, e.reason());
                    return false;
                }
            });
            assertEquals(1, wins.stream().filter(w -> w).count());
        }
    }

    @Test
    void aDesktopCannotClaimTheCodeAndDoesNotUseItUp() throws Exception {
        String token = Harness.token(qr(h.apply(alice, DeviceClass.DESKTOP)));
        assertEquals(EnrollmentException.Reason.INELIGIBLE, open(token, DeviceClass.DESKTOP));
        h.service.openOnDevice(token, ClientContext.of(DeviceClass.SMARTPHONE));
    }

    @Test
    void statusWithoutTheDesktopSecretIsRefused() throws Exception {
        Harness.Applied a = h.apply(alice, DeviceClass.DESKTOP);
        for (DesktopSecret wrong : new DesktopSecret[] {DesktopSecret.fromTransport(""),
                DesktopSecret.fromTransport(null), DesktopSecret.fromTransport("x".repeat(43)), null}) {
            assertEquals(EnrollmentException.Reason.ACCESS_DENIED, assertThrows(EnrollmentException.class,
                    () -> h.service.status(a.begun().enrollmentId(), wrong)).reason());
        }
        assertInstanceOf(EnrollmentStatus.AwaitingDevice.class,
                h.service.status(a.begun().enrollmentId(), a.begun().desktopSecret()));
        assertEquals(EnrollmentException.Reason.UNKNOWN_ENROLLMENT, assertThrows(EnrollmentException.class,
                () -> h.service.status("no-such-id", a.begun().desktopSecret())).reason());
    }

    @Test
    void restartCancelsTheEnrollmentAndKillsItsCode() throws Exception {
        Harness.Applied a = h.apply(alice, DeviceClass.DESKTOP);
        h.service.restart(a.begun().enrollmentId(), a.begun().desktopSecret());
        assertInstanceOf(EnrollmentStatus.Cancelled.class, h.status(a));
        assertEquals(EnrollmentException.Reason.HANDOFF_INVALID, open(Harness.token(qr(a)), DeviceClass.SMARTPHONE));
    }

    @Test
    void theEnrollmentExpiresAfterItsTotalLifetime() throws Exception {
        Harness.Applied a = h.apply(alice, DeviceClass.DESKTOP);
        h.advance(Duration.ofMinutes(EnrollmentService.DEFAULT_LIFETIME_MINUTES));
        assertInstanceOf(EnrollmentStatus.Expired.class, h.status(a));
        assertEquals(EnrollmentException.Reason.ENROLLMENT_EXPIRED, assertThrows(EnrollmentException.class,
                () -> h.service.regenerateQr(a.begun().enrollmentId(), a.begun().desktopSecret())).reason());
    }

    @Test
    void theSvgAndThePngDecodeBackToTheHandoffUrl() throws Exception {
        NextStep.ShowQrCode qr = qr(h.apply(alice, DeviceClass.DESKTOP));
        BufferedImage png = ImageIO.read(new ByteArrayInputStream(qr.png()));
        assertEquals(qr.handoffUrl().toString(), decode(png));
        assertEquals(qr.handoffUrl().toString(), decode(renderSvg(qr.svg())));
        assertTrue(qr.handoffUrl().toString().startsWith(Harness.ORIGIN + "/mobile/h?t="));
        assertEquals(43, Harness.token(qr).length(), "256 bits, base64url");
    }

    /**
     * Decodes the rendered symbol as the pure, axis-aligned barcode it is. The handoff token is random, and
     * ZXing's finder-pattern detector (the camera path) misses about 0.65% of valid random symbols: 13 of
     * 2,000 random handoff URLs, the same rate for ZXing's own {@code QRCodeWriter} output, while the pure
     * decoder reads every one. This test checks that the images carry the URL; the camera path is checked on
     * fixed symbols in {@code QrCodeSpec}.
     */
    private static String decode(BufferedImage image) throws Exception {
        LuminanceSource source = new BufferedImageLuminanceSource(image);
        return new QRCodeReader().decode(new BinaryBitmap(new HybridBinarizer(source)),
                Map.of(DecodeHintType.PURE_BARCODE, Boolean.TRUE)).getText();
    }

    /** Draws the SVG's {@code viewBox} and its {@code M x y h n v1 h-n z} path runs, 4 pixels per module. */
    private static BufferedImage renderSvg(String svg) {
        Matcher box = Pattern.compile("viewBox=\"0 0 (\\d+) (\\d+)\"").matcher(svg);
        assertTrue(box.find(), svg.substring(0, Math.min(200, svg.length())));
        int size = Integer.parseInt(box.group(1));
        int scale = 4;
        BufferedImage img = new BufferedImage(size * scale, size * scale, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, size * scale, size * scale);
        g.setColor(Color.BLACK);
        Matcher run = Pattern.compile("M(\\d+) (\\d+)h(\\d+)v1h-\\d+z").matcher(svg);
        int runs = 0;
        while (run.find()) {
            g.fillRect(Integer.parseInt(run.group(1)) * scale, Integer.parseInt(run.group(2)) * scale,
                    Integer.parseInt(run.group(3)) * scale, scale);
            runs++;
        }
        g.dispose();
        assertTrue(runs > 20, "the SVG draws module runs");
        return img;
    }
}
