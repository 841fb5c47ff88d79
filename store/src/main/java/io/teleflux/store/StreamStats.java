package io.teleflux.store;

/**
 * Counters of one stream in this process (not persisted).
 *
 * @param written rows committed by this process
 * @param dropped values received by a recording but never written (overflow policy or cancellation)
 * @param undecodable rows a reader skipped because they could not be decoded: a corrupt payload, or an H.264 frame
 *        whose reference frames are missing (a gap); the stream goes on
 */
public record StreamStats(long written, long dropped, long undecodable) {
}
