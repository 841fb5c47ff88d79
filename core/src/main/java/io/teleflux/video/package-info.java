/**
 * Video frames: raw {@link io.teleflux.video.Frame}s with reference-counted memory, their
 * {@link io.teleflux.video.PixelFormat}s and conversions ({@link io.teleflux.video.Frames}), and compressed
 * {@link io.teleflux.video.EncodedFrame}s.
 *
 * <p><b>Ownership in one paragraph.</b> Whoever holds a {@code Frame} holds a reference and releases it exactly once
 * ({@code release()} or {@code close()}); {@code retain()} adds one. Emitting a frame hands the reference to the
 * subscriber. Frames a pipeline drops are released by wrapping it with
 * {@link io.teleflux.video.Frames#releaseOnDiscard(reactor.core.publisher.Flux)}. Conversions return frames the caller
 * owns and never release their source. Misuse (use after release, double release) throws
 * {@link java.lang.IllegalStateException}. {@code EncodedFrame}s are plain immutable values.
 *
 * <p>No native code: the conversions are plain Java, meant for moderate sizes and for tests; encoders with native
 * converters live in providers.
 */
package io.teleflux.video;
