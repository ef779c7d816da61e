package dev.pitwall.drill;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A {@link ReportDocument} as Markdown and as HTML (with the report's stylesheet embedded). */
final class ReportText {

    private static final Pattern BOLD = Pattern.compile("\\*\\*(.+?)\\*\\*");
    private static final Pattern CODE = Pattern.compile("`(.+?)`");

    private ReportText() {
    }

    static String markdown(ReportDocument document) {
        StringBuilder md = new StringBuilder("# ").append(document.title()).append("\n\n");
        for (ReportDocument.Block block : document.blocks()) {
            switch (block) {
                case ReportDocument.Heading heading -> md.append("## ").append(heading.text()).append("\n\n");
                case ReportDocument.Paragraph paragraph -> md.append(paragraph.text()).append("\n\n");
                case ReportDocument.Image image -> md.append("![").append(image.alt()).append("](").append(image.file()).append(")\n\n");
                case ReportDocument.Table table -> {
                    md.append("| ").append(String.join(" | ", table.headers())).append(" |\n|");
                    table.headers().forEach(header -> md.append(" --- |"));
                    md.append('\n');
                    table.rows().forEach(row -> md.append("| ").append(String.join(" | ", row.stream()
                            .map(cell -> cell.replace("|", "\\|")).toList())).append(" |\n"));
                    md.append('\n');
                }
            }
        }
        return md.toString();
    }

    static String html(ReportDocument document) {
        StringBuilder html = new StringBuilder("<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>")
                .append(escape(document.title())).append("</title>\n<style>\n").append(ReportStyle.stylesheet())
                .append("</style></head><body>\n<h1>").append(escape(document.title())).append("</h1>\n");
        for (ReportDocument.Block block : document.blocks()) {
            switch (block) {
                case ReportDocument.Heading heading -> html.append("<h2>").append(inline(heading.text())).append("</h2>\n");
                case ReportDocument.Paragraph paragraph -> html.append("<p>").append(inline(paragraph.text())).append("</p>\n");
                case ReportDocument.Image image -> html.append("<p><img src=\"").append(escape(image.file())).append("\" alt=\"")
                        .append(escape(image.alt())).append("\"></p>\n");
                case ReportDocument.Table table -> {
                    html.append("<table><tr>");
                    table.headers().forEach(header -> html.append("<th>").append(escape(header)).append("</th>"));
                    html.append("</tr>\n");
                    for (var row : table.rows()) {
                        html.append("<tr>");
                        row.forEach(cell -> html.append(ReportDocument.alarming(cell) ? "<td class=\"no\">" + escape(ReportDocument.plain(cell))
                                : "<td>" + inline(cell)).append("</td>"));
                        html.append("</tr>\n");
                    }
                    html.append("</table>\n");
                }
            }
        }
        return html.append("</body></html>\n").toString();
    }

    private static String inline(String text) {
        Matcher bold = BOLD.matcher(escape(text));
        String marked = bold.replaceAll("<b>$1</b>");
        return CODE.matcher(marked).replaceAll("<code>$1</code>");
    }

    static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
