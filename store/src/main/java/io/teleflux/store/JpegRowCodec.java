package io.teleflux.store;

import io.teleflux.codecs.video.JpegCodec;
import io.teleflux.video.Frame;
import io.teleflux.video.FrameInfo;
import io.teleflux.video.Frames;
import io.teleflux.video.PixelFormat;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.Iterator;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.metadata.IIOInvalidTreeException;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.ImageOutputStream;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * Frames as baseline JPEG: written by the JDK's ImageIO (libjpeg 6b tables: quality 50 at 4:2:2 gives the same bytes
 * as libjpeg-turbo's {@code cjpeg}, see reference/h264-javacv-measurements.md) or by codecs-video's FFmpeg
 * {@link JpegCodec}; read back by ImageIO (pure Java, any baseline JFIF) as RGB24 frames.
 */
final class JpegRowCodec implements RowCodec<Frame> {

    private static final String NATIVE_FORMAT = "javax_imageio_jpeg_image_1.0";

    private final JpegOptions options;

    JpegRowCodec(JpegOptions options) {
        this.options = options;
    }

    @Override
    public Encoder<Frame> newEncoder() {
        return options.library() == JpegOptions.Library.FFMPEG ? new FfmpegEncoder(options) : new JpegEncoder(options);
    }

    /** codecs-video's FFmpeg JPEG encoder (native; closed with the recording). */
    static final class FfmpegEncoder implements Encoder<Frame> {
        private final JpegCodec codec;

        FfmpegEncoder(JpegOptions options) {
            this.codec = JpegCodec.open(options.quality(), options.subsampling().ffmpeg());
        }

        @Override
        public Encoded encode(Frame frame, long tsNanos) {
            return new Encoded(codec.encode(frame), null);
        }

        @Override
        public void close() {
            codec.close();
        }
    }

    @Override
    public Decoder<Frame> newDecoder() {
        return new Decoder<>() {
            @Override
            public Frame decode(Row row, KeyframeChain chain) {
                return JpegRowCodec.decode(row.data(), row.tsNanos(), row.seq());
            }

            @Override
            public void close() {
            }
        };
    }

    /** One ImageIO writer per recording. */
    static final class JpegEncoder implements Encoder<Frame> {
        private final JpegOptions options;
        private final ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();

        JpegEncoder(JpegOptions options) {
            this.options = options;
        }

        @Override
        public Encoded encode(Frame frame, long tsNanos) {
            return new Encoded(compress(frame), null);
        }

        byte[] compress(Frame frame) {
            BufferedImage image = toImage(frame);
            ImageWriteParam param = writer.getDefaultWriteParam();
            param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            param.setCompressionQuality(options.quality() / 100f);
            try {
                IIOMetadata metadata = writer.getDefaultImageMetadata(new ImageTypeSpecifier(image), param);
                setSubsampling(metadata, options.subsampling());
                ByteArrayOutputStream out = new ByteArrayOutputStream(frame.width() * frame.height() / 4);
                try (ImageOutputStream ios = ImageIO.createImageOutputStream(out)) {
                    writer.setOutput(ios);
                    writer.write(null, new IIOImage(image, null, metadata), param);
                }
                return out.toByteArray();
            } catch (IOException e) {
                throw new UncheckedIOException("JPEG compression of " + frame + " failed", e);
            }
        }

        @Override
        public void close() {
            writer.dispose();
        }
    }

    private static void setSubsampling(IIOMetadata metadata, JpegOptions.Subsampling subsampling)
            throws IIOInvalidTreeException {
        Node root = metadata.getAsTree(NATIVE_FORMAT);
        NodeList components = ((Element) root).getElementsByTagName("componentSpec");
        for (int i = 0; i < components.getLength(); i++) {
            Element c = (Element) components.item(i);
            boolean luma = i == 0;
            c.setAttribute("HsamplingFactor", String.valueOf(luma ? subsampling.horizontal() : 1));
            c.setAttribute("VsamplingFactor", String.valueOf(luma ? subsampling.vertical() : 1));
        }
        metadata.setFromTree(NATIVE_FORMAT, root);
    }

    private static BufferedImage toImage(Frame frame) {
        try (Frame bgr = Frames.convert(frame, PixelFormat.BGR24)) {
            BufferedImage image = new BufferedImage(frame.width(), frame.height(), BufferedImage.TYPE_3BYTE_BGR);
            byte[] target = ((DataBufferByte) image.getRaster().getDataBuffer()).getData();
            bgr.data().get(target);
            return image;
        }
    }

    /** The RGB24 frame of a JPEG, or null if it does not decode. */
    static Frame decode(byte[] jpeg, long tsNanos, long id) {
        try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(jpeg))) {
            Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
            if (!readers.hasNext()) {
                return null;
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(in);
                BufferedImage image = reader.read(0);
                return toFrame(image, tsNanos, id);
            } finally {
                reader.dispose();
            }
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    private static Frame toFrame(BufferedImage image, long tsNanos, long id) {
        int w = image.getWidth();
        int h = image.getHeight();
        byte[] rgb = new byte[w * h * 3];
        if (image.getType() == BufferedImage.TYPE_3BYTE_BGR) {
            byte[] bgr = ((DataBufferByte) image.getRaster().getDataBuffer()).getData();
            for (int i = 0; i < rgb.length; i += 3) {
                rgb[i] = bgr[i + 2];
                rgb[i + 1] = bgr[i + 1];
                rgb[i + 2] = bgr[i];
            }
        } else {
            int[] row = new int[w];
            for (int y = 0; y < h; y++) {
                image.getRGB(0, y, w, 1, row, 0, w);
                for (int x = 0; x < w; x++) {
                    int p = (y * w + x) * 3;
                    rgb[p] = (byte) (row[x] >> 16);
                    rgb[p + 1] = (byte) (row[x] >> 8);
                    rgb[p + 2] = (byte) row[x];
                }
            }
        }
        FrameInfo info = new FrameInfo(PixelFormat.RGB24, w, h, Instant.ofEpochSecond(0, tsNanos), Math.max(0, id), "");
        return Frame.wrap(info, ByteBuffer.wrap(rgb));
    }
}
