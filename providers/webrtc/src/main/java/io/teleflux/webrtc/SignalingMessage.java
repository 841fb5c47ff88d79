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
     * @param framing  the teleflux framing features the operator enabled ({@code fragment}, {@code coalesce}); empty
     *                 for a plain peer
     */
    record Offer(String sdp, List<String> channels, List<String> framing) implements SignalingMessage {
        public Offer {
            Objects.requireNonNull(sdp, "sdp");
            channels = List.copyOf(channels);
            framing = List.copyOf(framing);
        }

        /** An offer without framing features. */
        public Offer(String sdp, List<String> channels) {
            this(sdp, channels, List.of());
        }
    }

    /**
     * The robot's answer.
     *
     * @param sdp     the session description
     * @param framing the framing features of the offer that the robot enabled too, which both ends then use; empty
     *                for a plain peer
     */
    record Answer(String sdp, List<String> framing) implements SignalingMessage {
        public Answer {
            Objects.requireNonNull(sdp, "sdp");
            framing = List.copyOf(framing);
        }

        /** An answer without framing features. */
        public Answer(String sdp) {
            this(sdp, List.of());
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
