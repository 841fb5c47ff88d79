package io.teleflux.broker.server;

/**
 * A structural check of an SDP offer before it reaches libwebrtc: webrtc-java 0.14.0 throws from inside its native
 * {@code setRemoteDescription} when the text does not parse, and after such a throw later negotiations on the same
 * factory were seen to stall. So text that is not SDP is refused here with a 422 instead: every line
 * {@code <letter>=<value>}, {@code v=0} first, then an {@code o=} line of six fields, {@code s=} and {@code t=} before
 * the first media section, and a data channel section ({@code m=application}), which the relay's negotiated channels
 * need.
 */
final class SdpShape {

    private SdpShape() {
    }

    /** Returns {@code sdp} if it has the shape of an offer the relay can answer, else throws a 422. */
    static String requireOffer(String sdp) {
        String[] lines = sdp.split("\r?\n");
        if (lines.length == 0 || !"v=0".equals(lines[0].strip())) {
            throw invalid("it does not start with v=0");
        }
        boolean origin = false;
        boolean session = false;
        boolean timing = false;
        boolean media = false;
        boolean application = false;
        for (int i = 1; i < lines.length; i++) {
            String line = lines[i];
            if (line.isEmpty()) {
                continue;
            }
            if (line.length() < 2 || line.charAt(1) != '=' || line.charAt(0) < 'a' || line.charAt(0) > 'z') {
                throw invalid("line " + (i + 1) + " is not <letter>=<value>");
            }
            switch (line.charAt(0)) {
                case 'o' -> origin = !media && line.substring(2).trim().split(" +").length == 6;
                case 's' -> session |= !media;
                case 't' -> timing |= !media;
                case 'm' -> {
                    media = true;
                    application |= line.startsWith("m=application ");
                }
                default -> {
                    // attributes and other lines: libwebrtc judges them
                }
            }
        }
        if (!origin || !session || !timing) {
            throw invalid("it lacks a well-formed o=, s= or t= line before the first m= line");
        }
        if (!application) {
            throw ApiException.unprocessable("Field 'sdp_offer' has no data channel section (m=application): open "
                    + "a data channel before creating the offer");
        }
        return sdp;
    }

    private static ApiException invalid(String why) {
        return ApiException.unprocessable("Field 'sdp_offer' is not an SDP offer: " + why);
    }
}
