package io.teleflux.webrtc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class SignalingCodecTest {

    @Test
    void everyMessageSurvivesARoundTripIncludingEscapes() {
        List<SignalingMessage> messages = List.of(
                new SignalingMessage.Offer("v=0\r\na=x:\"q\" \\ \t é\u0001\r\n", List.of("a", "b/c", "#d")),
                new SignalingMessage.Offer("v=0", List.of()),
                new SignalingMessage.Answer("v=0\r\n"),
                new SignalingMessage.Offer("v=0", List.of("a"), List.of("fragment", "coalesce")),
                new SignalingMessage.Answer("v=0", List.of("coalesce")),
                new SignalingMessage.Candidate("0", 3, "candidate:1 1 udp 2122260223 10.77.0.1 40000 typ host"),
                new SignalingMessage.Bye("the operator declared channels [a]"));
        for (SignalingMessage m : messages) {
            assertThat(SignalingCodec.decode(SignalingCodec.encode(m))).isEqualTo(m);
        }
    }

    @Test
    void readsWhatABrowserWrites() {
        String browser = "{ \"type\" : \"candidate\", \"candidate\": \"candidate:9 1 udp 1 1.2.3.4 9 typ srflx\","
                + " \"sdpMid\": \"0\", \"sdpMLineIndex\": 0 }";
        assertThat(SignalingCodec.decode(browser)).isEqualTo(
                new SignalingMessage.Candidate("0", 0, "candidate:9 1 udp 1 1.2.3.4 9 typ srflx"));
        assertThat(SignalingCodec.isPaired(SignalingCodec.PAIRED)).isTrue();
        assertThat(SignalingCodec.decode("{\"type\":\"bye\"}")).isEqualTo(new SignalingMessage.Bye(""));
    }

    @Test
    void framingIsWrittenOnlyWhenNotEmptyAndReadAsEmptyWhenAbsent() {
        assertThat(SignalingCodec.encode(new SignalingMessage.Offer("v=0", List.of("a")))).doesNotContain("framing");
        assertThat(SignalingCodec.encode(new SignalingMessage.Answer("v=0"))).isEqualTo(
                "{\"type\":\"answer\",\"sdp\":\"v=0\"}");
        assertThat(SignalingCodec.encode(new SignalingMessage.Answer("v=0", List.of("fragment"))))
                .isEqualTo("{\"type\":\"answer\",\"sdp\":\"v=0\",\"framing\":\"fragment\"}");
        SignalingMessage browserOffer = SignalingCodec.decode(
                "{\"type\":\"offer\",\"sdp\":\"v=0\",\"channels\":\"a\"}");
        assertThat(browserOffer).isEqualTo(new SignalingMessage.Offer("v=0", List.of("a"), List.of()));
        assertThat(SignalingCodec.decode("{\"type\":\"answer\",\"sdp\":\"v=0\",\"framing\":7}"))
                .isEqualTo(new SignalingMessage.Answer("v=0"));
    }

    @Test
    void malformedInputIsAnIllegalArgument() {
        for (String bad : List.of("", "{", "{\"type\":\"offer\"}", "{\"type\":\"nope\"}", "{\"type\":1}x",
                "{\"type\":\"candidate\",\"sdpMid\":\"0\",\"candidate\":\"c\"}", "[1]", "{\"a\":true}")) {
            assertThatThrownBy(() -> SignalingCodec.decode(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
        }
    }
}
