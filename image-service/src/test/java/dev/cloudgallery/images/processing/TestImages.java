package dev.cloudgallery.images.processing;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;

import javax.imageio.ImageIO;

/**
 * Images made by the tests, good and hostile, so no binary is committed: each is built from its format's spec, and
 * says what it claims and what it is.
 */
public final class TestImages {
    /** The GPS latitude reference a test looks for in the upload and must not find in any rendition. */
    public static final String GPS_MARKER = "GPS-SECRET-LOCATION";

    private TestImages() {
    }

    /**
     * A photo stored sideways, as phones store them: {@code width} × {@code height} stored pixels, the left half red
     * and the right half blue, with EXIF orientation 6 (turn 90° clockwise to view) and a GPS block.
     */
    public static byte[] sidewaysJpegWithGps(int width, int height) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D graphics = image.createGraphics();
        graphics.setColor(Color.RED);
        graphics.fillRect(0, 0, width / 2, height);
        graphics.setColor(Color.BLUE);
        graphics.fillRect(width / 2, 0, width - width / 2, height);
        graphics.dispose();
        return withApp1(encode(image, "jpeg"), exif(6));
    }

    /**
     * A photo-like JPEG of the given size: gradients under fine noise in every channel, so it compresses about as a
     * camera's photo does (a 12 MP one to some 3 MB) and its decoder does a photo's work.
     */
    public static byte[] jpeg(int width, int height) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        java.util.Random random = new java.util.Random(width * 31L + height);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int red = x * 191 / width + random.nextInt(64);
                int green = y * 191 / height + random.nextInt(64);
                int blue = (x + y) * 191 / (width + height) + random.nextInt(64);
                image.setRGB(x, y, red << 16 | green << 8 | blue);
            }
        }
        return encode(image, "jpeg");
    }

    /** A PNG with a transparent half. */
    public static byte[] transparentPng(int width, int height) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_ARGB);
        Graphics2D graphics = image.createGraphics();
        graphics.setColor(Color.GREEN);
        graphics.fillRect(0, 0, width / 2, height);
        graphics.dispose();
        return encode(image, "png");
    }

    public static byte[] gif(int width, int height) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_BYTE_INDEXED);
        return encode(image, "gif");
    }

    /** A valid PNG header declaring {@code width} × {@code height}, with one tiny IDAT: a pixel flood in ~100 bytes. */
    public static byte[] pixelFloodPng(int width, int height) {
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        png.writeBytes(new byte[]{(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'});
        png.writeBytes(chunk("IHDR", ByteBuffer.allocate(13).putInt(width).putInt(height)
                .put((byte) 8).put((byte) 2).put((byte) 0).put((byte) 0).put((byte) 0).array()));
        png.writeBytes(chunk("IDAT", deflate(new byte[64])));
        png.writeBytes(chunk("IEND", new byte[0]));
        return png.toByteArray();
    }

    /**
     * A real decompression bomb: a greyscale PNG of {@code width} × {@code height} whose every row is zeros, so a
     * few hundred kilobytes inflate to width × height bytes.
     */
    public static byte[] decompressionBombPng(int width, int height) {
        ByteArrayOutputStream compressed = new ByteArrayOutputStream();
        try (DeflaterOutputStream out = new DeflaterOutputStream(compressed, new Deflater(Deflater.BEST_COMPRESSION))) {
            byte[] row = new byte[width + 1];
            for (int y = 0; y < height; y++) {
                out.write(row);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        png.writeBytes(new byte[]{(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'});
        png.writeBytes(chunk("IHDR", ByteBuffer.allocate(13).putInt(width).putInt(height)
                .put((byte) 8).put((byte) 0).put((byte) 0).put((byte) 0).put((byte) 0).array()));
        png.writeBytes(chunk("IDAT", compressed.toByteArray()));
        png.writeBytes(chunk("IEND", new byte[0]));
        return png.toByteArray();
    }

    /** A GIF whose screen and only image declare {@code width} × {@code height}, with almost no image data. */
    public static byte[] pixelFloodGif(int width, int height) {
        ByteBuffer gif = ByteBuffer.allocate(64).order(ByteOrder.LITTLE_ENDIAN);
        gif.put("GIF89a".getBytes(StandardCharsets.US_ASCII))
                .putShort((short) width).putShort((short) height)
                .put((byte) 0x80).put((byte) 0).put((byte) 0)           // global colour table of 2 entries
                .put(new byte[]{0, 0, 0, (byte) 255, (byte) 255, (byte) 255})
                .put((byte) 0x2c).putShort((short) 0).putShort((short) 0)
                .putShort((short) width).putShort((short) height).put((byte) 0)
                .put((byte) 2)                                         // LZW minimum code size
                .put((byte) 2).put((byte) 0x4c).put((byte) 0x01)       // one tiny data block
                .put((byte) 0)                                         // end of image data
                .put((byte) 0x3b);                                     // trailer
        return Arrays.copyOf(gif.array(), gif.position());
    }

    /** A JPEG that carries an EXIF block of about {@code bytes} bytes, split over as many APP1 segments as it takes. */
    public static byte[] jpegWithHugeExif(int bytes) {
        byte[] jpeg = jpeg(64, 48);
        ByteArrayOutputStream segments = new ByteArrayOutputStream();
        byte[] filler = new byte[60_000];
        Arrays.fill(filler, (byte) 'A');
        for (int written = 0; written < bytes; written += filler.length) {
            segments.writeBytes(app1(concat(exif(1), filler)));
        }
        return insertAfterSoi(jpeg, segments.toByteArray());
    }

    public static byte[] truncated(byte[] image) {
        return Arrays.copyOf(image, image.length / 2);
    }

    public static byte[] encode(BufferedImage image, String format) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            if (!ImageIO.write(image, format, out)) {
                throw new IllegalStateException("No writer for " + format);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** A big-endian TIFF block: IFD0 with the orientation and a pointer to a GPS IFD holding {@link #GPS_MARKER}. */
    private static byte[] exif(int orientation) {
        byte[] marker = (GPS_MARKER + "\0").getBytes(StandardCharsets.US_ASCII);
        ByteBuffer tiff = ByteBuffer.allocate(8 + 2 + 2 * 12 + 4 + 2 + 12 + 4 + marker.length);
        int gpsIfd = 8 + 2 + 2 * 12 + 4;
        int markerAt = gpsIfd + 2 + 12 + 4;
        tiff.put((byte) 'M').put((byte) 'M').putShort((short) 42).putInt(8)
                .putShort((short) 2)
                .putShort((short) 0x0112).putShort((short) 3).putInt(1).putShort((short) orientation).putShort((short) 0)
                .putShort((short) 0x8825).putShort((short) 4).putInt(1).putInt(gpsIfd)
                .putInt(0)
                .putShort((short) 1)
                .putShort((short) 0x0001).putShort((short) 2).putInt(marker.length).putInt(markerAt)
                .putInt(0)
                .put(marker);
        return concat("Exif\0\0".getBytes(StandardCharsets.US_ASCII), tiff.array());
    }

    private static byte[] withApp1(byte[] jpeg, byte[] payload) {
        return insertAfterSoi(jpeg, app1(payload));
    }

    private static byte[] app1(byte[] payload) {
        return concat(new byte[]{(byte) 0xff, (byte) 0xe1, (byte) ((payload.length + 2) >> 8),
                                 (byte) (payload.length + 2)}, payload);
    }

    private static byte[] insertAfterSoi(byte[] jpeg, byte[] segments) {
        return concat(Arrays.copyOf(jpeg, 2), segments, Arrays.copyOfRange(jpeg, 2, jpeg.length));
    }

    private static byte[] chunk(String type, byte[] data) {
        byte[] name = type.getBytes(StandardCharsets.US_ASCII);
        CRC32 crc = new CRC32();
        crc.update(name);
        crc.update(data);
        return ByteBuffer.allocate(12 + data.length).putInt(data.length).put(name).put(data)
                .putInt((int) crc.getValue()).array();
    }

    private static byte[] deflate(byte[] data) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (DeflaterOutputStream deflater = new DeflaterOutputStream(out)) {
            deflater.write(data);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }
}
