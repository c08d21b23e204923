package dev.cloudgallery.images.processing;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import javax.imageio.ImageIO;

import dev.cloudgallery.platform.json.Json;
import dev.cloudgallery.testing.bench.BenchReport;

import jakarta.json.JsonObjectBuilder;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

/**
 * Processing a 12 MP JPEG, side by side in one run: the worker's processing (decode, orient, three renditions), a
 * bare {@code ImageIO.read} of the same file, libvips' {@code vipsthumbnail} making the thumbnail, and libvips doing
 * the worker's whole job (medium and thumbnail with vipsthumbnail, the metadata-free original with vips). The rounds
 * interleave the four, so a noisy neighbour slows all of them alike. Printed, not asserted; run by {@code make bench}.
 */
class ProcessingBenchmark {
    private static final int ROUNDS = Integer.getInteger("bench.runs", System.getenv("BENCH_QUICK") != null ? 3 : 7);
    private static final String VIPSTHUMBNAIL = "/usr/bin/vipsthumbnail";
    private static final String VIPS = "/usr/bin/vips";
    private static final List<Integer> HEAPS = List.of(48, 64, 96, 128, 192, 256);

    @Test
    void measureProcessingOfA12MegapixelJpeg() throws Exception {
        byte[] jpeg = TestImages.jpeg(4000, 3000);
        Path directory = Files.createTempDirectory("processing-bench");
        Path file = Files.write(directory.resolve("photo.jpg"), jpeg);
        ImageProcessor processor = new ImageProcessor(new ImageProcessor.Settings(50_000_000, 1280, 320));
        boolean vips = Files.isExecutable(Path.of(VIPSTHUMBNAIL)) && Files.isExecutable(Path.of(VIPS));
        String thumbnail = directory.resolve("t.jpg") + "[Q=85,strip]";
        String medium = directory.resolve("m.jpg") + "[Q=85,strip]";
        String original = directory.resolve("o.jpg") + "[Q=90,strip]";

        Map<String, List<Double>> millis = new LinkedHashMap<>();
        List<Double> peakHeap = new ArrayList<>();
        // One unmeasured round warms up the JIT and the page cache, as a worker's earlier messages would.
        for (int round = 0; round <= ROUNDS; round++) {
            boolean measured = round > 0;
            resetPeaks();
            long start = System.nanoTime();
            assertInstanceOf(ImageProcessor.Outcome.Processed.class, processor.process(jpeg, "image/jpeg"));
            record(millis, "worker processing (3 renditions)", start, measured);
            if (measured) {
                peakHeap.add(peakHeapMiB());
            }
            start = System.nanoTime();
            ImageIO.read(new ByteArrayInputStream(jpeg));
            record(millis, "bare ImageIO.read", start, measured);
            if (vips) {
                start = System.nanoTime();
                run(VIPSTHUMBNAIL, file.toString(), "-s", "320", "-o", thumbnail);
                record(millis, "vipsthumbnail (thumbnail only)", start, measured);
                start = System.nanoTime();
                run(VIPSTHUMBNAIL, file.toString(), "-s", "1280", "-o", medium);
                run(VIPSTHUMBNAIL, file.toString(), "-s", "320", "-o", thumbnail);
                run(VIPS, "autorot", file.toString(), original);
                record(millis, "libvips, the same 3 renditions", start, measured);
            }
        }

        double worker = median(millis.get("worker processing (3 renditions)"));
        System.out.printf("%nProcessing a 12 MP JPEG (%d KiB), %d rounds, median (min–max):%n", jpeg.length >> 10,
                          ROUNDS);
        millis.forEach((name, values) -> System.out.printf("  %-34s %6.0f ms (%.0f–%.0f), worker/this %.2f×%n",
                                                           name, median(values), min(values), max(values),
                                                           worker / median(values)));
        System.out.printf("  worker peak heap use per image: %.0f MiB median (%.0f–%.0f), garbage not yet collected"
                          + " included%n", median(peakHeap), min(peakHeap), max(peakHeap));
        Optional<Integer> smallest = smallestHeap(file);
        System.out.printf("  smallest -Xmx (of %s MiB) with which a fresh JVM processes it: %s%n", HEAPS,
                          smallest.map(mib -> mib + " MiB").orElse("none"));
        JsonObjectBuilder report = Json.createObjectBuilder().add("jpegBytes", jpeg.length)
                .add("workerMs", BenchReport.summary(millis.get("worker processing (3 renditions)")))
                .add("imageIoReadMs", BenchReport.summary(millis.get("bare ImageIO.read")))
                .add("workerPeakHeapMiB", BenchReport.summary(peakHeap));
        if (vips) {
            report.add("vipsThumbnailMs", BenchReport.summary(millis.get("vipsthumbnail (thumbnail only)")))
                    .add("vipsSameRenditionsMs", BenchReport.summary(millis.get("libvips, the same 3 renditions")));
        }
        smallest.ifPresent(mib -> report.add("smallestXmxMiB", mib));
        BenchReport.put("processing", report.build());
        if (!vips) {
            System.out.println("  libvips is not installed (apt-get install libvips-tools): no comparison with it");
        }
    }

    /** The smallest of {@link #HEAPS} with which a JVM of its own processes the file (an OutOfMemoryError: corrupt). */
    private static Optional<Integer> smallestHeap(Path file) throws IOException, InterruptedException {
        for (int mib : HEAPS) {
            Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                                                 "-Xmx" + mib + "m", "-cp", System.getProperty("java.class.path"),
                                                 OneImage.class.getName(), file.toString())
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (process.waitFor() == 0) {
                return Optional.of(mib);
            }
        }
        return Optional.empty();
    }

    /** Processes one file as the worker does; exits 0 when it became renditions. */
    public static final class OneImage {
        public static void main(String[] args) throws IOException {
            ImageProcessor processor = new ImageProcessor(new ImageProcessor.Settings(50_000_000, 1280, 320));
            boolean processed = processor.process(Files.readAllBytes(Path.of(args[0])), "image/jpeg")
                    instanceof ImageProcessor.Outcome.Processed;
            System.exit(processed ? 0 : 1);
        }
    }

    private static void record(Map<String, List<Double>> millis, String name, long start, boolean measured) {
        if (measured) {
            millis.computeIfAbsent(name, n -> new ArrayList<>()).add((System.nanoTime() - start) / 1e6);
        }
    }

    private static void run(String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
        assertEquals(0, process.exitValue(), String.join(" ", command));
    }

    /** A collection first, so the peak counts this image and not what earlier rounds left behind. */
    private static void resetPeaks() {
        System.gc();
        heapPools().forEach(MemoryPoolMXBean::resetPeakUsage);
    }

    private static double peakHeapMiB() {
        return heapPools().stream().mapToLong(pool -> pool.getPeakUsage().getUsed()).sum() / (1024.0 * 1024.0);
    }

    private static List<MemoryPoolMXBean> heapPools() {
        return ManagementFactory.getMemoryPoolMXBeans().stream().filter(pool -> pool.getType() == MemoryType.HEAP)
                .toList();
    }

    private static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        return sorted.get(sorted.size() / 2);
    }

    private static double min(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).min().orElse(0);
    }

    private static double max(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).max().orElse(0);
    }
}
