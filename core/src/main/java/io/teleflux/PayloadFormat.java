package io.teleflux;

/**
 * The encoding a channel's payloads use. It documents the channel and lets tools (recorders, the browser page) render
 * payloads; typed access goes through a {@link MessageType}, and several types may share one channel.
 */
public enum PayloadFormat {
    /** LCM-encoded messages: an 8-byte big-endian fingerprint, then the body. */
    LCM,
    /** UTF-8 JSON objects with a {@code "type"} field (control messages). */
    JSON,
    /** Opaque bytes; the application decides. */
    BYTES
}
