package io.teleflux.codecs.video;

import io.teleflux.TelefluxException;

/**
 * The FFmpeg natives on the class path do not contain the requested codec, e.g. libx264 with the LGPL natives
 * ({@code org.bytedeco:ffmpeg:…:linux-x86_64}); see the module's README for the two builds.
 */
public class CodecUnavailableException extends TelefluxException {
    private static final long serialVersionUID = 1L;

    public CodecUnavailableException(String message) {
        super(message);
    }
}
