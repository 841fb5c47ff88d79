package io.teleflux.codecs.video;

import io.teleflux.video.EncodedFrame;
import io.teleflux.video.Frame;
import java.util.Objects;
import java.util.Optional;
import org.reactivestreams.Publisher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.SynchronousSink;

/**
 * Reactor operators for H.264 video: encode, decode (GOP-gated, keyframe-aware under backpressure), and a keyframe
 * cache for late subscribers. Each operator owns its native codec per subscription: it opens it on subscribe and
 * closes it on complete, error or cancel.
 *
 * <pre>{@code
 * Flux<EncodedFrame> aus = H264.encode(camera, H264EncoderOptions.defaults());
 * Flux<EncodedFrame> shared = H264.keyframeCache(aus);              // hot; late viewers start at once
 * Flux<Frame> pictures = H264.decode(shared, H264DecodeOptions.defaults());
 * }</pre>
 */
public final class H264 {

    private static final Logger LOG = LoggerFactory.getLogger(H264.class);

    /** Largest GOP {@link #keyframeCache(Publisher)} keeps: 300 access units. */
    public static final int MAX_CACHED_GOP = 300;

    private H264() {
    }

    /**
     * Encodes each frame into one access unit, with one {@link H264Encoder} per subscription. Every frame that reaches
     * the operator is released by it (after encoding, or when discarded on cancel or error). An encoder failure ends
     * the stream with a {@link VideoEncodingException}.
     *
     * @throws CodecUnavailableException at subscription if the requested implementation is missing
     */
    public static Flux<EncodedFrame> encode(Publisher<Frame> frames, H264EncoderOptions options) {
        return encode(frames, options, Flux.never());
    }

    /**
     * As {@link #encode(Publisher, H264EncoderOptions)}, and each signal of {@code keyframeRequests} (a PLI, a new
     * viewer, a decoder's {@link H264DecodeOptions#withKeyframeRequests request}) makes the next access unit an IDR.
     * {@code keyframeRequests} is subscribed with the frames and cancelled with them; its errors are logged and
     * ignored.
     */
    public static Flux<EncodedFrame> encode(Publisher<Frame> frames, H264EncoderOptions options,
                                            Publisher<?> keyframeRequests) {
        Objects.requireNonNull(frames, "frames");
        Objects.requireNonNull(options, "options");
        Objects.requireNonNull(keyframeRequests, "keyframeRequests");
        return Flux.using(() -> H264Encoder.open(options), encoder -> {
            Disposable requests = Flux.from(keyframeRequests).subscribe(r -> encoder.requestKeyframe(),
                    e -> LOG.warn("keyframe request source failed; periodic IDRs only from now on", e));
            return Flux.from(frames)
                    .map(frame -> {
                        try {
                            return encoder.encode(frame);
                        } finally {
                            frame.release();
                        }
                    })
                    .doFinally(signal -> requests.dispose());
        }, H264Encoder::close).doOnDiscard(Frame.class, Frame::release);
    }

    /**
     * Decodes access units into I420 frames with one {@link H264Decoder} per subscription. Nothing decoded across a
     * gap is emitted: a stream starting on a delta frame, a missing or repeated {@code seq}, a foreign
     * {@code keyframeSeq}, data FFmpeg rejects or a picture it flags as damaged all drop every access unit up to the
     * next keyframe. Drops are counted in {@link H264DecodeOptions#stats()}, never errors: the stream goes on. On each
     * loss the pipeline calls {@link H264DecodeOptions#keyframeRequests()} once.
     *
     * <p>Backpressure: a slow consumer makes the pipeline skip to the next keyframe
     * ({@link #skipToKeyframeOnOverflow(Publisher, int, DecodeStats)} with {@link H264DecodeOptions#buffer()}).
     * Emitted frames belong to the subscriber; frames discarded downstream by Reactor are released.
     */
    public static Flux<Frame> decode(Publisher<EncodedFrame> accessUnits, H264DecodeOptions options) {
        Objects.requireNonNull(accessUnits, "accessUnits");
        Objects.requireNonNull(options, "options");
        Flux<EncodedFrame> skipping = skipToKeyframeOnOverflow(accessUnits, options.buffer(), options.stats());
        return Flux.using(() -> new DecodeStage(options), stage -> skipping.handle(stage::decode), DecodeStage::close)
                .doOnDiscard(Frame.class, Frame::release);
    }

