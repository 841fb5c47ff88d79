package io.teleflux.samples.go2;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.teleflux.codecs.lcm.Twist;
import io.teleflux.codecs.lcm.Vector3;
import org.junit.jupiter.api.Test;

class BodyTest {

    @Test
    void integratesStraightLinesArcsAndStops() {
        Body body = new Body();
        body.drive(new Twist(new Vector3(1, 0, 0), Vector3.ZERO), 10);
        assertThat(body.pose(12).x()).isCloseTo(2, within(1e-9));
        body.drive(Twist.ZERO, 12);
        assertThat(body.pose(20).x()).isCloseTo(2, within(1e-9));
        // a full circle of radius 1 at 1 m/s and 1 rad/s comes back to where it started
        body.drive(new Twist(new Vector3(1, 0, 0), new Vector3(0, 0, 1)), 20);
        Pose half = body.pose(20 + Math.PI);
        assertThat(half.x()).isCloseTo(2, within(1e-9));
        assertThat(half.y()).isCloseTo(2, within(1e-9));
        Pose back = body.pose(20 + 2 * Math.PI);
        assertThat(back.x()).isCloseTo(2, within(1e-9));
        assertThat(back.y()).isCloseTo(0, within(1e-9));
    }

    @Test
    void lateralVelocityMovesSideways() {
        Body body = new Body();
        body.drive(new Twist(new Vector3(0, 0.5, 0), Vector3.ZERO), 0);
        Pose p = body.pose(2);
        assertThat(p.x()).isCloseTo(0, within(1e-9));
        assertThat(p.y()).isCloseTo(1, within(1e-9));
    }

    @Test
    void anOlderClockReadingNeitherMovesTheBodyNorRewindsIt() {
        Body body = new Body();
        body.drive(new Twist(new Vector3(1, 0, 0), Vector3.ZERO), 5);
        assertThat(body.pose(6).x()).isCloseTo(1, within(1e-9));
        assertThat(body.pose(5.5).x()).isCloseTo(1, within(1e-9));
        assertThat(body.pose(7).x()).isCloseTo(2, within(1e-9));
    }
}
