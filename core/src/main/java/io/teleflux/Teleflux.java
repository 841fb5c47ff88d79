package io.teleflux;

import io.teleflux.spi.ProviderConfig;
import java.util.LinkedHashMap;

/**
 * Entry point. A session is described immutably, then connected cold:
 * <pre>{@code
 * Mono<Session> robot = Teleflux.robot(LoopbackConfig.named("lab")).connect();
 * }</pre>
 */
public final class Teleflux {

    private Teleflux() {
    }

    /** A robot-side session on {@code provider}. */
    public static SessionBuilder robot(ProviderConfig provider) {
        return new SessionBuilder(Role.ROBOT, provider, new LinkedHashMap<>());
    }

    /** An operator-side session on {@code provider}. */
    public static SessionBuilder operator(ProviderConfig provider) {
        return new SessionBuilder(Role.OPERATOR, provider, new LinkedHashMap<>());
    }
}
