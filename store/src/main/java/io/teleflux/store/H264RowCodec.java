package io.teleflux.store;

import io.teleflux.codecs.video.H264Decoder;
import io.teleflux.codecs.video.H264Encoder;
import io.teleflux.codecs.video.H264EncoderOptions;
import io.teleflux.codecs.video.VideoDecodingException;
import io.teleflux.video.EncodedFrame;
import io.teleflux.video.Frame;
import java.util.List;
import java.util.Optional;

/**
 * Frames through H.264: one encoder per recording; on reading, consecutive rows go through one decoder, and any other
 * row (a seek, a filtered query, a row after a gap) is reached by a <b>fresh</b> decoder fed from the last keyframe at
 * or before it, found through the keyframe index.
 */
final class H264RowCodec implements RowCodec<Frame> {

    private final H264EncoderOptions options;

    H264RowCodec(H264EncoderOptions options) {
        this.options = options;
    }

    @Override
    public Encoder<Frame> newEncoder() {
        H264Encoder encoder = H264Encoder.open(options);
        return new Encoder<>() {
            @Override
            public Encoded encode(Frame frame, long tsNanos) {
                EncodedFrame au = encoder.encode(frame);
                return new Encoded(au.data(), AccessUnitRowCodec.meta(au));
            }

            @Override
            public void close() {
                encoder.close();
            }
        };
    }

    @Override
    public Decoder<Frame> newDecoder() {
        return new GopDecoder();
    }

    /** Decodes forward while rows are consecutive; seeks through the keyframe index otherwise. */
    static final class GopDecoder implements Decoder<Frame> {
        private H264Decoder decoder;
        private long lastSeq = -2;

        @Override
        public Frame decode(Row row, KeyframeChain chain) {
            EncodedFrame au = AccessUnitRowCodec.accessUnit(row);
            if (au == null) {
                lastSeq = -2;
                return null;
            }
            if (decoder == null || row.seq() != lastSeq + 1) {
                if (!restartAt(row, chain)) {
                    lastSeq = -2;
                    return null;
                }
            }
            lastSeq = row.seq();
            try {
                Optional<Frame> picture = decoder.decode(au);
                return picture.map(f -> FrameStamps.withTimestamp(f, row.tsNanos())).orElse(null);
            } catch (VideoDecodingException e) {
                return null;
            }
        }

        /** A fresh decoder fed with the rows from the last keyframe up to just before {@code row}. */
        private boolean restartAt(Row row, KeyframeChain chain) {
            close();
            decoder = H264Decoder.open();
            if (row.keyframe()) {
                return true;
            }
            List<Row> gop = chain.before(row.seq());
            if (gop == null) {
                return false;
            }
            for (Row r : gop) {
                EncodedFrame au = AccessUnitRowCodec.accessUnit(r);
                if (au == null) {
                    return false;
                }
                try {
                    decoder.decode(au).ifPresent(Frame::release);
                } catch (VideoDecodingException e) {
                    return false;
                }
            }
            return true;
        }

        @Override
        public void close() {
            if (decoder != null) {
                decoder.close();
                decoder = null;
            }
        }
    }
}
