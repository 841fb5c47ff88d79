package io.teleflux.codecs.video;

import java.util.ArrayList;
import java.util.List;

/** Reads the NAL unit types of an H.264 Annex B access unit (the byte after each start code, low 5 bits). */
final class AnnexB {

    static final int NAL_SLICE = 1;
    static final int NAL_IDR = 5;
    static final int NAL_SPS = 7;
    static final int NAL_PPS = 8;

    private AnnexB() {
    }

    /** The NAL unit types in order; empty if there is no start code. */
    static List<Integer> nalTypes(byte[] au) {
        List<Integer> types = new ArrayList<>();
        int zeros = 0;
        for (int i = 0; i < au.length; i++) {
            int b = au[i] & 0xFF;
            if (b == 1 && zeros >= 2) {
                if (i + 1 < au.length) {
                    types.add(au[i + 1] & 0x1F);
                }
                zeros = 0;
            } else if (b == 0) {
                zeros++;
            } else {
                zeros = 0;
            }
        }
        return types;
    }

    /** Whether the access unit holds an IDR slice. */
    static boolean isIdr(byte[] au) {
        return nalTypes(au).contains(NAL_IDR);
    }
}
