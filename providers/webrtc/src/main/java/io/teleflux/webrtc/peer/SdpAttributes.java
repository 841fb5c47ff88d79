package io.teleflux.webrtc.peer;

/** The few session description attributes teleflux reads from a peer's SDP. */
public final class SdpAttributes {

    /** RFC 8841: a peer that does not send {@code a=max-message-size} accepts messages of 64 KiB. */
    public static final int DEFAULT_MAX_MESSAGE_SIZE = 65_536;

    private static final String MAX_MESSAGE_SIZE = "a=max-message-size:";

    private SdpAttributes() {
    }

    /**
     * The largest message the peer that wrote {@code sdp} accepts: its {@code a=max-message-size}, 65536 if absent,
     * {@link Integer#MAX_VALUE} for 0 ("any size", RFC 8841) or values beyond an {@code int}.
     */
    public static int maxMessageSize(String sdp) {
        for (String line : sdp.split("\r?\n")) {
            String l = line.trim();
            if (l.startsWith(MAX_MESSAGE_SIZE)) {
                try {
                    long value = Long.parseLong(l.substring(MAX_MESSAGE_SIZE.length()).trim());
                    if (value < 0) {
                        continue;
                    }
                    return value == 0 || value > Integer.MAX_VALUE ? Integer.MAX_VALUE : (int) value;
                } catch (NumberFormatException e) {
                    // a malformed attribute is as good as none
                }
            }
        }
        return DEFAULT_MAX_MESSAGE_SIZE;
    }
}
