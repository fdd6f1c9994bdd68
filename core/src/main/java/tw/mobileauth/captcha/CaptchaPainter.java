package tw.mobileauth.captcha;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.random.RandomGenerator;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriter;
import javax.imageio.stream.MemoryCacheImageOutputStream;

/**
 * Draws captcha text as a PNG: a pale gradient, faint background arcs, each character in its own
 * dark colour, size, rotation and height, then a few lines and arcs across the text and a
 * sprinkle of dots. Off-screen {@link BufferedImage} drawing works in headless mode.
 *
 * <p>Fonts use the logical {@code SansSerif} family, which every JDK maps to an installed font
 * (DejaVu Sans on Debian), so nothing is bundled.
 */
final class CaptchaPainter {

    static final int WIDTH = 160;
    static final int HEIGHT = 50;

    private static final Font BASE_FONT = new Font(Font.SANS_SERIF, Font.BOLD, 30);
    private static final double MAX_ROTATION = Math.toRadians(25);

    private CaptchaPainter() {
    }

    static byte[] paint(String text, RandomGenerator random) {
        BufferedImage image = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setPaint(new GradientPaint(0, 0, pale(random), WIDTH, HEIGHT, pale(random)));
            g.fillRect(0, 0, WIDTH, HEIGHT);

            g.setStroke(new BasicStroke(1f));
            for (int i = 0; i < 5; i++) {
                g.setColor(mid(random));
                arc(g, random);
            }
            characters(g, text, random);
            for (int i = 0; i < 3; i++) {
                g.setColor(dark(random));
                g.setStroke(new BasicStroke(1f + random.nextFloat()));
                g.drawLine(random.nextInt(WIDTH / 4), random.nextInt(HEIGHT),
                        WIDTH - random.nextInt(WIDTH / 4), random.nextInt(HEIGHT));
            }
            for (int i = 0; i < 2; i++) {
                g.setColor(dark(random));
                arc(g, random);
            }
            for (int i = 0; i < 120; i++) {
                image.setRGB(random.nextInt(WIDTH), random.nextInt(HEIGHT), mid(random).getRGB());
            }
        } finally {
            g.dispose();
        }
        return png(image);
    }

    private static void characters(Graphics2D g, String text, RandomGenerator random) {
        int slot = (WIDTH - 16) / text.length();
        AffineTransform plain = g.getTransform();
        for (int i = 0; i < text.length(); i++) {
            g.setFont(BASE_FONT.deriveFont((float) (24 + random.nextInt(7))));
            FontMetrics metrics = g.getFontMetrics();
            String glyph = text.substring(i, i + 1);
            double centreX = 8 + slot * (i + 0.5) + random.nextInt(5) - 2;
            double centreY = HEIGHT / 2.0 + random.nextInt(9) - 4;
            g.translate(centreX, centreY);
            g.rotate((random.nextDouble() * 2 - 1) * MAX_ROTATION);
            g.setColor(dark(random));
            g.drawString(glyph, -metrics.stringWidth(glyph) / 2f,
                    (metrics.getAscent() - metrics.getDescent()) / 2f);
            g.setTransform(plain);
        }
    }

    private static void arc(Graphics2D g, RandomGenerator random) {
        g.drawArc(random.nextInt(WIDTH) - WIDTH / 3, random.nextInt(HEIGHT) - HEIGHT / 2,
                WIDTH / 3 + random.nextInt(WIDTH), HEIGHT / 2 + random.nextInt(HEIGHT),
                random.nextInt(360), 90 + random.nextInt(180));
    }

    private static Color pale(RandomGenerator random) {
        return new Color(215 + random.nextInt(41), 215 + random.nextInt(41), 215 + random.nextInt(41));
    }

    private static Color mid(RandomGenerator random) {
        return new Color(120 + random.nextInt(80), 120 + random.nextInt(80), 120 + random.nextInt(80));
    }

    private static Color dark(RandomGenerator random) {
        return new Color(random.nextInt(110), random.nextInt(110), random.nextInt(110));
    }

    /** Encodes in memory; unlike {@code ImageIO.write(…, OutputStream)} it never spills to a temp file. */
    private static byte[] png(BufferedImage image) {
        ImageWriter writer = ImageIO.getImageWritersByFormatName("png").next();
        ByteArrayOutputStream out = new ByteArrayOutputStream(4096);
        try (MemoryCacheImageOutputStream stream = new MemoryCacheImageOutputStream(out)) {
            writer.setOutput(stream);
            writer.write(image);
        } catch (IOException e) {
            // Writing to memory with the JDK's own PNG writer does not fail; if it does, the JDK is broken.
            throw new UncheckedIOException("captcha: the JDK's PNG writer failed in memory", e);
        } finally {
            writer.dispose();
        }
        return out.toByteArray();
    }
}
