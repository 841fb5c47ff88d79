package io.teleflux.spi;

import io.teleflux.ChannelSpec;

/**
 * The session side of an endpoint: a provider reports inbound payloads and its own drops here.
 *
 * <p>Contract for providers: call {@link #onMessage} serially per channel (never concurrently for one channel), only
 * for channels the session may receive on, and with an array the session may keep. The methods never throw and never
 * block; they are safe to call from I/O threads.
 */
public interface EndpointListener {

    /** A payload arrived on {@code channel}. */
    void onMessage(ChannelSpec channel, byte[] payload);

    /**
     * The provider dropped {@code count} outbound payloads of {@code channel} that {@code send} had handed it (no peer
     * connected, or an unreliable channel's sender could not keep up). {@code reason} is a short constant phrase.
     */
    void onOutboundDropped(ChannelSpec channel, long count, String reason);
}
