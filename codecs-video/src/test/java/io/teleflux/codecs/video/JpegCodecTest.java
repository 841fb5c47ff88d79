package io.teleflux.codecs.video;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.teleflux.video.Frame;
import io.teleflux.video.Frames;
import io.teleflux.video.PixelFormat;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Random;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.MemoryCacheImageOutputStream;
import org.junit.jupiter.api.Test;

class JpegCodecTest {

    private static double rgbPsnr(Frame a, Frame b) {
        ByteBuffer x = a.data();
        ByteBuffer y = b.data();
        int n = a.info().bufferSize();
        double sum = 0;
        for (int i = 0; i < n; i++) {
            int d = (x.get(i) & 0xFF) - (y.get(i) & 0xFF);
            sum += d * d;
        }
        return sum == 0 ? 99 : 10 * Math.log10(255.0 * 255.0 / (sum / n));
    }

    private static Frame picture() {
        if (Vtest.available()) {
            List<Frame> frames = Vtest.frames(1);
            try {
                return Frames.convert(frames.get(0), PixelFormat.RGB24);
            } finally {
                frames.forEach(Frame::release);
            }
        }
        try (Frame f = TestFrames.synthetic(320, 240, 3)) {
            return Frames.convert(f, PixelFormat.RGB24);
        }
    }

    @Test
    void defaultsAreQuality50And422AndRoundTripAbove30Db() {
        try (JpegCodec codec = JpegCodec.open(); Frame rgb = picture()) {
            assertThat(codec.quality()).isEqualTo(50);
            assertThat(codec.subsampling()).isEqualTo(ChromaSubsampling.YUV422);
            byte[] jpeg = codec.encode(rgb);
            assertThat(jpeg[0] & 0xFF).isEqualTo(0xFF);
            assertThat(jpeg[1] & 0xFF).isEqualTo(0xD8);
            try (Frame back = codec.decode(jpeg)) {
                assertThat(back.format()).isEqualTo(PixelFormat.RGB24);
                assertThat(back.width()).isEqualTo(rgb.width());
                assertThat(rgbPsnr(rgb, back)).isGreaterThan(30);
            }
        }
    }

    @Test
    void qualityAndSubsamplingChangeSizeAndFidelityInTheRightDirection() {
        try (Frame rgb = picture(); JpegCodec q20 = JpegCodec.open(20, ChromaSubsampling.YUV422);
             JpegCodec q50 = JpegCodec.open(50, ChromaSubsampling.YUV422);
             JpegCodec q90 = JpegCodec.open(90, ChromaSubsampling.YUV422);
             JpegCodec s420 = JpegCodec.open(50, ChromaSubsampling.YUV420);
             JpegCodec s444 = JpegCodec.open(50, ChromaSubsampling.YUV444)) {
            int a = q20.encode(rgb).length;
            int b = q50.encode(rgb).length;
            int c = q90.encode(rgb).length;
            assertThat(a).isLessThan(b);
            assertThat(b).isLessThan(c);
            assertThat(s420.encode(rgb).length).isLessThan(b);
            assertThat(s444.encode(rgb).length).isGreaterThan(b);
            try (Frame lo = q20.decode(q20.encode(rgb)); Frame hi = q90.decode(q90.encode(rgb))) {
                assertThat(rgbPsnr(rgb, hi)).isGreaterThan(rgbPsnr(rgb, lo) + 3);
            }
        }
    }

    @Test
    void sizeIsCloseToLibjpegAtTheSameQuality() throws Exception {
        try (Frame rgb = picture(); JpegCodec codec = JpegCodec.open(50, ChromaSubsampling.YUV420)) {
            int ours = codec.encode(rgb).length;
            int reference = imageIoJpegSize(rgb, 0.5f); // ImageIO = libjpeg's tables; 4:2:0 is its default
            org.slf4j.LoggerFactory.getLogger(JpegCodecTest.class).info("JPEG q50 4:2:0 {}x{}: FFmpeg {} B, ImageIO {} B",
                    rgb.width(), rgb.height(), ours, reference);
            assertThat((double) ours / reference).as("ours %d B vs ImageIO %d B", ours, reference)
                    .isBetween(0.8, 1.2);
        }
    }

    private static int imageIoJpegSize(Frame rgb, float quality) throws Exception {
        BufferedImage image = new BufferedImage(rgb.width(), rgb.height(), BufferedImage.TYPE_INT_RGB);
        ByteBuffer d = rgb.data();
        for (int y = 0; y < rgb.height(); y++) {
            for (int x = 0; x < rgb.width(); x++) {
                int p = 3 * (y * rgb.width() + x);
                image.setRGB(x, y, (d.get(p) & 0xFF) << 16 | (d.get(p + 1) & 0xFF) << 8 | d.get(p + 2) & 0xFF);
            }
        }
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (MemoryCacheImageOutputStream out = new MemoryCacheImageOutputStream(bytes)) {
            writer.setOutput(out);
            javax.imageio.plugins.jpeg.JPEGImageWriteParam param =
                    (javax.imageio.plugins.jpeg.JPEGImageWriteParam) writer.getDefaultWriteParam();
            param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            param.setCompressionQuality(quality);
            param.setOptimizeHuffmanTables(true);
            writer.write(null, new IIOImage(image, null, null), param);
        } finally {
            writer.dispose();
        }
        return bytes.size();
    }

    @Test
    void anyFormatAndOddSizesEncode() {
        try (JpegCodec codec = JpegCodec.open(); Frame i420 = TestFrames.synthetic(161, 121, 1);
             Frame gray = Frame.wrap(io.teleflux.video.FrameInfo.of(PixelFormat.GRAY8, 33, 17),
                     ByteBuffer.wrap(new byte[33 * 17]))) {
            try (Frame back = codec.decode(codec.encode(i420))) {
                assertThat(back.width()).isEqualTo(161);
                assertThat(back.height()).isEqualTo(121);
            }
            try (Frame back = codec.decode(codec.encode(gray))) {
                assertThat(back.width()).isEqualTo(33);
            }
        }
    }

    @Test
    void badBytesAreTypedErrors() {
        try (JpegCodec codec = JpegCodec.open()) {
            byte[] random = new byte[5000];
            new Random(3).nextBytes(random);
            assertThatThrownBy(() -> codec.decode(random)).isInstanceOf(VideoDecodingException.class);
            assertThatThrownBy(() -> codec.decode(new byte[0])).isInstanceOf(VideoDecodingException.class);
            assertThatThrownBy(() -> codec.decode(new byte[] {(byte) 0xFF, (byte) 0xD8}))
                    .isInstanceOf(VideoDecodingException.class);
            try (Frame rgb = picture(); Frame back = codec.decode(codec.encode(rgb))) {
                assertThat(back.width()).as("still usable after errors").isEqualTo(rgb.width());
            }
        }
    }

    @Test
    void qualityScalesTheStandardTablesAsLibjpegDoes() {
        assertThat(JpegCodec.lumaTable(50)[0]).isEqualTo(16);
        assertThat(JpegCodec.lumaTable(75)[0]).isEqualTo(8);
        assertThat(JpegCodec.lumaTable(100)).containsOnly(1);
        assertThat(JpegCodec.lumaTable(1)).contains(255);
        assertThatThrownBy(() -> JpegCodec.open(0, ChromaSubsampling.YUV420))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("0");
    }
}
