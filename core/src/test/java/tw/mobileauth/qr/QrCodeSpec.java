package tw.mobileauth.qr;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.DecodeHintType;
import com.google.zxing.NotFoundException;
import com.google.zxing.Result;
import com.google.zxing.ResultMetadataType;
import com.google.zxing.client.j2se.BufferedImageLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.EnumMap;
import java.util.Map;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.CRC32;
import javax.imageio.ImageIO;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/** The rules of {@link QrCode}: what it encodes, how it renders, what it refuses. */
class QrCodeSpec {

    private static final String HANDOFF =
            "https://portal.example.gov.tw/mobileauth/h/3q2-Vb8xYk0RdE1nQZ7tLw9uPaHcS4mJfG6iKoXy5Ue";
    private static final String CJK_URL = "https://入口.example.tw/行動電話認證/交接?t=王小明😀";

    // ---- round trips -------------------------------------------------------------------------

    @Test
    void pngDecodesBackToExactlyTheEncodedUrl() throws Exception {
        QrImage a = QrCode.standard().encode(HANDOFF);
        QrImage b = QrCode.standard().encode(HANDOFF + "X");

        assertEquals(HANDOFF, decode(ImageIO.read(new ByteArrayInputStream(a.png()))).getText());
        assertEquals(HANDOFF + "X", decode(ImageIO.read(new ByteArrayInputStream(b.png()))).getText());
        assertFalse(java.util.Arrays.equals(a.png(), b.png()), "different URLs, different symbols");
    }

