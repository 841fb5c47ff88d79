package io.teleflux;

/** Which end of a teleoperation link a session is. */
public enum Role {
    /** The robot: receives commands, publishes telemetry, maps and video. */
    ROBOT,
    /** The operator (a browser or a Java program): sends commands, receives telemetry, maps and video. */
    OPERATOR
}
