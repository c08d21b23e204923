package dev.cloudgallery.testing.bench;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Line2D;
import java.awt.geom.Path2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import javax.imageio.ImageIO;

import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;

import static dev.cloudgallery.testing.bench.BenchMarkdown.median;
import static dev.cloudgallery.testing.bench.BenchMarkdown.number;

/**
 * The report's charts, PNGs beside {@code report.json}: {@value #COLD_START} and {@value #LATENCY}. Drawn with plain
 * AWT so that the harness needs no plotting library, and headless since {@code make bench} runs without a display.
 */
public final class BenchCharts {
    static {
        // Before any AWT class below: java.awt.Color's initializer already asks whether the JVM is headless.
        System.setProperty("java.awt.headless", "true");
    }

    public static final String COLD_START = "cold-start.png";
    public static final String LATENCY = "latency.png";
    static final int WIDTH = 1000;
    static final Color BAR = new Color(0x4E79A7);
    /** Tableau's ten colours, told apart by most eyes. */
    static final List<Color> LINES = List.of(new Color(0x4E79A7), new Color(0xF28E2B), new Color(0xE15759),
                                             new Color(0x76B7B2), new Color(0x59A14F), new Color(0xEDC948),
                                             new Color(0xB07AA1), new Color(0xFF9DA7), new Color(0x9C755F),
                                             new Color(0xBAB0AC));
    private static final Color TEXT = new Color(0x222222);
    private static final Color GRID = new Color(0xDDDDDD);
    private static final Color WHISKER = new Color(0x333333);
    private static final Font LABEL = new Font(Font.SANS_SERIF, Font.PLAIN, 14);
    private static final Font TITLE = new Font(Font.SANS_SERIF, Font.BOLD, 17);
    private static final int TOP = 56;

    private BenchCharts() {
    }

