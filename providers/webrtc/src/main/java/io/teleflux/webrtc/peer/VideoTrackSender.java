package io.teleflux.webrtc.peer;

import dev.onvoid.webrtc.PeerConnectionFactory;
import dev.onvoid.webrtc.media.video.CustomVideoSource;
import dev.onvoid.webrtc.media.video.VideoFrame;
import dev.onvoid.webrtc.media.video.VideoTrack;
import io.teleflux.SessionClosedException;
import io.teleflux.video.Frame;
import io.teleflux.video.Frames;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.reactivestreams.Publisher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * A local video track fed from a {@code Publisher<Frame>}: a webrtc-java {@link CustomVideoSource} and its
 * {@link VideoTrack}. Add {@link #track()} to a transceiver before the offer (or answer); libwebrtc's encoder starts
 * with the first frame, at that frame's size (a later size change reconfigures it), and answers the far end's
 * keyframe requests (PLI/FIR) itself.
 *
 * <p><b>Pacing.</b> {@link #send} requests frames without bound and keeps only the <b>latest</b> one; a pusher thread
 * copies it into a native I420 buffer and pushes it at most {@code maxFramesPerSecond} times a second. A frame
 * overwritten before it was pushed is released and counted in {@link #framesDropped()}. So a fast camera never
 * queues latency, and a slow one is sent as it comes.
 *
 * <p><b>Frames.</b> {@code send} takes over each frame's reference and releases it once pushed or dropped. Any pixel
 * format is converted to I420; odd sizes are cropped to even.
 *
 * <p><b>Lifecycle.</b> One {@code send} at a time (another errors with {@link IllegalStateException}); a new one may
 * follow a finished or cancelled one. {@link #stop()} ends sending (running sends error with
 * {@link SessionClosedException}); {@link #dispose()} disposes the track and source, once the peer connection no
 * longer uses them. Both block briefly; call them from your own thread.
 */
public final class VideoTrackSender {

    private static final Logger log = LoggerFactory.getLogger(VideoTrackSender.class);

    private final CustomVideoSource source;
    private final VideoTrack track;
    private final long intervalNanos;
    private final ScheduledExecutorService pusher;
    private final AtomicReference<Frame> latest = new AtomicReference<>();
    private final AtomicBoolean pushScheduled = new AtomicBoolean();
    private final AtomicBoolean sending = new AtomicBoolean();
    private final AtomicLong pushed = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    private volatile boolean stopped;
    private volatile long lastPushNanos;
    private boolean disposed;

    private VideoTrackSender(CustomVideoSource source, VideoTrack track, double maxFramesPerSecond,
                             String threadName) {
        this.source = source;
        this.track = track;
        this.intervalNanos = (long) (1e9 / maxFramesPerSecond);
        this.lastPushNanos = System.nanoTime() - intervalNanos;
        this.pusher = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread t = new Thread(task, threadName);
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * A new source and track.
     *
     * @param factory            the factory (from a {@link PeerConnectionFactoryLease})
     * @param trackId            the track's id (its {@code msid} in the SDP)
     * @param maxFramesPerSecond the most frames pushed per second, above 0 and at most 240
     * @param threadName         the pusher thread's name
     */
    public static VideoTrackSender create(PeerConnectionFactory factory, String trackId, double maxFramesPerSecond,
                                          String threadName) {
        Objects.requireNonNull(factory, "factory");
        Objects.requireNonNull(trackId, "trackId");
        Objects.requireNonNull(threadName, "threadName");
        if (!(maxFramesPerSecond > 0 && maxFramesPerSecond <= 240)) {
            throw new IllegalArgumentException("maxFramesPerSecond must be in (0, 240], was " + maxFramesPerSecond);
        }
        CustomVideoSource source = new CustomVideoSource();
        VideoTrack track;
        try {
            track = factory.createVideoTrack(trackId, source);
        } catch (RuntimeException | Error e) {
            source.dispose();
            throw e;
        }
        return new VideoTrackSender(source, track, maxFramesPerSecond, threadName);
    }

    /** The track, for {@code addTransceiver} or {@code RTCRtpSender.replaceTrack}. */
    public VideoTrack track() {
        return track;
    }

    /** Sends {@code frames}; see the class comment. Completes when {@code frames} completes. */
    public Mono<Void> send(Publisher<Frame> frames) {
        Objects.requireNonNull(frames, "frames");
        return Mono.defer(() -> {
            if (stopped) {
                return Mono.error(new SessionClosedException("the video track is stopped"));
            }
            if (!sending.compareAndSet(false, true)) {
                return Mono.error(new IllegalStateException("another send is already running on this video track"));
            }
            // handle() emits nothing: no frame reaches then(), which would discard (release) it a second time
            return Frames.releaseOnDiscard(Flux.from(frames)
                    .<Void>handle((frame, out) -> {
                        if (!offer(frame)) {
                            out.error(new SessionClosedException("the video track is stopped"));
                        }
                    })
                    .then())
                    .doFinally(signal -> sending.set(false));
        });
    }

    /** Frames pushed into the track so far. */
    public long framesPushed() {
        return pushed.get();
    }

    /** Frames released without being pushed: overwritten by a newer one (pacing) or left over at {@link #stop()}. */
    public long framesDropped() {
        return dropped.get();
    }

    /** Takes over {@code frame}; false (frame released and counted) if stopped. */
    private boolean offer(Frame frame) {
        if (stopped) {
            frame.release();
            dropped.incrementAndGet();
            return false;
        }
        Frame old = latest.getAndSet(frame);
        if (old != null) {
            old.release();
            dropped.incrementAndGet();
        }
        schedulePush();
        return true;
    }

    private void schedulePush() {
        if (!pushScheduled.compareAndSet(false, true)) {
            return;
        }
        long delay = Math.max(0, lastPushNanos + intervalNanos - System.nanoTime());
        try {
            pusher.schedule(this::push, delay, TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException e) {
            pushScheduled.set(false);
            releaseLatest();
        }
    }

    /** On the pusher thread. */
    private void push() {
        pushScheduled.set(false);
        Frame frame = latest.getAndSet(null);
        if (frame == null) {
            return;
        }
        lastPushNanos = System.nanoTime();
        try {
            if (!stopped) {
                VideoFrame fn = VideoFrames.toNative(frame);
                try {
                    source.pushFrame(fn);
                    pushed.incrementAndGet();
                } finally {
                    VideoFrames.release(fn);
                }
            } else {
                dropped.incrementAndGet();
            }
        } catch (RuntimeException e) {
            dropped.incrementAndGet();
            log.warn("a video frame could not be pushed: {}", e.toString());
        } finally {
            frame.release();
        }
        if (latest.get() != null) {
            schedulePush();
        }
    }

    private void releaseLatest() {
        Frame left = latest.getAndSet(null);
        if (left != null) {
            left.release();
            dropped.incrementAndGet();
        }
    }

    /** Ends sending: waits (at most 2 s) for the pusher thread to leave libwebrtc, releases the pending frame. */
    public void stop() {
        stopped = true;
        pusher.shutdownNow();
        try {
            if (!pusher.awaitTermination(2, TimeUnit.SECONDS)) {
                log.warn("the video pusher thread did not stop within 2 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        releaseLatest();
    }

    /**
     * {@link #stop()}s, then disposes the track and the source. Call after the track was removed from its sender
     * ({@code replaceTrack(null)}) or its peer connection closed; webrtc-java 0.14.0 may refuse to dispose a track its
     * leaked peer connection still references (logged, not retried: a retry risks a double release). Idempotent.
     */
    public synchronized void dispose() {
        stop();
        if (disposed) {
            return;
        }
        disposed = true;
        try {
            track.dispose();
        } catch (Throwable t) {
            log.info("disposing the video track failed (webrtc-java 0.14.0 keeps closed connections): {}",
                    t.toString());
        }
        try {
            source.dispose();
        } catch (Throwable t) {
            log.debug("disposing the video source failed: {}", t.toString());
        }
    }
}
