package dev.pitwall.ui.traffic;

import java.util.Arrays;

import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;
import javafx.scene.paint.Color;
import javafx.scene.paint.Paint;

/**
 * The pixels of the traffic charts, drawn in Java rather than as Canvas paths: lines as one
 * vertical span per pixel column (a series reduced to its lowest and highest value per column),
 * rectangles, dashes and shading as plain writes into an ARGB array, handed to the Canvas as one
 * image. Software rendering strokes thousands of antialiased path segments slowly (about 200 ms
 * for a screenful of charts, measured); spans into an array take a few milliseconds.
 */
final class ChartRaster {

    private int width;
    private int height;
    private int[] pixels = new int[0];
    private javafx.scene.image.PixelBuffer<java.nio.IntBuffer> buffer;
    private WritableImage image;

    /** Starts a frame of this size, filled with {@code background}. */
    void begin(int newWidth, int newHeight, int background) {
        if (newWidth != width || newHeight != height || image == null) {
            width = Math.max(1, newWidth);
            height = Math.max(1, newHeight);
            pixels = new int[width * height];
            // the image shows the array itself: no copy of the pixels per frame
            buffer = new javafx.scene.image.PixelBuffer<>(width, height, java.nio.IntBuffer.wrap(pixels),
                    PixelFormat.getIntArgbPreInstance());
            image = new WritableImage(buffer);
        }
        Arrays.fill(pixels, background);
    }

    /** The finished frame, as an image to draw. */
    WritableImage finish() {
        buffer.updateBuffer(changed -> null); // all of it changed
        return image;
    }

    void fill(int x, int y, int w, int h, int argb) {
        int x0 = Math.max(0, x);
        int y0 = Math.max(0, y);
        int x1 = Math.min(width, x + w);
        int y1 = Math.min(height, y + h);
        for (int row = y0; row < y1; row++) {
            Arrays.fill(pixels, row * width + x0, Math.max(row * width + x0, row * width + x1), argb);
        }
    }

    void outline(int x, int y, int w, int h, int argb) {
        fill(x, y, w, 1, argb);
        fill(x, y + h - 1, w, 1, argb);
        fill(x, y, 1, h, argb);
        fill(x + w - 1, y, 1, h, argb);
    }

    /** A horizontal dashed line. */
    void dashes(int x, int y, int w, int dash, int gap, int argb) {
        for (int start = x; start < x + w; start += dash + gap) {
            fill(start, y, Math.min(dash, x + w - start), 1, argb);
        }
    }

    /**
     * A series as a line {@code thickness} pixels wide over {@code w} columns from {@code x}, its
     * values scaled by {@code scaleY} up from {@code bottom}; no line where values are not finite.
     */
    void series(double[] values, int x, int bottom, int w, double scaleY, int thickness, int top, int argb) {
        double perColumn = values.length / (double) Math.max(1, w);
        int previous = Integer.MIN_VALUE;
        for (int column = 0; column < w; column++) {
            int from = (int) (column * perColumn);
            int to = Math.min(values.length, Math.max(from + 1, (int) ((column + 1) * perColumn)));
            double low = Double.POSITIVE_INFINITY;
            double high = Double.NEGATIVE_INFINITY;
            for (int i = from; i < to; i++) {
                if (Double.isFinite(values[i])) {
                    low = Math.min(low, values[i]);
                    high = Math.max(high, values[i]);
                }
            }
            if (low == Double.POSITIVE_INFINITY) {
                previous = Integer.MIN_VALUE;
                continue;
            }
            int yHigh = Math.max(top, (int) Math.round(bottom - high * scaleY));
            int yLow = Math.max(top, (int) Math.round(bottom - low * scaleY));
            int spanTop = previous == Integer.MIN_VALUE ? yHigh : Math.min(yHigh, previous);
            int spanBottom = previous == Integer.MIN_VALUE ? yLow : Math.max(yLow, previous);
            fill(x + column, spanTop - thickness / 2, thickness, spanBottom - spanTop + thickness, argb);
            previous = (yHigh + yLow) / 2;
        }
    }

    /** A paint from the palette as ARGB (a paint that is not a colour draws as grey). */
    static int argb(Paint paint) {
        Color color = paint instanceof Color c ? c : Color.GRAY;
        return ((int) Math.round(color.getOpacity() * 255) << 24) | ((int) Math.round(color.getRed() * 255) << 16)
                | ((int) Math.round(color.getGreen() * 255) << 8) | (int) Math.round(color.getBlue() * 255);
    }

    /** {@code over} (with its own opacity) laid on the opaque {@code under}. */
    static int blend(Paint over, Paint under) {
        Color top = over instanceof Color c ? c : Color.TRANSPARENT;
        Color bottom = under instanceof Color c ? c : Color.BLACK;
        double a = top.getOpacity();
        return argb(new Color(top.getRed() * a + bottom.getRed() * (1 - a), top.getGreen() * a + bottom.getGreen() * (1 - a),
                top.getBlue() * a + bottom.getBlue() * (1 - a), 1));
    }
}