    /**
     * Draws into {@code dir} the charts {@code report} has figures for and deletes the others, so that none outlives
     * the figures it showed; returns the names of those drawn.
     */
    public static Set<String> write(Path dir, JsonObject report) {
        Map<String, BufferedImage> charts = new LinkedHashMap<>();
        if (report.get("coldStartMs") instanceof JsonObject variants && !variants.isEmpty()) {
            charts.put(COLD_START, coldStart(variants));
        }
        Map<String, JsonObject> latencies = new LinkedHashMap<>();
        if (report.get("load") instanceof JsonObject load) {
            load.forEach((name, entry) -> {
                if (entry.asJsonObject().get("latencyMs") instanceof JsonObject latency && !latency.isEmpty()) {
                    latencies.put(name, latency);
                }
            });
        }
        if (!latencies.isEmpty()) {
            charts.put(LATENCY, latency(latencies));
        }
        try {
            for (String name : List.of(COLD_START, LATENCY)) {
                Path file = dir.resolve(name);
                if (!charts.containsKey(name)) {
                    Files.deleteIfExists(file);
                } else if (!ImageIO.write(charts.get(name), "png", file.toFile())) {
                    throw new IOException("No PNG writer in this JVM");
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return charts.keySet();
    }

    /** A bar a variant at its median, a whisker from its min to its max, in the report's order. */
    private static BufferedImage coldStart(JsonObject variants) {
        int rowHeight = 34;
        int barHeight = 22;
        int bottom = TOP + variants.size() * rowHeight;
        BufferedImage image = new BufferedImage(WIDTH, bottom + 56, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = canvas(image, "Cold start: median of the runs, whiskers from the fastest to the slowest");
        FontMetrics metrics = g.getFontMetrics();
        int left = 28 + variants.keySet().stream().mapToInt(metrics::stringWidth).max().orElseThrow();
        int right = WIDTH - 110; // room for the value label after the longest whisker
        Axis axis = Axis.linear(variants.values().stream()
                                        .mapToDouble(v -> v.asJsonObject().getJsonNumber("max").doubleValue()).max()
                                        .orElseThrow());
        for (double tick : axis.ticks()) {
            int x = left + (int) Math.round(axis.fraction(tick) * (right - left));
            g.setColor(GRID);
            g.drawLine(x, TOP - 4, x, bottom);
            g.setColor(TEXT);
            text(g, number(tick), x, bottom + 20, 0.5);
        }
        text(g, "milliseconds", (left + right) / 2.0, bottom + 44, 0.5);
        int y = TOP;
        for (var variant : variants.entrySet()) {
            JsonObject runs = variant.getValue().asJsonObject();
            double median = median(runs);
            double min = left + axis.fraction(runs.getJsonNumber("min").doubleValue()) * (right - left);
            double max = left + axis.fraction(runs.getJsonNumber("max").doubleValue()) * (right - left);
            double middle = y + rowHeight / 2.0;
            g.setColor(TEXT);
            text(g, variant.getKey(), left - 12, baseline(g, middle), 1);
            g.setColor(BAR);
            g.fillRect(left, y + (rowHeight - barHeight) / 2, (int) Math.round(axis.fraction(median) * (right - left)),
                       barHeight);
            g.setColor(WHISKER);
            g.setStroke(new BasicStroke(1.5f));
            g.draw(new Line2D.Double(min, middle, max, middle));
            g.draw(new Line2D.Double(min, middle - 6, min, middle + 6));
            g.draw(new Line2D.Double(max, middle - 6, max, middle + 6));
            g.setColor(TEXT);
            text(g, number(median) + " ms", max + 8, baseline(g, middle), 0);
            y += rowHeight;
        }
        g.dispose();
        return image;
    }

    /** A line an entry through its latency percentiles; a log scale once they span more than a factor of 20. */
    private static BufferedImage latency(Map<String, JsonObject> entries) {
        int bottom = 560 - 64;
        int left = 84;
        BufferedImage image = new BufferedImage(WIDTH, 560, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = canvas(image, "Latency under load by percentile");
        FontMetrics metrics = g.getFontMetrics();
        int right = WIDTH - 56 - entries.keySet().stream().mapToInt(metrics::stringWidth).max().orElseThrow();
        Set<String> percentiles = new LinkedHashSet<>();
        List<Double> values = new ArrayList<>();
        entries.values().forEach(latency -> latency.forEach((p, value) -> {
            percentiles.add(p);
            values.add(((JsonNumber) value).doubleValue());
        }));
        double max = values.stream().mapToDouble(Double::doubleValue).max().orElseThrow();
        double min = values.stream().mapToDouble(Double::doubleValue).filter(v -> v > 0).min().orElse(max);
        Axis axis = min > 0 && max / min > 20 ? Axis.log(min, max) : Axis.linear(max);
        for (double tick : axis.ticks()) {
            double y = bottom - axis.fraction(tick) * (bottom - TOP);
            g.setColor(GRID);
            g.draw(new Line2D.Double(left, y, right, y));
            g.setColor(TEXT);
            text(g, number(tick), left - 8, baseline(g, y), 1);
        }
        Graphics2D rotated = (Graphics2D) g.create();
        rotated.rotate(-Math.PI / 2);
        text(rotated, axis.log() ? "latency (ms, log scale)" : "latency (ms)", -(TOP + bottom) / 2.0, 20, 0.5);
        rotated.dispose();
        List<String> columns = List.copyOf(percentiles);
        double step = (right - left) / (double) columns.size();
        for (int i = 0; i < columns.size(); i++) {
            text(g, columns.get(i), left + (i + 0.5) * step, bottom + 20, 0.5);
        }
        text(g, "percentile", (left + right) / 2.0, bottom + 46, 0.5);
        g.setColor(WHISKER);
        g.drawLine(left, TOP, left, bottom);
        g.drawLine(left, bottom, right, bottom);
        int line = 0;
        for (var entry : entries.entrySet()) {
            Color colour = LINES.get(line % LINES.size());
            Path2D path = new Path2D.Double();
            List<double[]> points = new ArrayList<>();
            entry.getValue().forEach((p, value) -> {
                double[] point = {left + (columns.indexOf(p) + 0.5) * step,
                    bottom - axis.fraction(((JsonNumber) value).doubleValue()) * (bottom - TOP)};
                if (points.isEmpty()) {
                    path.moveTo(point[0], point[1]);
                } else {
                    path.lineTo(point[0], point[1]);
                }
                points.add(point);
            });
            g.setColor(colour);
            g.setStroke(new BasicStroke(2.5f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
            g.draw(path);
            points.forEach(point -> g.fill(new Ellipse2D.Double(point[0] - 4.5, point[1] - 4.5, 9, 9)));
            double legend = TOP + 10 + line * 24;
            g.draw(new Line2D.Double(right + 20, legend, right + 44, legend));
            g.fill(new Ellipse2D.Double(right + 27.5, legend - 4.5, 9, 9));
            g.setColor(TEXT);
            text(g, entry.getKey(), right + 52, baseline(g, legend), 0);
            line++;
        }
        g.dispose();
        return image;
    }

    private static Graphics2D canvas(BufferedImage image, String title) {
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, image.getWidth(), image.getHeight());
        g.setColor(TEXT);
        g.setFont(TITLE);
        text(g, title, 16, 30, 0);
        g.setFont(LABEL);
        return g;
    }

    /** Draws {@code text} with its baseline at {@code y}; {@code align} 0 starts it at {@code x}, 1 ends it there. */
    private static void text(Graphics2D g, String text, double x, double y, double align) {
        g.drawString(text, (float) (x - align * g.getFontMetrics().stringWidth(text)), (float) y);
    }

    /** The baseline that centres a line of text on {@code middle}. */
    private static double baseline(Graphics2D g, double middle) {
        FontMetrics metrics = g.getFontMetrics();
        return middle + (metrics.getAscent() - metrics.getDescent()) / 2.0;
    }

    /** A value axis from {@code low} to {@code high} with round ticks. */
    private record Axis(double low, double high, boolean log, List<Double> ticks) {
        /** From zero to the first tick at or above {@code max}, in at most ten steps of 1, 2 or 5 × 10ⁿ. */
        static Axis linear(double max) {
            double top = max > 0 ? max : 1;
            double raw = top / 10;
            double magnitude = Math.pow(10, Math.floor(Math.log10(raw)));
            double fraction = raw / magnitude;
            double step = (fraction <= 1 ? 1 : fraction <= 2 ? 2 : fraction <= 5 ? 5 : 10) * magnitude;
            int steps = (int) Math.ceil(top / step - 1e-9);
            List<Double> ticks = new ArrayList<>();
            for (int i = 0; i <= steps; i++) {
                ticks.add(i * step);
            }
            return new Axis(0, steps * step, false, ticks);
        }

        /** Whole decades around the values; ticks at 1, 2 and 5 × 10ⁿ unless that crowds more than three decades. */
        static Axis log(double min, double max) {
            int low = (int) Math.floor(Math.log10(min));
            int high = Math.max(low + 1, (int) Math.ceil(Math.log10(max)));
            List<Double> ticks = new ArrayList<>();
            for (int exponent = low; exponent <= high; exponent++) {
                for (int multiple : high - low <= 3 ? List.of(1, 2, 5) : List.of(1)) {
                    if (exponent < high || multiple == 1) {
                        ticks.add(multiple * Math.pow(10, exponent));
                    }
                }
            }
            return new Axis(Math.pow(10, low), Math.pow(10, high), true, ticks);
        }

        /** Where {@code value} falls from the low end (0) to the high end (1); below the low end of a log: at it. */
        double fraction(double value) {
            return log ? (Math.log10(Math.max(value, low)) - Math.log10(low)) / (Math.log10(high) - Math.log10(low))
                    : (value - low) / (high - low);
        }
    }
}
