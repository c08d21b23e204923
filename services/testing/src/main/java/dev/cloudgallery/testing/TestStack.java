package dev.cloudgallery.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;

import dev.cloudgallery.localaws.LocalAws;

/** The local AWS stand-ins every test of one JVM shares, started on first use on free ports, their data thrown away. */
public final class TestStack {
    /** The code cognito-local sends for every confirmation, so tests can confirm sign-ups. */
    public static final String CONFIRMATION_CODE = LocalAws.CONFIRMATION_CODE;
    /** The origin header's value that local gateways and CloudFront add. */
    public static final String ORIGIN_VALUE = LocalAws.ORIGIN_VALUE;
    /** A second accepted value, as during a rotation. */
    public static final String PREVIOUS_ORIGIN_VALUE = LocalAws.PREVIOUS_ORIGIN_VALUE;

    private static LocalAws shared;

    private TestStack() {
    }

    public static synchronized LocalAws shared() {
        if (shared == null) {
            try {
                shared = LocalAws.start(Files.createTempDirectory("cloud-gallery-test"), LocalAws.Ports.ANY);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return shared;
    }
}
