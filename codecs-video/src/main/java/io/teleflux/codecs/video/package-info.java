/**
 * H.264 and JPEG through FFmpeg, and the Reactor operators that stream H.264 safely.
 *
 * <ul>
 *   <li>Plain codecs, usable without Reactor: {@link io.teleflux.codecs.video.H264Encoder},
 *   {@link io.teleflux.codecs.video.H264Decoder}, {@link io.teleflux.codecs.video.JpegCodec} (open, call, close).</li>
 *   <li>Operators: {@link io.teleflux.codecs.video.H264} (encode, GOP-gated decode, keyframe-aware backpressure,
 *   keyframe cache for late subscribers).</li>
 *   <li>Transport mapping: {@link io.teleflux.codecs.video.CompressedVideoLcm} (LCM
 *   {@code foxglove_msgs.CompressedVideo}, fragmentation above a channel's message size).</li>
 * </ul>
 *
 * <p>Failures are typed ({@link io.teleflux.codecs.video.VideoDecodingException} and subclasses,
 * {@link io.teleflux.codecs.video.VideoEncodingException}, {@link io.teleflux.codecs.video.CodecUnavailableException});
 * in the operators, decode failures are counted drops. Which natives are on the class path decides the encoder and the
 * licence: see the module's README.
 */
package io.teleflux.codecs.video;
