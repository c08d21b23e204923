package dev.cloudgallery.platform.media;

import java.net.URI;
import java.time.Duration;

/** Hands out short-lived URLs for stored renditions, which anyone holding one may GET until it expires. */
@FunctionalInterface
public interface RenditionUrls {
    URI url(String key, Duration validity);
}
