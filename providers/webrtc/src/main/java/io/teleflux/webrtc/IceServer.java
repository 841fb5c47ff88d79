package io.teleflux.webrtc;

import java.util.List;
import java.util.Objects;

/**
 * A STUN or TURN server for ICE. Immutable; {@link #toString()} hides the credential.
 *
 * @param urls       one or more {@code stun:}, {@code turn:} or {@code turns:} URLs of the same server
 * @param username   the TURN user name, empty for STUN
 * @param credential the TURN password, empty for STUN
 */
public record IceServer(List<String> urls, String username, String credential) {

    public IceServer {
        urls = List.copyOf(urls);
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(credential, "credential");
        if (urls.isEmpty()) {
            throw new IllegalArgumentException("an ICE server needs at least one URL");
        }
        for (String url : urls) {
            if (!url.startsWith("stun:") && !url.startsWith("turn:") && !url.startsWith("turns:")) {
                throw new IllegalArgumentException("ICE server URL must start with stun:, turn: or turns:, was '"
                        + url + "'");
            }
        }
    }

    /** A STUN server, for example {@code stun:stun.example.org:3478}. */
    public static IceServer stun(String url) {
        return new IceServer(List.of(url), "", "");
    }

    /** A TURN server with long-term credentials, for example {@code turn:turn.example.org:3478?transport=udp}. */
    public static IceServer turn(String url, String username, String credential) {
        return new IceServer(List.of(url), username, credential);
    }

    @Override
    public String toString() {
        return "IceServer" + urls + (username.isEmpty() ? "" : " user " + username + " (credential hidden)");
    }
}
