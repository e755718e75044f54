package dev.releasewatch.feed.synth;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.releasewatch.avro.EventKind;
import dev.releasewatch.avro.ReleaseAnnouncement;
import dev.releasewatch.feed.GroupName;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class GroupTailTest {

    private static final FeedSettings SETTINGS = FeedSettings.normal(
                    LocalDate.of(2020, 6, 1), LocalDate.of(2020, 6, 30), 7)
            .withNukes(0.05);

    @Test
    void everyTailGroupDebutsAndTheBigGroupsStay() {
        SyntheticFeed feed = new SyntheticFeed(SETTINGS);
        int tail = 5_000;
        Map<String, Integer> original = new HashMap<>();
        feed.forEach(a -> original.merge(GroupName.of(a.getName()), 1, Integer::sum));
        Set<String> tailGroups = new HashSet<>();
        Set<String> bigGroups = new HashSet<>();
        long releases = 0;
        long retagged = 0;
        for (ReleaseAnnouncement a : new GroupTail(feed, tail, 0.5, 3)) {
            String group = GroupName.of(a.getName());
            if (a.getKind() == EventKind.RELEASE) {
                releases++;
            }
            if (original.containsKey(group)) {
                bigGroups.add(group);
            } else {
                tailGroups.add(group);
                retagged += a.getKind() == EventKind.RELEASE ? 1 : 0;
            }
        }
        assertThat(feed.size()).isGreaterThan(4L * tail);
        assertThat(tailGroups).hasSize(tail).contains(GroupTail.groupName(1), GroupTail.groupName(tail));
        original.forEach((group, count) -> {
            if (count >= 20) {
                assertThat(bigGroups).contains(group);
            }
        });
        assertThat((double) retagged / releases).isBetween(0.45, 0.55);
    }

    @Test
    void sectionsTimesAndKindsStayAndNukesFollowTheirRelease() {
        SyntheticFeed feed = new SyntheticFeed(SETTINGS);
        List<ReleaseAnnouncement> before = new ArrayList<>();
        feed.forEach(before::add);
        List<ReleaseAnnouncement> after = new ArrayList<>();
        new GroupTail(feed, 1_000, 0.5, 3).forEach(after::add);
        assertThat(after).hasSameSizeAs(before);
        Map<String, String> renamed = new HashMap<>();
        long nukesFollowed = 0;
        for (int i = 0; i < before.size(); i++) {
            ReleaseAnnouncement b = before.get(i);
            ReleaseAnnouncement a = after.get(i);
            assertThat(a.getSection()).isEqualTo(b.getSection());
            assertThat(a.getTime()).isEqualTo(b.getTime());
            assertThat(a.getKind()).isEqualTo(b.getKind());
            if (b.getKind() == EventKind.RELEASE) {
                renamed.put(b.getName(), a.getName());
            } else {
                assertThat(a.getName()).isEqualTo(renamed.get(b.getName()));
                nukesFollowed += a.getName().equals(b.getName()) ? 0 : 1;
            }
        }
        assertThat(nukesFollowed).isPositive();
    }

    @Test
    void equalSeedsGiveEqualFeeds() {
        SyntheticFeed feed = new SyntheticFeed(SETTINGS);
        List<String> first = new ArrayList<>();
        List<String> second = new ArrayList<>();
        new GroupTail(feed, 500, 0.5, 3).forEach(a -> first.add(a.getName()));
        new GroupTail(feed, 500, 0.5, 3).forEach(a -> second.add(a.getName()));
        assertThat(first).isEqualTo(second);
    }

    @Test
    void retagReplacesOnlyTheGroupSuffix() {
        assertThat(GroupTail.retag("Some.Movie.2020.1080p.BluRay.x264-SPARKS", 36))
                .isEqualTo("Some.Movie.2020.1080p.BluRay.x264-t10");
        assertThat(GroupName.of(GroupTail.retag("No.Group.Name", 1))).isEqualTo("t1");
    }

    @Test
    void rejectsAnEmptyTailOrShare() {
        SyntheticFeed feed = new SyntheticFeed(SETTINGS);
        assertThatThrownBy(() -> new GroupTail(feed, 0, 0.5, 3)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new GroupTail(feed, 10, 0, 3)).isInstanceOf(IllegalArgumentException.class);
    }
}
