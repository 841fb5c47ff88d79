package io.teleflux.webrtc.peer;

import dev.onvoid.webrtc.RTCIceGatheringState;
import dev.onvoid.webrtc.RTCPeerConnection;
import dev.onvoid.webrtc.RTCSessionDescription;
import java.time.Duration;
import java.util.Objects;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * For peers without trickle ICE (Cloudflare's SFU, HTTP brokers): waits until ICE gathering is complete, then takes
 * the local description, which then carries every candidate.
 */
public final class IceGathering {

    /** How often the gathering state is read. */
    private static final Duration POLL = Duration.ofMillis(20);

    private IceGathering() {
    }

    /**
     * Cold: once {@code pc}'s ICE gathering state is {@code COMPLETE}, or after {@code maxWait} (a bounded wait, as
     * Cloudflare recommends: the candidates gathered so far are usually enough), emits {@code pc}'s current local
     * description. Call after {@link SessionDescriptions#setLocal} completed. Reads the state every 20 ms on
     * {@code Schedulers.boundedElastic()} (each read is a blocking hop into libwebrtc). Errors with
     * {@link IllegalStateException} if there is no local description.
     */
    public static Mono<RTCSessionDescription> completeLocalDescription(RTCPeerConnection pc, Duration maxWait) {
        Objects.requireNonNull(pc, "pc");
        Objects.requireNonNull(maxWait, "maxWait");
        if (maxWait.isNegative()) {
            throw new IllegalArgumentException("maxWait must not be negative, was " + maxWait);
        }
        return Flux.interval(Duration.ZERO, POLL, Schedulers.boundedElastic())
                .onBackpressureDrop()
                .map(tick -> pc.getIceGatheringState() == RTCIceGatheringState.COMPLETE)
                .filter(Boolean::booleanValue)
                .next()
                .timeout(maxWait, Mono.just(false))
                .publishOn(Schedulers.boundedElastic())
                .flatMap(complete -> {
                    RTCSessionDescription description = pc.getLocalDescription();
                    return description == null
                            ? Mono.error(new IllegalStateException("no local description: call setLocal first"))
                            : Mono.just(description);
                });
    }
}
