package io.teleflux.bench.harness;

import io.teleflux.BackpressurePolicy;
import io.teleflux.ChannelSpec;
import io.teleflux.Direction;
import io.teleflux.Qos;
import java.util.List;

/**
 * The two channel kinds measured: a forward channel (operator to robot, where throughput is measured) and a back
 * channel (robot to operator, for the ping-pong echo), both with the kind's delivery guarantee. Receivers queue
 * generously (DROP_LATEST of 65,536) so that the subscriber, which only counts, never limits the result.
 */
enum ChannelKind {
    UNRELIABLE(Qos.unreliable()),
    RELIABLE(Qos.reliable());

    final ChannelSpec forward;
    final ChannelSpec back;

    ChannelKind(Qos qos) {
        BackpressurePolicy policy = BackpressurePolicy.dropLatest(65_536);
        String n = name().toLowerCase(java.util.Locale.ROOT);
        this.forward = ChannelSpec.of("bench_" + n, Direction.OPERATOR_TO_ROBOT).withQos(qos).withBackpressure(policy);
        this.back = ChannelSpec.of("bench_" + n + "_back", Direction.ROBOT_TO_OPERATOR).withQos(qos)
                .withBackpressure(policy);
    }

    List<ChannelSpec> channels() {
        return List.of(forward, back);
    }

    String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
