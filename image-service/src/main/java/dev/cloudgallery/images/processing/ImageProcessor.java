package dev.cloudgallery.images.processing;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;
import javax.imageio.stream.MemoryCacheImageOutputStream;

/**
 * Turns uploaded bytes into the renditions the product serves, or says why it refuses them.
 * <p>
 * The checks run from cheapest to dearest, so hostile input is refused before it costs anything: the first bytes
 * name the format (never the client's word), the header gives width and height without decoding, and only an
 * image within the pixel limit is decoded. Decoding then takes at most the pixel limit times the bytes per pixel
 * of the decoded raster, plus an upright copy when the EXIF orientation turns it: that, one image at a time per
 * worker, is what bounds the heap. Every rendition is re-encoded from pixels, so no EXIF, GPS, XMP, comment or
 * ICC profile of the upload survives; images with alpha stay PNG, others become JPEG, except that a PNG original
 * stays lossless.
 */
public final class ImageProcessor {
    /** Why an upload was refused, as API.md names the reasons. */
    public enum Reason { NOT_AN_IMAGE, TYPE_MISMATCH, TOO_LARGE, TOO_MANY_PIXELS, CORRUPT }

    /** One encoded rendition. */
    public record Rendition(String name, String contentType, byte[] bytes, int width, int height) {
    }

    /** What processing made of an upload. */
    public sealed interface Outcome {
        /** Width and height upright; the renditions {@code original}, {@code medium}, {@code thumbnail}. */
        record Processed(int width, int height, List<Rendition> renditions) implements Outcome {
        }

        record Rejected(Reason reason) implements Outcome {
        }
    }

    /** The pixel limit and the longest edge of each derivative. */
    public record Settings(long maxPixels, int mediumEdge, int thumbnailEdge) {
    }

    /** libjpeg's warnings about missing or damaged data ("Premature end of JPEG file", "Corrupt JPEG data: ..."). */
    private static final Pattern DAMAGE = Pattern.compile("(?i)premature end|corrupt|truncat");
    private static final float ORIGINAL_QUALITY = 0.9f;
    private static final float DERIVATIVE_QUALITY = 0.85f;

    private final Settings settings;

    public ImageProcessor(Settings settings) {
        this.settings = settings;
    }

    public Outcome process(byte[] bytes, String declaredType) {
        Optional<ImageFormat> format = ImageFormat.sniff(bytes);
        if (format.isEmpty()) {
            return new Outcome.Rejected(Reason.NOT_AN_IMAGE);
        }
        if (!format.get().contentType().equals(declaredType)) {
            return new Outcome.Rejected(Reason.TYPE_MISMATCH);
        }
        try {
            return decodeAndRender(bytes, format.get());
        } catch (IOException | RuntimeException | OutOfMemoryError | StackOverflowError e) {
            // Decoders throw anything on hostile input, and a bomb the header check missed may exhaust the heap
            // or the stack: each ends this image, never the worker. The raster is unreachable once we return.
            return new Outcome.Rejected(Reason.CORRUPT);
        }
    }

    private Outcome decodeAndRender(byte[] bytes, ImageFormat format) throws IOException {
        BufferedImage decoded;
        try (ImageInputStream input = new MemoryCacheImageInputStream(new ByteArrayInputStream(bytes))) {
            ImageReader reader = reader(format);
            try {
                // Forward only and without metadata: the header is all that is read before the pixel check.
                reader.setInput(input, true, true);
                long pixels = (long) reader.getWidth(0) * reader.getHeight(0);
                if (pixels > settings.maxPixels()) {
                    return new Outcome.Rejected(Reason.TOO_MANY_PIXELS);
                }
                List<String> damage = new ArrayList<>();
                // A truncated or damaged JPEG decodes with a warning and grey where data is missing: refused. Other
                // warnings (TwelveMonkeys': a CMYK JPEG without an ICC profile, an odd Adobe marker) are harmless.
                reader.addIIOReadWarningListener((source, warning) -> {
                    if (DAMAGE.matcher(warning).find()) {
                        damage.add(warning);
                    }
                });
                decoded = reader.read(0);
                if (!damage.isEmpty()) {
                    return new Outcome.Rejected(Reason.CORRUPT);
                }
            } finally {
                reader.dispose();
            }
        }
        int orientation = format == ImageFormat.JPEG ? ExifOrientation.of(bytes) : ExifOrientation.NORMAL;
        boolean alpha = decoded.getColorModel().hasAlpha();
        BufferedImage upright = upright(decoded, orientation, alpha);
        BufferedImage medium = fit(upright, settings.mediumEdge(), alpha);
        BufferedImage thumbnail = fit(medium, settings.thumbnailEdge(), alpha);
        boolean lossless = alpha || format == ImageFormat.PNG;
        return new Outcome.Processed(upright.getWidth(), upright.getHeight(), List.of(
                encode("original", upright, lossless, ORIGINAL_QUALITY),
                encode("medium", medium, alpha, DERIVATIVE_QUALITY),
                encode("thumbnail", thumbnail, alpha, DERIVATIVE_QUALITY)));
    }

