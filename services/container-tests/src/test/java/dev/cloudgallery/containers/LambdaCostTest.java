package dev.cloudgallery.containers;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The arithmetic behind {@code make bench}'s memory sizes and prices. */
class LambdaCostTest {
    private static final long MIB = 1024 * 1024;

    @Test
    void theSmallestSizeIsThePeakWithHeadroomInStepsOf64Mb() {
        assertEquals(192, LambdaCost.smallestSizeMb(128 * MIB));
        assertEquals(256, LambdaCost.smallestSizeMb(129 * MIB));
        assertEquals(128, LambdaCost.smallestSizeMb(10 * MIB), "Lambda's smallest size");
    }

    @Test
    void aMillionRequestsCostTheirGbSecondsAndTheRequestFee() {
        // 1 GB for 100 ms, a million times: 100 000 GB-s.
        assertEquals(100_000 * LambdaCost.DOLLARS_PER_GB_SECOND + 0.20,
                     LambdaCost.dollarsPerMillionRequests(1024, 100), 1e-9);
        // Billed in whole milliseconds: 2.1 ms costs 3.
        assertEquals(LambdaCost.dollarsPerMillionRequests(1024, 3), LambdaCost.dollarsPerMillionRequests(1024, 2.1),
                     1e-9);
    }

    @Test
    void cpuGrowsWithMemoryToOneVcpuAt1769Mb() {
        assertEquals(1_000_000_000L, LambdaCost.nanoCpus(1769));
        assertEquals(289_429_055L, LambdaCost.nanoCpus(512));
    }
}