    @Test
    void svgRasterisedFromItsPathRunsDecodesBackToExactlyTheEncodedUrl() throws Exception {
        QrImage qr = QrCode.standard().encode(HANDOFF);

        assertEquals(HANDOFF, decode(rasterise(qr.svg(), 4)).getText());

        BufferedImage blank = rasterise(qr.svg().replaceFirst(" d=\"[^\"]*\"", " d=\"\""), 4);
        assertThrows(NotFoundException.class, () -> decode(blank), "without the runs there is no symbol");
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 3, 8, 13})
    void svgAndPngDrawTheSameModulesAtEveryScale(int scale) throws Exception {
        QrImage qr = QrCode.withPixelsPerModule(scale).encode(HANDOFF);
        BufferedImage png = ImageIO.read(new ByteArrayInputStream(qr.png()));
        BufferedImage svg = rasterise(qr.svg(), scale);

        assertEquals(svg.getWidth(), png.getWidth());
        int differing = 0;
        int dark = 0;
        for (int y = 0; y < png.getHeight(); y++) {
            for (int x = 0; x < png.getWidth(); x++) {
                boolean pngDark = (png.getRGB(x, y) & 0xFFFFFF) == 0;
                boolean svgDark = (svg.getRGB(x, y) & 0xFFFFFF) == 0;
                differing += pngDark != svgDark ? 1 : 0;
                dark += pngDark ? 1 : 0;
            }
        }
        assertEquals(0, differing);
        assertTrue(dark > 0 && dark < png.getWidth() * png.getHeight(), "both colours are present");
    }

    @Test
    void urlsOfEveryLengthAndAlphabetRoundTrip() throws Exception {
        Random random = new Random(20240314L); // fixed seed: a failure can be replayed
        String alphabet = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~:/?#[]@!$&'()*+,;=%中華電信台灣大哥大遠傳";
        for (int i = 0; i < 60; i++) {
            StringBuilder url = new StringBuilder("https://h.tw/");
            int extra = random.nextInt(200);
            for (int c = 0; c < extra; c++) {
                url.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            String text = url.toString();
            QrImage qr = QrCode.withPixelsPerModule(2).encode(text);
            // PURE_BARCODE reads the symbol straight from the image. ZXing's finder-pattern detector
            // misses a few random symbols (it misses ZXing's own MatrixToImageWriter image of them too).
            assertEquals(text, decode(ImageIO.read(new ByteArrayInputStream(qr.png())), true).getText(), text);
        }
    }

    @Test
    void nonAsciiUrlsCarryAUtf8EciAndAsciiUrlsDoNot() throws Exception {
        QrImage cjk = QrCode.standard().encode(CJK_URL);
        QrImage ascii = QrCode.standard().encode(HANDOFF);

        Result cjkResult = decode(ImageIO.read(new ByteArrayInputStream(cjk.png())));
        Result asciiResult = decode(ImageIO.read(new ByteArrayInputStream(ascii.png())));

        assertEquals(CJK_URL, cjkResult.getText());
        assertEquals("]Q2", cjkResult.getResultMetadata().get(ResultMetadataType.SYMBOLOGY_IDENTIFIER));
        assertEquals(HANDOFF, asciiResult.getText());
        assertEquals("]Q1", asciiResult.getResultMetadata().get(ResultMetadataType.SYMBOLOGY_IDENTIFIER));
    }

    // ---- the PNG file ------------------------------------------------------------------------

    @ParameterizedTest
    @ValueSource(ints = {1, 3, 8, 32})
    void pngIsAValidOneBitGreyscaleFileOfTheDocumentedSize(int scale) throws Exception {
        QrImage qr = QrCode.withPixelsPerModule(scale).encode(HANDOFF);
        byte[] png = qr.png();
        int expected = (qr.modules() + 2 * QrCode.QUIET_ZONE_MODULES) * scale;

        ByteBuffer header = checkChunks(png);
        assertEquals(expected, header.getInt(0), "IHDR width");
        assertEquals(expected, header.getInt(4), "IHDR height");
        assertEquals(1, header.get(8), "bit depth");
        assertEquals(0, header.get(9), "colour type greyscale");
        assertEquals(0, header.get(12), "no interlace");

        BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
        assertEquals(expected, image.getWidth());
        assertEquals(expected, image.getHeight());
        assertEquals(expected, qr.sizePixels());
        assertEquals(0xFFFFFF, image.getRGB(0, 0) & 0xFFFFFF, "the quiet zone is white");
        int corner = QrCode.QUIET_ZONE_MODULES * scale;
        assertEquals(0, image.getRGB(corner, corner) & 0xFFFFFF, "the finder pattern starts black");

        byte[] corrupted = png.clone();
        corrupted[corrupted.length - 20] ^= 0x01; // inside the IDAT CRC or data
        assertThrows(AssertionError.class, () -> checkChunks(corrupted), "the CRC check can fail");
    }

    @Test
    void pngDataUrlCarriesThePngBytes() throws Exception {
        QrImage qr = QrCode.standard().encode(HANDOFF);
        String prefix = "data:image/png;base64,";

        assertTrue(qr.pngDataUrl().startsWith(prefix));
        assertArrayEquals(qr.png(), Base64.getDecoder().decode(qr.pngDataUrl().substring(prefix.length())));
        assertNotEquals(qr.pngDataUrl(), QrCode.withPixelsPerModule(4).encode(HANDOFF).pngDataUrl());
    }

    // ---- the SVG document --------------------------------------------------------------------

    @Test
    void svgIsOneCrispPathOnAWhiteSquareMeasuredInModules() throws Exception {
        QrImage qr = QrCode.standard().encode(HANDOFF);
        int size = qr.modules() + 2 * QrCode.QUIET_ZONE_MODULES;

        Element svg = parse(qr.svg()).getDocumentElement();
        assertEquals("svg", svg.getTagName());
        assertEquals("http://www.w3.org/2000/svg", svg.getAttribute("xmlns"));
        assertEquals("0 0 " + size + " " + size, svg.getAttribute("viewBox"));
        assertEquals("crispEdges", svg.getAttribute("shape-rendering"));
        assertEquals(String.valueOf(qr.sizePixels()), svg.getAttribute("width"));
        assertEquals(1, svg.getElementsByTagName("path").getLength());
        Element rect = (Element) svg.getElementsByTagName("rect").item(0);
        assertEquals("#fff", rect.getAttribute("fill"));
        assertEquals(String.valueOf(size), rect.getAttribute("width"));

        // Runs are merged: no two runs on one row touch.
        Matcher run = RUN.matcher(((Element) svg.getElementsByTagName("path").item(0)).getAttribute("d"));
        int lastY = -1;
        int lastEnd = -2;
        int runs = 0;
        while (run.find()) {
            int x = Integer.parseInt(run.group(1));
            int y = Integer.parseInt(run.group(2));
            if (y == lastY) {
                assertTrue(x > lastEnd, "runs at row " + y + " are merged");
            }
            lastY = y;
            lastEnd = x + Integer.parseInt(run.group(3));
            runs++;
        }
        assertTrue(runs > size, "a QR symbol has more runs than rows: " + runs);
    }

    // ---- refused input -----------------------------------------------------------------------

    @Test
    void emptyTextIsRefusedAsEmpty() throws Exception {
        for (String empty : new String[] {null, "", "   ", "\t"}) {
            QrEncodingException e = assertThrows(QrEncodingException.class, () -> QrCode.standard().encode(empty));
            assertEquals(QrEncodingException.Reason.EMPTY, e.reason());
        }
        assertEquals(21, QrCode.standard().encode("a").modules(), "one character is the smallest symbol");
    }

    @Test
    void textBeyondTheCapacityOfLevelMIsRefusedAsTooLong() throws Exception {
        String full = "h".repeat(QrCode.MAX_UTF8_BYTES);
        assertEquals(177, QrCode.withPixelsPerModule(1).encode(full).modules(), "exactly full: version 40");

        for (String tooLong : new String[] {
                full + "h",
                "中".repeat(QrCode.MAX_UTF8_BYTES / 3 + 1),
                "1".repeat(5000),
                "x".repeat(10_000_000)}) {
            QrEncodingException e = assertThrows(QrEncodingException.class, () -> QrCode.standard().encode(tooLong));
            assertEquals(QrEncodingException.Reason.TOO_LONG, e.reason());
            assertFalse(e.getMessage().contains(tooLong.substring(0, 10)), "the message never repeats the text");
        }
    }

    @Test
    void controlInvisibleAndBrokenCharactersAreRefusedAsMalformed() throws Exception {
        for (String bad : new String[] {
                HANDOFF + "\u0000", HANDOFF + "\n", "https://a.tw/\u007F", "https://a.tw/\u0085",
                "https://evil.tw/\u202Egpj.exe", "https://a.tw/\u200Bx", "https://a.tw/\uD800",
                "https://a.tw/\uDC00x", "https://a.tw/\uDB40\uDC01"}) {
            QrEncodingException e = assertThrows(QrEncodingException.class, () -> QrCode.standard().encode(bad));
            assertEquals(QrEncodingException.Reason.MALFORMED, e.reason(), bad);
        }
        QrImage emoji = QrCode.standard().encode(CJK_URL);
        assertEquals(CJK_URL, decode(ImageIO.read(new ByteArrayInputStream(emoji.png()))).getText(),
                "a real surrogate pair is fine");
    }

    @Test
    void aScaleOutsideOneToThirtyTwoIsAConfigurationError() {
        assertThrows(IllegalArgumentException.class, () -> QrCode.withPixelsPerModule(0));
        assertThrows(IllegalArgumentException.class, () -> QrCode.withPixelsPerModule(33));
        assertEquals(32, QrCode.withPixelsPerModule(32).pixelsPerModule());
        assertEquals(QrCode.DEFAULT_PIXELS_PER_MODULE, QrCode.standard().pixelsPerModule());
    }

    // ---- the value -----------------------------------------------------------------------------

    @Test
    void qrImageCopiesItsPngAndNeverPrintsTheUrlToken() throws Exception {
        QrImage qr = QrCode.standard().encode(HANDOFF);
        byte[] png = qr.png();
        png[0] = 0;

        assertEquals((byte) 0x89, qr.png()[0], "the caller's copy is detached");
        QrImage again = QrCode.standard().encode(HANDOFF);
        assertEquals(qr, again, "equal by content");
        assertEquals(qr.hashCode(), again.hashCode());
        assertNotEquals(qr, QrCode.standard().encode(HANDOFF + "x"));
        assertNotEquals(qr, QrCode.withPixelsPerModule(4).encode(HANDOFF));

        assertTrue(qr.toString().contains("portal.example.gov.tw"), qr.toString());
        assertFalse(qr.toString().contains("3q2-Vb8x"), "the token is not printed");
        assertFalse(QrCode.standard().encode("not a url 3q2-Vb8x").toString().contains("3q2"));
    }

    @Test
    void eachRenderingIsMadeOnlyWhenAskedForAndThenKept() throws Exception {
        QrImage qr = QrCode.standard().encode(HANDOFF);
        String svg = qr.svg();
        assertSame(svg, qr.svg(), "the SVG is rendered once");
        assertTrue(svg.startsWith("<svg"));
        assertEquals(qr.pngDataUrl(), qr.pngDataUrl());
        assertTrue(qr.pngDataUrl().startsWith("data:image/png;base64,iVBOR"));
    }

    // ---- helpers -----------------------------------------------------------------------------

    private static final Pattern RUN = Pattern.compile("M(\\d+) (\\d+)h(\\d+)v1h-(\\d+)z");

    /** Decodes as a phone would: find the finder patterns first. */
    private static Result decode(BufferedImage image) throws Exception {
        return decode(image, false);
    }

    private static Result decode(BufferedImage image, boolean pure) throws Exception {
        Map<DecodeHintType, Object> hints = new EnumMap<>(DecodeHintType.class);
        hints.put(DecodeHintType.TRY_HARDER, Boolean.TRUE);
        if (pure) {
            hints.put(DecodeHintType.PURE_BARCODE, Boolean.TRUE);
        }
        return new QRCodeReader().decode(
                new BinaryBitmap(new HybridBinarizer(new BufferedImageLuminanceSource(image))), hints);
    }

    private static Document parse(String xml) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        return factory.newDocumentBuilder().parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
    }

    /** Draws the SVG's path runs ourselves, so the check does not trust the renderer under test. */
    private static BufferedImage rasterise(String svgText, int scale) throws Exception {
        Element svg = parse(svgText).getDocumentElement();
        String[] viewBox = svg.getAttribute("viewBox").split(" ");
        int size = Integer.parseInt(viewBox[2]);
        String d = ((Element) svg.getElementsByTagName("path").item(0)).getAttribute("d");
        assertTrue(RUN.matcher(d).replaceAll("").isEmpty(), "the path holds only runs");

        BufferedImage image = new BufferedImage(size * scale, size * scale, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                image.setRGB(x, y, 0xFFFFFF);
            }
        }
        Matcher run = RUN.matcher(d);
        while (run.find()) {
            int x0 = Integer.parseInt(run.group(1));
            int y0 = Integer.parseInt(run.group(2));
            int n = Integer.parseInt(run.group(3));
            assertEquals(n, Integer.parseInt(run.group(4)), "each run closes on itself");
            for (int y = y0 * scale; y < (y0 + 1) * scale; y++) {
                for (int x = x0 * scale; x < (x0 + n) * scale; x++) {
                    image.setRGB(x, y, 0);
                }
            }
        }
        return image;
    }

    /** Walks the chunks, checks every CRC, and returns the IHDR data. */
    private static ByteBuffer checkChunks(byte[] png) throws IOException {
        byte[] signature = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};
        assertArrayEquals(signature, java.util.Arrays.copyOf(png, 8));
        ByteBuffer in = ByteBuffer.wrap(png, 8, png.length - 8);
        ByteBuffer ihdr = null;
        StringBuilder order = new StringBuilder();
        while (in.hasRemaining()) {
            int length = in.getInt();
            byte[] typeAndData = new byte[4 + length];
            in.get(typeAndData);
            CRC32 crc = new CRC32();
            crc.update(typeAndData);
            String type = new String(typeAndData, 0, 4, StandardCharsets.US_ASCII);
            assertEquals((int) crc.getValue(), in.getInt(), "CRC of " + type);
            order.append(type).append(' ');
            if (type.equals("IHDR")) {
                ihdr = ByteBuffer.wrap(java.util.Arrays.copyOfRange(typeAndData, 4, 4 + length));
            }
        }
        assertEquals("IHDR IDAT IEND ", order.toString());
        return ihdr;
    }
}
