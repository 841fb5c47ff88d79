package io.teleflux.samples.go2;

import java.util.List;

/**
 * A software renderer for the robot's first-person view of a small world: sky, a floor with a 1 m grid in
 * perspective, and coloured boxes and pillars. One ray per column finds the boxes (painted far to near); the floor is
 * cast per row. It renders RGB into a scratch array, then writes I420 (BT.601 limited range, 2×2 chroma mean), the
 * format encoders take. Not thread-safe: one renderer per camera subscription.
 */
final class WorldRenderer {

    /** An axis-aligned box standing on the floor: centre, half extents and height in metres, colour 0xRRGGBB. */
    record Box(double cx, double cy, double hx, double hy, double height, int rgb) {
    }

    /** The world: a few boxes and pillars around the start pose, so any motion changes the view. */
    static final List<Box> WORLD = List.of(
            new Box(3, 0, 0.3, 0.3, 0.5, 0xd03030),
            new Box(5, 2, 0.2, 0.2, 2.0, 0x3050d0),
            new Box(2, -2.5, 0.5, 0.5, 0.8, 0x30a040),
            new Box(-3, 1, 0.25, 0.25, 1.5, 0xe0c020),
            new Box(6, -3, 0.6, 0.4, 1.0, 0xe07020),
            new Box(0, 4, 0.15, 0.15, 2.5, 0x9040c0),
            new Box(-4, -3, 0.5, 0.5, 0.4, 0xe0e0e0),
            new Box(8, 0.5, 0.25, 0.25, 3.0, 0x20c0c0));

    private static final double CAMERA_HEIGHT = 0.4;            // metres above the floor, about a Go2's head
    private static final double HORIZONTAL_FOV = Math.toRadians(75);
    private static final double FOG_DISTANCE = 40;
    private static final int FOG = 0xb8c4d0;

    private final int width;
    private final int height;
    private final double focal;
    private final int[] rgb;
    private final int[] skyRows;
    private final double[] hitT = new double[WORLD.size()];
    private final double[] hitFar = new double[WORLD.size()];
    private final int[] hitBox = new int[WORLD.size()];
    private final boolean[] hitSideX = new boolean[WORLD.size()];

    WorldRenderer(int width, int height) {
        this.width = width;
        this.height = height;
        this.focal = (width / 2.0) / Math.tan(HORIZONTAL_FOV / 2);
        this.rgb = new int[width * height];
        this.skyRows = new int[height];
        for (int v = 0; v < height / 2; v++) {
            skyRows[v] = mix(0x4a7fc8, FOG, (double) v / (height / 2.0));   // deep blue above, pale at the horizon
        }
    }

    /**
     * Renders the view from {@code pose} into the picture rows of {@code i420}, a buffer laid out for
     * {@code width × frameHeight} ({@code frameHeight ≥ height}, larger when a stamp strip follows).
     */
    void render(Pose pose, byte[] i420, int frameHeight) {
        double dx = Math.cos(pose.yaw());
        double dy = Math.sin(pose.yaw());
        double rx = dy;                                          // the camera's right: forward turned -90°
        double ry = -dx;
        background(pose, dx, dy, rx, ry);
        for (int u = 0; u < width; u++) {
            double k = (u + 0.5 - width / 2.0) / focal;
            boxes(u, pose.x(), pose.y(), dx + rx * k, dy + ry * k);
        }
        toI420(i420, frameHeight);
    }

    /** Sky above the horizon; below it the floor, cast row by row, with grid lines and a two-tone checker. */
    private void background(Pose pose, double dx, double dy, double rx, double ry) {
        double cy = height / 2.0;
        for (int v = 0; v < height; v++) {
            int row = v * width;
            double below = v + 0.5 - cy;
            if (below <= 0) {
                java.util.Arrays.fill(rgb, row, row + width, skyRows[v]);
                continue;
            }
            double t = focal * CAMERA_HEIGHT / below;            // distance ahead of the floor point on this row
            double halfLine = Math.max(0.015, 0.6 * t / focal);  // at least about a pixel wide, so lines never vanish
            double fog = Math.min(1, t / FOG_DISTANCE);
            double startK = (0.5 - width / 2.0) / focal;
            double wx = pose.x() + t * (dx + rx * startK);
            double wy = pose.y() + t * (dy + ry * startK);
            double stepX = t * rx / focal;
            double stepY = t * ry / focal;
            int light = mix(0x8a8f7a, FOG, fog);
            int dark = mix(0x767b68, FOG, fog);
            int line = mix(0x2b2d28, FOG, fog);
            for (int u = 0; u < width; u++) {
                double fx = wx - Math.floor(wx);
                double fy = wy - Math.floor(wy);
                if (fx < halfLine || fx > 1 - halfLine || fy < halfLine || fy > 1 - halfLine) {
                    rgb[row + u] = line;
                } else {
                    rgb[row + u] = ((((int) Math.floor(wx)) + ((int) Math.floor(wy))) & 1) == 0 ? light : dark;
                }
                wx += stepX;
                wy += stepY;
            }
        }
    }