    private static ImageReader reader(ImageFormat format) {
        Iterator<ImageReader> readers = ImageIO.getImageReadersByMIMEType(format.contentType());
        if (!readers.hasNext()) {
            throw new IllegalStateException("No ImageIO reader for " + format.contentType());
        }
        return readers.next();
    }

    /**
     * The image turned upright, in a type every encoder takes (RGB, or ARGB with alpha); the decoded image itself
     * when it is upright and of such a type already, so the common photo costs no copy.
     */
    private static BufferedImage upright(BufferedImage image, int orientation, boolean alpha) {
        int type = alpha ? BufferedImage.TYPE_INT_ARGB : BufferedImage.TYPE_INT_RGB;
        if (orientation == ExifOrientation.NORMAL
            && (image.getType() == type || !alpha && image.getType() == BufferedImage.TYPE_3BYTE_BGR)) {
            return image;
        }
        boolean swap = ExifOrientation.swapsAxes(orientation);
        BufferedImage target = new BufferedImage(swap ? image.getHeight() : image.getWidth(),
                                                 swap ? image.getWidth() : image.getHeight(), type);
        draw(image, target, ExifOrientation.transform(orientation, image.getWidth(), image.getHeight()),
             RenderingHints.VALUE_INTERPOLATION_NEAREST_NEIGHBOR);
        return target;
    }

    /**
     * The image scaled to fit {@code edge} (never enlarged). Large reductions go in halving steps: one bilinear step
     * from 4000 to 320 pixels would sample a few source pixels per target pixel and alias.
     */
    private static BufferedImage fit(BufferedImage image, int edge, boolean alpha) {
        int longest = Math.max(image.getWidth(), image.getHeight());
        if (longest <= edge) {
            return image;
        }
        double scale = (double) edge / longest;
        int width = Math.max(1, (int) Math.round(image.getWidth() * scale));
        int height = Math.max(1, (int) Math.round(image.getHeight() * scale));
        BufferedImage current = image;
        while (current.getWidth() / 2 >= width && current.getHeight() / 2 >= height) {
            current = scaled(current, current.getWidth() / 2, current.getHeight() / 2, alpha);
        }
        return current.getWidth() == width && current.getHeight() == height
                ? current : scaled(current, width, height, alpha);
    }

    private static BufferedImage scaled(BufferedImage image, int width, int height, boolean alpha) {
        BufferedImage target = new BufferedImage(width, height,
                                                 alpha ? BufferedImage.TYPE_INT_ARGB : BufferedImage.TYPE_INT_RGB);
        draw(image, target, AffineTransform.getScaleInstance((double) width / image.getWidth(),
                                                             (double) height / image.getHeight()),
             RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        return target;
    }

    private static void draw(BufferedImage source, BufferedImage target, AffineTransform transform,
                             Object interpolation) {
        Graphics2D graphics = target.createGraphics();
        try {
            graphics.setRenderingHint(RenderingHints.KEY_INTERPOLATION, interpolation);
            graphics.drawImage(source, transform, null);
        } finally {
            graphics.dispose();
        }
    }

    private static Rendition encode(String name, BufferedImage image, boolean png, float quality) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ImageWriter writer = ImageIO.getImageWritersByFormatName(png ? "png" : "jpeg").next();
        try (MemoryCacheImageOutputStream output = new MemoryCacheImageOutputStream(bytes)) {
            writer.setOutput(output);
            ImageWriteParam param = writer.getDefaultWriteParam();
            if (!png) {
                param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
                param.setCompressionQuality(quality);
            }
            writer.write(null, new IIOImage(image, null, null), param);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            writer.dispose();
        }
        return new Rendition(name, png ? "image/png" : "image/jpeg", bytes.toByteArray(), image.getWidth(),
                             image.getHeight());
    }
}
