package io.teleflux.webrtc.peer;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SdpAttributesTest {

    @Test
    void readsMaxMessageSizeFromTheApplicationSection() {
        String sdp = "v=0\r\nm=application 9 UDP/DTLS/SCTP webrtc-datachannel\r\na=sctp-port:5000\r\n"
                + "a=max-message-size:262144\r\n";
        assertThat(SdpAttributes.maxMessageSize(sdp)).isEqualTo(262_144);
    }

    @Test
    void absentMeans64KiBPerRfc8841() {
        assertThat(SdpAttributes.maxMessageSize("v=0\r\na=sctp-port:5000\r\n")).isEqualTo(65_536);
        assertThat(SdpAttributes.maxMessageSize("v=0\na=max-message-size:oops\n")).isEqualTo(65_536);
    }

    @Test
    void zeroAndHugeMeanAnySize() {
        assertThat(SdpAttributes.maxMessageSize("a=max-message-size:0\r\n")).isEqualTo(Integer.MAX_VALUE);
        assertThat(SdpAttributes.maxMessageSize("a=max-message-size:99999999999\n")).isEqualTo(Integer.MAX_VALUE);
    }
}