    /** Paints the boxes one column crosses, far to near, with their top faces when seen from above. */
    private void boxes(int u, double px, double py, double rayX, double rayY) {
        int hits = 0;
        for (int i = 0; i < WORLD.size(); i++) {
            Box b = WORLD.get(i);
            // slab test; t is the depth along the camera axis because the ray's forward component is 1
            double tx1 = (b.cx() - b.hx() - px) / rayX;
            double tx2 = (b.cx() + b.hx() - px) / rayX;
            double ty1 = (b.cy() - b.hy() - py) / rayY;
            double ty2 = (b.cy() + b.hy() - py) / rayY;
            double nearX = Math.min(tx1, tx2);
            double nearY = Math.min(ty1, ty2);
            double near = Math.max(nearX, nearY);
            double far = Math.min(Math.max(tx1, tx2), Math.max(ty1, ty2));
            if (far >= near && near > 0.05) {
                int j = hits++;
                while (j > 0 && hitT[j - 1] < near) {            // keep sorted, farthest first
                    hitT[j] = hitT[j - 1];
                    hitFar[j] = hitFar[j - 1];
                    hitBox[j] = hitBox[j - 1];
                    hitSideX[j] = hitSideX[j - 1];
                    j--;
                }
                hitT[j] = near;
                hitFar[j] = far;
                hitBox[j] = i;
                hitSideX[j] = nearX > nearY;
            }
        }
        double cy = height / 2.0;
        for (int h = 0; h < hits; h++) {
            Box b = WORLD.get(hitBox[h]);
            double t = hitT[h];
            double fog = Math.min(1, t / FOG_DISTANCE);
            int side = mix(shade(b.rgb(), hitSideX[h] ? 1.0 : 0.72), FOG, fog);
            int top = (int) Math.ceil(cy - focal * (b.height() - CAMERA_HEIGHT) / t);
            int bottom = (int) Math.ceil(cy + focal * CAMERA_HEIGHT / t);
            fillColumn(u, top, bottom, side);
            if (b.height() < CAMERA_HEIGHT) {                    // looking down on it: the top face shows
                int farTop = (int) Math.ceil(cy - focal * (b.height() - CAMERA_HEIGHT) / hitFar[h]);
                fillColumn(u, farTop, top, mix(shade(b.rgb(), 1.25), FOG, fog));
            }
        }
    }

    private void fillColumn(int u, int from, int to, int color) {
        int start = Math.max(0, from);
        int end = Math.min(height, to);
        for (int v = start; v < end; v++) {
            rgb[v * width + u] = color;
        }
    }

    /** RGB scratch to the I420 picture rows of {@code dst}. */
    private void toI420(byte[] dst, int frameHeight) {
        for (int i = 0; i < width * height; i++) {
            int c = rgb[i];
            int r = (c >> 16) & 0xff;
            int g = (c >> 8) & 0xff;
            int b = c & 0xff;
            dst[i] = (byte) (((66 * r + 129 * g + 25 * b + 128) >> 8) + 16);
        }
        int cw = width / 2;
        int uPlane = width * frameHeight;
        int vPlane = uPlane + cw * (frameHeight / 2);
        for (int y = 0; y < height / 2; y++) {
            int row0 = 2 * y * width;
            int row1 = row0 + width;
            for (int x = 0; x < cw; x++) {
                int a = rgb[row0 + 2 * x];
                int b = rgb[row0 + 2 * x + 1];
                int c = rgb[row1 + 2 * x];
                int d = rgb[row1 + 2 * x + 1];
                int r = (((a >> 16) & 0xff) + ((b >> 16) & 0xff) + ((c >> 16) & 0xff) + ((d >> 16) & 0xff) + 2) >> 2;
                int g = (((a >> 8) & 0xff) + ((b >> 8) & 0xff) + ((c >> 8) & 0xff) + ((d >> 8) & 0xff) + 2) >> 2;
                int bl = ((a & 0xff) + (b & 0xff) + (c & 0xff) + (d & 0xff) + 2) >> 2;
                dst[uPlane + y * cw + x] = (byte) (((-38 * r - 74 * g + 112 * bl + 128) >> 8) + 128);
                dst[vPlane + y * cw + x] = (byte) (((112 * r - 94 * g - 18 * bl + 128) >> 8) + 128);
            }
        }
    }

    private static int shade(int rgb, double factor) {
        int r = (int) Math.min(255, ((rgb >> 16) & 0xff) * factor);
        int g = (int) Math.min(255, ((rgb >> 8) & 0xff) * factor);
        int b = (int) Math.min(255, (rgb & 0xff) * factor);
        return (r << 16) | (g << 8) | b;
    }

    /** {@code a} blended towards {@code b} by {@code f} in [0, 1]. */
    private static int mix(int a, int b, double f) {
        int r = (int) (((a >> 16) & 0xff) * (1 - f) + ((b >> 16) & 0xff) * f);
        int g = (int) (((a >> 8) & 0xff) * (1 - f) + ((b >> 8) & 0xff) * f);
        int bl = (int) ((a & 0xff) * (1 - f) + (b & 0xff) * f);
        return (r << 16) | (g << 8) | bl;
    }
}
