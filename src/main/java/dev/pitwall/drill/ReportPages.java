package dev.pitwall.drill;

import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import javax.imageio.ImageIO;

/**
 * A {@link ReportDocument} laid out on A4 pages (150 dpi) and written as PNG files, drawn with
 * Java2D headless in the report stylesheet's colours and font: for a wiki, a ticket or a chat that
 * takes pictures. Long tables continue on the next page under their header again; pictures are
 * scaled to the page's width.
 */
final class ReportPages {

    static final int WIDTH = 1240;
    static final int HEIGHT = 1754;
    private static final int MARGIN = 90;
    private static final int CONTENT = WIDTH - 2 * MARGIN;
    private static final int BOTTOM = HEIGHT - MARGIN - 30;
    private static final int PAD = 8;

    private final ReportStyle style = ReportStyle.load();
    private final Path folder;
    private final List<BufferedImage> pages = new ArrayList<>();
    private Graphics2D g;
    private int y;

    private ReportPages(Path folder) {
        this.folder = folder;
    }

    /** Writes {@code report-page-1.png}, ... into {@code folder} (where the document's pictures are); their paths. */
    static List<Path> write(ReportDocument document, Path folder) throws IOException {
        ReportPages layout = new ReportPages(folder);
        layout.lay(document);
        List<Path> written = new ArrayList<>();
        for (int i = 0; i < layout.pages.size(); i++) {
            Graphics2D page = layout.pages.get(i).createGraphics();
            page.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            page.setColor(layout.style.grid);
            page.drawLine(MARGIN, HEIGHT - MARGIN, WIDTH - MARGIN, HEIGHT - MARGIN);
            page.setColor(layout.style.ink);
            page.setFont(layout.style.font(Font.PLAIN, 13));
            page.drawString(ReportDocument.plain(document.title()) + "  ·  page " + (i + 1) + " of " + layout.pages.size(), MARGIN,
                    HEIGHT - MARGIN + 22);
            page.dispose();
            Path file = folder.resolve("report-page-" + (i + 1) + ".png");
            ImageIO.write(layout.pages.get(i), "png", file.toFile());
            written.add(file);
        }
        return written;
    }

    private void lay(ReportDocument document) throws IOException {
        newPage();
        text(document.title(), style.font(Font.BOLD, 30), style.ink, 14);
        for (ReportDocument.Block block : document.blocks()) {
            switch (block) {
                case ReportDocument.Heading heading -> {
                    if (y + 120 > BOTTOM) {
                        newPage(); // a heading does not end a page alone
                    }
                    y += 16;
                    text(heading.text(), style.font(Font.BOLD, 22), style.ink, 8);
                }
                case ReportDocument.Paragraph paragraph -> text(paragraph.text(), style.font(Font.PLAIN, 16), style.ink, 12);
                case ReportDocument.Table table -> table(table);
                case ReportDocument.Image image -> image(folder.resolve(image.file()));
            }
        }
        g.dispose();
    }

