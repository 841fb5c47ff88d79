package io.teleflux.broker;

import com.fasterxml.jackson.databind.JsonNode;
import io.teleflux.webrtc.IceServer;
import java.util.ArrayList;
import java.util.List;

/** The broker's {@code ice_servers} lists ({@code [{urls, username?, credential?}]}, {@code urls} a string or a list). */
final class IceServers {

    private IceServers() {
    }

    /** The servers in {@code reply}'s {@code ice_servers} (a single object counts as a list of one); bad entries are skipped. */
    static List<IceServer> parse(JsonNode reply) {
        JsonNode list = reply.path("ice_servers");
        List<IceServer> out = new ArrayList<>();
        if (list.isObject()) {
            add(list, out);
        } else if (list.isArray()) {
            list.forEach(s -> add(s, out));
        }
        return out;
    }

    private static void add(JsonNode server, List<IceServer> out) {
        JsonNode urls = server.path("urls");
        List<String> list = new ArrayList<>();
        if (urls.isTextual()) {
            list.add(urls.asText());
        } else if (urls.isArray()) {
            urls.forEach(u -> {
                if (u.isTextual()) {
                    list.add(u.asText());
                }
            });
        }
        if (list.isEmpty()) {
            return;
        }
        String user = BrokerHttp.text(server, "username");
        String credential = BrokerHttp.text(server, "credential");
        try {
            out.add(new IceServer(list, user == null ? "" : user, credential == null ? "" : credential));
        } catch (IllegalArgumentException e) {
            // an unusable entry (unknown scheme) is skipped, like a browser would
        }
    }
}
