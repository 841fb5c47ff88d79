package io.teleflux.webrtc;

import dev.onvoid.webrtc.PeerConnectionFactory;
import dev.onvoid.webrtc.media.audio.HeadlessAudioDeviceModule;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The JVM's one {@link PeerConnectionFactory}, reference-counted: the first {@link #acquire()} creates it (with a
 * {@link HeadlessAudioDeviceModule}, since the platform audio module aborts the JVM on hosts without audio), the last
 * {@link #release()} disposes it. Disposing matters: the factory's native threads are attached to the JVM as
 * non-daemon threads, and a JVM whose factory was not disposed never exits on its own.
 *
 * <p>Both methods block (creation takes ~200 ms, disposal joins libwebrtc's threads); call them from a thread that
 * may block and that is not one of libwebrtc's.
 */
final class PeerConnectionFactoryHolder {

    private static final Logger log = LoggerFactory.getLogger(PeerConnectionFactoryHolder.class);
    private static final Object LOCK = new Object();
    private static final AtomicInteger LIVE_PEER_CONNECTIONS = new AtomicInteger();

    private static int users;
    private static PeerConnectionFactory factory;
    private static HeadlessAudioDeviceModule audio;

    private PeerConnectionFactoryHolder() {
    }

    /** The factory, created if this is the first user. Every successful call needs one {@link #release()}. */
    static PeerConnectionFactory acquire() {
        synchronized (LOCK) {
            if (factory == null) {
                HeadlessAudioDeviceModule adm = new HeadlessAudioDeviceModule();
                try {
                    factory = new PeerConnectionFactory(adm);
                } catch (RuntimeException | Error e) {
                    adm.dispose();
                    throw e;
                }
                audio = adm;
                log.debug("created the PeerConnectionFactory");
            }
            users++;
            return factory;
        }
    }

    /** Gives one use back; the last one disposes the audio module, then the factory. Never throws. */
    static void release() {
        synchronized (LOCK) {
            if (users == 0) {
                log.warn("PeerConnectionFactory released more often than acquired");
                return;
            }
            if (--users > 0) {
                return;
            }
            try {
                audio.dispose();
            } catch (Throwable t) {
                log.warn("disposing the audio device module failed", t);
            }
            try {
                factory.dispose();
                log.debug("disposed the PeerConnectionFactory");
            } catch (Throwable t) {
                log.warn("disposing the PeerConnectionFactory failed", t);
            }
            audio = null;
            factory = null;
        }
    }

    /** Whether a factory exists now. */
    static boolean isActive() {
        synchronized (LOCK) {
            return factory != null;
        }
    }

    /** Peer connections created and not yet closed, JVM-wide. */
    static int livePeerConnections() {
        return LIVE_PEER_CONNECTIONS.get();
    }

    static void peerConnectionCreated() {
        LIVE_PEER_CONNECTIONS.incrementAndGet();
    }

    static void peerConnectionClosed() {
        LIVE_PEER_CONNECTIONS.decrementAndGet();
    }
}
