package dev.cloudgallery.images.processing;

import java.awt.geom.AffineTransform;

/**
 * The EXIF orientation of a JPEG (tag 0x0112 in IFD0 of its APP1 "Exif" segment): how the stored pixels must be
 * turned to be seen upright. Read here rather than through a metadata library because only this one value is
 * needed, and walking the segments ourselves stops at the first image data and never reads more than they declare.
 */
public final class ExifOrientation {
    /** Upright already. */
    public static final int NORMAL = 1;

    private static final int ORIENTATION_TAG = 0x0112;
    private static final int SOS = 0xda;
    private static final int APP1 = 0xe1;

    private ExifOrientation() {
    }

    /** The orientation, 1–8; {@link #NORMAL} when absent or unreadable. */
    public static int of(byte[] jpeg) {
        int position = 2;
        while (position + 4 <= jpeg.length && (jpeg[position] & 0xff) == 0xff) {
            int marker = jpeg[position + 1] & 0xff;
            if (marker == SOS) {
                break;
            }
            int length = u16(jpeg, position + 2, false);
            int payload = position + 4;
            if (marker == APP1 && length >= 8 && payload + length - 2 <= jpeg.length
                && jpeg[payload] == 'E' && jpeg[payload + 1] == 'x' && jpeg[payload + 2] == 'i'
                && jpeg[payload + 3] == 'f' && jpeg[payload + 4] == 0 && jpeg[payload + 5] == 0) {
                return fromTiff(jpeg, payload + 6, payload + length - 2);
            }
            position += 2 + length;
        }
        return NORMAL;
    }

    private static int fromTiff(byte[] bytes, int tiff, int end) {
        if (tiff + 8 > end) {
            return NORMAL;
        }
        boolean little = bytes[tiff] == 'I' && bytes[tiff + 1] == 'I';
        if (!little && !(bytes[tiff] == 'M' && bytes[tiff + 1] == 'M')) {
            return NORMAL;
        }
        long ifd = u32(bytes, tiff + 4, little);
        if (ifd < 8 || tiff + ifd + 2 > end) {
            return NORMAL;
        }
        int entries = u16(bytes, tiff + (int) ifd, little);
        for (int i = 0; i < entries; i++) {
            int entry = tiff + (int) ifd + 2 + i * 12;
            if (entry + 12 > end) {
                break;
            }
            if (u16(bytes, entry, little) == ORIENTATION_TAG) {
                int value = u16(bytes, entry + 8, little);
                return value >= 1 && value <= 8 ? value : NORMAL;
            }
        }
        return NORMAL;
    }

    /**
     * The transform that turns an image of {@code width} × {@code height} stored pixels upright; for orientations
     * 5–8 the upright image is {@code height} wide.
     */
    public static AffineTransform transform(int orientation, int width, int height) {
        return switch (orientation) {
            case 2 -> new AffineTransform(-1, 0, 0, 1, width, 0);
            case 3 -> new AffineTransform(-1, 0, 0, -1, width, height);
            case 4 -> new AffineTransform(1, 0, 0, -1, 0, height);
            case 5 -> new AffineTransform(0, 1, 1, 0, 0, 0);
            case 6 -> new AffineTransform(0, 1, -1, 0, height, 0);
            case 7 -> new AffineTransform(0, -1, -1, 0, height, width);
            case 8 -> new AffineTransform(0, -1, 1, 0, 0, width);
            default -> new AffineTransform();
        };
    }

    /** Whether the orientation swaps width and height. */
    public static boolean swapsAxes(int orientation) {
        return orientation >= 5 && orientation <= 8;
    }

    private static int u16(byte[] bytes, int at, boolean little) {
        int a = bytes[at] & 0xff;
        int b = bytes[at + 1] & 0xff;
        return little ? b << 8 | a : a << 8 | b;
    }

    private static long u32(byte[] bytes, int at, boolean little) {
        long high = u16(bytes, little ? at + 2 : at, little);
        long low = u16(bytes, little ? at : at + 2, little);
        return high << 16 | low;
    }
}
