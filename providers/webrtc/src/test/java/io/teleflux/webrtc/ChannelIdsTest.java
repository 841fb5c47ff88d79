package io.teleflux.webrtc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.teleflux.ChannelSpec;
import io.teleflux.Channels;
import io.teleflux.Direction;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class ChannelIdsTest {

    @Test
    void idsFollowSortedNamesSoDeclarationOrderDoesNotMatter() {
        List<ChannelSpec> declared = new ArrayList<>(Channels.STANDARD);
        List<ChannelSpec> reversed = new ArrayList<>(declared);
        java.util.Collections.reverse(reversed);
        assertThat(ChannelIds.assign(declared)).isEqualTo(ChannelIds.assign(reversed));
        assertThat(ChannelIds.assign(declared).values()).containsExactly(1, 2, 3, 4);
        List<String> names = ChannelIds.names(ChannelIds.assign(declared));
        assertThat(names).isSorted();
    }

    @Test
    void atMost1023ChannelsSoIdsStayWithinLibwebrtcsRange() {
        List<ChannelSpec> many = IntStream.rangeClosed(1, 1023)
                .mapToObj(i -> ChannelSpec.of("c" + i, Direction.BOTH)).toList();
        assertThat(ChannelIds.assign(many).values()).allMatch(id -> id >= 1 && id <= 1023);
        List<ChannelSpec> tooMany = new ArrayList<>(many);
        tooMany.add(ChannelSpec.of("c1024", Direction.BOTH));
        assertThatThrownBy(() -> ChannelIds.assign(tooMany)).hasMessageContaining("1024");
        assertThatThrownBy(() -> ChannelIds.assign(List.of())).isInstanceOf(IllegalArgumentException.class);
    }
}
