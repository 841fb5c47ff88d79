package io.teleflux.webrtc;

import io.teleflux.ChannelSpec;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The data channel ids both ends agree on without asking each other: channels sorted by name get ids 1..n. libwebrtc
 * accepts ids 0..1023 only (an id above crashes the JVM in webrtc-java 0.14.0), so at most 1023 channels.
 */
final class ChannelIds {

    static final int MAX_CHANNELS = 1023;

    private ChannelIds() {
    }

    /** The channels in id order, with their ids. */
    static Map<ChannelSpec, Integer> assign(List<ChannelSpec> channels) {
        if (channels.isEmpty()) {
            throw new IllegalArgumentException("a WebRTC session needs at least one channel");
        }
        if (channels.size() > MAX_CHANNELS) {
            throw new IllegalArgumentException("a WebRTC session can have at most " + MAX_CHANNELS
                    + " channels, was " + channels.size());
        }
        List<ChannelSpec> sorted = new ArrayList<>(channels);
        sorted.sort(Comparator.comparing(ChannelSpec::name));
        Map<ChannelSpec, Integer> ids = new LinkedHashMap<>();
        for (int i = 0; i < sorted.size(); i++) {
            if (i > 0 && sorted.get(i).name().equals(sorted.get(i - 1).name())) {
                throw new IllegalArgumentException("channel name declared twice: " + sorted.get(i).name());
            }
            ids.put(sorted.get(i), i + 1);
        }
        return ids;
    }

    /** The names, sorted: what the offer announces. */
    static List<String> names(Map<ChannelSpec, Integer> ids) {
        return ids.keySet().stream().map(ChannelSpec::name).toList();
    }
}
