package io.teleflux;

/** Which way payloads flow on a channel. Sending or receiving against it is a {@link WrongDirectionException}. */
public enum Direction {
    /** Commands and control: only the operator sends, only the robot receives. */
    OPERATOR_TO_ROBOT,
    /** Telemetry, acks, maps: only the robot sends, only the operator receives. */
    ROBOT_TO_OPERATOR,
    /** Both ends send and receive (custom channels; none of the four standard channels). */
    BOTH;

    /** Whether a session of {@code role} may send on a channel of this direction. */
    public boolean allowsSend(Role role) {
        return this == BOTH || (this == OPERATOR_TO_ROBOT) == (role == Role.OPERATOR);
    }

    /** Whether a session of {@code role} may receive on a channel of this direction. */
    public boolean allowsReceive(Role role) {
        return this == BOTH || (this == OPERATOR_TO_ROBOT) == (role == Role.ROBOT);
    }
}
