package dev.cloudgallery.containers;

/**
 * What Lambda charges and gives at a memory size: its published x86 prices (us-east-1, first tier: $0.0000166667 per
 * GB-second, $0.20 per million requests, duration billed in whole milliseconds), and CPU in proportion to memory, one
 * full vCPU at 1 769 MB.
 */
final class LambdaCost {
    static final double DOLLARS_PER_GB_SECOND = 0.0000166667;
    static final double DOLLARS_PER_MILLION_REQUESTS = 0.20;
    static final int MB_PER_VCPU = 1769;
    /** Room above the peak of a hundred requests: heap growth under real traffic, the runtime's own share. */
    static final double HEADROOM = 1.5;

    private LambdaCost() {
    }

    /** A million requests of {@code requestMillis} each at {@code memorySizeMb}. */
    static double dollarsPerMillionRequests(int memorySizeMb, double requestMillis) {
        double gbSeconds = Math.ceil(requestMillis) / 1000 * memorySizeMb / 1024;
        return 1_000_000 * gbSeconds * DOLLARS_PER_GB_SECOND + DOLLARS_PER_MILLION_REQUESTS;
    }

    /** The least memory that holds {@code peakRssBytes} with {@link #HEADROOM}, in steps of 64 MB. */
    static int smallestSizeMb(long peakRssBytes) {
        long withHeadroom = (long) Math.ceil(peakRssBytes * HEADROOM / (1024 * 1024));
        return (int) Math.max(128, (withHeadroom + 63) / 64 * 64);
    }

    /** The share of a CPU Lambda gives a function of {@code memorySizeMb}, in billionths (Docker's NanoCPUs). */
    static long nanoCpus(int memorySizeMb) {
        return 1_000_000_000L * memorySizeMb / MB_PER_VCPU;
    }
}
