package io.teleflux.webrtc.peer;

import java.util.ArrayList;
import java.util.List;

/**
 * The teleflux framing features of one peer connection, as negotiated in the offer and answer. A feature is on only
 * if both ends enabled it (in teleflux, {@code WebRtcConfig.withFragmentation/withCoalescing}); with any feature on,
 * every data channel of the connection
 * carries {@link FrameFormat} frames, with none the wire is plain WebRTC (one payload per data channel message).
 *
 * <p>The operator's offer lists the features it enabled ({@code "framing":"fragment,coalesce"}); the robot answers
 * with those it enabled too; both ends use the answer's list. A peer that does not know the key (a browser, an older
 * teleflux) neither sends nor answers it, so the connection stays plain. Unknown feature names are ignored.
 *
 * @param fragment payloads above the peer's maximum message size are split into fragments on reliable ordered
 *                 channels (name {@value #FRAGMENT})
 * @param coalesce small payloads already queued for a channel share one data channel message (name
 *                 {@value #COALESCE})
 */
public record Framing(boolean fragment, boolean coalesce) {

    /** The feature name of {@link #fragment()} on the signaling wire. */
    public static final String FRAGMENT = "fragment";
    /** The feature name of {@link #coalesce()} on the signaling wire. */
    public static final String COALESCE = "coalesce";
    /** No framing: plain WebRTC. */
    public static final Framing NONE = new Framing(false, false);

    /** The features named in {@code names}; unknown names are ignored. */
    public static Framing parse(List<String> names) {
        return new Framing(names.contains(FRAGMENT), names.contains(COALESCE));
    }

    /** The features both this and {@code other} have. */
    public Framing and(Framing other) {
        return new Framing(fragment && other.fragment, coalesce && other.coalesce);
    }

    /** Whether the data channels carry frames at all. */
    public boolean framed() {
        return fragment || coalesce;
    }

    /** The feature names, for the offer or answer. */
    public List<String> names() {
        List<String> names = new ArrayList<>(2);
        if (fragment) {
            names.add(FRAGMENT);
        }
        if (coalesce) {
            names.add(COALESCE);
        }
        return List.copyOf(names);
    }
}
