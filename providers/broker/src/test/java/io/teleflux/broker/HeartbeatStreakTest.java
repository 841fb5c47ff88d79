package io.teleflux.broker;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class HeartbeatStreakTest {

    @Test
    void fiveConsecutive401Or404EndTheSession() {
        HeartbeatStreak s = new HeartbeatStreak();
        assertThat(s.record(401)).isFalse();
        assertThat(s.record(404)).isFalse();
        assertThat(s.record(401)).isFalse();
        assertThat(s.record(404)).isFalse();
        assertThat(s.record(401)).isTrue();
    }

    @Test
    void anyOtherOutcomeBreaksTheStreak() {
        HeartbeatStreak s = new HeartbeatStreak();
        for (int i = 0; i < 4; i++) {
            s.record(404);
        }
        assertThat(s.record(200)).isFalse();
        assertThat(s.streak()).isZero();
        for (int i = 0; i < 4; i++) {
            assertThat(s.record(401)).isFalse();
        }
        assertThat(s.record(0)).as("no reply (network error) breaks it too").isFalse();
        assertThat(s.record(500)).isFalse();
        assertThat(s.streak()).isZero();
    }

    @Test
    void onlyTheFirstFailureOfARunIsLogged() {
        HeartbeatStreak s = new HeartbeatStreak();
        assertThat(s.firstFailure(true)).isTrue();
        assertThat(s.firstFailure(true)).isFalse();
        assertThat(s.firstFailure(false)).isFalse();
        assertThat(s.firstFailure(true)).isTrue();
    }
}
