package io.teleflux.webrtc.peer;

import io.teleflux.video.FrameFanOut;
import dev.onvoid.webrtc.media.video.VideoFrame;
import dev.onvoid.webrtc.media.video.VideoTrack;
import dev.onvoid.webrtc.media.video.VideoTrackSink;
import io.teleflux.video.Frame;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;

/**
 * Delivers a remote video track's decoded frames as a {@code Flux<Frame>}. Create it before the track exists (so
 * subscribers can wait for it), {@link #attach} the track from {@code onTrack}, {@link #close()} at teardown.
 *
 * <p>{@link #frames()}:
 * <ul>
 *   <li>Multicast, hot: a subscriber sees the frames decoded while it is subscribed; completes at {@link #close()}.
 *   </li>
 *   <li>Each subscriber gets its <b>own reference</b> to an I420 {@link Frame} copied out of libwebrtc's buffer (the
 *   native frame is released at once), with the receive time as timestamp and a running id.</li>
 *   <li>Without subscriber: frames are not copied, only released and counted in {@link #framesUnobserved()}.</li>
 *   <li>Backpressure: latest wins per subscriber (at most one frame waits); overwritten frames are released.</li>
 * </ul>
 * Frames arrive on libwebrtc's decoder thread: subscribers should hand them off ({@code publishOn}) before slow work.
 */
public final class VideoTrackReceiver {

    private static final Logger log = LoggerFactory.getLogger(VideoTrackReceiver.class);

    private final FrameFanOut fanOut = new FrameFanOut();
    private final Sink sink = new Sink();
    private final AtomicLong received = new AtomicLong();
    private final AtomicLong unobserved = new AtomicLong();
    private VideoTrack track;
    private boolean closed;

    /** A receiver with no track yet. */
    public VideoTrackReceiver() {
    }

    /** The remote frames; see the class comment. */
    public Flux<Frame> frames() {
        return fanOut.flux();
    }

    /**
     * Starts receiving {@code track} (a receiver's track from {@code onTrack}); a track attached before is detached.
     * Ignored after {@link #close()}. Safe on libwebrtc's signaling thread.
     */
    public synchronized void attach(VideoTrack track) {
        Objects.requireNonNull(track, "track");
        if (closed || track == this.track) {
            return;
        }
        detach();
        track.addSink(sink);
        this.track = track;
    }

    /** Stops receiving the attached track, if any; subscribers stay subscribed. */
    public synchronized void detach() {
        if (track != null) {
            try {
                track.removeSink(sink);
            } catch (Throwable t) {
                log.warn("removing the video sink failed", t);
            }
            track = null;
        }
    }

    /** Detaches and completes every subscriber. Idempotent; never throws. Call before closing the peer connection. */
    public synchronized void close() {
        closed = true;
        detach();
        fanOut.complete();
    }

    /** Frames decoded since creation. */
    public long framesReceived() {
        return received.get();
    }

    /** Frames decoded while nobody subscribed (released without copying). */
    public long framesUnobserved() {
        return unobserved.get();
    }

    /** libwebrtc calls it on its decoder thread. */
    private final class Sink implements VideoTrackSink {
        @Override
        public void onVideoFrame(VideoFrame frame) {
            VideoFrames.received();
            NativeCallbacks.guard("onVideoFrame", () -> {
                try {
                    long id = received.getAndIncrement();
                    if (!fanOut.hasSubscribers()) {
                        unobserved.incrementAndGet();
                        return;
                    }
                    fanOut.publish(VideoFrames.fromNative(frame, id));
                } finally {
                    VideoFrames.releaseReceived(frame);
                }
            });
        }
    }
}
