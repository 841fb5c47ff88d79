package io.teleflux.webrtc;

/** Reads the negotiated video codec from a session description. */
final class VideoSdp {

    private VideoSdp() {
    }

    /** The encoding name of the first payload type of the first {@code m=video} section, or "" if none. */
    static String firstCodec(String sdp) {
        if (sdp == null) {
            return "";
        }
        String firstPayload = null;
        for (String line : sdp.split("\r?\n")) {
            if (firstPayload == null) {
                if (line.startsWith("m=video ")) {
                    String[] parts = line.trim().split(" ");
                    if (parts.length < 4) {
                        return "";
                    }
                    firstPayload = parts[3];
                }
            } else if (line.startsWith("m=")) {
                return "";
            } else if (line.startsWith("a=rtpmap:" + firstPayload + " ")) {
                String encoding = line.substring(line.indexOf(' ') + 1).trim();
                int slash = encoding.indexOf('/');
                return slash < 0 ? encoding : encoding.substring(0, slash);
            }
        }
        return "";
    }
}
