package dev.releasewatch.evaluate;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The comparison table of {@code evaluate-nab}: per profile, our detector's rows and every published
 * detector's, best first; then, apart and labelled as such, any oracle-tuned rows. Renders as aligned text for
 * a terminal or as Markdown for {@code docs/nab.md}.
 *
 * @param sections one per profile, in the order to print
 * @param notes    sentences printed under the tables (method, caveats)
 */
public record NabReport(List<Section> sections, List<String> notes) {

    /** Copies the lists. */
    public NabReport {
        sections = List.copyOf(sections);
        notes = List.copyOf(notes);
    }

    /**
     * One detector under one profile.
     *
     * @param detector  the detector's name
     * @param threshold what counted as a detection, e.g. {@code alert flag} or {@code score >= 0.7655}
     * @param ours      whether it is ours (marked in the table)
     * @param score     its NAB score over the subset
     */
    public record Entry(String detector, String threshold, boolean ours, NabScore score) {}

    /**
     * The table of one profile.
     *
     * @param profile the profile
     * @param entries the compared detectors, sorted best first
     * @param oracle  rows whose threshold was chosen on the very labels scored; never ranked with the rest
     */
    public record Section(NabProfile profile, List<Entry> entries, List<Entry> oracle) {

        /** Copies the lists. */
        public Section {
            entries = List.copyOf(entries);
            oracle = List.copyOf(oracle);
        }
    }

    /** The report as Markdown: a heading and a table per profile, then the notes. */
    public String toMarkdown() {
        StringBuilder out = new StringBuilder();
        for (Section section : sections) {
            out.append("### ").append(title(section.profile())).append("\n\n");
            out.append("| detector | detection when | normalised | TP/FN/FP |\n");
            out.append("|---|---|---:|---|\n");
            for (Entry entry : section.entries()) {
                out.append(markdownRow(entry, section.profile()));
            }
            if (!section.oracle().isEmpty()) {
                out.append(
                        "\nOracle-tuned (threshold chosen on these labels; in-sample, not comparable with the table above):\n\n");
                out.append("| detector | detection when | normalised | TP/FN/FP |\n");
                out.append("|---|---|---:|---|\n");
                for (Entry entry : section.oracle()) {
                    out.append(markdownRow(entry, section.profile()));
                }
            }
            out.append('\n');
        }
        for (String note : notes) {
            out.append("- ").append(note).append('\n');
        }
        return out.toString();
    }

    /** The report as aligned plain text. */
    public String toText() {
        StringBuilder out = new StringBuilder();
        for (Section section : sections) {
            out.append(title(section.profile())).append('\n');
            List<String[]> rows = new ArrayList<>();
            rows.add(new String[] {"detector", "detection when", "normalised", "TP/FN/FP"});
            section.entries().forEach(entry -> rows.add(cells(entry, section.profile())));
            appendAligned(out, rows);
            if (!section.oracle().isEmpty()) {
                out.append("  oracle-tuned (threshold chosen on these labels; in-sample, not comparable):\n");
                List<String[]> oracleRows = new ArrayList<>();
                section.oracle().forEach(entry -> oracleRows.add(cells(entry, section.profile())));
                appendAligned(out, oracleRows);
            }
            out.append('\n');
        }
        for (String note : notes) {
            out.append("* ").append(note).append('\n');
        }
        return out.toString();
    }

    private static String title(NabProfile profile) {
        return String.format(
                Locale.ROOT,
                "%s profile (A_TP %s, A_FP %s, A_FN %s)",
                profile.name(),
                weight(profile.tpWeight()),
                weight(profile.fpWeight()),
                weight(profile.fnWeight()));
    }

    private static String weight(double weight) {
        return weight == Math.rint(weight) ? String.valueOf((long) weight) : String.valueOf(weight);
    }

    private static String markdownRow(Entry entry, NabProfile profile) {
        String[] cells = cells(entry, profile);
        String name = entry.ours() ? "**" + cells[0] + "**" : cells[0];
        return "| " + name + " | " + cells[1] + " | " + cells[2] + " | " + cells[3] + " |\n";
    }

    private static String[] cells(Entry entry, NabProfile profile) {
        return new String[] {
            entry.detector(),
            entry.threshold(),
            String.format(Locale.ROOT, "%.1f", entry.score().normalised(profile)),
            entry.score().counts()
        };
    }

    private static void appendAligned(StringBuilder out, List<String[]> rows) {
        int[] widths = new int[rows.get(0).length];
        for (String[] row : rows) {
            for (int c = 0; c < row.length; c++) {
                widths[c] = Math.max(widths[c], row[c].length());
            }
        }
        for (String[] row : rows) {
            out.append(' ');
            for (int c = 0; c < row.length; c++) {
                boolean number = c == 2;
                String cell = number
                        ? " ".repeat(widths[c] - row[c].length()) + row[c]
                        : row[c] + " ".repeat(widths[c] - row[c].length());
                out.append(' ').append(cell).append(' ');
            }
            out.append('\n');
        }
    }
}
