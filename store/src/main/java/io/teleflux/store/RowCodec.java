package io.teleflux.store;

/**
 * How one kind of stream turns values into stored payloads and back. Encoders and decoders may be stateful (H.264)
 * and native: one encoder per recording, one decoder per reading, each closed when it ends.
 */
interface RowCodec<T> {

    /** A new encoder for one recording. */
    Encoder<T> newEncoder();

    /** A new decoder for one reading. */
    Decoder<T> newDecoder();

    /** Encodes values in order. Not thread-safe. */
    interface Encoder<T> extends AutoCloseable {

        /**
         * The payload for {@code value} and its video metadata (null for non-video payloads).
         *
         * @throws RuntimeException a typed encoding error; the recording fails with it
         */
        Encoded encode(T value, long tsNanos);

        @Override
        void close();
    }

    /** An encoded value. */
    record Encoded(byte[] data, RowData.VideoMeta video) {
    }

    /** Decodes rows, in any order. Not thread-safe. */
    interface Decoder<T> extends AutoCloseable {

        /**
         * The value of {@code row}, or {@code null} when it cannot be decoded (counted and skipped by the reader).
         *
         * @param chain reads the rows a stateful decoder needs before {@code row} (an H.264 GOP)
         */
        T decode(Row row, KeyframeChain chain);

        @Override
        void close();
    }

    /** Reads the rows from the last keyframe at or before a row up to just before it, through the keyframe index. */
    interface KeyframeChain {

        /** Rows {@code k, k+1, …, seq−1}, {@code k} the last keyframe's seq {@code <= seq}; null if none. */
        java.util.List<Row> before(long seq);
    }
}
