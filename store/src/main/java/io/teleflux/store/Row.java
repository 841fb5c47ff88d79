package io.teleflux.store;

import java.util.Map;

/**
 * One stored row as read from SQLite. Video columns are 0/false for non-video streams.
 *
 * @param seq position in its stream
 * @param tsNanos timestamp, nanoseconds since the epoch
 * @param keyframe whether the payload decodes on its own (H.264 IDR)
 * @param frameSeq the encoder's frame counter
 * @param keyframeSeq the encoder's counter of the keyframe this frame depends on
 * @param pts presentation time, 90 kHz
 */
record Row(long id, long seq, long tsNanos, boolean keyframe, long frameSeq, long keyframeSeq, long pts, int width,
           int height, byte[] data, Map<String, String> tags) {

    Row withTags(Map<String, String> newTags) {
        return new Row(id, seq, tsNanos, keyframe, frameSeq, keyframeSeq, pts, width, height, data, newTags);
    }
}
