package dev.pitwall.drill;

import java.util.ArrayList;
import java.util.List;

/**
 * A report as a list of blocks, written once and rendered to Markdown, HTML and PNG pages, so the
 * three always say the same. Text may carry two marks: {@code **bold**} (in a table cell it is an
 * alarm, shown in the stylesheet's "broken" colour) and {@code `code`}.
 */
record ReportDocument(String title, List<Block> blocks) {

    ReportDocument {
        blocks = List.copyOf(blocks);
    }

    sealed interface Block permits Heading, Paragraph, Table, Image {
    }

    /** A section heading. */
    record Heading(String text) implements Block {
    }

    record Paragraph(String text) implements Block {
    }

    /** A table; every row has as many cells as there are headers. */
    record Table(List<String> headers, List<List<String>> rows) implements Block {
        Table {
            headers = List.copyOf(headers);
            rows = rows.stream().map(List::copyOf).toList();
        }
    }

    /** A picture in the report's folder. */
    record Image(String file, String alt) implements Block {
    }

    /** Builds a document block by block. */
    static final class Builder {
        private final String title;
        private final List<Block> blocks = new ArrayList<>();
        private List<String> headers;
        private List<List<String>> rows;

        Builder(String title) {
            this.title = title;
        }

        Builder heading(String text) {
            endTable();
            blocks.add(new Heading(text));
            return this;
        }

        Builder paragraph(String text) {
            endTable();
            blocks.add(new Paragraph(text));
            return this;
        }

        Builder image(String file, String alt) {
            endTable();
            blocks.add(new Image(file, alt));
            return this;
        }

        Builder table(String... headers) {
            endTable();
            this.headers = List.of(headers);
            this.rows = new ArrayList<>();
            return this;
        }

        Builder row(String... cells) {
            if (rows == null || cells.length != headers.size()) {
                throw new IllegalStateException("a row of " + cells.length + " cells outside a table of " + (headers == null ? 0
                        : headers.size()) + " columns");
            }
            rows.add(List.of(cells));
            return this;
        }

        private void endTable() {
            if (headers != null) {
                blocks.add(new Table(headers, rows));
                headers = null;
                rows = null;
            }
        }

        ReportDocument build() {
            endTable();
            return new ReportDocument(title, blocks);
        }
    }

    /** An alarm in a table cell ("**no**"). */
    static String alarm(String text) {
        return "**" + text + "**";
    }

    /** Without its marks, for drawing. */
    static String plain(String text) {
        return text.replace("**", "").replace("`", "");
    }

    static boolean alarming(String cell) {
        return cell.length() > 4 && cell.startsWith("**") && cell.endsWith("**");
    }
}
