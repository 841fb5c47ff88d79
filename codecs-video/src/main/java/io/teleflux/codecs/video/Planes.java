package io.teleflux.codecs.video;

import java.nio.ByteBuffer;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.javacpp.BytePointer;

/** Copies tightly packed planes between a Java buffer and an {@link AVFrame}, whose rows may be padded. */
final class Planes {

    private Planes() {
    }

    /** Tightly packed I420 ({@code width}, {@code height} even) into a yuv420p AVFrame. */
    static void i420ToAvFrame(ByteBuffer i420, int width, int height, AVFrame frame) {
        int cw = width / 2;
        int ch = height / 2;
        toPlane(i420, 0, width, height, frame.data(0), frame.linesize(0));
        toPlane(i420, width * height, cw, ch, frame.data(1), frame.linesize(1));
        toPlane(i420, width * height + cw * ch, cw, ch, frame.data(2), frame.linesize(2));
    }

    /** A planar 4:2:0 (or, with {@code chromaHeight = height}, 4:2:2; 4:4:4) AVFrame into one packed array. */
    static byte[] avFrameToPacked(AVFrame frame, int width, int height, int chromaWidth, int chromaHeight) {
        return avFrameToPacked(frame, width, height, chromaWidth, chromaHeight,
                new byte[width * height + 2 * chromaWidth * chromaHeight]);
    }

    /** As above, into {@code out}, which must hold exactly the packed size. */
    static byte[] avFrameToPacked(AVFrame frame, int width, int height, int chromaWidth, int chromaHeight,
                                  byte[] out) {
        fromPlane(frame.data(0), frame.linesize(0), out, 0, width, height);
        fromPlane(frame.data(1), frame.linesize(1), out, width * height, chromaWidth, chromaHeight);
        fromPlane(frame.data(2), frame.linesize(2), out, width * height + chromaWidth * chromaHeight, chromaWidth,
                chromaHeight);
        return out;
    }

    /** A packed planar buffer into an AVFrame's three planes. */
    static void packedToAvFrame(ByteBuffer src, int width, int height, int chromaWidth, int chromaHeight,
                                AVFrame frame) {
        toPlane(src, 0, width, height, frame.data(0), frame.linesize(0));
        toPlane(src, width * height, chromaWidth, chromaHeight, frame.data(1), frame.linesize(1));
        toPlane(src, width * height + chromaWidth * chromaHeight, chromaWidth, chromaHeight, frame.data(2),
                frame.linesize(2));
    }

    private static void toPlane(ByteBuffer src, int offset, int width, int rows, BytePointer plane, int linesize) {
        ByteBuffer dst = plane.capacity((long) linesize * rows).asByteBuffer();
        if (linesize == width) {
            dst.put(0, src, offset, width * rows);
            return;
        }
        for (int r = 0; r < rows; r++) {
            dst.put(r * linesize, src, offset + r * width, width);
        }
    }

    private static void fromPlane(BytePointer plane, int linesize, byte[] out, int offset, int width, int rows) {
        ByteBuffer src = plane.capacity((long) linesize * rows).asByteBuffer();
        if (linesize == width) {
            src.get(0, out, offset, width * rows);
            return;
        }
        for (int r = 0; r < rows; r++) {
            src.get(r * linesize, out, offset + r * width, width);
        }
    }
}
