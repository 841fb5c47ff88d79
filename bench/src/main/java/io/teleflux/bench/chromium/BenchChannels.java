package io.teleflux.bench.chromium;

import io.teleflux.BackpressurePolicy;
import io.teleflux.ChannelSpec;
import io.teleflux.Direction;
import io.teleflux.Qos;

/**
 * The harness's two channels per kind (its {@code ChannelKind}, package-private there), for the chromium-java target
 * run from this package: {@code bench_<kind>} operator to robot and {@code bench_<kind>_back} robot to operator,
 * the kind's Qos, receivers queueing DROP_LATEST of 65,536 so that counting never limits the result.
 */
final class BenchChannels {

    private BenchChannels() {
    }

    static ChannelSpec forward(boolean reliable) {
        return spec(reliable, "", Direction.OPERATOR_TO_ROBOT);
    }

    static ChannelSpec back(boolean reliable) {
        return spec(reliable, "_back", Direction.ROBOT_TO_OPERATOR);
    }

    static String kind(boolean reliable) {
        return reliable ? "reliable" : "unreliable";
    }

    private static ChannelSpec spec(boolean reliable, String suffix, Direction direction) {
        return ChannelSpec.of("bench_" + kind(reliable) + suffix, direction)
                .withQos(reliable ? Qos.reliable() : Qos.unreliable())
                .withBackpressure(BackpressurePolicy.dropLatest(65_536));
    }
}
