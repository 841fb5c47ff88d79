package io.teleflux.spi;

import io.teleflux.ChannelSpec;
import io.teleflux.Role;
import java.util.List;
import java.util.Objects;

/**
 * What a session asks of a provider: its role, the channels it declared, and where inbound events go.
 *
 * @param role     the session's role
 * @param channels the declared channels, distinct by name
 * @param listener receives inbound payloads and provider-side drops
 */
public record EndpointRequest(Role role, List<ChannelSpec> channels, EndpointListener listener) {
    public EndpointRequest {
        Objects.requireNonNull(role, "role");
        channels = List.copyOf(channels);
        Objects.requireNonNull(listener, "listener");
    }
}
