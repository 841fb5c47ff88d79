package io.teleflux.webrtc.peer;

import dev.onvoid.webrtc.CreateSessionDescriptionObserver;
import dev.onvoid.webrtc.RTCAnswerOptions;
import dev.onvoid.webrtc.RTCOfferOptions;
import dev.onvoid.webrtc.RTCPeerConnection;
import dev.onvoid.webrtc.RTCSessionDescription;
import dev.onvoid.webrtc.SetSessionDescriptionObserver;
import io.teleflux.TelefluxException;
import java.util.Objects;
import reactor.core.publisher.Mono;
import reactor.core.publisher.MonoSink;

/**
 * The offer/answer operations of a peer connection as cold {@link Mono}s. Each subscription makes one call; the
 * result is signalled on libwebrtc's signaling thread, so add {@code publishOn(yourScheduler)} before doing anything
 * that calls into the peer connection or blocks. A failure reported by libwebrtc errors with
 * {@link TelefluxException} carrying libwebrtc's message.
 */
public final class SessionDescriptions {

    private SessionDescriptions() {
    }

    /** Creates an offer (not yet applied: follow with {@link #setLocal}). */
    public static Mono<RTCSessionDescription> createOffer(RTCPeerConnection pc) {
        Objects.requireNonNull(pc, "pc");
        return Mono.create(sink -> pc.createOffer(new RTCOfferOptions(), created("createOffer", sink)));
    }

    /** Creates an answer to the remote offer already set (not yet applied: follow with {@link #setLocal}). */
    public static Mono<RTCSessionDescription> createAnswer(RTCPeerConnection pc) {
        Objects.requireNonNull(pc, "pc");
        return Mono.create(sink -> pc.createAnswer(new RTCAnswerOptions(), created("createAnswer", sink)));
    }

    /** Applies a local description. */
    public static Mono<Void> setLocal(RTCPeerConnection pc, RTCSessionDescription description) {
        Objects.requireNonNull(pc, "pc");
        Objects.requireNonNull(description, "description");
        return Mono.create(sink -> pc.setLocalDescription(description, set("setLocalDescription", sink)));
    }

    /**
     * Applies a remote description. ICE candidates added before this completes are silently dropped by libwebrtc:
     * queue them until then.
     */
    public static Mono<Void> setRemote(RTCPeerConnection pc, RTCSessionDescription description) {
        Objects.requireNonNull(pc, "pc");
        Objects.requireNonNull(description, "description");
        return Mono.create(sink -> pc.setRemoteDescription(description, set("setRemoteDescription", sink)));
    }

    private static CreateSessionDescriptionObserver created(String what, MonoSink<RTCSessionDescription> sink) {
        return new CreateSessionDescriptionObserver() {
            @Override
            public void onSuccess(RTCSessionDescription description) {
                NativeCallbacks.guard(what, () -> sink.success(description));
            }

            @Override
            public void onFailure(String error) {
                NativeCallbacks.guard(what, () -> sink.error(new TelefluxException(what + " failed: " + error)));
            }
        };
    }

    private static SetSessionDescriptionObserver set(String what, MonoSink<Void> sink) {
        return new SetSessionDescriptionObserver() {
            @Override
            public void onSuccess() {
                NativeCallbacks.guard(what, sink::success);
            }

            @Override
            public void onFailure(String error) {
                NativeCallbacks.guard(what, () -> sink.error(new TelefluxException(what + " failed: " + error)));
            }
        };
    }
}
