package io.teleflux.broker;

import static org.assertj.core.api.Assertions.assertThat;

import io.teleflux.broker.ChannelReconciler.Step;
import org.junit.jupiter.api.Test;

class ChannelReconcilerTest {

    private final ChannelReconciler reconciler = new ChannelReconciler();

    private void applyAll(ChannelReconciler.Plan plan) {
        for (Step s : plan.steps()) {
            if (s.closeId() != null) {
                reconciler.closed(s.name());
            }
            if (s.openId() != null) {
                reconciler.opened(s.name(), s.openId());
            }
        }
    }

    @Test
    void operatorJoinOpensAllFourWithStateReliableBackBeforeStateReliableAndStateReliableLast() {
        ChannelReconciler.Plan plan = reconciler.plan(ChannelIdMap.of(1, 2, 3, 4));
        assertThat(plan.operatorLost()).isFalse();
        assertThat(plan.steps()).containsExactly(
                new Step("state_reliable_back", null, 3), new Step("map_unreliable", null, 4),
                new Step("cmd_unreliable", null, 1), new Step("state_reliable", null, 2));
    }

    @Test
    void unchangedIdsNeedNothing() {
        applyAll(reconciler.plan(ChannelIdMap.of(1, 2, 3, 4)));
        assertThat(reconciler.plan(ChannelIdMap.of(1, 2, 3, 4)).isEmpty()).isTrue();
        assertThat(reconciler.plan(ChannelIdMap.none()).isEmpty()).isFalse();
    }

    @Test
    void noOperatorNoChannelsNothingToDo() {
        assertThat(reconciler.plan(ChannelIdMap.none()).isEmpty()).isTrue();
    }

    @Test
    void leaveClosesEverythingAndReportsOperatorLostOnce() {
        applyAll(reconciler.plan(ChannelIdMap.of(1, 2, 3, 4)));
        ChannelReconciler.Plan leave = reconciler.plan(ChannelIdMap.none());
        assertThat(leave.operatorLost()).isTrue();
        assertThat(leave.steps()).extracting(Step::openId).containsOnlyNulls();
        assertThat(leave.steps()).extracting(Step::closeId).containsExactly(3, 4, 1, 2);
        applyAll(leave);
        ChannelReconciler.Plan again = reconciler.plan(ChannelIdMap.none());
        assertThat(again.operatorLost()).isFalse();
        assertThat(again.isEmpty()).isTrue();
    }

    @Test
    void rejoinWithFreshIdsClosesOldAndOpensNew() {
        applyAll(reconciler.plan(ChannelIdMap.of(1, 2, 3, 4)));
        ChannelReconciler.Plan rejoin = reconciler.plan(ChannelIdMap.of(5, 6, 7, 8));
        assertThat(rejoin.operatorLost()).isFalse();
        assertThat(rejoin.steps()).containsExactly(
                new Step("state_reliable_back", 3, 7), new Step("map_unreliable", 4, 8),
                new Step("cmd_unreliable", 1, 5), new Step("state_reliable", 2, 6));
    }

    @Test
    void aFailedOpenIsNotRecordedSoTheNextAckRetriesIt() {
        ChannelReconciler.Plan first = reconciler.plan(ChannelIdMap.of(1, 2, 3, 4));
        for (Step s : first.steps()) {
            if (!s.name().equals("cmd_unreliable")) {
                reconciler.opened(s.name(), s.openId());
            }
        }
        assertThat(reconciler.plan(ChannelIdMap.of(1, 2, 3, 4)).steps())
                .containsExactly(new Step("cmd_unreliable", null, 1));
    }

    @Test
    void stateReliableNeverOpenedDoesNotReportOperatorLost() {
        ChannelReconciler.Plan first = reconciler.plan(ChannelIdMap.of(1, 2, 3, 4));
        for (Step s : first.steps()) {
            if (!s.name().equals("state_reliable")) {
                reconciler.opened(s.name(), s.openId());
            }
        }
        assertThat(reconciler.plan(ChannelIdMap.none()).operatorLost()).isFalse();
    }

    @Test
    void clearForgetsIdsSoAReconnectReopensEvenIdenticalIds() {
        applyAll(reconciler.plan(ChannelIdMap.of(1, 2, 3, 4)));
        reconciler.clear();
        assertThat(reconciler.plan(ChannelIdMap.of(1, 2, 3, 4)).steps()).hasSize(4)
                .allMatch(s -> s.closeId() == null);
    }
}
