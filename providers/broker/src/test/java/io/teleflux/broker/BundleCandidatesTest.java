package io.teleflux.broker;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class BundleCandidatesTest {

    private static final String ANSWER = String.join("\r\n",
            "v=0", "o=- 1 2 IN IP4 127.0.0.1", "s=-", "t=0 0", "a=group:BUNDLE 0 1",
            "m=video 9 UDP/TLS/RTP/SAVPF 96", "a=mid:0",
            "a=candidate:1 1 udp 2122260223 10.77.0.1 50000 typ host", "a=end-of-candidates",
            "m=application 9 UDP/DTLS/SCTP webrtc-datachannel", "a=mid:1", "a=sctp-port:5000", "") ;

    @Test
    void candidatesOfTheFirstSectionAreCopiedIntoSectionsWithout() {
        String out = BundleCandidates.propagate(ANSWER);
        String data = out.substring(out.indexOf("m=application"));
        assertThat(data).contains("a=candidate:1 1 udp 2122260223 10.77.0.1 50000 typ host\r\n")
                .contains("a=end-of-candidates\r\n");
        String video = out.substring(out.indexOf("m=video"), out.indexOf("m=application"));
        assertThat(video.split("a=candidate:", -1)).hasSize(2);
        assertThat(out).endsWith("\r\n").doesNotContain("\r\n\r\n");
    }

    @Test
    void anSdpWhereEverySectionHasCandidatesIsUnchanged() {
        String both = BundleCandidates.propagate(ANSWER);
        assertThat(BundleCandidates.propagate(both)).isEqualTo(both);
    }

    @Test
    void anSdpWithoutCandidatesIsUnchanged() {
        String none = ANSWER.replace("a=candidate:1 1 udp 2122260223 10.77.0.1 50000 typ host\r\n", "")
                .replace("a=end-of-candidates\r\n", "");
        assertThat(BundleCandidates.propagate(none)).isEqualTo(none);
    }
}
