package io.teleflux.webrtc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.teleflux.Teleflux;
import io.teleflux.loopback.LoopbackConfig;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;

class WebRtcConfigTest {

    @Test
    void defaultsAndCopies() {
        InProcessSignaling lab = Signaling.inProcess("lab");
        WebRtcConfig c = WebRtcConfig.of(lab.robot());
        assertThat(c.iceServers()).isEmpty();
        assertThat(c.relayOnly()).isFalse();
        assertThat(c.connectTimeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(c.sendHighWaterMark()).isEqualTo(1024 * 1024);
        assertThat(c.kind()).isEqualTo("webrtc");
        assertThat(c.fragmentation()).isFalse();
        assertThat(c.coalescing()).isFalse();
        WebRtcConfig framed = c.withFragmentation(true).withCoalescing(true);
        assertThat(framed.fragmentation()).isTrue();
        assertThat(framed.coalescing()).isTrue();
        assertThat(framed).isNotEqualTo(c);
        assertThat(framed.withSendHighWaterMark(65_536).withRelayOnly(true).fragmentation()).isTrue();
        WebRtcConfig relay = c.withRelayOnly(true).withIceServers(IceServer.turn("turn:t:3478", "u", "p"));
        assertThat(relay.relayOnly()).isTrue();
        assertThat(c.relayOnly()).isFalse();
        assertThat(relay.iceServers()).hasSize(1);
        assertThat(relay.toString()).doesNotContain("=p,").contains("credential hidden");
    }

    @Test
    void robotAndOperatorConfigsDifferAndEachIsValueEqual() {
        WebRtcConfig robot = WebRtcConfig.of(Signaling.inProcess("lab").robot());
        assertThat(robot).isEqualTo(WebRtcConfig.of(Signaling.inProcess("lab").robot()));
        assertThat(robot.hashCode()).isEqualTo(WebRtcConfig.of(Signaling.inProcess("lab").robot()).hashCode());
        assertThat(robot).isNotEqualTo(WebRtcConfig.of(Signaling.inProcess("lab").operator()));
        assertThat(WebRtcConfig.of(Signaling.webSocket(URI.create("ws://h:1/lab"))))
                .isEqualTo(WebRtcConfig.of(Signaling.webSocket(URI.create("ws://h:1/lab"))));
    }

    @Test
    void badValuesFailAtOnceWithTheValue() {
        WebRtcConfig c = WebRtcConfig.of(Signaling.inProcess("lab").robot());
        assertThatThrownBy(() -> c.withSendHighWaterMark(100)).hasMessageContaining("100");
        assertThatThrownBy(() -> c.withConnectTimeout(Duration.ZERO)).hasMessageContaining("PT0S");
        assertThatThrownBy(() -> IceServer.stun("http://x")).hasMessageContaining("http://x");
        assertThatThrownBy(() -> Signaling.webSocket(URI.create("http://h/lab"))).hasMessageContaining("http://h/lab");
        assertThatThrownBy(() -> Signaling.webSocket(URI.create("ws://h:1/"))).hasMessageContaining("room");
        assertThatThrownBy(() -> Signaling.inProcess(" ")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new IceServer(List.of(), "", "")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void statsOfANonWebRtcSessionIsAnError() {
        var session = Teleflux.robot(LoopbackConfig.named("not-webrtc")).connectNow(Duration.ofSeconds(5));
        try {
            StepVerifier.create(WebRtcSessions.stats(session, Duration.ofMillis(10)))
                    .expectError(IllegalArgumentException.class)
                    .verify(Duration.ofSeconds(5));
        } finally {
            session.disposeNow(Duration.ofSeconds(5));
        }
    }
}
