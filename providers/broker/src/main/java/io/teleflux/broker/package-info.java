/**
 * The hosted-teleop broker protocol ({@code /api/v1}, DimOS's dimensional-teleop): the robot side as a teleflux
 * provider, and a Java operator client.
 *
 * <h2>Robot</h2>
 * <pre>{@code
 * Session robot = Teleflux.robot(BrokerConfig.of(apiKey).withRobotId("go2-1")).connectNow(Duration.ofSeconds(30));
 * robot.receive(Channels.CMD_UNRELIABLE, TwistStamped.TYPE).subscribe(drive);          // operator commands
 * robot.send(Channels.STATE_RELIABLE_BACK, ControlMessages.TYPE, telemetry).subscribe(); // dropped+counted w/o operator
 * robot.sendVideo(cameraFrames).subscribe();                                              // the H.264 camera track
 * }</pre>
 * {@link io.teleflux.broker.BrokerConfig} describes the sequence (TURN credentials, one max-bundle peer connection to
 * the broker's SFU with the video track first, a recv-only audio section and a negotiated placeholder channel on SCTP
 * id 0, a non-trickle offer in {@code POST /sessions}, then a heartbeat whose acks open and close the bridged channels
 * as operators join, leave and rejoin). Pings on {@code state_reliable} are answered inline; {@code operator_lost} is
 * injected when the operator goes; five 401/404 heartbeats end the session with
 * {@link io.teleflux.broker.BrokerSessionEndedException}. {@link io.teleflux.broker.BrokerSessions} tells a robot
 * session's broker id and whether an operator is bridged.
 *
 * <h2>Operator</h2>
 * <pre>{@code
 * OperatorClient op = OperatorClient.login(brokerUrl, idToken).block(Duration.ofSeconds(10));
 * Session s = op.join(op.sessions().block(Duration.ofSeconds(10)).get(0).sessionId()).block(Duration.ofSeconds(30));
 * RobotClock clock = RobotClock.sync(s);                                 // ping/pong, min-RTT offset
 * s.send(Channels.CMD_UNRELIABLE, TwistStamped.TYPE,
 *         Flux.interval(Duration.ofMillis(12)).map(i -> clock.twist(i.intValue(), "keyboard", fwd, Vector3.ZERO)));
 * s.receiveVideo().subscribe(frame -> { show(frame); frame.release(); });
 * }</pre>
 * {@link io.teleflux.broker.OperatorConfig} is the provider config behind a join, for custom channels.
 *
 * <h2>Threads</h2>
 * Each peer connection has one control thread ({@code teleflux-broker-robot-<n>} / {@code -operator-<n>}) that makes
 * every call into it; inbound payloads arrive on libwebrtc's signaling thread, outbound ones leave on one sender thread
 * per channel; HTTP runs on a small shared daemon pool ({@code teleflux-broker-http-<n>}).
 */
package io.teleflux.broker;
