package io.teleflux.store;

/** Byte arrays as they are (the array is copied on write so the caller may reuse it). */
final class BytesRowCodec implements RowCodec<byte[]> {

    @Override
    public Encoder<byte[]> newEncoder() {
        return new Encoder<>() {
            @Override
            public Encoded encode(byte[] value, long tsNanos) {
                return new Encoded(value.clone(), null);
            }

            @Override
            public void close() {
            }
        };
    }

    @Override
    public Decoder<byte[]> newDecoder() {
        return new Decoder<>() {
            @Override
            public byte[] decode(Row row, KeyframeChain chain) {
                return row.data();
            }

            @Override
            public void close() {
            }
        };
    }
}
