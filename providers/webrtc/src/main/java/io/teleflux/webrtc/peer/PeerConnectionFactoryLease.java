package io.teleflux.webrtc.peer;

import dev.onvoid.webrtc.PeerConnectionFactory;
import dev.onvoid.webrtc.PeerConnectionObserver;
import dev.onvoid.webrtc.RTCConfiguration;
import dev.onvoid.webrtc.RTCPeerConnection;
import dev.onvoid.webrtc.media.audio.HeadlessAudioDeviceModule;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One use of the JVM's shared {@link PeerConnectionFactory}. The factory is reference-counted: the first
 * {@link #acquire()} creates it (with a {@link HeadlessAudioDeviceModule}, since libwebrtc's platform audio module
 * aborts the JVM on hosts without audio), the last {@link #close()} disposes the audio module, then the factory.
 * Disposing matters: the factory's native threads are attached to the JVM as non-daemon threads, so a JVM whose
 * factory was not disposed never exits on its own.
 *
 * <p>Peer connections made with {@link #createPeerConnection} and closed with {@link #closePeerConnection} are
 * counted JVM-wide ({@link #livePeerConnections()}), for leak tests. Close every peer connection (and dispose its
 * data channels and tracks) before closing the lease that made it.
 *
 * <p>{@link #acquire()} and {@link #close()} block (creation takes ~200 ms, disposal joins libwebrtc's threads): call
 * them from a thread that may block ({@code Schedulers.boundedElastic()}) and never from a libwebrtc callback.
 * <pre>{@code
 * try (PeerConnectionFactoryLease lease = PeerConnectionFactoryLease.acquire()) {
 *     RTCPeerConnection pc = lease.createPeerConnection(PeerConfigurations.of(iceServers, false), observer);
 *     ...
 *     PeerConnectionFactoryLease.closePeerConnection(pc);
 * }
 * }</pre>
 */
public final class PeerConnectionFactoryLease implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(PeerConnectionFactoryLease.class);
    private static final Object LOCK = new Object();
    private static final AtomicInteger LIVE_PEER_CONNECTIONS = new AtomicInteger();

    private static int users;
    private static PeerConnectionFactory sharedFactory;
    private static HeadlessAudioDeviceModule audio;

    private final PeerConnectionFactory factory;
    private final AtomicBoolean closed = new AtomicBoolean();

    private PeerConnectionFactoryLease(PeerConnectionFactory factory) {
        this.factory = factory;
    }

    /** A new lease; creates the factory if it is the only one. Blocks. Each lease needs one {@link #close()}. */
    public static PeerConnectionFactoryLease acquire() {
        synchronized (LOCK) {
            if (sharedFactory == null) {
                HeadlessAudioDeviceModule adm = new HeadlessAudioDeviceModule();
                try {
                    sharedFactory = new PeerConnectionFactory(adm);
                } catch (RuntimeException | Error e) {
                    adm.dispose();
                    throw e;
                }
                audio = adm;
                log.debug("created the PeerConnectionFactory");
            }
            users++;
            return new PeerConnectionFactoryLease(sharedFactory);
        }
    }

    /**
     * The shared factory, for tracks, sources and capabilities.
     *
     * @throws IllegalStateException if this lease was closed
     */
    public PeerConnectionFactory factory() {
        if (closed.get()) {
            throw new IllegalStateException("the PeerConnectionFactory lease was closed");
        }
        return factory;
    }

    /**
     * A new peer connection, counted in {@link #livePeerConnections()} until {@link #closePeerConnection}. Validate
     * the configuration first: in webrtc-java 0.14.0 a native rejection can crash the JVM.
     *
     * @throws IllegalStateException if this lease was closed
     */
    public RTCPeerConnection createPeerConnection(RTCConfiguration configuration, PeerConnectionObserver observer) {
        Objects.requireNonNull(configuration, "configuration");
        Objects.requireNonNull(observer, "observer");
        RTCPeerConnection pc = factory().createPeerConnection(configuration, observer);
        if (pc == null) {
            throw new IllegalStateException("libwebrtc refused to create a peer connection");
        }
        LIVE_PEER_CONNECTIONS.incrementAndGet();
        return pc;
    }

    /**
     * Closes a peer connection made by {@link #createPeerConnection}; never throws (a failure is logged). Call it once
     * per connection, off libwebrtc's threads, after disposing the connection's data channels. Note that webrtc-java
     * 0.14.0 never frees the native connection (upstream issue #239), so a track it sent cannot be disposed after.
     */
    public static void closePeerConnection(RTCPeerConnection pc) {
        Objects.requireNonNull(pc, "pc");
        try {
            pc.close();
        } catch (Throwable t) {
            log.warn("closing a peer connection failed", t);
        }
        LIVE_PEER_CONNECTIONS.decrementAndGet();
    }

    /** Gives this use back; the last one disposes the factory. Idempotent; never throws; blocks. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        synchronized (LOCK) {
            if (--users > 0) {
                return;
            }
            try {
                audio.dispose();
            } catch (Throwable t) {
                log.warn("disposing the audio device module failed", t);
            }
            try {
                sharedFactory.dispose();
                log.debug("disposed the PeerConnectionFactory");
            } catch (Throwable t) {
                log.warn("disposing the PeerConnectionFactory failed", t);
            }
            audio = null;
            sharedFactory = null;
        }
    }

    /** Whether the shared factory exists now (some lease is open). */
    public static boolean isFactoryActive() {
        synchronized (LOCK) {
            return sharedFactory != null;
        }
    }

    /** Peer connections created with {@link #createPeerConnection} and not yet closed, JVM-wide. */
    public static int livePeerConnections() {
        return LIVE_PEER_CONNECTIONS.get();
    }
}
