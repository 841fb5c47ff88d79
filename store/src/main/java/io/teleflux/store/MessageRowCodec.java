package io.teleflux.store;

import io.teleflux.MessageDecodingException;
import io.teleflux.MessageType;

/** Messages in their wire encoding; a row that does not decode is skipped and counted. */
final class MessageRowCodec<T> implements RowCodec<T> {

    private final MessageType<T> type;

    MessageRowCodec(MessageType<T> type) {
        this.type = type;
    }

    @Override
    public Encoder<T> newEncoder() {
        return new Encoder<>() {
            @Override
            public Encoded encode(T value, long tsNanos) {
                return new Encoded(type.encode(value), null);
            }

            @Override
            public void close() {
            }
        };
    }

    @Override
    public Decoder<T> newDecoder() {
        return new Decoder<>() {
            @Override
            public T decode(Row row, KeyframeChain chain) {
                try {
                    return type.decode(row.data());
                } catch (MessageDecodingException e) {
                    return null;
                }
            }

            @Override
            public void close() {
            }
        };
    }
}
