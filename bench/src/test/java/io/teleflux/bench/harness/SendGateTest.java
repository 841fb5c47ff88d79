package io.teleflux.bench.harness;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayDeque;
import java.util.List;
import java.util.Queue;
import java.util.function.LongSupplier;
import org.junit.jupiter.api.Test;

/** The raw baseline's flow control reads the buffered amount as rarely as the provider, and waits or drops above it. */
class SendGateTest {

    private static final long ABOVE = SendGate.HIGH_WATER + 1;

    /** Hands out the given readings in order, counting the reads. */
    private static final class Readings implements LongSupplier {
        final Queue<Long> values;
        int reads;

        Readings(Long... values) {
            this.values = new ArrayDeque<>(List.of(values));
        }

        @Override
        public long getAsLong() {
            reads++;
            return values.remove();
        }
    }

    @Test
    void unreliableReadsEvery64MessagesAndDropsUntilBelowTheMark() {
        Readings buffered = new Readings(ABOVE, ABOVE, 0L);
        SendGate gate = new SendGate(buffered, false);
        for (int i = 0; i < SendGate.CHECK_MESSAGES; i++) {
            assertThat(gate.admit(64)).isTrue();
        }
        assertThat(buffered.reads).isZero();
        assertThat(gate.admit(64)).isFalse();
        assertThat(gate.admit(64)).isFalse(); // above the mark: re-read per message
        assertThat(gate.admit(64)).isTrue();
        assertThat(gate.admit(64)).isTrue(); // below again: no read until the next check
        assertThat(buffered.reads).isEqualTo(3);
        assertThat(gate.drops()).isEqualTo(2);
    }

    @Test
    void reliableReadsAfter256KiBAndWaitsUntilAQuarterOfTheMark() {
        Readings buffered = new Readings(ABOVE, SendGate.HIGH_WATER / 2, SendGate.HIGH_WATER / 4);
        SendGate gate = new SendGate(buffered, true);
        assertThat(gate.admit(SendGate.CHECK_BYTES / 2)).isTrue();
        assertThat(gate.admit(SendGate.CHECK_BYTES / 2)).isTrue();
        assertThat(buffered.reads).isZero();
        assertThat(gate.admit(SendGate.CHECK_BYTES / 2)).isTrue(); // parked until the third reading
        assertThat(buffered.reads).isEqualTo(3);
        assertThat(gate.waits()).isEqualTo(1);
        assertThat(gate.drops()).isZero();
    }
}