    /** {@link #decode(Publisher, H264DecodeOptions)} with {@link H264DecodeOptions#defaults()}. */
    public static Flux<Frame> decode(Publisher<EncodedFrame> accessUnits) {
        return decode(accessUnits, H264DecodeOptions.defaults());
    }

    /**
     * Keyframe-aware backpressure for access units: requests everything upstream and holds at most {@code buffer}
     * access units for the subscriber; on overflow it drops them and every following delta until the next keyframe.
     * <ul>
     *   <li>unicast; upstream subscribed per subscriber with unbounded demand;</li>
     *   <li>backpressure: {@code buffer} access units, then skip to the next keyframe;</li>
     *   <li>replay: none; discarded: the skipped access units, counted in
     *   {@link DecodeStats#droppedBackpressure()}.</li>
     * </ul>
     *
     * @param buffer 1 to 10,000 access units
     */
    public static Flux<EncodedFrame> skipToKeyframeOnOverflow(Publisher<EncodedFrame> accessUnits, int buffer,
                                                              DecodeStats stats) {
        Objects.requireNonNull(accessUnits, "accessUnits");
        Objects.requireNonNull(stats, "stats");
        if (buffer < 1 || buffer > 10_000) {
            throw new IllegalArgumentException("buffer must be in [1, 10000] access units, was " + buffer);
        }
        return new KeyframeSkippingFlux(Flux.from(accessUnits), buffer, stats::countBackpressure);
    }

    /**
     * A hot view of {@code accessUnits} that replays the current GOP (the access units since the last keyframe, at
     * most {@link #MAX_CACHED_GOP}) to each new subscriber, then goes on live, so a late viewer decodes its first
     * picture at once instead of waiting for the next keyframe.
     * <ul>
     *   <li>multicast; {@code accessUnits} is subscribed by the first subscriber and cancelled when the last one
     *   leaves (the cache is emptied; the next subscriber subscribes again); its termination reaches every
     *   subscriber;</li>
     *   <li>backpressure: per subscriber a buffer of 512 access units (room for a whole cached GOP); a subscriber
     *   that overflows it skips to the next keyframe;</li>
     *   <li>threading: the source's thread delivers to every subscriber in turn (under one lock), so a subscriber
     *   that decodes on that thread delays the others; add {@code publishOn} per subscriber to decouple them;</li>
     *   <li>replay: the current GOP; before the first keyframe, nothing.</li>
     * </ul>
     */
    public static Flux<EncodedFrame> keyframeCache(Publisher<EncodedFrame> accessUnits) {
        Objects.requireNonNull(accessUnits, "accessUnits");
        return new KeyframeCache(accessUnits, MAX_CACHED_GOP, 512).flux();
    }

    /** One subscription's decoder, with its keyframe-request state. */
    private static final class DecodeStage {
        private final H264Decoder decoder = H264Decoder.open();
        private final H264DecodeOptions options;
        private boolean requested;

        DecodeStage(H264DecodeOptions options) {
            this.options = options;
        }

        void decode(EncodedFrame au, SynchronousSink<Frame> sink) {
            Optional<Frame> picture;
            try {
                picture = decoder.decode(au);
            } catch (VideoDecodingException e) {
                options.stats().countFailure(e);
                LOG.debug("dropped {}: {}", au, e.getMessage());
                requestKeyframe();
                return;
            }
            if (au.keyframe()) {
                requested = false;
            }
            if (picture.isPresent()) {
                options.stats().countDecoded();
                sink.next(picture.get());
            }
        }

        private void requestKeyframe() {
            if (requested) {
                return;
            }
            requested = true;
            options.stats().countKeyframeRequest();
            try {
                options.keyframeRequests().run();
            } catch (RuntimeException e) {
                LOG.warn("keyframe request callback failed; ignored", e);
            }
        }

        void close() {
            decoder.close();
        }
    }
}
