package io.teleflux.codecs.video;

/**
 * Reads the few H.264 header fields a receiver of bare access units needs (ITU-T H.264 §7.3.2.1 and §7.3.3): the
 * coded size and {@code log2_max_frame_num} from the SPS, and {@code frame_num} from the first slice header, which
 * reveals lost reference frames. Only what is needed is parsed; malformed input yields {@code null}/-1, never an
 * exception.
 */
final class H264Headers {

    /** What an SPS says. */
    record Sps(int width, int height, int log2MaxFrameNum, boolean separateColourPlane) {
    }

    private H264Headers() {
    }

    /** The first SPS of the access unit, or null if there is none or it does not parse. */
    static Sps sps(byte[] au) {
        int at = findNal(au, AnnexB.NAL_SPS);
        if (at < 0) {
            return null;
        }
        try {
            return parseSps(new Bits(au, at));
        } catch (IndexOutOfBoundsException | IllegalStateException e) {
            return null;
        }
    }

    /** {@code frame_num} of the first slice (IDR or not) of the access unit, or -1. */
    static int frameNum(byte[] au, Sps sps) {
        int at = findNal(au, AnnexB.NAL_IDR);
        int slice = findNal(au, AnnexB.NAL_SLICE);
        if (at < 0 || slice >= 0 && slice < at) {
            at = slice;
        }
        if (at < 0) {
            return -1;
        }
        try {
            Bits b = new Bits(au, at);
            b.ue(); // first_mb_in_slice
            b.ue(); // slice_type
            b.ue(); // pic_parameter_set_id
            if (sps.separateColourPlane()) {
                b.bits(2);
            }
            return b.bits(sps.log2MaxFrameNum());
        } catch (IndexOutOfBoundsException | IllegalStateException e) {
            return -1;
        }
    }

    private static Sps parseSps(Bits b) {
        int profile = b.bits(8);
        b.bits(16); // constraint flags, level_idc
        b.ue(); // seq_parameter_set_id
        int chromaFormat = 1;
        boolean separate = false;
        if (profile == 100 || profile == 110 || profile == 122 || profile == 244 || profile == 44 || profile == 83
                || profile == 86 || profile == 118 || profile == 128 || profile == 138 || profile == 139
                || profile == 134 || profile == 135) {
            chromaFormat = b.ue();
            if (chromaFormat == 3) {
                separate = b.bits(1) == 1;
            }
            b.ue(); // bit_depth_luma_minus8
            b.ue(); // bit_depth_chroma_minus8
            b.bits(1); // qpprime_y_zero_transform_bypass_flag
            if (b.bits(1) == 1) { // seq_scaling_matrix_present_flag
                for (int i = 0; i < (chromaFormat != 3 ? 8 : 12); i++) {
                    if (b.bits(1) == 1) {
                        skipScalingList(b, i < 6 ? 16 : 64);
                    }
                }
            }
        }
        int log2MaxFrameNum = b.ue() + 4;
        if (log2MaxFrameNum > 16) {
            throw new IllegalStateException("log2_max_frame_num " + log2MaxFrameNum);
        }
        int pocType = b.ue();
        if (pocType == 0) {
            b.ue();
        } else if (pocType == 1) {
            b.bits(1);
            b.se();
            b.se();
            int n = b.ue();
            if (n > 255) {
                throw new IllegalStateException("num_ref_frames_in_pic_order_cnt_cycle " + n);
            }
            for (int i = 0; i < n; i++) {
                b.se();
            }
        }
        b.ue(); // max_num_ref_frames
        b.bits(1); // gaps_in_frame_num_value_allowed_flag
        int widthMbs = b.ue() + 1;
        int heightMapUnits = b.ue() + 1;
        int frameMbsOnly = b.bits(1);
        if (frameMbsOnly == 0) {
            b.bits(1);
        }
        b.bits(1); // direct_8x8_inference_flag
        int cropX = 0;
        int cropY = 0;
        if (b.bits(1) == 1) {
            int unitX = chromaFormat == 1 || chromaFormat == 2 ? 2 : 1;
            int unitY = (chromaFormat == 1 ? 2 : 1) * (2 - frameMbsOnly);
            cropX = unitX * (b.ue() + b.ue());
            cropY = unitY * (b.ue() + b.ue());
        }
        int width = widthMbs * 16 - cropX;
        int height = (2 - frameMbsOnly) * heightMapUnits * 16 - cropY;
        if (width < 1 || height < 1 || width > 16384 || height > 16384) {
            throw new IllegalStateException("size " + width + "x" + height);
        }
        return new Sps(width, height, log2MaxFrameNum, separate);
    }

    private static void skipScalingList(Bits b, int size) {
        int last = 8;
        int next = 8;
        for (int j = 0; j < size; j++) {
            if (next != 0) {
                next = (last + b.se() + 256) % 256;
            }
            last = next == 0 ? last : next;
        }
    }

    /** Offset of the first byte (the NAL header) of the first NAL unit of {@code type}, or -1. */
    private static int findNal(byte[] au, int type) {
        int zeros = 0;
        for (int i = 0; i < au.length - 1; i++) {
            int v = au[i] & 0xFF;
            if (v == 1 && zeros >= 2) {
                if ((au[i + 1] & 0x1F) == type) {
                    return i + 1;
                }
                zeros = 0;
            } else if (v == 0) {
                zeros++;
            } else {
                zeros = 0;
            }
        }
        return -1;
    }

    /** An RBSP bit reader starting after a NAL header byte; skips emulation-prevention bytes (00 00 03). */
    private static final class Bits {
        private final byte[] data;
        private int pos;
        private int bit;
        private int zeros;

        Bits(byte[] data, int nalHeader) {
            this.data = data;
            this.pos = nalHeader + 1;
        }

        private int nextByte() {
            if (pos >= data.length) {
                throw new IndexOutOfBoundsException("end of NAL unit");
            }
            int v = data[pos] & 0xFF;
            if (zeros >= 2 && v == 3) {
                pos++;
                zeros = 0;
                return nextByte();
            }
            return v;
        }

        int bits(int n) {
            int v = 0;
            for (int i = 0; i < n; i++) {
                int b = nextByte();
                v = (v << 1) | ((b >> (7 - bit)) & 1);
                if (++bit == 8) {
                    bit = 0;
                    zeros = b == 0 ? zeros + 1 : 0;
                    pos++;
                }
            }
            return v;
        }

        int ue() {
            int leading = 0;
            while (bits(1) == 0) {
                if (++leading > 31) {
                    throw new IllegalStateException("exp-Golomb code too long");
                }
            }
            return leading == 0 ? 0 : (int) ((1L << leading) - 1 + bits(leading));
        }

        int se() {
            int k = ue();
            return (k & 1) == 1 ? (k + 1) / 2 : -(k / 2);
        }
    }
}
