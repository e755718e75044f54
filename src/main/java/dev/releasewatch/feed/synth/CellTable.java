package dev.releasewatch.feed.synth;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Every (section, group) pair of a feed with its normal productivity, flattened into arrays: the generator walks
 * these for every hour of every day, so they are kept primitive.
 */
final class CellTable {

    private static final double ZIPF_EXPONENT = 1.1;

    final List<SectionProfile> sections;
    final List<String> groups;
    final int[] cellSection;
    final int[] cellGroup;
    /** Releases per weekday of the cell, before weekday, hour, noise and effects. */
    final double[] cellRate;

    private CellTable(
            final List<SectionProfile> sections,
            final List<String> groups,
            final int[] cellSection,
            final int[] cellGroup,
            final double[] cellRate) {
        this.sections = sections;
        this.groups = groups;
        this.cellSection = cellSection;
        this.cellGroup = cellGroup;
        this.cellRate = cellRate;
    }

    static CellTable build(final List<SectionProfile> sections) {
        final Set<String> taken = new HashSet<>();
        sections.forEach(s -> taken.addAll(s.namedGroups().keySet()));
        final List<String> groups = new ArrayList<>();
        final Map<String, Integer> groupIndex = new HashMap<>();
        final List<int[]> cells = new ArrayList<>();
        final List<Double> rates = new ArrayList<>();
        for (int s = 0; s < sections.size(); s++) {
            final SectionProfile profile = sections.get(s);
            final int section = s;
            profile.namedGroups().forEach((group, rate) -> {
                cells.add(new int[] {section, indexOf(group, groups, groupIndex)});
                rates.add(rate);
            });
            final double named = profile.namedGroups().values().stream()
                    .mapToDouble(Double::doubleValue)
                    .sum();
            final double tail = profile.weekdayMean() - named;
            double harmonic = 0;
            for (int k = 1; k <= profile.tailGroups(); k++) {
                harmonic += Math.pow(k, -ZIPF_EXPONENT);
            }
            final GroupNameGenerator names = new GroupNameGenerator(profile.section(), taken);
            for (int k = 1; k <= profile.tailGroups(); k++) {
                cells.add(new int[] {section, indexOf(names.next(), groups, groupIndex)});
                rates.add(tail * Math.pow(k, -ZIPF_EXPONENT) / harmonic);
            }
        }
        final int n = cells.size();
        final int[] cellSection = new int[n];
        final int[] cellGroup = new int[n];
        final double[] cellRate = new double[n];
        for (int i = 0; i < n; i++) {
            cellSection[i] = cells.get(i)[0];
            cellGroup[i] = cells.get(i)[1];
            cellRate[i] = rates.get(i);
        }
        return new CellTable(List.copyOf(sections), List.copyOf(groups), cellSection, cellGroup, cellRate);
    }

    int size() {
        return cellRate.length;
    }

    int sectionIndex(final String section) {
        for (int s = 0; s < sections.size(); s++) {
            if (sections.get(s).section().equals(section)) {
                return s;
            }
        }
        return -1;
    }

    private static int indexOf(final String group, final List<String> groups, final Map<String, Integer> index) {
        return index.computeIfAbsent(group, g -> {
            groups.add(g);
            return groups.size() - 1;
        });
    }
}
