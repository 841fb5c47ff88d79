package io.teleflux;

/**
 * A snapshot of one channel's counters in one session, since the session was connected. Every payload that is not
 * delivered is counted in exactly one of the drop counters.
 *
 * @param channel        the channel's name
 * @param received       payloads that arrived from the transport
 * @param unrouted       of those, payloads that arrived while no subscriber was subscribed (dropped)
 * @param droppedInbound payloads discarded by a subscriber's {@link BackpressurePolicy} (summed over subscribers)
 * @param malformed      payloads a typed subscriber could not decode (summed over typed subscribers; dropped)
 * @param sent           payloads handed to the provider by {@code send}
 * @param droppedOutbound of those, payloads the provider dropped before transmission (for example no peer connected,
 *                       or an unreliable channel's sender that could not keep up)
 * @param bytesReceived  payload bytes received
 * @param bytesSent      payload bytes handed to the provider
 */
public record ChannelStats(String channel, long received, long unrouted, long droppedInbound, long malformed,
                           long sent, long droppedOutbound, long bytesReceived, long bytesSent) {
}
