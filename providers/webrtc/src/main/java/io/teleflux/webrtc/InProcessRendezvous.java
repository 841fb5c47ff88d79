package io.teleflux.webrtc;

import io.teleflux.Role;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.MonoSink;
import reactor.core.publisher.Sinks;
import reactor.util.concurrent.Queues;

/** Where in-process signaling ends wait for each other: per name, FIFO queues of waiting robots and operators. */
final class InProcessRendezvous {

    /** Signaling messages held for a peer that has not read them yet; a negotiation needs a few dozen. */
    static final int INBOX_CAPACITY = 1024;

    private static final Map<String, Room> ROOMS = new HashMap<>();

    private InProcessRendezvous() {
    }

    static Mono<SignalingSession> open(String name, Role role) {
        return Mono.create(sink -> {
            Waiting self = new Waiting(sink);
            sink.onCancel(() -> forget(name, role, self));
            Waiting peer;
            synchronized (ROOMS) {
                Room room = ROOMS.computeIfAbsent(name, n -> new Room());
                peer = room.queue(other(role)).pollFirst();
                if (peer == null) {
                    room.queue(role).addLast(self);
                } else if (room.isEmpty()) {
                    ROOMS.remove(name);
                }
            }
            if (peer == null) {
                return;
            }
            Pipe a = new Pipe();
            Pipe b = new Pipe();
            a.peer = b;
            b.peer = a;
            peer.sink.success(b);
            sink.success(a);
        });
    }

    private static void forget(String name, Role role, Waiting waiting) {
        synchronized (ROOMS) {
            Room room = ROOMS.get(name);
            if (room != null) {
                room.queue(role).remove(waiting);
                if (room.isEmpty()) {
                    ROOMS.remove(name);
                }
            }
        }
    }

    private static Role other(Role role) {
        return role == Role.ROBOT ? Role.OPERATOR : Role.ROBOT;
    }

    private record Waiting(MonoSink<SignalingSession> sink) {
    }

    private static final class Room {
        final Deque<Waiting> robots = new ArrayDeque<>();
        final Deque<Waiting> operators = new ArrayDeque<>();

        Deque<Waiting> queue(Role role) {
            return role == Role.ROBOT ? robots : operators;
        }

        boolean isEmpty() {
            return robots.isEmpty() && operators.isEmpty();
        }
    }

    /** One end of a paired pipe: its inbox is written by the peer. */
    private static final class Pipe implements SignalingSession {
        private final Sinks.Many<SignalingMessage> inbox =
                Sinks.many().unicast().onBackpressureBuffer(Queues.<SignalingMessage>get(INBOX_CAPACITY).get());
        private volatile Pipe peer;

        @Override
        public Mono<Void> send(SignalingMessage message) {
            return Mono.fromRunnable(() -> {
                synchronized (peer.inbox) {
                    Sinks.EmitResult r = peer.inbox.tryEmitNext(message);
                    if (r == Sinks.EmitResult.FAIL_OVERFLOW) {
                        peer.inbox.tryEmitError(new IllegalStateException("signaling inbox overflow ("
                                + INBOX_CAPACITY + " messages)"));
                    }
                }
            });
        }

        @Override
        public Flux<SignalingMessage> receive() {
            return inbox.asFlux();
        }

        @Override
        public Mono<Void> close() {
            return Mono.fromRunnable(() -> {
                complete(this);
                complete(peer);
            });
        }

        private static void complete(Pipe pipe) {
            synchronized (pipe.inbox) {
                pipe.inbox.tryEmitComplete();
            }
        }
    }
}
