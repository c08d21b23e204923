package dev.cloudgallery.devstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The TCP sockets a process and its descendants listen on, read from Linux's {@code /proc}: each process's socket
 * inodes from {@code /proc/<pid>/fd}, matched against the listening entries of {@code /proc/net/tcp} and
 * {@code tcp6}; plus whatever listens on ports the caller names, for servers that detach from their parent
 * (PostgreSQL's {@code pg_ctl} daemonizes the postmaster).
 */
record ListeningSockets(List<String> addresses) {
    private static final String LISTEN = "0A";
    private static final String IPV6_LOOPBACK = "00000000000000000000000001000000";
    private static final String IPV4_MAPPED_PREFIX = "0000000000000000FFFF0000";

    static ListeningSockets of(ProcessHandle root, Set<Integer> ports) {
        Set<String> inodes = new HashSet<>();
        Stream.concat(Stream.of(root), root.descendants()).forEach(process -> inodes.addAll(socketInodes(process)));
        List<String> addresses = new ArrayList<>();
        for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
            for (String line : lines(Path.of(table)).stream().skip(1).toList()) {
                String[] fields = line.trim().split("\\s+");
                int port = Integer.parseInt(fields[1].substring(fields[1].indexOf(':') + 1), 16);
                if (fields[3].equals(LISTEN) && (inodes.contains(fields[9]) || ports.contains(port))) {
                    addresses.add(fields[1]);
                }
            }
        }
        return new ListeningSockets(addresses);
    }

    /** The listening addresses (as /proc spells them, {@code hexaddress:hexport}) that are not loopback. */
    List<String> beyondLoopback() {
        return addresses.stream().filter(address -> !isLoopback(address.substring(0, address.indexOf(':')))).toList();
    }

    /** /proc writes addresses as little-endian 32-bit words: 127.0.0.1 is 0100007F, so 127/8 ends in 7F. */
    private static boolean isLoopback(String hex) {
        if (hex.length() == 8) {
            return hex.endsWith("7F");
        }
        return hex.equals(IPV6_LOOPBACK) || hex.startsWith(IPV4_MAPPED_PREFIX) && hex.endsWith("7F");
    }

    private static Set<String> socketInodes(ProcessHandle process) {
        Set<String> inodes = new HashSet<>();
        try (Stream<Path> fds = Files.list(Path.of("/proc", Long.toString(process.pid()), "fd"))) {
            fds.forEach(fd -> {
                try {
                    String target = Files.readSymbolicLink(fd).toString();
                    if (target.startsWith("socket:[")) {
                        inodes.add(target.substring("socket:[".length(), target.length() - 1));
                    }
                } catch (IOException closedMeanwhile) {
                    // The descriptor was closed while we looked: it listens on nothing.
                }
            });
        } catch (IOException exitedMeanwhile) {
            // The process ended while we looked.
        }
        return inodes;
    }

    private static List<String> lines(Path table) {
        try {
            return Files.readAllLines(table);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
