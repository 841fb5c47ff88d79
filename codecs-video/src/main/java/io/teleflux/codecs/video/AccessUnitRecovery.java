package io.teleflux.codecs.video;

import io.teleflux.codecs.lcm.CompressedVideo;
import io.teleflux.video.EncodedFrame;
import io.teleflux.video.VideoCodec;

/**
 * Rebuilds {@link EncodedFrame} metadata from bare H.264 {@code CompressedVideo} messages, which carry none: keyframe
 * = the access unit holds an IDR slice; size from the last SPS; pts from the message timestamp relative to the first
 * message, in 90 kHz; {@code seq} counts messages, <b>plus the reference frames a jump in {@code frame_num}
 * reveals as lost</b>, so that a receiver's GOP check sees the loss (the sender's own numbering does not travel).
 * Not thread-safe: one per subscription.
 */
final class AccessUnitRecovery {

    private final CompressedVideoStats stats;
    private H264Headers.Sps sps;
    private long nextSeq;
    private long keyframeSeq = -1;
    private int lastFrameNum = -1;
    private long originNanos = Long.MIN_VALUE;

    AccessUnitRecovery(CompressedVideoStats stats) {
        this.stats = stats;
    }

    /** The access unit, or null if it was dropped (and counted). */
    EncodedFrame recover(CompressedVideo message) {
        byte[] au = message.data();
        if (!"h264".equalsIgnoreCase(message.format()) || !startsWithStartCode(au)) {
            stats.countMalformed();
            return null;
        }
        boolean keyframe = AnnexB.isIdr(au);
        if (keyframe) {
            H264Headers.Sps parsed = H264Headers.sps(au);
            if (parsed != null) {
                sps = parsed;
            }
        }
        if (sps == null) {
            if (keyframe) {
                stats.countMalformed();
            } else {
                stats.countBeforeKeyframe();
            }
            return null;
        }
        int frameNum = H264Headers.frameNum(au, sps);
        long seq = nextSeq;
        if (!keyframe && frameNum >= 0 && lastFrameNum >= 0) {
            int max = 1 << sps.log2MaxFrameNum();
            int lost = Math.floorMod(frameNum - lastFrameNum - 1, max);
            if (lost > 0 && lost < max - 1) { // max - 1 means the same frame_num: a non-reference frame, no loss
                seq += lost;
                stats.countLost(lost);
            }
        }
        if (frameNum >= 0) {
            lastFrameNum = frameNum;
        }
        nextSeq = seq + 1;
        if (keyframe) {
            keyframeSeq = seq;
        } else if (keyframeSeq < 0) {
            stats.countBeforeKeyframe();
            return null;
        }
        stats.countReceived();
        return new EncodedFrame(VideoCodec.H264, seq, keyframe, keyframeSeq, pts(message), sps.width(),
                sps.height(), au);
    }

    private long pts(CompressedVideo message) {
        long nanos = message.timestamp().sec() * 1_000_000_000L + message.timestamp().nanosec();
        if (originNanos == Long.MIN_VALUE) {
            originNanos = nanos;
        }
        return Math.max(0, ((nanos - originNanos) * 9 + 50_000) / 100_000); // nearest 90 kHz tick
    }

    private static boolean startsWithStartCode(byte[] d) {
        return d.length >= 4 && d[0] == 0 && d[1] == 0 && (d[2] == 1 || d[2] == 0 && d[3] == 1);
    }
}
