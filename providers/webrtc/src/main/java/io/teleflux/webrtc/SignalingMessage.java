package io.teleflux.webrtc;

import java.util.List;
import java.util.Objects;

/** What the ends of a peer connection tell each other through a {@link SignalingSession}. */
public sealed interface SignalingMessage {

    /**
     * The operator's offer.
     *
     * @param sdp      the session description
     * @param channels the operator's channel names, sorted; the robot refuses an offer whose names differ from its own
     */
    record Offer(String sdp, List<String> channels) implements SignalingMessage {
        public Offer {
            Objects.requireNonNull(sdp, "sdp");
            channels = List.copyOf(channels);
        }
    }

    /** The robot's answer. */
    record Answer(String sdp) implements SignalingMessage {
        public Answer {
            Objects.requireNonNull(sdp, "sdp");
        }
    }

    /**
     * One trickled ICE candidate.
     *
     * @param sdpMid        the media id the candidate belongs to
     * @param sdpMLineIndex the index of that media section
     * @param candidate     the {@code candidate:} line
     */
    record Candidate(String sdpMid, int sdpMLineIndex, String candidate) implements SignalingMessage {
        public Candidate {
            Objects.requireNonNull(sdpMid, "sdpMid");
            Objects.requireNonNull(candidate, "candidate");
        }
    }

    /** The sender closed its end (or refused the offer, with a reason). */
    record Bye(String reason) implements SignalingMessage {
        public Bye {
            Objects.requireNonNull(reason, "reason");
        }
    }
}
