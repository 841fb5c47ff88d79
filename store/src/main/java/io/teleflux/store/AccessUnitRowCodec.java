package io.teleflux.store;

import io.teleflux.video.EncodedFrame;
import io.teleflux.video.VideoCodec;

/** Pre-encoded H.264 access units, stored byte for byte with their metadata columns. */
final class AccessUnitRowCodec implements RowCodec<EncodedFrame> {

    @Override
    public Encoder<EncodedFrame> newEncoder() {
        return new Encoder<>() {
            @Override
            public Encoded encode(EncodedFrame au, long tsNanos) {
                if (au.codec() != VideoCodec.H264) {
                    throw new IllegalArgumentException("an h264 stream stores H.264 access units, got " + au);
                }
                return new Encoded(au.data(), meta(au));
            }

            @Override
            public void close() {
            }
        };
    }

    static RowData.VideoMeta meta(EncodedFrame au) {
        return new RowData.VideoMeta(au.keyframe(), au.seq(), au.keyframeSeq(), au.pts(), au.width(), au.height());
    }

    /** The access unit of a row, or null if the row's columns do not form a valid one (a damaged file). */
    static EncodedFrame accessUnit(Row row) {
        try {
            return new EncodedFrame(VideoCodec.H264, row.frameSeq(), row.keyframe(), row.keyframeSeq(), row.pts(),
                    row.width(), row.height(), row.data());
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    @Override
    public Decoder<EncodedFrame> newDecoder() {
        return new Decoder<>() {
            @Override
            public EncodedFrame decode(Row row, KeyframeChain chain) {
                return accessUnit(row);
            }

            @Override
            public void close() {
            }
        };
    }
}