    private void newPage() {
        if (g != null) {
            g.dispose();
        }
        BufferedImage page = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
        pages.add(page);
        g = page.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BICUBIC);
        g.setColor(style.paper);
        g.fillRect(0, 0, WIDTH, HEIGHT);
        y = MARGIN;
    }

    private void text(String text, Font font, Color colour, int after) {
        g.setFont(font);
        FontMetrics metrics = g.getFontMetrics();
        for (String line : wrap(ReportDocument.plain(text), metrics, CONTENT)) {
            if (y + metrics.getHeight() > BOTTOM) {
                newPage();
                g.setFont(font);
            }
            y += metrics.getAscent();
            g.setColor(colour);
            g.drawString(line, MARGIN, y);
            y += metrics.getDescent() + metrics.getLeading() + 2;
        }
        y += after;
    }

    private void table(ReportDocument.Table table) {
        Font body = style.font(Font.PLAIN, 14);
        Font bold = style.font(Font.BOLD, 14);
        g.setFont(body);
        FontMetrics metrics = g.getFontMetrics(body);
        int[] widths = columnWidths(table, g.getFontMetrics(bold), metrics);
        row(table.headers(), widths, bold, true);
        for (List<String> cells : table.rows()) {
            int height = rowHeight(cells, widths, metrics);
            if (y + height > BOTTOM) {
                newPage();
                row(table.headers(), widths, bold, true); // the header again on the next page
            }
            row(cells, widths, body, false);
        }
        y += 16;
    }

    /** Each column as wide as its widest text, shrunk in proportion (to at least 70 px) when the table is wider than the page. */
    private static int[] columnWidths(ReportDocument.Table table, FontMetrics bold, FontMetrics body) {
        int columns = table.headers().size();
        int[] natural = new int[columns];
        for (int c = 0; c < columns; c++) {
            natural[c] = bold.stringWidth(table.headers().get(c)) + 2 * PAD;
            for (List<String> row : table.rows()) {
                natural[c] = Math.max(natural[c], body.stringWidth(ReportDocument.plain(row.get(c))) + 2 * PAD);
            }
        }
        int total = java.util.Arrays.stream(natural).sum();
        if (total <= CONTENT) {
            return natural;
        }
        // narrow columns keep their width; the wide ones share what is left
        int[] widths = natural.clone();
        int fair = CONTENT / columns;
        int kept = 0;
        int wide = 0;
        for (int w : natural) {
            if (w <= fair) {
                kept += w;
            } else {
                wide += w;
            }
        }
        for (int c = 0; c < columns; c++) {
            if (natural[c] > fair) {
                widths[c] = Math.max(70, (int) ((long) natural[c] * (CONTENT - kept) / wide));
            }
        }
        return widths;
    }

    private int rowHeight(List<String> cells, int[] widths, FontMetrics metrics) {
        int lines = 1;
        for (int c = 0; c < cells.size(); c++) {
            lines = Math.max(lines, wrap(ReportDocument.plain(cells.get(c)), metrics, widths[c] - 2 * PAD).size());
        }
        return lines * metrics.getHeight() + 2 * PAD;
    }

    private void row(List<String> cells, int[] widths, Font font, boolean header) {
        g.setFont(font);
        FontMetrics metrics = g.getFontMetrics();
        int height = rowHeight(cells, widths, metrics);
        int x = MARGIN;
        for (int c = 0; c < cells.size(); c++) {
            g.setColor(style.grid);
            g.drawRect(x, y, widths[c], height);
            boolean alarm = !header && ReportDocument.alarming(cells.get(c));
            g.setColor(alarm ? style.broken : style.ink);
            int line = y + PAD + metrics.getAscent();
            for (String text : wrap(ReportDocument.plain(cells.get(c)), metrics, widths[c] - 2 * PAD)) {
                g.drawString(text, x + PAD, line);
                line += metrics.getHeight();
            }
            x += widths[c];
        }
        y += height;
    }

    private void image(Path file) throws IOException {
        BufferedImage picture = ImageIO.read(file.toFile());
        if (picture == null) {
            text("(" + file.getFileName() + " is not a picture)", style.font(Font.ITALIC, 14), style.broken, 8);
            return;
        }
        double scale = Math.min(1.0 * CONTENT / picture.getWidth(), 1.0 * (BOTTOM - MARGIN) / picture.getHeight());
        int width = (int) (picture.getWidth() * scale);
        int height = (int) (picture.getHeight() * scale);
        if (y + height > BOTTOM) {
            newPage();
        }
        g.drawImage(picture, MARGIN, y, width, height, null);
        y += height + 16;
    }

    /** Words to lines no wider than {@code width}; a word longer than a line is cut. */
    static List<String> wrap(String text, FontMetrics metrics, int width) {
        List<String> lines = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        for (String word : text.split(" ")) {
            String candidate = line.isEmpty() ? word : line + " " + word;
            if (metrics.stringWidth(candidate) <= width) {
                line.setLength(0);
                line.append(candidate);
                continue;
            }
            if (!line.isEmpty()) {
                lines.add(line.toString());
                line.setLength(0);
            }
            while (metrics.stringWidth(word) > width && word.length() > 1) {
                int cut = word.length() - 1;
                while (cut > 1 && metrics.stringWidth(word.substring(0, cut)) > width) {
                    cut--;
                }
                lines.add(word.substring(0, cut));
                word = word.substring(cut);
            }
            line.append(word);
        }
        if (!line.isEmpty() || lines.isEmpty()) {
            lines.add(line.toString());
        }
        return lines;
    }
}
