package dev.cloudgallery.images.processing;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import javax.imageio.ImageIO;

import dev.cloudgallery.images.processing.ImageProcessor.Outcome;
import dev.cloudgallery.images.processing.ImageProcessor.Reason;
import dev.cloudgallery.images.processing.ImageProcessor.Rendition;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What processing makes of good uploads, and that hostile ones are refused for the right reason, cheaply. */
class ImageProcessorTest {
    /** A hostile upload may cost at most this much heap, far below what decoding what it declares would take. */
    private static final long HOSTILE_HEAP_BUDGET = 32L << 20;

    private final ImageProcessor processor = new ImageProcessor(new ImageProcessor.Settings(50_000_000, 1280, 320));

    @Test
    void turnsASidewaysPhotoUprightAndDropsItsMetadata() throws IOException {
        byte[] upload = TestImages.sidewaysJpegWithGps(1600, 1200);
        assertTrue(contains(upload, TestImages.GPS_MARKER), "the upload carries GPS");

        Outcome.Processed processed = assertInstanceOf(Outcome.Processed.class, processor.process(upload, "image/jpeg"));

        assertEquals(1200, processed.width());
        assertEquals(1600, processed.height());
        Map<String, Rendition> renditions = byName(processed);
        assertDimensions(renditions.get("original"), 1200, 1600);
        assertDimensions(renditions.get("medium"), 960, 1280);
        assertDimensions(renditions.get("thumbnail"), 240, 320);
        for (Rendition rendition : renditions.values()) {
            assertEquals("image/jpeg", rendition.contentType());
            assertFalse(contains(rendition.bytes(), TestImages.GPS_MARKER), rendition.name() + " keeps GPS");
            assertFalse(contains(rendition.bytes(), "Exif"), rendition.name() + " keeps EXIF");
            BufferedImage image = ImageIO.read(new ByteArrayInputStream(rendition.bytes()));
            // Stored left half red: turned clockwise, it is the top half.
            assertColor(image.getRGB(image.getWidth() / 2, image.getHeight() / 4), 0xff0000, rendition.name());
            assertColor(image.getRGB(image.getWidth() / 2, image.getHeight() * 3 / 4), 0x0000ff, rendition.name());
        }
    }

    @Test
    void keepsAlphaAsPng() throws IOException {
        Outcome.Processed processed = assertInstanceOf(Outcome.Processed.class,
                processor.process(TestImages.transparentPng(2000, 1000), "image/png"));

        for (Rendition rendition : processed.renditions()) {
            assertEquals("image/png", rendition.contentType(), rendition.name());
            BufferedImage image = ImageIO.read(new ByteArrayInputStream(rendition.bytes()));
            assertTrue(image.getColorModel().hasAlpha(), rendition.name());
            assertEquals(0, image.getRGB(image.getWidth() - 2, image.getHeight() / 2) >>> 24, rendition.name());
        }
        assertDimensions(byName(processed).get("thumbnail"), 320, 160);
    }

    @Test
    void neverEnlargesASmallImage() {
        Outcome.Processed processed = assertInstanceOf(Outcome.Processed.class,
                processor.process(TestImages.gif(100, 60), "image/gif"));

        byName(processed).values().forEach(rendition -> assertDimensions(rendition, 100, 60));
    }

    static Stream<Arguments> hostileUploads() {
        byte[] jpeg = TestImages.jpeg(800, 600);
        return Stream.of(
                Arguments.of("pixel-flood PNG", TestImages.pixelFloodPng(60_000, 60_000), "image/png",
                             Reason.TOO_MANY_PIXELS),
                Arguments.of("pixel-flood GIF", TestImages.pixelFloodGif(60_000, 60_000), "image/gif",
                             Reason.TOO_MANY_PIXELS),
                Arguments.of("decompression bomb", TestImages.decompressionBombPng(10_000, 10_000), "image/png",
                             Reason.TOO_MANY_PIXELS),
                Arguments.of("truncated JPEG", TestImages.truncated(jpeg), "image/jpeg", Reason.CORRUPT),
                Arguments.of("truncated PNG", TestImages.truncated(TestImages.transparentPng(400, 300)), "image/png",
                             Reason.CORRUPT),
                Arguments.of("HTML named .jpg", "<html><script>alert(1)</script></html>".getBytes(
                        StandardCharsets.UTF_8), "image/jpeg", Reason.NOT_AN_IMAGE),
                Arguments.of("SVG named .jpg", "<svg xmlns=\"http://www.w3.org/2000/svg\" onload=\"alert(1)\"/>"
                        .getBytes(StandardCharsets.UTF_8), "image/jpeg", Reason.NOT_AN_IMAGE),
                Arguments.of("PNG declared as JPEG", TestImages.transparentPng(10, 10), "image/jpeg",
                             Reason.TYPE_MISMATCH),
                Arguments.of("empty file", new byte[0], "image/png", Reason.NOT_AN_IMAGE),
                Arguments.of("only a JPEG's first bytes", new byte[]{(byte) 0xff, (byte) 0xd8, (byte) 0xff},
                             "image/jpeg", Reason.CORRUPT));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("hostileUploads")
    void refusesHostileUploadsCheaply(String name, byte[] upload, String declaredType, Reason reason) {
        // A hang guard, not a performance claim: each of these is refused in milliseconds.
        assertTimeoutPreemptively(Duration.ofSeconds(20), () -> {
            long before = allocatedBytes();
            Outcome outcome = processor.process(upload, declaredType);
            long allocated = allocatedBytes() - before;

            assertEquals(new Outcome.Rejected(reason), outcome, name);
            assertTrue(allocated < HOSTILE_HEAP_BUDGET, name + " allocated " + allocated + " bytes");
        });
    }

    @Test
    void processesAJpegWithAHugeExifBlockWithoutKeepingIt() {
        byte[] upload = TestImages.jpegWithHugeExif(4 << 20);

        Outcome.Processed processed = assertInstanceOf(Outcome.Processed.class, processor.process(upload,
                                                                                                  "image/jpeg"));

        assertEquals(64, processed.width());
        processed.renditions().forEach(rendition -> assertTrue(rendition.bytes().length < 64 << 10,
                                                               rendition.name()));
    }

    private static Map<String, Rendition> byName(Outcome.Processed processed) {
        return processed.renditions().stream().collect(Collectors.toMap(Rendition::name, Function.identity()));
    }

    private static void assertDimensions(Rendition rendition, int width, int height) {
        assertEquals(width + "x" + height, rendition.width() + "x" + rendition.height(), rendition.name());
    }

    private static void assertColor(int rgb, int expected, String what) {
        for (int shift = 0; shift <= 16; shift += 8) {
            int channel = rgb >> shift & 0xff;
            int want = expected >> shift & 0xff;
            assertTrue(Math.abs(channel - want) < 40, what + ": " + Integer.toHexString(rgb) + " is not "
                                                      + Integer.toHexString(expected));
        }
    }

    private static boolean contains(byte[] bytes, String text) {
        return new String(bytes, StandardCharsets.ISO_8859_1).contains(text);
    }

    private static long allocatedBytes() {
        return ((com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean()).getCurrentThreadAllocatedBytes();
    }
}
