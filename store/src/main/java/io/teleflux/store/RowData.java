package io.teleflux.store;

import java.util.Map;

/** One row to insert: the encoded payload and its metadata; {@code video} is null for non-video streams. */
record RowData(long tsNanos, byte[] data, Map<String, String> tags, VideoMeta video) {

    /** The per-frame columns of a video row. */
    record VideoMeta(boolean keyframe, long frameSeq, long keyframeSeq, long pts, int width, int height) {
    }
}
