/**
 * The JSON control plane: pings and pongs, clock reports, safety and robot commands with their acks, telemetry,
 * odometry and video statistics, as the sealed {@link io.teleflux.codecs.json.ControlMessage} family. Encode and
 * decode with {@link io.teleflux.codecs.json.ControlMessages#TYPE}, or with a per-kind type from
 * {@link io.teleflux.codecs.json.ControlMessages#of(Class)}. Kinds not modelled pass through whole as
 * {@link io.teleflux.codecs.json.ControlMessage.Unknown}.
 */
package io.teleflux.codecs.json;
